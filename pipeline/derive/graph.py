"""The knowledge graph: documents, provinces, agencies, tasks, targets, deadlines, areas.

Why it is persisted: the web front end and the canned queries are SQL over the store, and
rebuilding a 5,000-plan graph on every request would be too slow; so the graph lives in two
tables (``graph_nodes``, ``graph_edges``) derived from the extraction tables, and is loaded
into networkx for analysis and export. It is rebuilt per document: every row derived from a
document carries that document's id (``doc_id``), so re-ingesting one plan deletes and
re-derives only its rows. Shared nodes (provinces, agency kinds, programme areas, documents
known from several plans) have an empty ``doc_id`` and are garbage-collected when nothing
points at them any more.

Document identity: a document is keyed by its symbol's type, number and issuer code and its
year — and, for local issuer codes (UBND, TU, BCĐ of a province), by the citing plan's
province, because "61/KH-UBND" names a different plan in every province. National codes come
from ``models/national_issuers.tsv``; registry documents (``models/national_documents.tsv``)
become national nodes even when their text is not in the corpus.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import sqlite_utils

from pipeline.lexicon import lineage
from pipeline.lexicon.lineage import MODELS, _rows, name_key
from pipeline.store import DIRTY_TABLE, row_spans
from pipeline.text.fold import fold

NODE_KINDS = ("document", "province", "agency_kind", "agency", "task", "target", "deadline", "area")
EDGE_KINDS = ("implements", "cites", "issued_by", "in_province", "has_task", "leads", "supports", "in_area",
              "has_target", "has_deadline", "names", "instance_of", "merged_into")


# --------------------------------------------------------------------------- reference data
@lru_cache(maxsize=1)
def national_codes() -> frozenset[str]:
    return frozenset(r["code"].strip() for r in _rows(MODELS / "national_issuers.tsv") if r.get("code"))


@lru_cache(maxsize=1)
def agency_vocab() -> dict[str, dict[str, str]]:
    """Agency kinds by id: level and name (from models/agencies.tsv)."""
    return {r["id"]: {"level": r.get("level") or "", "name": r.get("name") or r["id"]}
            for r in _rows(MODELS / "agencies.tsv") if r.get("id")}


@lru_cache(maxsize=1)
def area_vocab() -> dict[str, str]:
    return {r["id"]: r.get("name") or r["id"] for r in _rows(MODELS / "areas.tsv") if r.get("id")}


@lru_cache(maxsize=1)
def registry() -> list[dict[str, str]]:
    """National documents known to the registry (empty when the file is not there yet)."""
    return [r for r in _rows(MODELS / "national_documents.tsv") if r.get("symbol")]


LOCAL_LEVELS = {"province", "district", "commune", "group"}


# --------------------------------------------------------------------------- document keys
@lru_cache(maxsize=8192)  # a corpus cites the same few national symbols thousands of times
def issuer_code(symbol: str | None, type_: str | None) -> str:
    """The issuer part of a symbol, folded, digits and spaces dropped: 193/QĐ-TTg → 'ttg'."""
    if not symbol:
        return ""
    s = re.sub(r"\s+", "", fold(symbol))
    s = re.sub(r"^\d+[/-]", "", s)
    s = re.sub(r"^(19|20)\d\d/", "", s)
    t = fold(type_ or "")
    if t and (s.startswith(t + "-") or s.startswith(t + "/")):
        s = s[len(t) + 1:]
    return re.sub(r"\d", "", s).strip("-/")


def is_national(code: str) -> bool:
    """Whether an issuer code names a central body (any part of a joint code counts)."""
    nat = national_codes()
    if not code:
        return False
    if code in nat or code.split("-")[0] in nat:
        return True
    return any(p in nat for p in code.split("-")[1:] if len(p) > 2)


def match_key(type_: str | None, number: Any, symbol: str | None, province: str | None) -> str | None:
    """A document's identity without its year, or None when there is no number to key on."""
    if number in (None, ""):
        m = re.match(r"\s*0*(\d+)", symbol or "")
        if not m:
            return None
        number = m.group(1)
    num = str(number).lstrip("0") or "0"
    code = issuer_code(symbol, type_)
    scope = "" if is_national(code) else name_key(lineage.canonical(province) or "")
    root = code.split("-")[0]
    return f"{fold(type_ or '')}|{num}|{root}|{scope}"


