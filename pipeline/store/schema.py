"""The store's schema as one list of migrations, applied in order by whoever writes.

Why a list: a store written by an older kehoach must still open. Each migration brings a
store from the version before it to its own; the version reached is kept in ``meta``, so a
migration runs once per store, inside one transaction with the version bump. A store newer
than this code is refused rather than written. Derived tables (plans, graph, summaries,
audit findings) are caches rebuilt from these tables, so they are made by their own stage
(``pipeline/derive``), not migrated here.
"""
from __future__ import annotations

from typing import Callable

import sqlite_utils

from pipeline.store.tables import DIRTY_TABLE, DOC_TABLES, FACT_TABLES, WEB_TABLES


def _v1_tables(db: sqlite_utils.Database) -> None:
    """Documents, pages, sections, the fact tables, files, runs and errors."""
    db["runs"].create({"id": int, "started": str, "finished": str, "files": int, "skipped": int, "read": int,
                       "unchanged": int, "failed": int, "pages": int, "ocr_pages": int,
                       "seconds": float, "status": str}, pk="id", if_not_exists=True)
    db["errors"].create({"run_id": int, "path": str, "reason": str, "at": str}, if_not_exists=True)
    db["files"].create({"path": str, "sha256": str, "size": int, "mtime_ns": int, "doc_id": str,
                        "status": str, "error": str, "run_id": int, "updated": str},
                       pk="path", if_not_exists=True)
    db["documents"].create({
        "id": str, "path": str, "format": str, "ocr": int, "pages": int, "encoding": str,
        "symbol": str, "type": str, "issuer": str, "province": str, "date": str, "year": int,
        "title": str, "signer_name": str, "signer_position": str, "text": str,
        "contract": str, "ingested": str,
    }, pk="id", if_not_exists=True)
    db["pages"].create({"doc_id": str, "number": int, "method": str, "confidence": float,
                        "start": int, "end": int}, pk=("doc_id", "number"), if_not_exists=True)
    db["sections"].create({"id": str, "doc_id": str, "parent_id": str, "ord": int, "label": str,
                           "kind": str, "level": int, "path": str, "title": str, "text": str,
                           "start": int, "end": int, "page": int}, pk="id", if_not_exists=True)
    for table, cols in FACT_TABLES.values():
        db[table].create({"fid": str, "doc_id": str, "ord": int, **cols, "start": int, "end": int,
                          "page": int, "spans": str}, pk="fid", if_not_exists=True)
    db["assignments"].create({"task_fid": str, "doc_id": str, "agency_id": str, "role": str,
                              "evidence": str, "start": int, "end": int, "page": int},
                             if_not_exists=True)
    for t in DOC_TABLES:
        db[t].create_index(["doc_id"], if_not_exists=True)
    db.execute(f"create table if not exists {DIRTY_TABLE} (doc_id text primary key)")
    db.execute(f"create table if not exists {DIRTY_TABLE} (doc_id text primary key)")
    if not db["sections"].detect_fts():
        db["sections"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2",
                                  replace=True)


def _v2_deadline_periods(db: sqlite_utils.Database) -> None:
    """A store made before schema 2 kept a deadline's period dates in ``start``/``end`` (the
    offset columns of every other fact table): move them to ``period_start``/``period_end``
    and put the first span's offsets back in ``start``/``end`` (inside the caller's transaction).
    The graph's deadline nodes carried the same names in their attributes; they follow."""
    if "period_start" in db["deadlines"].columns_dict:
        return  # made by version 1 of this code, which already has the columns
    db["deadlines"].add_column("period_start", str)
    db["deadlines"].add_column("period_end", str)
    db.execute("""update deadlines set period_start = start, period_end = "end",
        start = json_extract(spans, '$[0].start'), "end" = json_extract(spans, '$[0].end')""")
    if "graph_nodes" in db.table_names():
        db.execute("""update graph_nodes set attrs = json_set(json_remove(attrs, '$.start', '$.end'),
            '$.period_start', json_extract(attrs, '$.start'), '$.period_end', json_extract(attrs, '$.end'))
            where kind = 'deadline'""")


def _v3_web_tables(db: sqlite_utils.Database) -> None:
    """The tables the web's canned queries read exist from the start (empty until the first
    ``kehoach audit`` or ``serve`` refresh), so ``serve --no-refresh`` on a new store works."""
    for table, (cols, pk) in WEB_TABLES.items():
        db[table].create(cols, pk=pk, if_not_exists=True)


# in order: MIGRATIONS[i] brings a store at version i to version i + 1
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1_tables, _v2_deadline_periods, _v3_web_tables]
SCHEMA_VERSION = len(MIGRATIONS)


def stored_version(db: sqlite_utils.Database) -> int:
    """The version a store is at (0: a new file; a store made before versions were kept has
    tables but no version, and its migrations are written to be re-run safely)."""
    if "meta" not in db.table_names():
        return 0
    row = db.execute("select value from meta where key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the store to ``SCHEMA_VERSION``; refuse one written by a newer kehoach."""
    have = stored_version(db)
    if have > SCHEMA_VERSION:
        raise RuntimeError(f"database schema {have} is newer than this kehoach ({SCHEMA_VERSION})")
    if have == SCHEMA_VERSION:
        return
    with db.atomic():
        db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
        for step in MIGRATIONS[have:]:
            step(db)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
