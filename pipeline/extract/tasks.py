"""Tasks and assignments of a plan (see ../shared/CONTRACT.md). Not yet implemented."""
from __future__ import annotations

from ..model import Document, Fact


def extract_tasks(doc: Document) -> list[Fact]:
    return []