def doc_node_id(key: str, year: Any) -> str:
    return f"doc:{key}|{year or ''}"


# --------------------------------------------------------------------------- schema
def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the graph tables and the province tables (idempotent), in one committed transaction."""
    with db.atomic():
        _create(db)


def _create(db: sqlite_utils.Database) -> None:
    db.execute("""create table if not exists graph_nodes (
        id text primary key, kind text, label text, doc_id text default '', match text,
        stored_doc text, registry integer default 0, province text, year integer, attrs text)""")
    db.execute("""create table if not exists graph_edges (
        src text, dst text, kind text, doc_id text default '', attrs text, fact text)""")
    if "fact" not in db["graph_edges"].columns_dict:  # stores made before edges named their fact
        db.execute("alter table graph_edges add column fact text")
    db.execute("create index if not exists graph_edges_fact on graph_edges(fact)")
    db.execute("create unique index if not exists graph_edges_uniq on graph_edges(src, dst, kind, doc_id)")
    db.execute("create index if not exists graph_edges_dst on graph_edges(dst, kind)")
    db.execute("create index if not exists graph_edges_doc on graph_edges(doc_id)")
    db.execute("create index if not exists graph_edges_kind on graph_edges(kind)")
    db.execute("create index if not exists graph_nodes_doc on graph_nodes(doc_id)")
    db.execute("create index if not exists graph_nodes_match on graph_nodes(match)")
    db.execute("create index if not exists graph_nodes_stored on graph_nodes(stored_doc)")
    db.execute("create index if not exists graph_nodes_kind on graph_nodes(kind)")
    db.execute(f"create table if not exists {DIRTY_TABLE} (doc_id text primary key)")
    db.execute("""create table if not exists province_names (
        name text primary key, canonical text, current text)""")
    db.execute("""create table if not exists province_lineage (
        old text, new text, effective text, kind text)""")
    if not db.execute("select count(*) from province_lineage").fetchone()[0]:
        db.conn.executemany("insert into province_lineage values (?,?,?,?)",
                       [(s.old, s.new, s.effective, s.kind) for s in lineage.all_steps()])
    for t in ("tasks", "citations", "targets", "deadlines", "agency_mentions", "assignments"):
        if t in db.table_names():
            db.execute(f"create index if not exists {t}_doc_ord on [{t}](doc_id)")
    if "assignments" in db.table_names():
        db.execute("create index if not exists assignments_task on assignments(task_fid)")
    if "citations" in db.table_names():
        db.execute("create index if not exists citations_type_number on citations(type, number)")


# --------------------------------------------------------------------------- derivation
class _Batch:
    """Rows to write for a set of documents; nodes upserted, edges inserted-or-ignored."""

    def __init__(self) -> None:
        self.nodes: dict[str, tuple] = {}
        self.edges: list[tuple] = []
        self.provinces: dict[str, tuple] = {}
        self.actors: dict[tuple, str] = {}

    def node(self, id_: str, kind: str, label: str, doc_id: str = "", match: str | None = None,
             stored_doc: str | None = None, registry: int = 0, province: str | None = None,
             year: Any = None, attrs: dict | None = None) -> str:
        old = self.nodes.get(id_)
        if old is not None and kind == "document":
            # keep the richer description (a stored plan beats a bare citation)
            stored_doc = stored_doc or old[5]
            registry = registry or old[6]
            if old[5] and not stored_doc:
                return id_
        self.nodes[id_] = (id_, kind, label, doc_id, match, stored_doc, registry, province, year,
                           json.dumps(attrs, ensure_ascii=False) if attrs else "{}")
        return id_

    def edge(self, src: str, dst: str, kind: str, doc_id: str = "", attrs: dict | None = None,
             fact: str | None = None) -> None:
        """``fact``: the fid of the extraction row the edge comes from (for SQL joins back to it)."""
        self.edges.append((src, dst, kind, doc_id, json.dumps(attrs, ensure_ascii=False) if attrs else "{}", fact))


def _province_node(b: _Batch, name: str | None) -> str | None:
    canon = lineage.canonical(name)
    if not canon:
        return None
    cur = lineage.current(canon)
    pid = f"prov:{canon}"
    b.node(pid, "province", canon, province=canon, attrs={"current": cur})
    if cur and cur != canon:
        b.node(f"prov:{cur}", "province", cur, province=cur, attrs={"current": cur})
        steps = [s for s in lineage.all_steps() if s.old == canon]
        b.edge(pid, f"prov:{cur}", "merged_into", attrs={"effective": steps[-1].effective if steps else None})
    b.provinces[name or canon] = (name or canon, canon, cur)
    return pid


def _actor(b: _Batch, agency_id: str, province: str | None) -> str:
    """The node that acts for an agency id in a province: its concrete instance, or the kind."""
    hit = b.actors.get((agency_id, province))
    if hit:
        return hit
    b.actors[(agency_id, province)] = nid = _make_actor(b, agency_id, province)
    return nid


def _make_actor(b: _Batch, agency_id: str, province: str | None) -> str:
    voc = agency_vocab().get(agency_id, {"level": "", "name": agency_id})
    kid = f"kind:{agency_id}"
    b.node(kid, "agency_kind", voc["name"], attrs={"level": voc["level"]})
    canon = lineage.canonical(province)
    if not canon or voc["level"] not in LOCAL_LEVELS and voc["level"] != "":
        return kid
    iid = f"agency:{canon}:{agency_id}"
    b.node(iid, "agency", f"{voc['name']} — {canon}", province=canon, attrs={"kind": agency_id})
    b.edge(iid, kid, "instance_of")
    b.edge(iid, f"prov:{canon}", "in_province")
    return iid


def _cited_node(b: _Batch, db: sqlite_utils.Database, c: dict[str, Any], province: str | None) -> str | None:
    key = match_key(c.get("type"), c.get("number"), c.get("symbol"), province)
    if key is None:
        return None
    year = c.get("year") or (str(c.get("registry_date") or "")[:4] or None)
    if not year:
        # a citation without a year joins the document already known under this key
        row = db.execute("select year from graph_nodes where match = ? and year is not null "
                         "order by stored_doc is null, year desc limit 1", [key]).fetchone()
        year = row[0] if row else None
    year = int(year) if year else None
    nid = doc_node_id(key, year)
    scope_prov = key.rsplit("|", 1)[1]
    b.node(nid, "document", c.get("symbol") or key, match=key, year=year,
           province=lineage.canonical(province) if scope_prov else None,
           attrs={"symbol": c.get("symbol"), "type": c.get("type"), "date": c.get("date") or c.get("registry_date"),
                  "issuer": c.get("issuer"), "national": not scope_prov})
    return nid


def _issuer_agency(doc: dict[str, Any], mentions: list[dict[str, Any]]) -> str | None:
    """The agency kind that issued a document: the mention at the issuer's span, else by name."""
    try:
        spans = json.loads(doc.get("contract") or "{}").get("document", {}).get("spans", {}) or {}
    except ValueError:
        spans = {}
    isp = spans.get("issuer")
    if isinstance(isp, list):
        isp = isp[0] if isp else None
    if isp:
        for m in mentions:
            for s in row_spans(m):
                if s["start"] < isp["end"] and isp["start"] < s["end"]:
                    return m["id"]
    issuer = fold(doc.get("issuer") or "")
    if issuer and not mentions:
        return _issuer_by_vocab(issuer)
    if issuer:
        best = None
        for m in mentions:
            nm = fold(m.get("name") or "")
            if nm and (nm in issuer or issuer in nm) and (best is None or len(nm) > len(best[1])):
                best = (m["id"], nm)
        if best:
            return best[0]
        return _issuer_by_vocab(issuer)
    return None


