"""Comparisons across provinces (and years) for policy staff.

Each function returns ``(columns, rows)`` — plain lists, so the CLI can print them as a rich
table, JSON or CSV and the notebook can make a DataFrame of them. Provinces are grouped by
today's province (``by="today"``, via the lineage: a 2021 plan of Hà Giang counts for Tuyên
Quang) or as they were when the plan was issued (``by="issued"``).

``areas``, ``leads`` and ``deadlines`` read the summary tables kept at ingest
(``pipeline/derive/summaries.py``): on 5,000 plans, aggregating every task on the fly took 0.4-0.6 s.
``fresh=True`` computes them from the fact tables instead — the reference the tests hold the
summaries to, and the way when the summaries cannot be brought up to date (a read-only store).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date as Date
from typing import Any

import sqlite_utils

from pipeline import store
from pipeline.derive import audit, graph, plans, refresh
from pipeline.lexicon import lineage
from pipeline.text.fold import fold

Table = tuple[list[str], list[dict[str, Any]]]


def _prov(name: str | None, by: str, issued: str | None = None) -> str | None:
    if by == "issued":
        return lineage.province_on(name, issued) if issued else lineage.canonical(name)
    return lineage.current(name)


def _docs(db: sqlite_utils.Database, province: str | None, year: int | None, by: str) -> dict[str, dict[str, Any]]:
    """The plans to compare: one copy of each (``pipeline/derive/plans.py``), by province and year."""
    args: list[Any] = []
    # copies grouped into plans as the store now stands; a store that cannot be refreshed now
    # (read-only, or an ingest writing it) is read as it is, and one never grouped counts every copy
    if refresh.ensure_fresh(db) or not store.is_readonly(db):
        plans.ensure_schema(db)
    grouped = "plan_copies" in db.table_names()
    sql = ("select id, path, symbol, province, date, year, title from documents d where "
           + (plans.representatives_sql("d") if grouped else "1"))
    if year:
        sql += " and year = ?"
        args.append(int(year))
    out = {}
    for d in db.query(sql, args):
        d["group"] = _prov(d["province"], by, d["date"])
        d["name"] = d["symbol"] or d["path"]
        if province and not lineage.in_province(d["province"], province):
            continue
        out[d["id"]] = d
    return out


def _rows(db: sqlite_utils.Database, table: str, docs: dict[str, Any], cols: str = "*") -> list[dict[str, Any]]:
    ids, out = list(docs), []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out += list(db.query(f"select {cols} from [{table}] where doc_id in ({','.join('?' * len(chunk))})", chunk))
    return out


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return (Date.fromisoformat(a) - Date.fromisoformat(b)).days if a and b else None
    except ValueError:
        return None


def citations(db: sqlite_utils.Database, province: str | None = None, year: int | None = None,
              by: str = "today", national: str | None = None) -> Table:
    """Which national documents each province's plans cite or implement, with the lag in days."""
    docs = _docs(db, province, year, by)
    cits = _rows(db, "citations", docs)
    # a national document's date: as the plans give it, else the registry's
    known: dict[tuple, Counter] = defaultdict(Counter)
    for c in cits:
        d = c.get("registry_date") or c.get("date")
        if d and c.get("number"):
            known[(c.get("type"), str(c["number"]))][d] += 1
    want = re.sub(r"\s+", "", fold(national)) if national else None
    rows = []
    for c in cits:
        code = graph.issuer_code(c.get("symbol"), c.get("type"))
        if not graph.is_national(code):
            continue
        if want and re.sub(r"\s+", "", fold(c.get("symbol") or "")) != want:
            continue
        d = docs[c["doc_id"]]
        votes = known.get((c.get("type"), str(c.get("number"))))
        ndate = c.get("registry_date") or c.get("date") or (votes.most_common(1)[0][0] if votes else None)
        rows.append({"province": d["group"], "national": c.get("symbol"), "national_date": ndate,
                     "relation": c.get("relation"), "plan": d["name"], "plan_date": d["date"],
                     "lag_days": _days(d["date"], ndate) if c.get("relation") == "implements" else None,
                     "doc_id": d["id"]})
    rows.sort(key=lambda r: (r["province"] or "", r["national"] or "", r["plan_date"] or ""))
    return ["province", "national", "national_date", "relation", "plan", "plan_date", "lag_days"], rows


