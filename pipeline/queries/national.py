"""National → local: every local task under a national document, read from the closure the
summaries keep (``fresh=True``: walked from the graph tables instead)."""
from __future__ import annotations

import re
from typing import Any, Iterable

import sqlite_utils

from pipeline.derive.graph import ensure_schema
from pipeline.derive.refresh import ensure_fresh
from pipeline.derive.summaries import implementer_depths
from pipeline.text.fold import fold


def find_document(db: sqlite_utils.Database, ref: str) -> list[str]:
    """Graph node ids of the document(s) a user names by symbol, node id or store id.

    A symbol is compared folded and without spaces (OCR's "193/QD-TTg" finds "193/QĐ-TTg");
    when it has digits, SQL first keeps the labels holding them (a symbol's number survives
    folding), so Python folds a handful of labels, not every document of a 5,000-plan store."""
    ensure_schema(db)
    if ref.startswith("doc:"):
        return [ref]
    want = re.sub(r"\s+", "", fold(ref))
    sql = "select id, label, stored_doc from graph_nodes where kind = 'document'"
    args: list[Any] = []
    digits = re.search(r"\d+", want)
    if digits:
        sql += " and (instr(replace(label, ' ', ''), ?) > 0 or stored_doc like ?)"
        args = [digits.group(), ref + "%"]
    rows = db.execute(sql, args).fetchall()
    return [r[0] for r in rows if re.sub(r"\s+", "", fold(r[1] or "")) == want or (r[2] and r[2].startswith(ref))]


_N2L_COLS = ["fid", "doc_id", "symbol", "province", "year", "path_str", "text", "area", "depth", "how"]
NATIONAL_TO_LOCAL_SQL = """
select n.task_fid, n.doc_id, d.symbol, d.province, d.year, t.path_str, t.text, t.area, n.depth, n.how,
       n.ancestor, n.current, n.date, n.ord
from national_local n join tasks t on t.fid = n.task_fid join documents d on d.id = n.doc_id
where n.ancestor_key = ? order by n.ancestor_key, n.current, n.date, n.doc_id, n.ord
"""


NATIONAL_TO_LOCAL_ONE_SQL = """
select n.task_fid, n.doc_id, t.path_str, t.text, t.area, n.depth, n.how
from national_local n join tasks t on t.fid = n.task_fid
where n.ancestor_key = ? and n.ancestor = ? order by n.ancestor_key, n.current, n.date, n.doc_id, n.ord
"""


def _merge_n2l(hits: Iterable[tuple], ordered: bool = False) -> list[dict[str, Any]]:
    """One row per task (a task under two matching documents: least depth, both ways), in the
    order of today's province, the plan's date, the plan and the task's place in it.

    ``hits``: (fid, doc_id, symbol, province, year, path_str, text, area, depth, how, current,
    date, ord); ``ordered``: they come in that order already (one key read along the closure's
    clustered index), so no sort. Lists, not dicts, until the end: 30,000 rows are common."""
    out: list[list[Any]] = []
    where: dict[str, int] = {}
    for h in hits:
        i = where.get(h[0])
        if i is None:
            where[h[0]] = len(out)
            out.append(list(h))
            continue
        r = out[i]
        r[8] = min(r[8], h[8])
        r[9] = f"{r[9]},{h[9]}"
    if not ordered:
        out.sort(key=lambda r: (r[10] or "", r[11] or "", r[1], r[12] if r[12] is not None else -1))
    rows = []
    for r in out:
        if "," in (r[9] or ""):  # 'implements,names' when a task of an implementing plan also names it
            r[9] = ",".join(sorted(set(r[9].split(","))))
        rows.append(dict(zip(_N2L_COLS, r)))
    return rows


def national_to_local(db: sqlite_utils.Database, ref: str, fresh: bool = False) -> list[dict[str, Any]]:
    """Every local task under a national document: tasks that name it, and tasks of plans
    that implement it directly or through a chain of implementing plans.

    Reads the closure ``national_local`` kept at ingest (``pipeline/derive/summaries.py``) along its
    clustered key, brought up to date first; ``fresh=True`` walks the graph tables instead
    (the reference the tests hold the closure to, and the way for a read-only store).
    """
    if fresh or not ensure_fresh(db):
        return _national_to_local_walk(db, ref)
    nodes = set(find_document(db, ref))
    if not nodes:
        return []
    labels = {(r[0] or "").replace(" ", "") for n in nodes
              for r in db.execute("select label from graph_nodes where id = ?", [n]).fetchall()}
    if len(nodes) == 1:
        # one document: a task is under it once, in the clustered order — no merge, no sort,
        # one dict per row (the Python objects are most of the cost at 30,000 rows)
        (node,), (key,) = nodes, labels
        hits = db.execute(NATIONAL_TO_LOCAL_ONE_SQL, [key, node]).fetchall()
        ids, docs = sorted({h[1] for h in hits}), {}
        for i in range(0, len(ids), 500):  # a plan's header once, not once per task
            chunk = ids[i:i + 500]
            for d in db.execute(f"select id, symbol, province, year from documents where id in "
                                f"({','.join('?' * len(chunk))})", chunk):
                docs[d[0]] = d[1:]
        rows = [{"fid": fid, "doc_id": did, "symbol": docs[did][0], "province": docs[did][1], "year": docs[did][2],
                 "path_str": path, "text": text, "area": area, "depth": depth, "how": how}
                for fid, did, path, text, area, depth, how in hits if did in docs]
        for r in rows:
            if "," in (r["how"] or ""):
                r["how"] = ",".join(sorted(set(r["how"].split(","))))
        return rows
    hits = [h[:10] + h[11:] for key in sorted(labels) for h in db.execute(NATIONAL_TO_LOCAL_SQL, [key]).fetchall()
            if h[10] in nodes]
    return _merge_n2l(hits)


def _national_to_local_walk(db: sqlite_utils.Database, ref: str) -> list[dict[str, Any]]:
    """``national_to_local`` computed from ``graph_edges`` alone: plans implementing a matched
    document up to ``summaries.MAX_DEPTH`` steps away (least depth), and tasks naming one."""
    nodes = find_document(db, ref)
    if not nodes:
        return []
    depth_of = implementer_depths(db, nodes)
    pairs: dict[str, tuple[int, set[str]]] = {}  # task fid → (depth, how)
    for node, depth in depth_of.items():
        row = db.execute("select stored_doc from graph_nodes where id = ?", [node]).fetchone()
        if not row or not row[0]:
            continue
        for (fid,) in db.execute("select t.fid from tasks t join plan_copies c on c.doc_id = t.doc_id "
                                 "and c.representative = 1 where t.doc_id = ?", [row[0]]):
            d, how = pairs.get(fid, (depth, set()))
            pairs[fid] = (min(d, depth), how | {"implements"})
    marks = ",".join("?" * len(nodes))
    for (src,) in db.execute(f"select src from graph_edges where kind = 'names' and dst in ({marks})", nodes):
        fid = src[len("task:"):]
        d, how = pairs.get(fid, (0, set()))
        pairs[fid] = (0, how | {"names"})
    hits = []
    for fid, (depth, how) in pairs.items():
        row = db.execute("select t.fid, t.doc_id, d.symbol, d.province, d.year, t.path_str, t.text, t.area, "
                         "c.current, d.date, t.ord from tasks t join documents d on d.id = t.doc_id "
                         "join plan_copies c on c.doc_id = t.doc_id where t.fid = ?", [fid]).fetchone()
        if row:
            hits.append((*row[:8], depth, ",".join(sorted(how)), *row[8:]))
    return _merge_n2l(hits)
