"""Extractors: each takes a ``Document`` and returns contract-shaped facts with spans.

They run in a fixed order because later ones read earlier results (tasks need agencies to
assign, deadlines need the document's year). ``extract_all`` is that order.
"""
from __future__ import annotations

from typing import Any

from pipeline.extract import agencies, deadlines, references, targets, tasks
from pipeline.model import Document, Fact


def extract_all(doc: Document) -> dict[str, Any]:
    """All parts of the contract for one document."""
    refs, named = references.extract_references(doc)
    ags = agencies.extract_agencies(doc)
    tgs = targets.extract_targets(doc)
    dls = deadlines.extract_deadlines(doc)
    tks = tasks.extract_tasks(doc)
    return {
        "references": refs,
        "named_references": named,
        "agencies": ags,
        "targets": tgs,
        "deadlines": dls,
        "tasks": tks,
    }


__all__ = ["extract_all", "Fact"]
