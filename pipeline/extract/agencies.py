"""Agencies mentioned in a plan (see ../shared/CONTRACT.md). Not yet implemented."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Fact


@dataclass
class Mention:
    """One agency mention: its vocabulary id, the words as written, and the span."""

    id: str
    name: str
    start: int
    end: int


def find_agencies(text: str, offset: int = 0) -> list[Mention]:
    """Agency mentions in ``text`` (spans shifted by ``offset``), left to right, longest first."""
    return []


def extract_agencies(doc: Document) -> list[Fact]:
    return []
