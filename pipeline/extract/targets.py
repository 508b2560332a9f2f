"""Targets of a plan (see ../shared/CONTRACT.md). Not yet implemented: returns no facts."""
from __future__ import annotations

from ..model import Document, Fact


def extract_targets(doc: Document) -> list[Fact]:
    return []
