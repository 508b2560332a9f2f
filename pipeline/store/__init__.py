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
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

import sqlite_utils

from pipeline.store.lock import StoreBusy, holder, is_locked, writer
from pipeline.store.schema import SCHEMA_VERSION, migrate, stored_version
from pipeline.store.tables import CONTRACT_FIELD, DIRTY_TABLE, DOC_TABLES, FACT_TABLES

__all__ = ["SCHEMA_VERSION", "CONTRACT_FIELD", "DIRTY_TABLE", "DOC_TABLES", "FACT_TABLES", "StoreBusy", "StoreError",
           "connect", "connect_readonly", "ensure_schema", "holder", "is_locked", "is_readonly", "writable", "writer"]


class StoreError(Exception):
    """A store that cannot be opened for reading: missing, not a kehoach store, too old or too new."""


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


def connect_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open the store for reading only: no migration, no journal-mode switch, no write of any
    kind, so the file's mtime stays and an ingest writing meanwhile is never blocked (WAL).

    A store whose folder or file cannot be written (a read-only copy) may not allow the
    shared-memory file WAL readers need; it is then opened as ``immutable`` (what was
    checkpointed into the file is read). Raises ``StoreError`` with the reason.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no database (run kehoach ingest first)")
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    conn = None
    for extra in ("", "&immutable=1"):
        try:
            conn = sqlite3.connect(uri + extra, uri=True, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout=10000")
            conn.execute("PRAGMA query_only=1")
            conn.execute("select count(*) from sqlite_master").fetchone()
            break
        except sqlite3.DatabaseError as e:
            if conn is not None:
                conn.close()
            conn = None
            if extra or "not a database" in str(e) or "malformed" in str(e):
                raise StoreError(f"{path}: cannot read the store: {e}") from None
    db = sqlite_utils.Database(conn)
    have = stored_version(db)
    if have > SCHEMA_VERSION:
        raise StoreError(f"{path}: database schema {have} is newer than this kehoach ({SCHEMA_VERSION})")
    if have < SCHEMA_VERSION:
        what = "not a kehoach store (or an empty one)" if not have and "documents" not in db.table_names() \
            else f"made by an older kehoach (schema {have} < {SCHEMA_VERSION}): run kehoach ingest to upgrade it"
        raise StoreError(f"{path}: {what}")
    return db


def is_readonly(db: sqlite_utils.Database) -> bool:
    """Whether ``db`` was opened by ``connect_readonly`` (or otherwise may not write)."""
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


def db_file(db: sqlite_utils.Database) -> str | None:
    """The file a connection has open (None for an in-memory database)."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or None
    return None


def writable(path: str | Path) -> bool:
    """Whether this process could write the store at ``path`` (and its lock beside it)."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Bring the store to the current schema (``pipeline.store.schema``)."""
    migrate(db)


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
    """Record a new run. Call it holding the writer lock (``writer``): every run still marked
    'running' then belongs to a process that died without finishing (killed, out of memory,
    power lost) — the lock is released only when its holder ends — and is marked 'killed'."""
    with db.atomic():
        db.execute("update runs set status = 'killed' where status = 'running'")
        return db["runs"].insert({"started": _now(), "status": "running"}).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, **stats: Any) -> None:
    with db.atomic():
        # alter: a store made before a column was added (runs.skipped) gains it here
        db["runs"].update(run_id, {"finished": _now(), "status": "done", **stats}, alter=True)


def document_contract(db: sqlite_utils.Database, ref: str) -> dict[str, Any] | None:
    """A stored document's contract JSON by id, symbol, path, path ending or id prefix.

    ``ref`` is matched literally (no LIKE, so ``%`` or ``_`` match only themselves). When
    several documents answer — the copies of one plan share its symbol — the plan's
    representative copy (``plan_copies.representative``) comes first, then a text layer over
    OCR, then the longer text, then the path; an exact id beats a symbol, a symbol a path."""
    ref = ref.strip()
    if not ref:
        return None
    tables = set(db.table_names())
    if "plan_copies" in tables:
        rep_join = "left join plan_copies p on p.doc_id = d.id"
        rep_order = "coalesce(p.representative, 0) desc,"
    else:
        rep_join, rep_order = "", ""
    rows = list(db.query(
        f"""select d.contract,
               case when d.id = :ref then 0
                    when d.symbol = :ref then 1
                    when d.path = :ref then 2
                    when upper(d.symbol) = upper(:ref) then 3
                    when substr(d.path, -length(:tail)) = :tail then 4
                    else 5 end as rank
            from documents d {rep_join}
            where d.id = :ref or d.symbol = :ref or upper(d.symbol) = upper(:ref) or d.path = :ref
               or substr(d.path, -length(:tail)) = :tail or substr(d.id, 1, length(:ref)) = :ref
            order by rank, {rep_order} coalesce(d.ocr, 0), length(d.text) desc, d.path
            limit 1""",
        {"ref": ref, "tail": "/" + ref.lstrip("/")},
    ))
    return json.loads(rows[0]["contract"]) if rows else None
