"""The audit's findings as read: from the findings kept at ingest, brought up to date first,
or (``fresh=True``, or a store that cannot be written) computed from the fact tables."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlite_utils

from pipeline.derive.audit import Auditor, sort_findings
from pipeline.derive.refresh import ensure_fresh


def run(db: sqlite_utils.Database | str | Path, province: str | None = None, year: int | None = None,
        kinds: list[str] | None = None, fresh: bool = False) -> list[dict[str, Any]]:
    """All findings for the stored plans (optionally one province — today's or as written — and year)."""
    if not isinstance(db, sqlite_utils.Database):
        db = sqlite_utils.Database(db)
    if not fresh and ensure_fresh(db):
        a = Auditor(db, province, year, text=False)
        ids = list(a.docs)
        coverage: dict[str, set] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for did, found, covered in db.execute("select doc_id, findings, covered from plan_audit where doc_id in "
                                                  f"({','.join('?' * len(chunk))})", chunk):
                a.out += json.loads(found)
                if covered is not None:
                    coverage[did] = set(json.loads(covered))
        a.uncovered(coverage)
        a.citation_votes(a.rows("citations"))
        return sort_findings(a.out, kinds)
    a = Auditor(db, province, year)
    a.tasks()
    a.areas()
    a.targets()
    a.citations()
    a.deadlines()
    a.plan_duties()
    return sort_findings(a.out, kinds)
