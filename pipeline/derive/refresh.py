"""The one entry point that brings everything derived from the documents up to date.

Why a module of its own: plans (copies grouped), the graph, the audit's stored findings and
the summaries are derived in that order from the fact tables, and each of those modules
knows only its own rows. This module runs them in order after an ingest (``rebuild``) and
before a read (``ensure_fresh``), so none of them needs to call another.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable

import sqlite_utils

from pipeline import store
from pipeline.derive import graph, plans, summaries
from pipeline.store import DIRTY_TABLE


def rebuild(db: sqlite_utils.Database | str | Path, doc_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Re-derive the graph rows of ``doc_ids`` (all stored documents when None).

    The ingest calls this after writing documents. Copies of one plan are grouped first
    (``pipeline/derive/plans.py``): only the representative copy of each plan is derived, so a plan
    stored as .txt, .docx and a scan is one set of tasks; when a better copy arrives the old
    representative's rows go and the new one's come. The summaries the canned queries read
    (``pipeline/derive/summaries.py``) follow, for the touched provinces and plans only, and the
    documents are no longer marked dirty (``store.mark_dirty``). Returns counts of nodes and edges.
    """
    if not isinstance(db, sqlite_utils.Database):
        db = store.connect(db)
    graph.ensure_schema(db)
    full = doc_ids is None
    doc_ids = None if full else list(doc_ids)
    with db.atomic():
        plans.ensure_schema(db)
        summaries.ensure_schema(db)
        changes = plans.assign(db, None if full else list(doc_ids))
        old_nodes = graph.rederive(db, changes.docs, full)
        summaries.refresh(db, None if full else changes, old_nodes)
        if full:
            db.execute(f"delete from {DIRTY_TABLE}")
        else:
            given = list(dict.fromkeys(doc_ids or []))
            for i in range(0, len(given), 500):
                chunk = given[i:i + 500]
                db.execute(f"delete from {DIRTY_TABLE} where doc_id in ({','.join('?' * len(chunk))})", chunk)
    return graph.counts(db)


def ensure_fresh(db: sqlite_utils.Database) -> bool:
    """Bring plans, graph and summaries up to date with the documents; False when they cannot
    be (a read-only store), so the caller computes from the fact tables instead.

    What is out of date: documents marked in ``dirty_docs`` by a write or a deletion, and — in
    a store made before that table — documents without a ``plan_copies`` row, or rows whose
    document is gone. The check costs two anti-joins on primary keys (a few ms at 5,000 plans).
    """
    try:
        names = set(db.table_names())
        if "plan_copies" not in names or "national_local" not in names or "graph_nodes" not in names:
            rebuild(db)
            return True
        stale = {r[0] for r in db.execute(f"select doc_id from {DIRTY_TABLE}")} if DIRTY_TABLE in names else set()
        stale |= {r[0] for r in db.execute("select id from documents d where not exists "
                                           "(select 1 from plan_copies c where c.doc_id = d.id)")}
        stale |= {r[0] for r in db.execute("select doc_id from plan_copies c where not exists "
                                           "(select 1 from documents d where d.id = c.doc_id)")}
        if stale:
            rebuild(db, sorted(stale))
            return True
        with db.atomic():
            if plans.ensure_schema(db) or summaries.ensure_schema(db):
                summaries.refresh(db, None)
        return True
    except sqlite3.OperationalError:  # read-only or locked: the caller reads the fact tables
        return False
