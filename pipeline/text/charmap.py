"""A one-character-for-one mapping of strings, fast on whole documents.

Why: the folded and lower-cased views of a plan (``normalize.fold``, ``gazetteer.fast_fold``,
``wordlists.lowered``) are ``str.translate`` over a dict table, and for non-ASCII text
CPython looks every character up in the dict through a Python int: folding a 20 KB plan
took ~0.8 ms, and a plan is folded whole several times. Long strings are therefore mapped
with one numpy look-up per string (~10x faster); short ones (headings, lines) keep
``str.translate``, which is as fast there. Both read the same per-character function, so
the result is the same string either way.
"""
from __future__ import annotations

import re
from array import array
from typing import Callable, Sequence

import numpy as np

# below this length the numpy round trip (encode, look up, decode) does not pay
LONG = 512
_BMP = 0x10000
_UNKNOWN = np.uint32(0xFFFFFFFF)  # a table slot not computed yet (no code point is that large)


class CharMap:
    """``translate(s)``: each character of ``s`` replaced by ``one(c)`` (one character).

    The numpy table is filled lazily, code point by code point as texts bring them, so
    building a map costs nothing up front. Characters outside the Basic Multilingual Plane
    take the dict path. ``one`` must give exactly one character (the maps here are
    length-preserving: offsets in the result are offsets in ``s``).
    """

    def __init__(self, one: Callable[[str], str]):
        self._one = one
        self._table = _DictTable(one)
        self._codes = np.full(_BMP, _UNKNOWN, dtype=np.uint32)

    def translate(self, s: str) -> str:
        if len(s) < LONG:
            return s.translate(self._table)
        codes = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if int(np.maximum.reduce(codes)) >= _BMP:
            return s.translate(self._table)
        idx = codes.astype(np.intp)  # (a look-up by native-width indices: ~10x faster than by uint32)
        out = self._codes[idx]
        if int(np.maximum.reduce(out)) == _UNKNOWN:  # (ufunc reductions: no Python wrapper per call)
            for cp in np.unique(codes[out == _UNKNOWN]).tolist():
                self._codes[cp] = ord(self._table[cp])
            out = self._codes[idx]
        return out.tobytes().decode("utf-32-le", "surrogatepass")


class _DictTable(dict):
    """``str.translate`` table that computes a character's image on first sight and keeps it."""

    def __init__(self, one: Callable[[str], str]):
        super().__init__()
        self._one = one

    def __missing__(self, code: int) -> str:
        v = self._one(chr(code))  # one character: the maps here are length-preserving by design
        self[code] = v
        return v


_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or digit, as ``re`` counts them
_IS_WORD = np.full(_BMP, -1, dtype=np.int8)  # 1 word character, 0 not, -1 not computed yet


def word_runs(s: str) -> tuple[list[str], Sequence[int], Sequence[int]] | None:
    r"""The runs of ``[^\W_]`` characters of a long ``s`` (the words a
    ``re.finditer(r"[^\W_]+", s)`` would give) with their starts and ends, or None for a
    short or non-BMP string. Why: the gazetteer walks a whole plan word by word; finding its
    ~3,000 words with array passes beats building them with a regex split."""
    if len(s) < LONG:
        return None
    codes = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if int(np.maximum.reduce(codes)) >= _BMP:
        return None
    idx = codes.astype(np.intp)  # (a look-up by native-width indices: ~10x faster than by uint32)
    word = _IS_WORD[idx]
    if int(np.minimum.reduce(word)) < 0:
        for cp in np.unique(codes[word < 0]).tolist():
            _IS_WORD[cp] = 1 if _WORD_CHAR.match(chr(cp)) else 0
        word = _IS_WORD[idx]
    edges = np.diff(word, prepend=np.int8(0), append=np.int8(0))
    # every other character a space: str.split() then cuts exactly the runs (no word character
    # is white space)
    words = np.where(word > 0, codes, np.uint32(32)).astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass").split()
    # the bounds as arrays of machine integers (4 bytes a word), not lists of int objects
    # (36 bytes a word): a long text's word bounds are the larger part of its scan's memory
    return (words, array("i", np.flatnonzero(edges == 1).astype(np.int32).tobytes()),
            array("i", np.flatnonzero(edges == -1).astype(np.int32).tobytes()))
