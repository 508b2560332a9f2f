"""Which characters a regex match can begin with: a cheap test that skips a pattern at a place
where it cannot match.

Why: the outline reads every line's marker by trying up to nine anchored patterns in turn,
and the OCR repair tries five more; at a line's first character most of them fail at once,
but each attempt still costs a call into the regex engine. Dispatching on the first
character tries only the patterns that may start with it, in their order, so the first one
that matches is the same.

The analysis reads the parsed pattern (``re._parser``, the standard library's own parser) and
is conservative: anything it does not follow (a back-reference, a conditional, a flag that
changes case, a negated class part, a pattern that may match the empty string) gives None,
"may begin with anything", and the pattern is always tried.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _C, _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

_CATEGORY_CLASS = {
    _C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_NOT_DIGIT: r"\D",
    _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_NOT_SPACE: r"\S",
    _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = {_C.AT, _C.ASSERT, _C.ASSERT_NOT}
_REPEATS = {getattr(_C, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_C, n)}
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)


class _Unknown(Exception):
    """A construct the analysis does not follow: the pattern may begin with anything."""


def _class_part(op, av) -> str:
    """One part of a ``[...]`` class, written as a class part again."""
    if op is _C.LITERAL:
        return re.escape(chr(av))
    if op is _C.RANGE:
        return re.escape(chr(av[0])) + "-" + re.escape(chr(av[1]))
    if op is _C.CATEGORY and av in _CATEGORY_CLASS:
        return _CATEGORY_CLASS[av]
    raise _Unknown(op)


def _first(seq) -> tuple[list[str], bool]:
    """(class parts a match of ``seq`` may begin with, whether ``seq`` may match empty)."""
    parts: list[str] = []
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the first character comes from what follows
        if op is _C.LITERAL:
            return parts + [_class_part(op, av)], False
        if op is _C.IN:
            if any(o is _C.NEGATE for o, _ in av):
                raise _Unknown(op)
            return parts + [_class_part(o, a) for o, a in av], False
        if op is _C.SUBPATTERN:
            group_flags = av[1] | av[2]
            if group_flags & (re.IGNORECASE | re.LOCALE):
                raise _Unknown(op)
            sub, nullable = _first(av[-1])
        elif op is _C.BRANCH:
            sub, nullable = [], False
            for alt in av[1]:
                p, n = _first(alt)
                sub += p
                nullable = nullable or n
        elif op in _REPEATS:
            sub, n = _first(av[2])
            nullable = n or av[0] == 0
        elif _ATOMIC is not None and op is _ATOMIC:
            sub, nullable = _first(av)
        else:
            raise _Unknown(op)
        parts += sub
        if not nullable:
            return parts, False
    return parts, True


@lru_cache(maxsize=None)
def first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-character class matching every character a match of ``pattern`` (tried with
    ``match`` at a position) can begin with, or None when that is unknown or any."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        parts, nullable = _first(_P.parse(pattern.pattern, pattern.flags))
    except (_Unknown, AttributeError, TypeError, ValueError, re.error):
        return None
    if nullable or not parts:
        return None
    return re.compile("[" + "".join(parts) + "]", pattern.flags & re.ASCII)


def may_begin(pattern: re.Pattern[str], ch: str) -> bool:
    """False only when no match of ``pattern`` can begin with the character ``ch``."""
    cls = first_class(pattern)
    return cls is None or cls.match(ch) is not None
