"""Provinces through time: which province a plan belongs to, as issued and as of today.

Why: on 2025-07-01 the 63 provinces became 34. A 2021 plan of Hà Giang still counts for
Tuyên Quang today, but an auditor comparing 2021 plans wants the provinces as they were.
The dated lineage lives in ``models/province_lineage.tsv`` (data, not code); this module
only reads it. Department (agency) lineage is read from ``models/department_lineage.tsv``
when that file exists (it belongs to the entity work), so leads can be compared by the
departments of today too.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from pipeline.resources import MODELS
from pipeline.text.fold import fold


def _rows(path: Path) -> list[dict[str, str]]:
    """A TSV file's rows, skipping ``#`` comment lines."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=4096)
def name_key(name: str | None) -> str:
    """A spelling-insensitive key: folded, 'tỉnh'/'thành phố' dropped, no punctuation or spaces.

    Why: plans write "Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu", "tỉnh Hòa Bình", "Hoà Bình" and OCR
    loses diacritics; all of them must land on one province.
    """
    if not name:
        return ""
    s = fold(name.strip())
    s = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


@dataclass(frozen=True)
class Step:
    old: str
    new: str
    effective: str  # ISO date
    kind: str


@lru_cache(maxsize=1)
def _lineage() -> tuple[dict[str, str], dict[str, list[Step]]]:
    """(key → canonical name, canonical old name → its dated steps, oldest first)."""
    canon: dict[str, str] = {}
    steps: dict[str, list[Step]] = {}
    for r in _rows(MODELS / "province_lineage.tsv"):
        old, new = r["old"].strip(), r["new"].strip()
        for n in [old, new] + [a for a in (r.get("aliases_of_old") or "").split("|") if a.strip()]:
            canon.setdefault(name_key(n), old if n not in (new,) else new)
        canon[name_key(old)] = old
        canon.setdefault(name_key(new), new)
        if old != new or r["kind"] != "unchanged":
            steps.setdefault(old, []).append(Step(old, new, r["effective"], r["kind"]))
    for v in steps.values():
        v.sort(key=lambda s: s.effective)
    return canon, steps


@lru_cache(maxsize=4096)
def canonical(name: str | None) -> str | None:
    """The lineage file's spelling of a province name, or the name as given when unknown."""
    if not name:
        return None
    return _lineage()[0].get(name_key(name), name.strip())


@lru_cache(maxsize=8192)
def province_on(name: str | None, on: str | date | None = None) -> str | None:
    """The province that ``name`` belonged to on date ``on`` (default: today).

    Follows the chain of dated steps (Thừa Thiên Huế → Huế → Huế), so a plan of any date can
    be counted for its successor; a date before a step leaves the name as it was.
    """
    cur = canonical(name)
    if cur is None:
        return None
    when = (on.isoformat() if isinstance(on, date) else on) or date.today().isoformat()
    steps = _lineage()[1]
    for _ in range(5):  # chains are short; the bound guards against a cycle in the data
        nxt = [s for s in steps.get(cur, []) if s.effective <= when and s.new != cur]
        if not nxt:
            break
        cur = nxt[-1].new
    return cur


def current(name: str | None) -> str | None:
    """Today's province for a province named in a plan of any date."""
    return province_on(name)


def members(new: str, on: str | None = None) -> list[str]:
    """The old provinces that form ``new`` (itself included), as of ``on`` (default today)."""
    canon_new = canonical(new)
    when = on or date.today().isoformat()
    out = {canon_new} if canon_new else set()
    for old in _lineage()[1]:
        if province_on(old, when) == canon_new:
            out.add(old)
    return sorted(out)


def all_steps() -> list[Step]:
    """Every dated step of the lineage (for the ``provinces`` table of the store)."""
    return [s for v in _lineage()[1].values() for s in v]


@lru_cache(maxsize=1)
def _departments() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for r in _rows(MODELS / "department_lineage.tsv"):
        old = r.get("old_id") or r.get("old") or ""
        new = r.get("new_id") or r.get("new") or ""
        eff = r.get("effective") or r.get("effective_date") or r.get("date") or ""
        if old and new:
            out.setdefault(old.strip(), []).append((eff.strip(), new.strip()))
    return out


def agency_on(agency_id: str, on: str | None = None) -> str:
    """The agency kind that ``agency_id`` became by date ``on`` (identity without lineage data)."""
    when = on or date.today().isoformat()
    cur = agency_id
    for _ in range(5):
        nxt = [n for eff, n in _departments().get(cur, []) if (not eff or eff <= when) and n != cur]
        if not nxt:
            break
        cur = nxt[-1]
    return cur


def in_province(plan_province: str | None, wanted: str, on: str | None = None) -> bool:
    """Whether a plan of ``plan_province`` is one of ``wanted``'s plans.

    A province that still exists takes in the plans of every province merged into it; a
    province that no longer exists (Bạc Liêu after 2025-07-01) means the plans issued there.
    """
    if not plan_province:
        return False
    if province_on(wanted, on) != canonical(wanted):
        return name_key(canonical(plan_province)) == name_key(canonical(wanted))
    return province_on(plan_province, on) == canonical(wanted)