def targets(db: sqlite_utils.Database, province: str | None = None, year: int | None = None,
            by: str = "today", matched_only: bool = False) -> Table:
    """Targets side by side, matched by what they measure, with the national figure beside them."""
    docs = _docs(db, province, year, by)
    rows = []
    for t in _rows(db, "targets", docs):
        d = docs[t["doc_id"]]
        nat = audit.match_national(t.get("metric"), d.get("year"))
        n = nat[0] if nat else None
        if matched_only and not n:
            continue
        weaker = bool(n and t.get("value") is not None and (t.get("unit") or "") == n["unit"]
                      and audit.is_weaker(float(t["value"]), t.get("comparator"), n))
        rows.append({"measure": n["id"] if n else None, "province": d["group"], "plan": d["name"],
                     "year": d["year"], "comparator": t.get("comparator"), "value": t.get("value"),
                     "unit": t.get("unit"), "metric": t.get("metric"),
                     "national": f"{n['comparator']}{n['value']:g}{n['unit']} ({n['document']})" if n else None,
                     "weaker": weaker, "doc_id": d["id"]})
    rows.sort(key=lambda r: (r["measure"] is None, r["measure"] or "", r["province"] or "", r["year"] or 0))
    return ["measure", "province", "plan", "year", "comparator", "value", "unit", "metric", "national", "weaker"], rows


def _summary(db: sqlite_utils.Database, table: str, cols: str, province: str | None, year: int | None,
             by: str, where: str = "", group: str = "") -> list[dict[str, Any]]:
    """Rows of a summary table with ``group`` (today's province or as issued), filtered as ``_docs``
    does; ``group``: further columns to sum ``tasks`` over (SQLite aggregates, Python gets few rows)."""
    grp = "current" if by == "today" else "issued"
    sql = f"select {grp} as grp, {cols} from {table} where 1 = 1 {where}"
    args: list[Any] = []
    if year:
        sql += " and year = ?"
        args.append(int(year))
    if province:
        # the provinces as written that count for it (lineage), as a list SQLite can look up
        names = [p for (p,) in db.execute("select distinct province from plan_copies where province is not null")
                 if lineage.in_province(p, province)]
        sql += f" and province in ({','.join('?' * len(names))})" if names else " and 0"
        args += names
    if group:
        sql = f"select grp, {group}, sum(tasks) as tasks from ({sql}) group by grp, {group}"
    out = []
    for r in db.query(sql, args):
        r["group"] = r.pop("grp") or None
        out.append(r)
    return out


def areas(db: sqlite_utils.Database, province: str | None = None, year: int | None = None, by: str = "today",
          fresh: bool = False) -> Table:
    """Programme-area coverage: tasks per area per province (one row per province, one column per area)."""
    area_ids = [r["id"] for r in lineage._rows(lineage.MODELS / "areas.tsv")]
    counts: dict[str, Counter] = defaultdict(Counter)
    if not fresh and refresh.ensure_fresh(db):
        n_plans: Counter = Counter()
        for r in _summary(db, "summary_areas", "area, tasks", province, year, by, group="area"):
            counts[r["group"] or "?"][r["area"] or "?"] += r["tasks"]
        for r in _summary(db, "plan_summary", "1", province, year, by, "and tasks > 0"):
            n_plans[r["group"] or "?"] += 1
    else:
        docs = _docs(db, province, year, by)
        plans: dict[str, set] = defaultdict(set)
        for t in _rows(db, "tasks", docs, "doc_id, area"):
            g = docs[t["doc_id"]]["group"] or "?"
            counts[g][t["area"] or "?"] += 1
            plans[g].add(t["doc_id"])
        n_plans = Counter({g: len(v) for g, v in plans.items()})
    extra = sorted({a for c in counts.values() for a in c} - set(area_ids))
    cols = ["province", "plans", *area_ids, *extra, "total"]
    rows = [{"province": g, "plans": n_plans[g], **{a: counts[g].get(a, 0) for a in area_ids + extra},
             "total": sum(counts[g].values())} for g in sorted(counts)]
    return cols, rows


