"""Plain text that was hard-wrapped at a fixed width, put back one paragraph per line.

Why: a text copied out of a PDF viewer or an e-mail keeps the printed line breaks, and the
outline reads a numbered line as an item or a heading. "1. Công an tỉnh chủ trì thực hiện
nội dung b mục 2; phối hợp" cut at 60 columns reads like a heading, its own words become a
paragraph under it, and the item loses its lead. The OCR and PDF readers rejoin printed
lines from their boxes (``ocr.reflow``); a text file has no boxes, but a hard wrap leaves
its own mark: almost no line is longer than the wrap width, and many come close to it.

A line continues the one above when that line was full (the first word of this one would
not have fitted after it), the line above has lower-case letters (headings and header
blocks stay as they are), neither is a table row, this line does not open a list item, and
no blank line stands between them; a bracketed line after a finished sentence stays
apart too (a trailing "(X chủ trì, phối hợp ... thực hiện)" line). Text that is not
hard-wrapped is returned unchanged.
"""
from __future__ import annotations

from pipeline.read.ocr import _ITEM_START

MIN_LINES = 8  # fewer lines than this say nothing about a wrap width
LONG = 20  # lines shorter than this (headings, signatures) are not evidence either way


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it does not look hard-wrapped.

    Hard-wrapped: of the lines of at least ``LONG`` characters, at most 3% run more than 10%
    past the 95th-percentile length (the width), and at least 40% come within a quarter of it.
    """
    lengths = sorted(len(ln.rstrip()) for ln in lines if len(ln.strip()) >= LONG)
    if len(lengths) < MIN_LINES:
        return None
    width = lengths[min(len(lengths) - 1, int(0.95 * len(lengths)))]
    if not 30 <= width <= 140:
        return None
    over = sum(1 for n in lengths if n > width * 1.1)
    near = sum(1 for n in lengths if n >= 0.75 * width)
    if over > 0.03 * len(lengths) or near < 0.4 * len(lengths):
        return None
    return width


def unwrap(text: str) -> str:
    """``text`` with hard-wrapped paragraphs rejoined (unchanged when it is not hard-wrapped)."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    prev: str | None = None  # the physical line above, when no blank line stands between
    for ln in lines:
        s = ln.strip()
        if not s:
            out.append(ln)
            prev = None
            continue
        item = bool(_ITEM_START.match(s)) or s.startswith("|")
        # a bracketed line after a finished sentence: a trailing "(X chủ trì ... thực hiện)" or a note
        item = item or s.startswith("(") and prev is not None and prev.rstrip().endswith((".", ";", ":"))
        joins = (
            prev is not None
            and len(prev.rstrip()) + 1 + len(s.split()[0]) > width - 1
            and any(c.islower() for c in prev)
            and not prev.rstrip().endswith(("-", "|"))
            and not prev.lstrip().startswith("|")
            and not item
        )
        if joins:
            out[-1] = out[-1].rstrip() + " " + s
        else:
            out.append(ln)
        prev = ln
    return "\n".join(out)
