"""The folded view of a text: diacritics and case dropped, one character for one.

Why one module of its own: every stage matches words tolerantly (OCR confuses Đ/D, ế/ể,
tuyến/tuyên), and a match found on the folded text is a span of the original because the
fold keeps every offset. It depends on nothing but the character map.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from pipeline.text.charmap import CharMap


def fold_char(c: str) -> str:
    """One character without diacritics, lower-cased; đ → d. Always one character."""
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else base


# fold_char for every character, through a dict for short strings and numpy for whole texts
_FOLD = CharMap(fold_char)


@lru_cache(maxsize=2048)
def fold(s: str) -> str:
    """Length-preserving ASCII-ish view: ``Sở Tư pháp`` → ``so tu phap``.

    Offsets in the folded string are offsets in ``s``, so a match found on the folded text
    is a span of the original. One table look-up per character (``pipeline.text.charmap``):
    extractors fold whole documents, and a Python call per character was the costliest part
    of them. Results are
    cached: the extractors fold the same headings, lines and items again and again (over a
    plan, more than half of the characters folded had been folded before).
    """
    return _FOLD.translate(s)


def fold_slice(text: str, start: int, end: int) -> str:
    """``fold(text[start:end])``, cut from the fold of the whole ``text`` (cached): the fold
    is character by character, so a slice of it is the fold of the slice. Why: extractors
    fold the lines and items of a document one by one, and a short fold is a dict look-up per
    character where the whole text's is one array pass done once."""
    return fold(text)[start:end]
