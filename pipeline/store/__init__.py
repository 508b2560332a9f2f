"""The SQLite store (through sqlite-utils): documents, pages, sections, facts, runs, errors.

Why this shape: every later stage (graph, compare, audit, web) reads these tables and never
re-parses text, so each fact is a row with its document, span and page. A document is
written in one transaction (``Database.atomic``) after its old rows are deleted, so an
ingest killed mid-way leaves every document either wholly old or wholly new; WAL lets
readers query during an ingest. Ids are stable across re-ingests: a document's id is the
sha256 of its bytes, a fact's id is the document id and its ordinal.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

SCHEMA_VERSION = 2  # 2: deadlines' period dates moved from start/end to period_start/period_end

# Fact tables: contract part → (table, columns copied from the fact). Lists and dicts are
# stored as JSON; every row also gets doc_id, ord, start, end, page and spans — ``start`` and
# ``end`` are always character offsets of the fact's first span, in every fact table.
FACT_TABLES: dict[str, tuple[str, dict[str, type]]] = {
    "references": ("citations", {"type": str, "number": str, "symbol": str, "year": int, "date": str,
                                 "issuer": str, "relation": str, "registry_date": str, "date_conflict": int}),
    "named_references": ("named_references", {"name": str, "issuer": str}),
    "agencies": ("agency_mentions", {"id": str, "name": str, "count": int}),
    "targets": ("targets", {"value": float, "unit": str, "comparator": str, "metric": str, "task_ord": int}),
    "deadlines": ("deadlines", {"kind": str, "date": str, "period_start": str, "period_end": str, "when": str,
                                "what": str, "agency": str, "task_ord": int}),
    "tasks": ("tasks", {"path": str, "path_str": str, "text": str, "area": str, "lead": str, "support": str,
                        "flags": str}),
}
DOC_TABLES = ["pages", "sections", "assignments"] + [t for t, _ in FACT_TABLES.values()]
# A column whose contract field has another name: a deadline's period is ``start``/``end`` in
# the contract, but in the store those names are the span offsets of every fact table.
CONTRACT_FIELD = {"period_start": "start", "period_end": "end"}
# Tables whose rows say which documents must be re-grouped, re-derived and re-summarised: every
# write or deletion of a document adds its id here, in the same transaction, and
# ``graph.rebuild`` removes it once the graph and the summaries follow (``summaries.ensure_fresh``).
DIRTY_TABLE = "dirty_docs"


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the store, in WAL mode, with the current schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.enable_wal()
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=10000")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables this version needs; refuse a store written by a newer version."""
    if "meta" in db.table_names():
        row = db.execute("select value from meta where key='schema_version'").fetchone()
        if row and int(row[0]) > SCHEMA_VERSION:
            raise RuntimeError(f"database schema {row[0]} is newer than this kehoach ({SCHEMA_VERSION})")
    with db.atomic():
        db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
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
        _migrate_deadline_periods(db)
    if not db["sections"].detect_fts():
        db["sections"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


def _migrate_deadline_periods(db: sqlite_utils.Database) -> None:
    """A store made before schema 2 kept a deadline's period dates in ``start``/``end`` (the
    offset columns of every other fact table): move them to ``period_start``/``period_end``
    and put the first span's offsets back in ``start``/``end`` (inside the caller's transaction).
    The graph's deadline nodes carried the same names in their attributes; they follow."""
    cols = db["deadlines"].columns_dict
    if "period_start" in cols:
        return
    db.execute("alter table deadlines add column period_start text")
    db.execute("alter table deadlines add column period_end text")
    db.execute("""update deadlines set period_start = start, period_end = "end",
        start = json_extract(spans, '$[0].start'), "end" = json_extract(spans, '$[0].end')""")
    if "graph_nodes" in db.table_names():
        db.execute("""update graph_nodes set attrs = json_set(json_remove(attrs, '$.start', '$.end'),
            '$.period_start', json_extract(attrs, '$.start'), '$.period_end', json_extract(attrs, '$.end'))
            where kind = 'deadline'""")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict, tuple)):
        return json.dumps(v, ensure_ascii=False)
    return v


