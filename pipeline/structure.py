"""From normalised text to a ``Document``: header, opening, outline, Nơi nhận, signature.

What Nghị định 30/2020/NĐ-CP prescribes for the layout of an administrative document is
what this module looks for; every field it cannot find is ``None`` (news items and web
copies without a header are documents too).
"""
from __future__ import annotations

import re

from .model import Document, Header, NormText
from .outline import parse_outline, split_lines

_RECIPIENTS = re.compile(r"(?m)^\s*N[ơo]i\s+nh[ậa]n\s*:?")


def body_range(text: str) -> tuple[int, int]:
    """Where the outline may be: from the start to the Nơi nhận list (or the end)."""
    m = None
    for m in _RECIPIENTS.finditer(text):
        pass
    return 0, (m.start() if m else len(text))


def parse_header(norm: NormText) -> Header:
    """The header fields; see ``pipeline.header`` for the rules."""
    from .header import parse_header as _parse

    return _parse(norm.text)


def structure(doc_id: str, path: str, fmt: str, norm: NormText, encoding: str | None = None) -> Document:
    """Structure a normalised text into a Document."""
    lines = split_lines(norm.text)
    header = parse_header(norm)
    start, end = body_range(norm.text)
    if header.opening:
        start = header.opening[0]
    sections = parse_outline(norm.text, lines, start, end)
    return Document(doc_id, path, fmt, norm, header, lines, sections, encoding)
