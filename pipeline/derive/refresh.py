"""The one entry point that brings everything derived from the documents up to date.

Why a module of its own: plans (copies grouped), the graph, the audit's stored findings and
the summaries are derived in that order from the fact tables, and each of those modules
knows only its own rows. This module runs them in order after an ingest (``rebuild``) and
before a read (``ensure_fresh``), so none of them needs to call another.
"""
from __future__ import annotations

import sqlite3
from contextlib import nullcontext
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


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Create the derived tables a writer needs and a reader queries (empty on a new store),
    re-summarising everything when a table had to be made again. The ingest calls this first,
    holding the writer lock, so a reader during a store's first ingest finds every table."""
    graph.ensure_schema(db)
    with db.atomic():
        if plans.ensure_schema(db) | summaries.ensure_schema(db):
            summaries.refresh(db, None)


def _derived_current(db: sqlite_utils.Database) -> bool:
    """Whether the derived tables exist with the current columns (reads only)."""
    names = set(db.table_names())
    if not {"plan_copies", "plan_sketch", "graph_nodes", "graph_edges"} <= names:
        return False
    if not {"partial", "issued"} <= set(db["plan_copies"].columns_dict):
        return False
    if "fact" not in db["graph_edges"].columns_dict:
        return False
    return summaries.schema_current(db)


def stale_documents(db: sqlite_utils.Database) -> set[str] | None:
    """The documents whose derived rows do not follow the fact tables; None when the derived
    tables themselves are missing or out of date (everything is). Reads only.

    What is out of date: documents marked in ``dirty_docs`` by a write or a deletion, and — in
    a store made before that table — documents without a ``plan_copies`` row, or rows whose
    document is gone. The check costs two anti-joins on primary keys (a few ms at 5,000 plans).
    """
    if not _derived_current(db):
        return None
    return _stale_ids(db)


def _stale_ids(db: sqlite_utils.Database) -> set[str]:
    names = set(db.table_names())
    stale = {r[0] for r in db.execute(f"select doc_id from {DIRTY_TABLE}")} if DIRTY_TABLE in names else set()
    stale |= {r[0] for r in db.execute("select id from documents d where not exists "
                                       "(select 1 from plan_copies c where c.doc_id = d.id)")}
    stale |= {r[0] for r in db.execute("select doc_id from plan_copies c where not exists "
                                       "(select 1 from documents d where d.id = c.doc_id)")}
    return stale


def ensure_fresh(db: sqlite_utils.Database) -> bool:
    """Bring plans, graph and summaries up to date with the documents; False when they are
    stale and cannot be brought up to date now, so the caller computes from the fact tables.

    Readers never wait and never fail here: a fresh store costs only reads; a stale one is
    refreshed only through a connection that may write (not ``store.connect_readonly``) and
    only when the store's writer lock is free at once (``store.writer``, ``wait=False``) —
    during an ingest, whose own rebuild follows at its end, this returns False.
    """
    try:
        stale = stale_documents(db)
        if stale is not None and not stale:
            return True
        if store.is_readonly(db):
            return False
        path = store.db_file(db)
        with store.writer(path, wait=False) if path else nullcontext():
            names = set(db.table_names())
            if "plan_copies" not in names or "national_local" not in names or "graph_nodes" not in names:
                rebuild(db)
                return True
            graph.ensure_schema(db)
            stale = _stale_ids(db)
            if stale:
                rebuild(db, sorted(stale))
            with db.atomic():
                if plans.ensure_schema(db) or summaries.ensure_schema(db):
                    summaries.refresh(db, None)
            return True
    except (sqlite3.OperationalError, store.StoreBusy, OSError):  # read-only or being written
        return False