def _fact_row(doc_id: str, ord_: int, fact: dict[str, Any], cols: dict[str, type]) -> dict[str, Any]:
    spans = fact.get("spans") or []
    first = spans[0] if spans else {}
    row = {"fid": f"{doc_id}:{ord_}", "doc_id": doc_id, "ord": ord_,
           "start": first.get("start"), "end": first.get("end"), "page": first.get("page"),
           "spans": json.dumps(spans)}
    for c in cols:
        row[c] = _cell(fact.get(CONTRACT_FIELD.get(c, c)))
    return row


def row_spans(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The spans of a stored fact row: its ``spans`` JSON, else its first-span columns."""
    try:
        sp = json.loads(row.get("spans") or "[]")
    except (TypeError, ValueError):
        sp = []
    if not sp and row.get("start") is not None:
        sp = [{"start": row["start"], "end": row["end"], "page": row.get("page")}]
    return sp


def task_holding(tasks: list[dict[str, Any]], start: int | None, end: int | None) -> int | None:
    """The index of the task whose text holds ``[start, end)`` (the innermost one), or None.

    Why: a deadline or target stated inside an item belongs to that task ("Links" in the
    tasks issue); the graph draws task → deadline/target edges from it.
    """
    if start is None or end is None:
        return None
    best: tuple[int, int] | None = None
    for i, t in enumerate(tasks):
        for sp in t.get("spans") or []:
            a, b = sp.get("start"), sp.get("end")
            if a is not None and b is not None and a <= start and end <= b and (best is None or b - a < best[0]):
                best = (b - a, i)
    return best[1] if best else None


def _section_rows(doc_id: str, contract: dict[str, Any], text: str) -> Iterable[dict[str, Any]]:
    counter = iter(range(1_000_000))

    def rec(nodes, parent, path):
        for n in nodes:
            i = next(counter)
            sid = f"{doc_id}:s{i}"
            span = n["spans"][0]
            p = path + [n["label"]]
            yield {"id": sid, "doc_id": doc_id, "parent_id": parent, "ord": i, "label": n["label"],
                   "kind": n["kind"], "level": n["level"], "path": json.dumps(p, ensure_ascii=False),
                   "title": n["title"], "text": text[span["start"]:span["end"]],
                   "start": span["start"], "end": span["end"], "page": span.get("page")}
            yield from rec(n["children"], sid, p)

    yield from rec(contract.get("sections") or [], None, [])


def write_document(db: sqlite_utils.Database, contract: dict[str, Any], text: str) -> None:
    """Replace one document and all its facts, in one transaction."""
    src, d = contract["source"], contract["document"]
    doc_id = src["sha256"]
    signer = d.get("signer") or {}
    year = int(d["date"][:4]) if d.get("date") else None
    with db.atomic():
        delete_document(db, doc_id)
        db["documents"].insert({
            "id": doc_id, "path": src["path"], "format": src["format"], "ocr": int(bool(src["ocr"])),
            "pages": src["pages"], "encoding": src.get("encoding"), "symbol": d.get("symbol"),
            "type": d.get("type"), "issuer": d.get("issuer"), "province": d.get("province"),
            "date": d.get("date"), "year": year, "title": d.get("title"),
            "signer_name": signer.get("name"), "signer_position": signer.get("position"),
            "text": text, "contract": json.dumps(contract, ensure_ascii=False), "ingested": _now(),
        }, pk="id", replace=True)
        db["pages"].insert_all(
            [{"doc_id": doc_id, "number": p["page"], "method": p["method"], "confidence": p["confidence"],
              "start": p["start"], "end": p["end"]}
             for p in src.get("page_methods") or []]
        )
        db["sections"].insert_all(_section_rows(doc_id, contract, text))
        tasks = contract.get("tasks") or []
        for part, (table, cols) in FACT_TABLES.items():
            rows = [_fact_row(doc_id, i, f, cols) for i, f in enumerate(contract.get(part) or [])]
            if part == "tasks":
                for r, f in zip(rows, contract.get(part) or []):
                    r["path_str"] = " / ".join(f.get("path") or [])
            if "task_ord" in cols:
                for r, f in zip(rows, contract.get(part) or []):
                    first = (f.get("spans") or [{}])[0]  # offsets (a deadline's own start/end are dates)
                    r["task_ord"] = task_holding(tasks, first.get("start"), first.get("end"))
            db[table].insert_all(rows, alter=True)  # alter: a store made before task_ord gains it
        assigns = []
        for i, t in enumerate(contract.get("tasks") or []):
            for a in t.get("assignments") or [
                {"agency": ag, "role": role} for role in ("lead", "support") for ag in t.get(role) or []
            ]:
                span = a.get("span") or {}
                assigns.append({"task_fid": f"{doc_id}:{i}", "doc_id": doc_id, "agency_id": a["agency"],
                                "role": a["role"], "evidence": a.get("evidence"), "start": span.get("start"),
                                "end": span.get("end"), "page": span.get("page")})
        db["assignments"].insert_all(assigns)
        mark_dirty(db, [doc_id])


def delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    """Remove a document and every row derived from it (inside the caller's transaction).

    The graph and the summaries derived from it are not touched here: the id is marked dirty,
    and the next ``graph.rebuild`` (the ingest's, or the one a comparison runs first) follows."""
    for t in DOC_TABLES:
        db.execute(f"delete from [{t}] where doc_id = ?", [doc_id])
    db.execute("delete from documents where id = ?", [doc_id])
    mark_dirty(db, [doc_id])


def delete_if_unheld(db: sqlite_utils.Database, doc_id: str | None) -> bool:
    """Delete document ``doc_id`` (``delete_document``) when no file row holds it any more;
    whether it was deleted. Inside the caller's transaction, after its ``files`` change: a
    file replaced or taken away leaves its text only when no copy elsewhere still has it."""
    if not doc_id or db["files"].count_where("doc_id = ?", [doc_id]):
        return False
    delete_document(db, doc_id)
    return True


def mark_dirty(db: sqlite_utils.Database, doc_ids: Iterable[str]) -> None:
    """Record documents whose derived rows (plans, graph, summaries) no longer follow the store."""
    db.conn.executemany(f"insert or ignore into {DIRTY_TABLE} (doc_id) values (?)", [(d,) for d in doc_ids])


def known_file(db: sqlite_utils.Database, path: str) -> dict[str, Any] | None:
    rows = list(db.query("select * from files where path = ?", [path]))
    return rows[0] if rows else None


def record_file(db: sqlite_utils.Database, path: str, sha: str | None, size: int, mtime_ns: int,
                doc_id: str | None, status: str, error: str | None, run_id: int) -> None:
    db["files"].upsert({"path": path, "sha256": sha, "size": size, "mtime_ns": mtime_ns, "doc_id": doc_id,
                        "status": status, "error": error, "run_id": run_id, "updated": _now()}, pk="path")


def record_error(db: sqlite_utils.Database, run_id: int, path: str, reason: str) -> None:
    db["errors"].insert({"run_id": run_id, "path": path, "reason": reason, "at": _now()})


def start_run(db: sqlite_utils.Database) -> int:
    with db.atomic():
        return db["runs"].insert({"started": _now(), "status": "running"}).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, **stats: Any) -> None:
    with db.atomic():
        # alter: a store made before a column was added (runs.skipped) gains it here
        db["runs"].update(run_id, {"finished": _now(), "status": "done", **stats}, alter=True)


def document_contract(db: sqlite_utils.Database, ref: str) -> dict[str, Any] | None:
    """A stored document's contract JSON by id (or id prefix), symbol or path."""
    rows = list(db.query(
        "select contract from documents where id = ? or id like ? or symbol = ? or path = ? or path like ? limit 1",
        [ref, ref + "%", ref, ref, "%" + ref],
    ))
    return json.loads(rows[0]["contract"]) if rows else None
