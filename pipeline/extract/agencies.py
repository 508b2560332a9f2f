"""Agencies mentioned in a plan (see ../shared/CONTRACT.md, "agencies"): every mention the
gazetteer matcher (``pipeline.lexicon.agency_mentions``) finds, grouped by agency id."""
from __future__ import annotations

from pipeline.lexicon.agency_mentions import find_agencies
from pipeline.model import Document, Fact


def extract_agencies(doc: Document) -> list[Fact]:
    """One entry per distinct agency id over the whole text (Nơi nhận and stamps included)."""
    mentions = find_agencies(doc.text)
    by_id: dict[str, Fact] = {}
    for m in mentions:
        fact = by_id.get(m.id)
        if fact is None:
            fact = by_id[m.id] = {"id": m.id, "name": m.name, "spans": []}
        fact["spans"].append(doc.span(m.start, m.end))
    return list(by_id.values())