@lru_cache(maxsize=2048)
def _issuer_by_vocab(issuer: str) -> str | None:
    """The issuer named only in the header: the longest vocabulary spelling inside it."""
    for aid, spelling in _vocab_spellings():
        if re.search(r"(^|\W)" + re.escape(spelling) + r"(\W|$)", issuer):
            return aid
    return None


@lru_cache(maxsize=1)
def _vocab_spellings() -> list[tuple[str, str]]:
    """(agency id, folded spelling) from models/agencies.tsv, longest first."""
    out = []
    for r in _rows(MODELS / "agencies.tsv"):
        vals = list(r.values())
        for sp in [r.get("name") or ""] + (vals[3] if len(vals) > 3 and vals[3] else "").split("|"):
            sp = fold(re.sub(r"\(.*?\)", "", sp)).strip()
            if len(sp) >= 4:
                out.append((r["id"], sp))
    return sorted(out, key=lambda x: -len(x[1]))


def _derive(db: sqlite_utils.Database, b: _Batch, doc: dict[str, Any]) -> None:
    did = doc["id"]
    prov = doc.get("province")
    q = lambda t: list(db.query(f"select * from [{t}] where doc_id = ? order by ord", [did]))  # noqa: E731
    cits, mentions, tasks, targets, deadlines = (q("citations"), q("agency_mentions"), q("tasks"), q("targets"),
                                                 q("deadlines"))
    assigns = list(db.query("select * from assignments where doc_id = ?", [did]))

    key = match_key(doc.get("type"), None, doc.get("symbol"), prov) if doc.get("symbol") else None
    dnode = doc_node_id(key, doc.get("year")) if key else f"doc:{did}"
    label = doc.get("symbol") or Path(doc.get("path") or did).name
    b.node(dnode, "document", label, match=key, stored_doc=did, year=doc.get("year"),
           province=lineage.canonical(prov),
           attrs={"symbol": doc.get("symbol"), "title": doc.get("title"), "date": doc.get("date"),
                  "issuer": doc.get("issuer"), "path": doc.get("path"), "stored": True,
                  "national": bool(key and not key.rsplit("|", 1)[1])})
    pnode = _province_node(b, prov)
    if pnode:
        b.edge(dnode, pnode, "in_province", did)
    iss = _issuer_agency(doc, mentions)
    if iss:
        b.edge(dnode, _actor(b, iss, prov), "issued_by", did)

    cited_by_ord: dict[int, str] = {}
    for c in cits:
        n = _cited_node(b, db, c, prov)
        if n is None or n == dnode:
            continue
        cited_by_ord[c["ord"]] = n
        rel = "implements" if c.get("relation") == "implements" else "cites"
        b.edge(dnode, n, rel, did, {"symbol": c.get("symbol"), "date": c.get("date")}, fact=c["fid"])

    task_nodes: dict[str, str] = {}
    for t in tasks:
        tid = f"task:{t['fid']}"
        task_nodes[t["fid"]] = tid
        b.node(tid, "task", f"{t.get('path_str') or ''} {(t.get('text') or '')[:60]}".strip(), doc_id=did,
               province=lineage.canonical(prov), year=doc.get("year"),
               attrs={"path": t.get("path_str"), "text": (t.get("text") or "")[:300], "area": t.get("area"),
                      "start": t.get("start"), "end": t.get("end")})
        b.edge(dnode, tid, "has_task", did)
        if t.get("area"):
            aid = f"area:{t['area']}"
            b.node(aid, "area", area_vocab().get(t["area"], t["area"]))
            b.edge(tid, aid, "in_area", did)
        # names: a citation mentioned inside the task's span, or its symbol inside the task text
        tsp = row_spans(t)
        text = fold(t.get("text") or "")
        for c in cits:
            n = cited_by_ord.get(c["ord"])
            if not n:
                continue
            inside = any(s["start"] >= ts["start"] and s["end"] <= ts["end"] for s in row_spans(c) for ts in tsp)
            sym = re.sub(r"\s+", "", fold(c.get("symbol") or ""))
            if inside or (sym and sym in re.sub(r"\s+", "", text)):
                b.edge(tid, n, "names", did, {"symbol": c.get("symbol")})
    for a in assigns:
        tid = task_nodes.get(a["task_fid"])
        if tid and a.get("agency_id"):
            kind = "leads" if a.get("role") == "lead" else "supports"
            b.edge(_actor(b, a["agency_id"], prov), tid, kind, did,
                   {"evidence": a.get("evidence"), "start": a.get("start"), "end": a.get("end")})
    for tg in targets:
        nid = f"target:{tg['fid']}"
        b.node(nid, "target", f"{tg.get('comparator') or ''}{tg.get('value')}{tg.get('unit') or ''} {tg.get('metric') or ''}",
               doc_id=did, province=lineage.canonical(prov), year=doc.get("year"),
               attrs={"value": tg.get("value"), "unit": tg.get("unit"), "comparator": tg.get("comparator"),
                      "metric": tg.get("metric")})
        b.edge(dnode, nid, "has_target", did)
    by_ord = {t["ord"]: task_nodes[t["fid"]] for t in tasks}
    for tg in targets:
        if tg.get("task_ord") is not None and tg["task_ord"] in by_ord:
            b.edge(by_ord[tg["task_ord"]], f"target:{tg['fid']}", "has_target", did)
    for dl in deadlines:
        nid = f"deadline:{dl['fid']}"
        b.node(nid, "deadline", f"{dl.get('kind')} {dl.get('date') or dl.get('period_start') or ''} {dl.get('what') or ''}"[:120],
               doc_id=did, province=lineage.canonical(prov), year=doc.get("year"),
               attrs={k: dl.get(k) for k in ("kind", "date", "period_start", "period_end", "when", "what", "agency")})
        b.edge(dnode, nid, "has_deadline", did)
        if dl.get("task_ord") is not None and dl["task_ord"] in by_ord:
            b.edge(by_ord[dl["task_ord"]], nid, "has_deadline", did)


