"""Programme area of a task: a transparent keyword rule set, a trained model, or both.

The rules: a weighted keyword list an auditor can read and extend (models/area_keywords.tsv),
matched on the folded text, so OCR without diacritics works. The model: a spaCy bag-of-words
textcat trained on composed plan items (pipeline/areas/model.py; the sample plans stay out of it). The
default is the hybrid — the model's answer when its probability is at least
HYBRID_CONFIDENCE, else the rules' — because on the composed labels (out of sample for both)
it beats the rules by far, and on the sample plans, which the model never saw, it beats the rules
that were themselves written while reading those plans (scripts/eval_area.py; README). The rules
stay the fallback whenever the model file is missing or fails.

Rule scoring: keywords are matched longest-first without overlap ("điều tra cơ bản" is police
prevention, not investigation). An item's keyword counts its weight, doubled in the item's
opening (its first sentence says what the work is); enclosing headings add their keywords
with a smaller factor, the nearest heading most (a heading such as "Công tác điều tra, truy tố,
xét xử" says where its items belong when the items' own words are few). Ties and empty
scores go to the nearest heading's best area, else ``chi_dao`` (steering and organising is
what a plan's remaining items are).
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable

from pipeline.resources import tsv_lines, tsv_records
from pipeline.text.fold import fold

log = logging.getLogger(__name__)

# Which classifier labels a plan's tasks: "rules" (this module), "model" (the trained textcat
# of pipeline/areas/model.py) or "hybrid" (the model where it is confident, else the rules).
# scripts/eval_area.py compares them leave-one-document-out; README has the table.
DEFAULT_AREA = "chi_dao"
OPENING = 160  # characters of an item that count double
HEADING_FACTORS = (1.2, 0.6, 0.4)  # nearest heading first
MAX_TEXT = 3000
BROAD_AREAS, BROAD_SCORE = 6, 2.0  # an item scoring in this many areas is a steering item


@lru_cache(maxsize=1)
def _keywords() -> tuple[re.Pattern[str], dict[str, list[tuple[str, float]]]]:
    table: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for parts in tsv_lines("area_keywords.tsv"):
        if parts[0] == "area" or len(parts) < 3:
            continue
        area, w, kw = parts[0].strip(), float(parts[1]), parts[2].strip()
        table[re.sub(r"\s+", " ", kw)].append((area, w))
    words = sorted(table, key=len, reverse=True)
    # Longest first, grouped by first letter ("t(?:ruy to|u phap)|..."): at each word the regex
    # engine then tries only the keywords that start with its letter, in the same order as a
    # flat alternation would, so the same keyword wins.
    groups: dict[str, list[str]] = {}
    for k in words:
        groups.setdefault(k[0], []).append(re.escape(k[1:]).replace(r"\ ", r"\s+"))
    # (the "not inside a word" look-behind sits after the first letter, so the scan skips to letters)
    alt = "|".join(re.escape(first) + r"(?<!\w.)(?:" + "|".join(rests) + ")" for first, rests in groups.items())
    return re.compile(rf"(?:{alt})(?!\w)"), dict(table)


@lru_cache(maxsize=1)
def area_ids() -> list[str]:
    return [r["id"] for r in tsv_records("areas.tsv")]


_WS = re.compile(r"\s+")


@lru_cache(maxsize=1024)
def _heading_hits(heading: str) -> tuple[str, ...]:
    """The keywords of a heading (cached: every item under a heading reads it again)."""
    pat, _ = _keywords()
    return tuple(_WS.sub(" ", m.group(0)) for m in pat.finditer(fold(heading)))


def area_scores(text: str, headings: Iterable[str] = ()) -> dict[str, float]:
    """Score of each area for an item's text and its enclosing headings (outermost first)."""
    pat, table = _keywords()
    scores: dict[str, float] = defaultdict(float)
    f = fold(text[:MAX_TEXT])
    seen: dict[str, int] = defaultdict(int)
    for m in pat.finditer(f):
        kw = _WS.sub(" ", m.group(0))
        seen[kw] += 1
        if seen[kw] > 2:
            continue
        factor = 2.0 if m.start() < OPENING and seen[kw] == 1 else (1.0 if seen[kw] == 1 else 0.5)
        for area, w in table.get(kw, []):
            scores[area] += w * factor
    depth = 0
    for h in reversed(list(headings)):
        if depth >= len(HEADING_FACTORS):
            break
        hits = _heading_hits(h[:300])
        if not hits:
            continue  # "Nội dung hoạt động", an agency's name: says nothing of the area
        for kw in hits:
            for area, w in table.get(kw, []):
                scores[area] += w * HEADING_FACTORS[depth]
        depth += 1
    return dict(scores)


def classify_area(text: str, headings: Iterable[str] = ()) -> str:
    """The area id (models/areas.tsv) that fits an item best."""
    scores = area_scores(text, headings)
    if not scores:
        return DEFAULT_AREA
    ranked = sorted(scores.values(), reverse=True)
    if sum(1 for s in ranked if s >= BROAD_SCORE) >= BROAD_AREAS and ranked[0] < 1.5 * ranked[1]:
        return DEFAULT_AREA  # an item that spans the whole programme steers it
    best = max(scores.values())
    tops = [a for a, s in scores.items() if s == best]
    if len(tops) == 1:
        return tops[0]
    heads = list(headings)
    if heads:
        hs = area_scores("", heads[-1:])
        tops.sort(key=lambda a: -hs.get(a, 0.0))
    return tops[0]
