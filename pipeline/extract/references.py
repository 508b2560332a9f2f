"""Legal references of a plan (see ../shared/CONTRACT.md). Not yet implemented."""
from __future__ import annotations

from ..model import Document, Fact


def extract_references(doc: Document) -> tuple[list[Fact], list[Fact]]:
    """(numbered references, named references without a number)."""
    return [], []
