"""Summary tables the web's canned queries read: figures per province, and national → local.

Why materialise: on 5,000 plans the canned queries that aggregate every task (areas per
province, who leads what) or walk the implementing chains (national → local) took 200-400 ms
each, over the 200 ms a page may take. These tables hold the answers pre-aggregated, derived
from the representative copy of each plan (``pipeline/derive/plans.py``), and are kept incremental:

- ``summary_areas`` (today's province, province as issued, year, area → tasks, plans) and
  ``summary_leads`` (… agency kind, area → tasks led) are recomputed only for the provinces
  (today's) whose plans changed;
- ``plan_summary`` (one row per plan: tasks, copies, deadlines by kind, reporting cycles) is
  recomputed for the changed plans;
- ``national_local`` (every document → every local task under it, by an implementing chain or
  because the task names it) is a closure stored per plan, clustered (WITHOUT ROWID) on the
  order the canned query reads it, and recomputed only for the changed plans and the plans
  whose chain passes through them (or passed, for a plan removed from the store).

Each row carries today's province (``current``), the province as written (``province``) and
the province it belonged to on the plan's date (``issued``), so ``compare`` groups either way
from the same rows. They are never stale: every write or deletion of a document marks it in
``dirty_docs`` (``pipeline/store/``), and ``ensure_fresh`` — which the library's readers call
first — re-derives what is marked; a store made before a column was added is re-summarised.
"""
from __future__ import annotations

from typing import Iterable

import sqlite_utils

from pipeline.derive import audit
from pipeline.derive.plans import Changes

MAX_DEPTH = 6  # implementing chains are short; the bound guards against cycles in the data


_COLUMNS = {  # table → columns a current store has (a table missing one is made again)
    "summary_areas": ("issued",),
    "summary_leads": ("issued",),
    "plan_summary": ("issued", "deadlines"),
}


def ensure_schema(db: sqlite_utils.Database) -> bool:
    """Create the summary tables; True when one had to be made again (re-summarise all)."""
    remade = False
    names = set(db.table_names())
    if "plan_audit" not in names or audit.rules_stamp() != _meta(db, "audit_rules"):
        remade = True  # a store made before plan findings were kept, or the audit's rules changed
        db.execute("drop table if exists plan_audit")
    audit.ensure_schema(db)
    for table, cols in _COLUMNS.items():
        if table in names and not all(c in db[table].columns_dict for c in cols):
            db.execute(f"drop table [{table}]")
            remade = True
    db.execute("""create table if not exists summary_areas (
        current text, issued text, province text, year integer, area text, tasks integer, plans integer)""")
    # covering indexes in the canned queries' group order: the group-by walks the index, no sort
    db.execute("create index if not exists summary_areas_current on summary_areas(current, area, year, province, tasks, plans)")
    db.execute("""create table if not exists summary_leads (
        current text, issued text, province text, year integer, agency text, area text, tasks integer)""")
    db.execute("create index if not exists summary_leads_current on summary_leads(current, agency, area, year, province, tasks)")
    db.execute("""create table if not exists national_local (
        ancestor_key text not null, current text not null, date text not null, doc_id text not null,
        ord integer not null, ancestor text not null, task_fid text, province text, year integer,
        depth integer, how text,
        primary key (ancestor_key, current, date, doc_id, ord, ancestor)) without rowid""")
    db.execute("create index if not exists national_local_doc on national_local(doc_id)")
    db.execute("""create table if not exists plan_summary (
        doc_id text primary key, current text, issued text, province text, year integer, date text, plan text,
        title text, tasks integer, copies integer, deadlines integer, due integer, period integer,
        recurring integer, first_due text, cycles text)""")
    db.execute("create index if not exists plan_summary_current on plan_summary(current, date)")
    db.execute("create index if not exists national_local_ancestor on national_local(ancestor)")
    return remade


def schema_current(db: sqlite_utils.Database) -> bool:
    """Whether ``ensure_schema`` would change nothing (a read only; for a read-only store)."""
    names = set(db.table_names())
    if not {"plan_audit", "summary_areas", "summary_leads", "national_local", "plan_summary"} <= names:
        return False
    if audit.rules_stamp() != _meta(db, "audit_rules"):
        return False
    return all(c in db[table].columns_dict for table, cols in _COLUMNS.items() for c in cols)


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    if "meta" not in db.table_names():
        return None
    row = db.execute("select value from meta where key = ?", [key]).fetchone()
    return row[0] if row else None


# --------------------------------------------------------------------------- per province
_AREAS = """insert into summary_areas (current, issued, province, year, area, tasks, plans)
    select c.current, c.issued, c.province, c.year, t.area, count(*), count(distinct t.doc_id)
    from plan_copies c join tasks t on t.doc_id = c.doc_id
    where c.representative = 1 {where} group by 1, 2, 3, 4, 5"""
