"""Which classifier names a task's area, and the step that names them after extraction.

Why a module of its own: the keyword rules (``rules.py``) and the trained model
(``model.py``) each stand alone; the hybrid reads both — the model where it is confident,
the rules elsewhere — and a missing or failing model falls back to the rules, so extraction
never stops here. ``assign_areas`` runs after the extractors, on their finished tasks.
"""
from __future__ import annotations

import logging
import os
from typing import Sequence

from pipeline.areas import model as area_model
from pipeline.areas.rules import classify_area
from pipeline.model import Fact

log = logging.getLogger(__name__)

MODE_ENV = "KEHOACH_AREA_CLASSIFIER"
MODES = ("rules", "model", "hybrid")
DEFAULT_MODE = "hybrid"
HYBRID_CONFIDENCE = 0.5  # the model's probability above which the hybrid takes its answer (label CV, README)


def hybrid_area(rule_area: str, proba: dict[str, float], confidence: float = HYBRID_CONFIDENCE) -> str:
    """The model's area when it is confident, else the rules' (a keyword list is surer of the
    words it knows; the model of the many weak cues the list lacks)."""
    return _confident(proba, confidence) or rule_area


def classify_areas(items: Sequence[tuple[str, Sequence[str]]], mode: str | None = None) -> list[str]:
    """The area of each (text, headings) of one document, in one batch.

    ``mode`` (else $KEHOACH_AREA_CLASSIFIER, else DEFAULT_MODE) picks the classifier; a
    missing or failing model falls back to the rules, so extraction never stops here.
    """
    items = list(items)
    mode = mode or os.environ.get(MODE_ENV) or DEFAULT_MODE
    if mode not in ("model", "hybrid") or not items:
        return [classify_area(t, h) for t, h in items]
    try:
        model = area_model.shipped()
        probs = model.proba(items) if model is not None else []
    except Exception:  # a broken model file must not stop extraction
        log.exception("area model failed; using the keyword rules")
        probs = []
    if len(probs) != len(items):
        return [classify_area(t, h) for t, h in items]
    if mode == "model":
        return [max(p, key=p.__getitem__) for p in probs]
    # the rules are read only where the model is not confident (the hybrid ignores them elsewhere)
    return [_confident(p) or classify_area(t, h) for (t, h), p in zip(items, probs)]


def _confident(proba: dict[str, float], confidence: float = HYBRID_CONFIDENCE) -> str | None:
    """The model's area when it is confident (``hybrid_area`` would take it), else None."""
    if not proba:
        return None
    best = max(proba, key=proba.__getitem__)
    return best if proba[best] >= confidence else None


def assign_areas(tasks: list[Fact], mode: str | None = None) -> None:
    """Fill each task's ``area`` from its text and the headings it stands under (the
    extractor leaves them in ``headings``, which this step removes), one batch per document."""
    areas = classify_areas([(t["text"], t.pop("headings", ())) for t in tasks], mode)
    for task, area in zip(tasks, areas):
        task["area"] = area
