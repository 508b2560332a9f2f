"""List markers: the roman numerals of part headings, and how OCR misreads the characters
of markers (``(l)`` for ``(1)``, ``1}`` for ``1)``).

Why in the text utilities: the OCR repairs of the normaliser, the outline parser and the
assignment reader all put markers right from the same table, ``models/marker_confusions.tsv``.
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.resources import tsv_lines

# a roman numeral of a part heading (I to XXXIX), as printed
ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"


def roman_value(label: str) -> int:
    """The number a roman numeral of ``ROMAN`` writes ("IV" → 4)."""
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, c in enumerate(label):
        v = vals[c]
        total += -v if i + 1 < len(label) and vals[label[i + 1]] > v else v
    return total


@lru_cache(maxsize=1)  # a file read: once per process
def marker_confusions() -> dict[str, dict[str, str]]:
    """OCR misreadings of marker characters by context: ``{context: {misread: meant}}``."""
    table: dict[str, dict[str, str]] = {}
    for src, dst, ctx, *_ in tsv_lines("marker_confusions.tsv"):
        table.setdefault(ctx, {})[src] = dst
    return table
