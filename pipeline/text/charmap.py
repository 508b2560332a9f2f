"""A one-character-for-one mapping of strings, computed per character once and kept.

Why: the folded and lower-cased views of a plan (``text.fold``, ``gazetteer.fast_fold``,
``wordlists.lowered``) map each character by a function that is slow to call (Unicode
decomposition); ``str.translate`` over a dict that fills itself on first sight of a character
calls it once per distinct character, not once per character. (A numpy look-up for whole
texts was removed: ``bench/`` measured it, with the array scans of ``starts``, at 4–10% of a
text-corpus ingest — under the 10% a shortcut must save to stay — and its arrays were the
largest objects an extraction held.)
"""
from __future__ import annotations

from typing import Callable


class CharMap:
    """``translate(s)``: each character of ``s`` replaced by ``one(c)`` (one character, so
    offsets in the result are offsets in ``s``)."""

    def __init__(self, one: Callable[[str], str]):
        self._table = _DictTable(one)

    def translate(self, s: str) -> str:
        return s.translate(self._table)


class _DictTable(dict):
    """``str.translate`` table that computes a character's image on first sight and keeps it."""

    def __init__(self, one: Callable[[str], str]):
        super().__init__()
        self._one = one

    def __missing__(self, code: int) -> str:
        v = self._one(chr(code))  # one character: the maps here are length-preserving by design
        self[code] = v
        return v