def _registry_nodes(b: _Batch) -> None:
    for r in registry():
        key = match_key(r.get("type"), r.get("number"), r.get("symbol"), None)
        if key is None:
            continue
        date_ = r.get("date") or ""
        year = int(date_[:4]) if date_[:4].isdigit() else (int(r["year"]) if (r.get("year") or "").isdigit() else None)
        b.node(doc_node_id(key, year), "document", r["symbol"], match=key, registry=1, year=year,
               attrs={"symbol": r["symbol"], "type": r.get("type"), "date": date_ or None, "issuer": r.get("issuer"),
                      "title": r.get("title"), "national": True})


def _write(db: sqlite_utils.Database, b: _Batch) -> None:
    # a stored plan's node must not be downgraded by a later citation of it (and vice versa)
    db.conn.executemany(
        """insert into graph_nodes (id, kind, label, doc_id, match, stored_doc, registry, province, year, attrs)
           values (?,?,?,?,?,?,?,?,?,?)
           on conflict(id) do update set
             label = case when excluded.stored_doc is not null or graph_nodes.stored_doc is null
                          then excluded.label else graph_nodes.label end,
             attrs = case when excluded.stored_doc is not null or graph_nodes.stored_doc is null
                          then excluded.attrs else graph_nodes.attrs end,
             stored_doc = coalesce(excluded.stored_doc, graph_nodes.stored_doc),
             registry = max(excluded.registry, graph_nodes.registry),
             province = coalesce(graph_nodes.province, excluded.province),
             match = coalesce(excluded.match, graph_nodes.match),
             year = coalesce(excluded.year, graph_nodes.year)""",
        list(b.nodes.values()))
    db.conn.executemany("insert or ignore into graph_edges (src, dst, kind, doc_id, attrs, fact) values (?,?,?,?,?,?)",
                        b.edges)
    db.conn.executemany("insert or replace into province_names (name, canonical, current) values (?,?,?)",
                   list(b.provinces.values()))


