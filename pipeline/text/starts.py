"""Where in a whole text a pattern can start, found by array passes instead of a regex scan.

Why: a regex that does not open with one literal character makes the engine test a character
class (or every alternative) at each position of the text, ~15 ns a character: a 20 KB plan
costs ~0.3 ms per such scan, and extraction ran several. The same positions come from numpy
passes over the text's code points (~1 ns a character); the extractors then try their
pattern only there (``pattern.match(text, pos)``: look-behinds still see the text before).

Every function returns None for a short text or one with characters beyond the Basic
Multilingual Plane: the caller then runs its regex scan as before.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Callable, Iterator

import numpy as np

from pipeline.text.charmap import LONG

_BMP = 0x10000


class CharClass:
    """A set of characters, as a lazily filled table over the BMP (-1: not computed yet)."""

    def __init__(self, member: Callable[[str], bool]):
        self._member = member
        self._table = np.full(_BMP, -1, dtype=np.int8)

    def mask(self, codes: np.ndarray) -> np.ndarray:
        """True where the code point is in the class."""
        got = self._table[codes]
        if int(np.minimum.reduce(got)) < 0:
            for cp in np.unique(codes[got < 0]).tolist():
                self._table[cp] = 1 if self._member(chr(cp)) else 0
            got = self._table[codes]
        return got > 0


def regex_class(cls: str) -> CharClass:
    """The characters one regex character class (``\\d``, ``[^\\W_]``, ``[.,/]``) matches."""
    rx = re.compile(cls)
    return CharClass(lambda c: rx.fullmatch(c) is not None)


DIGIT = regex_class(r"\d")
WORD = regex_class(r"[^\W_]")


_CODES: OrderedDict[str, np.ndarray | None] = OrderedDict()
_CODES_BUDGET = 16 * 1024 * 1024  # bytes of cached arrays; the newest is kept whatever its size


def codes(s: str) -> np.ndarray | None:
    """The code points of ``s`` as native-width integers, which index the class tables ~10x
    faster than uint32 (None: short, or beyond the BMP). Cached: the date, figure, symbol
    and reference passes read the same texts. The cache is bounded by bytes, not entries
    (8 bytes a character: eight arrays of a 1.7-million-character text were 100 MB), and
    keeps the most recent texts; a text pushed out costs one more array pass."""
    if len(s) < LONG:
        return None
    if s in _CODES:
        _CODES.move_to_end(s)
        return _CODES[s]
    c = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    arr = None if int(np.maximum.reduce(c)) >= _BMP else c.astype(np.intp)
    _CODES[s] = arr
    total = sum(a.nbytes for a in _CODES.values() if a is not None)
    while len(_CODES) > 1 and (len(_CODES) > 8 or total > _CODES_BUDGET):
        _, old = _CODES.popitem(last=False)
        total -= old.nbytes if old is not None else 0
    return arr


def _before(mask: np.ndarray) -> np.ndarray:
    """``mask`` shifted one place right: True where the previous character is in the class
    (False at the text's first character)."""
    out = np.empty_like(mask)
    out[0] = False
    out[1:] = mask[:-1]
    return out


def digit_runs(s: str) -> list[tuple[int, int]] | None:
    """(start, end) of each maximal run of ``\\d`` characters of ``s``, in order."""
    c = codes(s)
    if c is None:
        return None
    d = DIGIT.mask(c).view(np.int8)
    edges = np.diff(d, prepend=np.int8(0), append=np.int8(0))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()))


def starts_not_after(s: str, first: CharClass, before: CharClass) -> list[int] | None:
    """Positions ``p`` where ``s[p]`` is in ``first`` and ``s[p - 1]`` is not in ``before``
    (or ``p`` is 0): the matches of ``first(?<!before first)``."""
    c = codes(s)
    if c is None:
        return None
    return np.flatnonzero(first.mask(c) & ~_before(before.mask(c))).tolist()


def matches_at(pattern: re.Pattern[str], s: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s)`` when every match starts at one of ``positions`` (sorted) and
    none is empty: the pattern is tried there alone, a position inside the previous match
    skipped as the scan would."""
    end = 0
    for p in positions:
        if p < end:
            continue
        m = pattern.match(s, p)
        if m is not None:
            end = m.end()
            yield m