def leads(db: sqlite_utils.Database, province: str | None = None, year: int | None = None, by: str = "today",
          agencies_today: bool = False, fresh: bool = False) -> Table:
    """Who leads what: agency kind × area, per province (tasks led)."""
    c: Counter = Counter()
    if not fresh and refresh.ensure_fresh(db):
        for r in _summary(db, "summary_leads", "agency, area, tasks", province, year, by, group="agency, area"):
            aid = lineage.agency_on(r["agency"]) if agencies_today else r["agency"]
            c[(r["group"] or "?", aid, r["area"] or "?")] += r["tasks"]
    else:
        docs = _docs(db, province, year, by)
        for t in _rows(db, "tasks", docs, "doc_id, area, lead"):
            d = docs[t["doc_id"]]
            for a in json.loads(t["lead"] or "[]"):
                aid = lineage.agency_on(a) if agencies_today else a
                c[(d["group"] or "?", aid, t["area"] or "?")] += 1
    rows = [{"province": p, "agency": a, "area": ar, "tasks": n} for (p, a, ar), n in sorted(c.items())]
    return ["province", "agency", "area", "tasks"], rows


def deadlines(db: sqlite_utils.Database, province: str | None = None, year: int | None = None,
              by: str = "today", fresh: bool = False) -> Table:
    """Deadlines and reporting cycles per province and plan."""
    cols = ["province", "plan", "plan_date", "due", "period", "recurring", "first_due", "cycles"]
    if not fresh and refresh.ensure_fresh(db):
        rows = [{"province": r["group"], "plan": r["plan"], "plan_date": r["date"], "due": r["due"],
                 "period": r["period"], "recurring": r["recurring"], "cycles": r["cycles"] or "",
                 "first_due": r["first_due"], "doc_id": r["doc_id"]}
                for r in _summary(db, "plan_summary", "doc_id, plan, date, due, period, recurring, first_due, cycles",
                                  province, year, by, "and deadlines > 0")]
        rows.sort(key=lambda r: (r["province"] or "", r["plan_date"] or "", r["doc_id"]))
        return cols, rows
    docs = _docs(db, province, year, by)
    per: dict[str, dict[str, Any]] = {}
    for dl in _rows(db, "deadlines", docs):
        d = docs[dl["doc_id"]]
        r = per.setdefault(d["id"], {"province": d["group"], "plan": d["name"], "plan_date": d["date"],
                                     "due": 0, "period": 0, "recurring": 0, "cycles": [], "first_due": None,
                                     "doc_id": d["id"]})
        k = dl.get("kind")
        if k in ("due", "period", "recurring"):
            r[k] += 1
        if k == "due" and dl.get("date") and (r["first_due"] is None or dl["date"] < r["first_due"]):
            r["first_due"] = dl["date"]
        if k == "recurring":
            when = json.loads(dl.get("when") or "[]")
            r["cycles"].append(f"{dl.get('what') or ''} [{', '.join(when)}]".strip())
    rows = sorted(per.values(), key=lambda r: (r["province"] or "", r["plan_date"] or "", r["doc_id"]))
    for r in rows:
        r["cycles"] = "; ".join(r["cycles"])
    return cols, rows


KINDS = {"citations": citations, "targets": targets, "areas": areas, "leads": leads, "deadlines": deadlines}


def save_measures(db: sqlite_utils.Database) -> int:
    """Write ``target_measures`` (each target's national measure and figure) for the web's canned query."""
    _, rows = targets(db)
    fids = {}
    for t in db.query("select fid, doc_id, ord, metric, value, comparator, unit from targets"):
        fids.setdefault((t["doc_id"], t["metric"], t["value"], t["comparator"], t["unit"]), t["fid"])
    out = [{"fid": fids.get((r["doc_id"], r["metric"], r["value"], r["comparator"], r["unit"])), "doc_id": r["doc_id"],
            "measure": r["measure"], "national": r["national"], "weaker": int(r["weaker"])} for r in rows]
    with db.atomic():
        db["target_measures"].drop(ignore=True)
        db["target_measures"].create({"fid": str, "doc_id": str, "measure": str, "national": str, "weaker": int},
                                     pk="fid")
        db["target_measures"].insert_all([r for r in out if r["fid"]], replace=True)
    return len(out)