def _merge_yearless(db: sqlite_utils.Database, matches: Iterable[str]) -> None:
    """A document first cited without a year joins its dated node once one exists."""
    for m in set(x for x in matches if x):
        # "+kind": look up by match; without statistics SQLite took the kind index and read
        # every document node per lookup (quadratic on 5,000 plans)
        rows = db.execute("select id, year from graph_nodes where match = ? and +kind = 'document'", [m]).fetchall()
        dated = [r for r in rows if r[1] is not None]
        if len(dated) != 1:
            continue
        target = dated[0][0]
        for r in rows:
            if r[1] is None and r[0] != target:
                db.execute("update or ignore graph_edges set dst = ? where dst = ?", [target, r[0]])
                db.execute("update or ignore graph_edges set src = ? where src = ?", [target, r[0]])
                db.execute("delete from graph_edges where dst = ? or src = ?", [r[0], r[0]])
                db.execute("delete from graph_nodes where id = ? and stored_doc is null and registry = 0", [r[0]])


def _gc(db: sqlite_utils.Database) -> None:
    """Drop shared nodes that nothing points at (a plan re-ingested without a citation)."""
    db.execute("""delete from graph_edges where kind in ('instance_of', 'in_province', 'merged_into') and doc_id = ''
                  and not exists (select 1 from graph_edges e where e.doc_id != '' and (e.src = graph_edges.src
                                  or e.dst = graph_edges.src))""")
    db.execute("""delete from graph_nodes where doc_id = '' and registry = 0 and stored_doc is null
                  and kind in ('document', 'agency')
                  and not exists (select 1 from graph_edges e where e.dst = graph_nodes.id)
                  and not exists (select 1 from graph_edges e where e.src = graph_nodes.id)""")


