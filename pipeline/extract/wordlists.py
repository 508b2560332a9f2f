"""Word lists kept as data (models/*_patterns.tsv) and the regexes built from them.

Why a module: the target and deadline extractors both read ``kind<TAB>words[<TAB>value]``
files written with diacritics for people to edit, and both match them on folded text
(``fold``: no tone marks, đ→d), so OCR text without marks matches the same entries.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from ..normalize import fold, fold_char

MODELS = Path(__file__).resolve().parent.parent.parent / "models"


@lru_cache(maxsize=None)
def load_patterns(name: str) -> dict[str, list[tuple[str, str]]]:
    """``kind -> [(folded words, value), ...]`` from ``models/NAME``, longest words first."""
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in (MODELS / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[1].strip():
            continue
        words = " ".join(fold(parts[1].strip()).split())
        table[parts[0].strip()].append((words, parts[2].strip() if len(parts) > 2 else ""))
    for v in table.values():
        v.sort(key=lambda wv: -len(wv[0]))
    return dict(table)


def alternation(words: list[str]) -> str:
    """A regex alternation of folded word sequences, longest first; a space matches one to
    three blanks, a line break included (OCR keeps the printed line breaks)."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}") for w in parts) or r"(?!x)x"


def words_regex(words: list[str], *, at_end: bool = False, at_start: bool = False) -> re.Pattern[str]:
    """Whole-word matcher for ``words``; anchored at the end of the searched text if asked.

    ``at_start`` patterns are meant for ``pattern.match(text, pos)``, which anchors at
    ``pos`` by itself (a ``^`` would only match at offset 0 or after a newline).
    """
    core = rf"(?<![a-z0-9])(?:{alternation(words)})(?![a-z0-9])"
    if at_end:
        core = core + r"[\s,:]*$"
    if at_start:
        core = r"[\s,:]*" + core
    return re.compile(core)


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character with ``fold_char``."""

    def __missing__(self, code: int) -> str:
        v = fold_char(chr(code))
        self[code] = v
        return v


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=8)
def folded(text: str) -> str:
    """``fold(text)`` at C speed, cached for the last few texts.

    Same result as ``pipeline.normalize.fold`` (one character for one), but through
    ``str.translate``; several extractors fold the same document text, so the last few are kept.
    """
    return text.translate(_FOLD_TABLE)