_LEADS = """insert into summary_leads (current, issued, province, year, agency, area, tasks)
    select c.current, c.issued, c.province, c.year, j.value, t.area, count(*)
    from plan_copies c join tasks t on t.doc_id = c.doc_id join json_each(t.lead) j
    where c.representative = 1 {where} group by 1, 2, 3, 4, 5, 6"""


def refresh_provinces(db: sqlite_utils.Database, provinces: Iterable[str] | None) -> None:
    """Recompute the per-province tables for ``provinces`` (today's names; None = all)."""
    if provinces is None:
        db.execute("delete from summary_areas")
        db.execute("delete from summary_leads")
        db.execute(_AREAS.format(where=""))
        db.execute(_LEADS.format(where=""))
        return
    for p in sorted(set(provinces)):
        db.execute("delete from summary_areas where current = ?", [p])
        db.execute("delete from summary_leads where current = ?", [p])
        db.execute(_AREAS.format(where="and c.current = ?"), [p])
        db.execute(_LEADS.format(where="and c.current = ?"), [p])


# --------------------------------------------------------------------------- national → local
def _doc_node(db: sqlite_utils.Database, doc_id: str) -> str | None:
    # "+kind" keeps SQLite on the stored_doc index (the kind index reads every document node)
    row = db.execute("select id from graph_nodes where stored_doc = ? and +kind = 'document' limit 1",
                     [doc_id]).fetchone()
    return row[0] if row else None


def _ancestors(db: sqlite_utils.Database, node: str) -> dict[str, int]:
    """Documents a plan implements, directly (depth 1) or through a chain, with the least depth."""
    seen: dict[str, int] = {}
    frontier = [node]
    for depth in range(1, MAX_DEPTH + 1):
        nxt = []
        for n in frontier:
            for (dst,) in db.execute("select dst from graph_edges where src = ? and kind = 'implements'", [n]):
                if dst not in seen and dst != node:
                    seen[dst] = depth
                    nxt.append(dst)
        if not nxt:
            break
        frontier = nxt
    return seen


def implementer_depths(db: sqlite_utils.Database, nodes: Iterable[str]) -> dict[str, int]:
    """The graph nodes that implement one of ``nodes`` through a chain of ``implements`` edges,
    each with its least number of steps (at most ``MAX_DEPTH``)."""
    depth_of: dict[str, int] = {}
    frontier, seen = list(nodes), set(nodes)
    for depth in range(1, MAX_DEPTH + 1):
        nxt = []
        for n in frontier:
            for (src,) in db.execute("select src from graph_edges where dst = ? and kind = 'implements'", [n]):
                if src not in seen:
                    seen.add(src)
                    depth_of[src] = depth
                    nxt.append(src)
        frontier = nxt
        if not frontier:
            break
    return depth_of


def _implementers(db: sqlite_utils.Database, nodes: Iterable[str]) -> set[str]:
    """Stored plans whose chain passes through ``nodes`` (they implement one, at any depth)."""
    out: set[str] = set()
    for n in implementer_depths(db, nodes):
        row = db.execute("select stored_doc from graph_nodes where id = ?", [n]).fetchone()
        if row and row[0]:
            out.add(row[0])
    return out


def _closure_rows(db: sqlite_utils.Database, doc_id: str) -> list[tuple]:
    meta = db.execute("select c.current, c.province, c.year, d.date from plan_copies c join documents d "
                      "on d.id = c.doc_id where c.doc_id = ? and c.representative = 1", [doc_id]).fetchone()
    node = _doc_node(db, doc_id)
    if not meta or not node:
        return []
    current, province, year, date = meta
    tasks = {fid: ord_ for fid, ord_ in db.execute("select fid, ord from tasks where doc_id = ?", [doc_id])}
    pairs: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for anc, depth in _ancestors(db, node).items():
        for fid in tasks:
            pairs[(anc, fid)] = (depth, {"implements"})
    for src, dst in db.execute("select src, dst from graph_edges where doc_id = ? and kind = 'names'", [doc_id]):
        fid = src[len("task:"):]
        if fid not in tasks:
            continue
        d, how = pairs.get((dst, fid), (0, set()))
        pairs[(dst, fid)] = (0, how | {"names"})
    if not pairs:
        return []
    labels = {}
    for anc in {a for a, _ in pairs}:
        row = db.execute("select label from graph_nodes where id = ?", [anc]).fetchone()
        labels[anc] = (row[0] or "").replace(" ", "") if row else ""
    return [(labels[anc], current or "", date or "", doc_id, tasks[fid], anc, fid, province, year, depth,
             ",".join(sorted(how))) for (anc, fid), (depth, how) in pairs.items()]


