"""Word lists kept as data (models/*_patterns.tsv) and the regexes built from them.

Why a module: the target and deadline extractors both read ``kind<TAB>words[<TAB>value]``
files written with diacritics for people to edit. Two views of a document share its
offsets: ``folded`` (no marks, đ→d) for literal patterns, and ``lowered`` for word lists,
whose patterns accept any marks on long words (OCR drops or confuses them) but keep short
words as written, since folding merges them (đã/đa, để/dễ, có/cơ, ký/kỳ).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from pipeline.resources import tsv_lines
from pipeline.text.charmap import CharMap
from pipeline.text.fold import fold, fold_char


@lru_cache(maxsize=None)
def load_patterns(name: str) -> dict[str, list[tuple[str, str]]]:
    """``kind -> [(words, value), ...]`` from ``models/NAME``: words lower-cased, NFC, single
    spaces, with their marks (``fold`` them for the folded view)."""
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for parts in tsv_lines(name):
        if len(parts) < 2 or not parts[1].strip():
            continue
        words = " ".join(unicodedata.normalize("NFC", parts[1].strip()).lower().split())
        table[parts[0].strip()].append((words, parts[2].strip() if len(parts) > 2 else ""))
    for v in table.values():
        v.sort(key=lambda wv: -len(wv[0]))
    return dict(table)


def alternation(words: list[str]) -> str:
    """A regex alternation of word sequences for the folded view (``folded``), longest first;
    a space matches one to three blanks, a line break included (OCR keeps printed line breaks)."""
    return "|".join(alternation_parts(words)) or r"(?!x)x"


def alternation_parts(words: list[str]) -> list[str]:
    """The alternatives of ``alternation(words)``, each a regex, in their order."""
    parts = sorted({" ".join(fold(w).split()) for w in words if w.strip()}, key=len, reverse=True)
    return [re.escape(w).replace(r"\ ", r"\s{1,3}") for w in parts]


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Folded letter → regex class of every lower-case letter that folds to it (a → [aàá...])."""
    groups: dict[str, set[str]] = defaultdict(set)
    for code in list(range(0x61, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(code)
        if c.islower() or c in "đ":
            f = fold_char(c)
            if len(f) == 1 and "a" <= f <= "z":
                groups[f].add(c)
    return {k: "[" + "".join(sorted(v)) + "]" for k, v in groups.items()}


def _short(word: str) -> bool:
    """A one-syllable word of at most three letters: folding makes it collide with others
    (đã/đa, để/dễ, có/cơ, ký/kỳ), so it is matched as written, or with no marks at all."""
    return " " not in word and len(fold(word)) <= 3


def _view_pattern(word: str) -> str:
    if _short(word):
        forms = {re.escape(word), re.escape(fold(word))}
        return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"
    return _any_marks(word)


def _any_marks(chars: str) -> str:
    """A regex for ``chars`` with any marks on each letter, a space one to three blanks."""
    var = _variants()
    out = []
    for c in chars:
        if c == " ":
            out.append(r"\s{1,3}")
        else:
            f = fold_char(c)
            out.append(var.get(f, re.escape(c)))
    return "".join(out)


def words_regex(words: list[str], *, at_end: bool = False, at_start: bool = False) -> re.Pattern[str]:
    """Whole-word matcher for ``words`` over the lower-cased view (``lowered``).

    Long words match with any marks or none (OCR confuses ế/ể, drops marks); short ones
    only as written or fully unmarked (see ``_short``). ``at_end``: anchored at the end of
    the searched text. ``at_start`` patterns are meant for ``pattern.match(text, pos)``,
    which anchors at ``pos`` by itself (a ``^`` only matches at 0 or after a newline).
    """
    parts = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    alt = "|".join(_view_pattern(w) for w in parts) or r"(?!x)x"
    core = rf"(?<![\w])(?:{alt})(?![\w])"
    if not at_start:
        core = _opening_with_letters(parts) or core
    if at_end:
        core = core + r"[\s,:]*$"
    if at_start:
        core = r"[\s,:]*" + core
    return re.compile(core)


def _first_and_rest(word: str) -> list[tuple[frozenset[str], str]]:
    """The forms of ``_view_pattern(word)`` as (the characters its first letter may be, the
    regex of the rest), in the order the alternation tries them; [] when a form does not
    open with one character."""
    if _short(word):
        forms = sorted({word, fold(word)}, key=lambda f: len(re.escape(f)), reverse=True)
        return [(frozenset(f[0]), re.escape(f[1:])) for f in forms]
    if word[0] == " ":
        return []
    var = _variant_sets()
    first = var.get(fold_char(word[0]), frozenset(word[0]))
    return [(first, _any_marks(word[1:]))]


def _opening_with_letters(parts: list[str]) -> str | None:
    r"""``(?<![\w])(?:A|B|...)(?![\w])`` over the forms of ``parts`` written to open with one
    class of every first letter, the look-behind after it (``(?<![\w].)`` one character on
    says the same, as no form opens with a line break) and each form's own first letter
    checked by a one-character look-behind: ``[tđ...](?<![\w].)(?:(?<=[tţ...])hoi|...)``.

    Why: a pattern that opens with a look-behind is tried at every position of the text; one
    that opens with a class lets the regex engine skip to the letters that can start a word
    of the list. The forms are tried in the same order at the same place, so the same one
    matches. None when some form does not open with one character."""
    forms: list[tuple[frozenset[str], str]] = []
    for w in parts:
        fr = _first_and_rest(w)
        if not fr:
            return None
        forms += fr
    if not forms or any("\n" in first for first, _ in forms):
        return None

    def cls(chars) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"

    opening = cls(frozenset().union(*(first for first, _ in forms)))
    alts = "|".join(f"(?<={cls(first)}){rest}" for first, rest in forms)
    return rf"{opening}(?<![\w].)(?:{alts})(?![\w])"


@lru_cache(maxsize=1)
def _variant_sets() -> dict[str, frozenset[str]]:
    """``_variants`` as sets of characters (folded letter → every letter folding to it)."""
    return {k: frozenset(v[1:-1]) for k, v in _variants().items()}


def _lower_one(c: str) -> str:
    """``c`` lower-cased when that keeps it one character, else ``c``."""
    low = c.lower()
    return low if len(low) == 1 else c


_LOWER = CharMap(_lower_one)


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """``text`` lower-cased one character for one, so offsets stay valid: the view that
    ``words_regex`` patterns run on."""
    return _LOWER.translate(text)


@lru_cache(maxsize=8)
def folded(text: str) -> str:
    """``pipeline.normalize.fold(text)``, cached for the last few texts: several extractors
    fold the same document text."""
    return fold(text)