def rederive(db: sqlite_utils.Database, doc_ids: Iterable[str], full: bool) -> list[str]:
    """Re-derive the graph rows of ``doc_ids`` (``full``: drop every row first). Only each
    plan's representative copy (``plan_copies``) is derived; the others' rows go. Returns the
    document nodes the changed documents had before (the closure re-reads their implementers)."""
    ids = sorted(doc_ids)
    reps = {r[0] for r in db.execute("select doc_id from plan_copies where representative = 1")}
    old_nodes: list[str] = []
    if full:
        db.execute("delete from graph_edges")
        db.execute("delete from graph_nodes")
        db.execute("delete from province_names")
    b = _Batch()
    _registry_nodes(b)
    _write(db, b)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        if not full:
            old_nodes += [r[0] for r in db.execute(
                f"select id from graph_nodes where stored_doc in ({marks}) and +kind = 'document'", chunk)]
            db.execute(f"delete from graph_edges where doc_id in ({marks})", chunk)
            db.execute(f"delete from graph_nodes where doc_id in ({marks})", chunk)
            db.execute(f"update graph_nodes set stored_doc = null where stored_doc in ({marks})", chunk)
        derive = [d for d in chunk if d in reps]
        if not derive:
            continue
        b = _Batch()
        for doc in db.query(f"select id, path, symbol, type, issuer, province, date, year, title, contract "
                            f"from documents where id in ({','.join('?' * len(derive))})", derive):
            _derive(db, b, doc)
        _write(db, b)
        _merge_yearless(db, (n[4] for n in b.nodes.values() if n[1] == "document"))
    _gc(db)
    return old_nodes


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Nodes and edges stored."""
    return {"nodes": db.execute("select count(*) from graph_nodes").fetchone()[0],
            "edges": db.execute("select count(*) from graph_edges").fetchone()[0]}


# --------------------------------------------------------------------------- analysis
def load(db: sqlite_utils.Database | str | Path) -> nx.MultiDiGraph:
    """The persisted graph as a networkx MultiDiGraph (edge keys are edge kinds)."""
    if not isinstance(db, sqlite_utils.Database):
        db = sqlite_utils.Database(db)
    ensure_schema(db)
    g = nx.MultiDiGraph()
    for id_, kind, label, doc_id, stored, reg, prov, year, attrs in db.execute(
            "select id, kind, label, doc_id, stored_doc, registry, province, year, attrs from graph_nodes"):
        a = json.loads(attrs or "{}")
        g.add_node(id_, kind=kind, label=label or "", doc_id=doc_id or "", stored_doc=stored or "",
                   registry=int(reg or 0), province=prov or "", year=year or 0, **{k: v for k, v in a.items()
                                                                                  if k not in ("kind", "label")})
    for src, dst, kind, doc_id, attrs, fact in db.execute("select src, dst, kind, doc_id, attrs, fact from graph_edges"):
        g.add_edge(src, dst, key=kind, kind=kind, doc_id=doc_id or "", fact=fact or "", **json.loads(attrs or "{}"))
    return g


def _scalar_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML can hold (no None, lists or dicts)."""
    h = nx.MultiDiGraph()

    def clean(d: dict) -> dict:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            out[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
        return out

    for n, d in g.nodes(data=True):
        h.add_node(n, **clean(d))
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **clean(d))
    return h


def export_graphml(g: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML (opens in Gephi)."""
    nx.write_graphml(_scalar_graph(g), str(path))


def export_json(g: nx.MultiDiGraph, path: str | Path) -> None:
    """node-link JSON."""
    data = nx.node_link_data(g, edges="links")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