def refresh_closure(db: sqlite_utils.Database, doc_ids: Iterable[str] | None,
                    old_nodes: Iterable[str] = ()) -> None:
    """Recompute ``national_local`` for ``doc_ids`` and the plans implementing them (None = all).

    ``old_nodes``: the graph nodes the changed documents stood for before the change — a plan
    removed from the store no longer has a node of its own, but the plans implementing it
    must lose the ancestors they reached through it."""
    if doc_ids is None:
        db.execute("delete from national_local")
        docs = [r[0] for r in db.execute("select doc_id from plan_copies where representative = 1")]
    else:
        docs = set(doc_ids)
        nodes = [n for n in (_doc_node(db, d) for d in docs) if n] + list(old_nodes)
        docs |= _implementers(db, nodes)
        for d in docs:
            db.execute("delete from national_local where doc_id = ?", [d])
    rows: list[tuple] = []
    for d in docs:
        rows += _closure_rows(db, d)
        if len(rows) > 5000:
            _insert(db, rows)
            rows = []
    _insert(db, rows)


def _insert(db: sqlite_utils.Database, rows: list[tuple]) -> None:
    db.conn.executemany("""insert or replace into national_local (ancestor_key, current, date, doc_id, ord, ancestor,
        task_fid, province, year, depth, how) values (?,?,?,?,?,?,?,?,?,?,?)""", rows)


# --------------------------------------------------------------------------- per plan
# cycles: "what [06-15, 12-15]; …" in the plan's order, as ``compare.deadlines`` prints them
_PLAN_ROWS = """insert or replace into plan_summary (doc_id, current, issued, province, year, date, plan, title,
      tasks, copies, deadlines, due, period, recurring, first_due, cycles)
    select c.doc_id, c.current, c.issued, c.province, c.year, d.date, coalesce(nullif(d.symbol, ''), d.path), d.title,
      (select count(*) from tasks t where t.doc_id = c.doc_id),
      (select count(*) from plan_copies x where x.plan = c.plan),
      (select count(*) from deadlines x where x.doc_id = c.doc_id),
      (select count(*) from deadlines x where x.doc_id = c.doc_id and x.kind = 'due'),
      (select count(*) from deadlines x where x.doc_id = c.doc_id and x.kind = 'period'),
      (select count(*) from deadlines x where x.doc_id = c.doc_id and x.kind = 'recurring'),
      (select min(x.date) from deadlines x where x.doc_id = c.doc_id and x.kind = 'due' and x.date <> ''),
      (select group_concat(cy, '; ') from (
        select trim(coalesce(x.what, '') || ' [' || coalesce((select group_concat(j.value, ', ')
               from json_each(case when json_valid(x."when") then x."when" else '[]' end) j), '') || ']') as cy
        from deadlines x where x.doc_id = c.doc_id and x.kind = 'recurring' order by x.ord))
    from plan_copies c join documents d on d.id = c.doc_id where c.representative = 1 {where}"""


def refresh_plans(db: sqlite_utils.Database, doc_ids: Iterable[str] | None, plans: Iterable[str] = ()) -> None:
    """One row per plan (its representative copy) for the plan list and the deadlines query:
    counts of tasks, copies and deadlines, so those pages read 5,000 short rows, not the store.

    ``plans``: plan keys whose membership changed — a copy deleted from a plan changes the
    count of copies on a representative that did not itself change."""
    if doc_ids is None:
        db.execute("delete from plan_summary")
        db.execute(_PLAN_ROWS.format(where=""))
        return
    ids = set(doc_ids)
    for p in set(plans):
        ids |= {r[0] for r in db.execute("select doc_id from plan_copies where plan = ? and representative = 1", [p])}
    # a copy added to or dropped from a plan changes its representative's count of copies
    for d in list(ids):
        ids |= {r[0] for r in db.execute("select r.doc_id from plan_copies c join plan_copies r on r.plan = c.plan "
                                         "where c.doc_id = ? and r.representative = 1", [d])}
    for d in ids:
        db.execute("delete from plan_summary where doc_id = ?", [d])
        db.execute(_PLAN_ROWS.format(where="and c.doc_id = ?"), [d])


def refresh(db: sqlite_utils.Database, changes: Changes | None, old_nodes: Iterable[str] = ()) -> None:
    """Bring every summary up to date after ``plans.assign`` and the graph's re-derivation
    (None: rebuild them all). ``old_nodes``: see ``refresh_closure``."""
    if ensure_schema(db):
        changes = None
    if changes is None:
        refresh_provinces(db, None)
        refresh_closure(db, None)
        refresh_plans(db, None)
        audit.refresh(db, None)
        db.execute("create table if not exists meta (key text primary key, value text)")
        db.execute("insert or replace into meta (key, value) values ('audit_rules', ?)", [audit.rules_stamp()])
        return
    refresh_provinces(db, changes.provinces)
    refresh_closure(db, changes.docs, old_nodes)
    refresh_plans(db, changes.docs, changes.plans)
    audit.refresh(db, changes.docs)
