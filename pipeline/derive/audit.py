"""Audits: what an auditor looks for in a province's plans, as findings with their evidence.

Why a fixed shape: auditors file findings, scripts diff them between runs, and the web page
links each one to the span that shows it; so every finding is a dict with the same keys —
``kind`` (one of ``KINDS``), ``severity``, ``document`` (symbol, or file when it has none),
``path`` (the task's path or None), ``message``, ``spans`` — plus ``doc_id``, ``province``
(today's, by the lineage) and ``year`` for filtering and linking.

Findings are computed from the store's fact tables (never by re-parsing the plan); the few
keyword checks (a focal agency, a reporting regime) look up phrases listed in
``models/audit_rules.json`` in the stored text.

Most findings concern one plan alone; they are computed when the plan is ingested and kept in
``plan_audit`` with the areas the plan covers (``refresh``, called with the other summaries),
so ``run`` over 5,000 plans reads them and computes only what weighs plans against each other
(areas a province never covers, a citation dated differently from the other plans). ``run(...,
fresh=True)`` computes everything from the fact tables — the reference the tests hold it to.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any, Iterable

import sqlite_utils

from pipeline.areas.rules import area_scores
from pipeline.derive import plans
from pipeline.extract.assignments import find_refs
from pipeline.lexicon import lineage
from pipeline.lexicon.lineage import MODELS, _rows
from pipeline.store import row_spans
from pipeline.text.fold import fold

KINDS: dict[str, str] = {
    "no_lead": "a task with no lead agency (nobody presides)",
    "catch_all_only": "a task led only by a catch-all ('the agencies concerned')",
    "dangling_reference": "an assignment that points at an item that does not exist",
    "uncovered_area": "a programme area a province's plans never cover",
    "weaker_target": "a target weaker than the national target for the same measure",
    "citation_date_conflict": "a citation whose date conflicts with the registry or with other plans",
    "deadline_before_issue": "a deadline before the plan's own date",
    "period_inverted": "a period that ends before it starts",
    "recurring_incomplete": "a recurring cycle with fewer dates than its cadence needs",
    "no_focal_agency": "a plan with no focal agency (cơ quan thường trực / đầu mối)",
    "no_reporting_regime": "a plan with no reporting regime",
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return json.loads((MODELS / "audit_rules.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def national_targets() -> list[dict[str, Any]]:
    out = []
    for r in _rows(MODELS / "national_targets.tsv"):
        r = dict(r)
        r["value"] = float(r["value"])
        r["groups"] = [[w.strip() for w in g.split("|") if w.strip()] for g in (r.get("keywords") or "").split(";")
                       if g.strip()]
        r["excl"] = [w.strip() for w in (r.get("exclude") or "").split("|") if w.strip()]
        out.append(r)
    return out


@lru_cache(maxsize=8192)  # plans of a programme word their targets alike; callers only read the list
def match_national(metric: str | None, year: int | None) -> list[dict[str, Any]]:
    """The national targets that measure what a local metric measures (for the plan's year)."""
    m = fold(metric or "")
    if not m:
        return []
    out = []
    for n in national_targets():
        if year and not (int(n["applies_from"]) <= year <= int(n["applies_to"])):
            continue
        if all(any(w in m for w in g) for g in n["groups"]) and not any(w in m for w in n["excl"]):
            out.append(n)
    return out


def is_weaker(value: float, comparator: str | None, nat: dict[str, Any]) -> bool:
    """A local floor below the national floor (or equal to a national 'above')."""
    comp = comparator or "="
    if comp in ("<", "<="):
        return False
    if value < nat["value"]:
        return True
    return value == nat["value"] and nat["comparator"] == ">" and comp in ("=", ">=")


def _path(row: dict[str, Any]) -> list[str] | None:
    try:
        p = json.loads(row.get("path") or "null")
    except ValueError:
        p = None
    return p if isinstance(p, list) else None


def _labels(s: str) -> str:
    """An item label as pointers name it: "(3)", "3" and "3." alike, "a)" as "a"."""
    return re.sub(r"[\s.()]", "", fold(s))


def _pointed_labels(evidence: str) -> list[str]:
    """The item labels an assignment's words point at, read as the assignment rules read them
    (``find_refs``: lists, ranges "từ (1) đến (3)", "điểm a đến điểm d", "khoản 2 Mục II")."""
    refs = find_refs(fold(evidence))
    out = list(refs.labels)
    out += [x for x in (refs.within, refs.section) if x]
    return out


class Auditor:
    def __init__(self, db: sqlite_utils.Database, province: str | None, year: int | None,
                 ids: list[str] | None = None, text: bool = True) -> None:
        """The plans to audit: one copy of each, by province and year, or the copies ``ids``;
        ``text``: load their text (only the plan-level keyword checks need it)."""
        self.db = db
        self.out: list[dict[str, Any]] = []
        # one copy of each plan (pipeline/derive/plans.py): a plan stored as .txt and as a scan is
        # audited once, from its best-read copy
        plans.ensure_schema(db)
        cond, args = [plans.representatives_sql("d")], []
        if year:
            cond.append("year = ?")
            args.append(int(year))
        if ids is not None:
            cond.append(f"id in ({','.join('?' * len(ids))})" if ids else "0")
            args += ids
        docs = list(db.query(f"select id, path, symbol, province, date, year, title{', text' if text else ''} "
                             "from documents d where " + " and ".join(cond), args))
        if province:
            docs = [d for d in docs if lineage.in_province(d["province"], province)]
        self.docs = {d["id"]: d for d in docs}
        self.sev = rules()["severity"]

    def add(self, kind: str, doc: dict[str, Any], message: str, spans: list[dict[str, Any]] | None = None,
            path: list[str] | None = None) -> None:
        self.out.append({
            "kind": kind, "severity": self.sev.get(kind, "warning"),
            "document": doc.get("symbol") or doc.get("path"), "path": path, "message": message,
            "spans": [{k: s.get(k) for k in ("start", "end", "page") if s.get(k) is not None} for s in spans or []],
            "doc_id": doc["id"], "province": lineage.current(doc.get("province")), "year": doc.get("year"),
        })

    def rows(self, table: str) -> dict[str, list[dict[str, Any]]]:
        by: dict[str, list[dict[str, Any]]] = defaultdict(list)
        ids = list(self.docs)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.db.query(f"select * from [{table}] where doc_id in ({','.join('?' * len(chunk))})", chunk):
                by[r["doc_id"]].append(r)
        return by

    # ------------------------------------------------------------------ tasks and assignments
    def tasks(self) -> None:
        catch = set(rules()["catch_all_agencies"])
        tasks, assigns = self.rows("tasks"), self.rows("assignments")
        sections = self.rows("sections")
        for did, doc in self.docs.items():
            fids = {t["fid"] for t in tasks.get(did, [])}
            labels = {_labels(x) for t in tasks.get(did, []) for x in (_path(t) or [])}
            labels |= {_labels(s["label"] or "") for s in sections.get(did, [])}
            # a lead the assignment rows give a task counts as well as its lead column
            assigned: dict[str, list[str]] = defaultdict(list)
            for a in assigns.get(did, []):
                if a.get("role") == "lead" and a.get("task_fid") and a.get("agency_id"):
                    assigned[a["task_fid"]].append(a["agency_id"])
            for t in tasks.get(did, []):
                lead = json.loads(t.get("lead") or "[]")
                lead += [x for x in assigned.get(t["fid"], []) if x not in lead]
                p = _path(t)
                what = (t.get("text") or "")[:80]
                if not lead:
                    self.add("no_lead", doc, f"Nhiệm vụ không có cơ quan chủ trì / task has no lead agency: «{what}»",
                             row_spans(t), p)
                elif all(a in catch for a in lead):
                    self.add("catch_all_only", doc,
                             f"Nhiệm vụ chỉ giao chung chung ({', '.join(lead)}) / led only by a catch-all: «{what}»",
                             row_spans(t), p)
                for fl in json.loads(t.get("flags") or "[]"):
                    if isinstance(fl, str) and "dangling" in fl:
                        self.add("dangling_reference", doc, f"{fl} (task «{what}»)", row_spans(t), p)
            seen: set[tuple] = set()
            for a in assigns.get(did, []):
                span = [{"start": a["start"], "end": a["end"], "page": a.get("page")}] if a.get("start") is not None else []
                if a["task_fid"] and a["task_fid"] not in fids:
                    self.add("dangling_reference", doc,
                             f"Phân công cho nhiệm vụ không tồn tại / assignment to a missing item ({a['agency_id']})",
                             span)
                    continue
                for raw in _pointed_labels(a.get("evidence") or ""):
                    lab = _labels(raw)
                    key = (lab, a.get("start"))
                    if lab and lab not in labels and key not in seen:
                        seen.add(key)
                        self.add("dangling_reference", doc,
                                 f"Phân công trỏ tới mục «{raw}» không có trong kế hoạch / "
                                 f"assignment points at item {raw!r}, which does not exist",
                                 span)

    # ------------------------------------------------------------------ coverage by province
    def areas(self) -> None:
        """Areas a province's plans never cover — judged only where the province has a plan
        meant to carry the whole programme.

        Two rules keep this to gaps a reader would call gaps: a task counts for its own area
        and for any other area its words speak of strongly (``secondary_area_min_score`` of the
        area keywords: "tập huấn nâng cao năng lực" inside a victim-support item is capacity
        building too); and a plan whose title says it is narrow — a campaign for the 30 July
        day, a review, a crackdown (``narrow_plan_title_phrases``) — adds its coverage but does
        not by itself make the province answer for every area.
        """
        self.uncovered(self.coverage())

    def coverage(self) -> dict[str, set]:
        """The areas each plan with tasks covers (plans without tasks left out)."""
        floor = float(rules().get("secondary_area_min_score") or 0)
        out: dict[str, set] = {}
        for did, ts in self.rows("tasks").items():
            covered: set = set()
            for t in ts:
                covered.add(t.get("area"))
                if floor:
                    covered |= {a for a, sc in area_scores(t.get("text") or "").items() if sc >= floor}
            if ts:
                out[did] = covered
        return out

    def uncovered(self, coverage: dict[str, set]) -> None:
        """``uncovered_area`` findings from the areas each plan covers (see ``areas``)."""
        r = rules()
        wanted = r.get("programme_areas") or [x["id"] for x in _rows(MODELS / "areas.tsv")]
        names = {x["id"]: x["name"] for x in _rows(MODELS / "areas.tsv")}
        narrow = [fold(w) for w in r.get("narrow_plan_title_phrases") or []]
        by_prov: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for did, doc in self.docs.items():
            if did in coverage:
                by_prov[lineage.current(doc.get("province")) or ""].append(doc)
        for prov, docs in by_prov.items():
            if not prov:
                continue
            broad = [d for d in docs if not any(w in fold(d.get("title") or "") for w in narrow)]
            if not broad:
                continue
            covered: set = set()
            for d in docs:
                covered |= coverage[d["id"]]
            latest = max(broad, key=lambda d: (d.get("date") or "", d.get("symbol") or ""))
            for a in wanted:
                if a not in covered:
                    self.add("uncovered_area", latest,
                             f"{prov}: chưa kế hoạch nào có nhiệm vụ thuộc lĩnh vực «{names.get(a, a)}» "
                             f"/ no plan of the province covers area {a} ({len(docs)} plan(s))")

    # ------------------------------------------------------------------ targets
    def targets(self) -> None:
        targets, cits = self.rows("targets"), self.rows("citations")
        domain = rules()["domain_phrases"]
        for did, doc in self.docs.items():
            cited = {re.sub(r"\s+", "", fold(c.get("symbol") or "")) for c in cits.get(did, [])}
            in_domain = any(p in fold(doc.get("title") or "") for p in domain)
            for t in targets.get(did, []):
                if t.get("value") is None:
                    continue
                for n in match_national(t.get("metric"), doc.get("year")):
                    applies = in_domain or re.sub(r"\s+", "", fold(n["document"])) in cited
                    if applies and (t.get("unit") or "") == n["unit"] and is_weaker(float(t["value"]), t.get("comparator"), n):
                        self.add("weaker_target", doc,
                                 f"Chỉ tiêu «{t.get('metric')}» {t.get('comparator') or '='}{t['value']:g}{t.get('unit') or ''} "
                                 f"thấp hơn chỉ tiêu quốc gia {n['comparator']}{n['value']:g}{n['unit']} ({n['document']}) "
                                 f"/ weaker than the national target", row_spans(t))
                        break

    # ------------------------------------------------------------------ citations
    def citations(self) -> None:
        cits = self.rows("citations")
        self.citation_registry(cits)
        self.citation_votes(cits)

    @staticmethod
    def _registry_conflict(c: dict[str, Any]) -> bool:
        d, reg = c.get("date"), c.get("registry_date")
        return bool(d and ((reg and reg != d) or c.get("date_conflict")))

    def citation_registry(self, cits: dict[str, list[dict[str, Any]]]) -> None:
        """A citation dated otherwise than the registry of national documents (one plan alone)."""
        for did, doc in self.docs.items():
            for c in cits.get(did, []):
                if self._registry_conflict(c):
                    self.add("citation_date_conflict", doc,
                             f"{c.get('symbol')}: ngày {c.get('date')} khác ngày trong danh mục "
                             f"{c.get('registry_date') or '?'} / date differs from the registry", row_spans(c))

    def citation_votes(self, cits: dict[str, list[dict[str, Any]]]) -> None:
        """A citation dated otherwise than most of the audited plans date the same document."""
        # the dates other plans give the same document (by type, number, year)
        dates: dict[tuple, Counter] = defaultdict(Counter)
        for rows in cits.values():
            for c in rows:
                if c.get("date") and c.get("number"):
                    dates[(c.get("type"), str(c["number"]), str(c.get("year") or c["date"][:4]))][c["date"]] += 1
        for did, doc in self.docs.items():
            for c in cits.get(did, []):
                d = c.get("date")
                if self._registry_conflict(c):
                    continue
                if not d or not c.get("number"):
                    continue
                votes = dates[(c.get("type"), str(c["number"]), str(c.get("year") or d[:4]))]
                top, n = votes.most_common(1)[0]
                if top != d and n > votes[d]:
                    self.add("citation_date_conflict", doc,
                             f"{c.get('symbol')}: ngày {d}, các kế hoạch khác ghi {top} "
                             f"/ other plans date it {top}", row_spans(c))

    # ------------------------------------------------------------------ deadlines
    def deadlines(self) -> None:
        dls = self.rows("deadlines")
        cadences = [(c["name"], re.compile(c["pattern"]), int(c["dates_per_year"])) for c in rules()["cadences"]]
        for did, doc in self.docs.items():
            issued = doc.get("date")
            for d in dls.get(did, []):
                kind = d.get("kind")
                if kind == "due" and issued and d.get("date") and d["date"] < issued:
                    self.add("deadline_before_issue", doc,
                             f"Hạn {d['date']} trước ngày ban hành {issued} / deadline before the plan's date",
                             row_spans(d))
                elif kind == "period" and d.get("period_start") and d.get("period_end") \
                        and d["period_end"] < d["period_start"]:
                    self.add("period_inverted", doc,
                             f"Thời gian từ {d['period_start']} đến {d['period_end']}: kết thúc trước khi bắt đầu / period ends before it starts",
                             row_spans(d))
                elif kind == "recurring":
                    try:
                        when = json.loads(d.get("when") or "[]")
                    except ValueError:
                        when = []
                    what = fold(d.get("what") or "")
                    need = max([n for _, rx, n in cadences if rx.search(what)] or [0])
                    names = [nm for nm, rx, _ in cadences if rx.search(what)]
                    if when and len(set(when)) < need:
                        self.add("recurring_incomplete", doc,
                                 f"Chế độ báo cáo {', '.join(names)} cần {need} mốc/năm nhưng chỉ có {len(set(when))} "
                                 f"({', '.join(when)}) / fewer dates than the cadence needs", row_spans(d))

    # ------------------------------------------------------------------ plan-level duties
    def plan_duties(self) -> None:
        r = rules()
        dls = self.rows("deadlines")
        for did, doc in self.docs.items():
            text = fold(doc.get("text") or "")
            if not any(p in text for p in r["focal_phrases"]):
                self.add("no_focal_agency", doc,
                         "Kế hoạch không giao cơ quan thường trực / đầu mối theo dõi, đôn đốc "
                         "/ no focal agency to follow up the plan")
            has_cycle = any(d.get("kind") == "recurring" or "bao cao" in fold(d.get("what") or "")
                            for d in dls.get(did, []))
            if not has_cycle and not any(p in text for p in r["reporting_phrases"]):
                self.add("no_reporting_regime", doc,
                         "Kế hoạch không quy định chế độ báo cáo / no reporting regime")


PER_PLAN = ("tasks", "targets", "citation_registry", "deadlines", "plan_duties")  # one plan alone


def sort_findings(findings: list[dict[str, Any]], kinds: list[str] | None) -> list[dict[str, Any]]:
    out = [f for f in findings if not kinds or f["kind"] in kinds]
    out.sort(key=lambda f: (f["province"] or "", f["document"] or "", SEVERITY_ORDER.get(f["severity"], 3),
                            f["kind"], (f["spans"][0]["start"] if f["spans"] else -1), f["message"], f["doc_id"]))
    return out


@lru_cache(maxsize=1)
def rules_stamp() -> str:
    """A checksum of the data the findings are computed from: stored findings made under other
    rules are computed again (``summaries.ensure_schema``)."""
    import zlib

    data = b"".join((MODELS / n).read_bytes() for n in ("audit_rules.json", "national_targets.tsv", "areas.tsv",
                                                          "area_keywords.tsv") if (MODELS / n).exists())
    return f"{zlib.crc32(data):08x}"


def ensure_schema(db: sqlite_utils.Database) -> None:
    db.execute("""create table if not exists plan_audit (
        doc_id text primary key, findings text, covered text)""")


def refresh(db: sqlite_utils.Database, doc_ids: Iterable[str] | None) -> None:
    """Keep ``plan_audit`` — each plan's own findings and the areas it covers — for ``doc_ids``
    (None: every plan); inside the caller's transaction, after ``plans.assign``."""
    ensure_schema(db)
    if doc_ids is None:
        db.execute("delete from plan_audit")
        ids = [r[0] for r in db.execute("select doc_id from plan_copies where representative = 1")]
    else:
        ids = sorted(set(doc_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            db.execute(f"delete from plan_audit where doc_id in ({','.join('?' * len(chunk))})", chunk)
    for i in range(0, len(ids), 500):
        a = Auditor(db, None, None, ids=ids[i:i + 500])
        for step in PER_PLAN:
            if step == "citation_registry":
                a.citation_registry(a.rows("citations"))
            else:
                getattr(a, step)()
        found: dict[str, list] = defaultdict(list)
        for f in a.out:
            found[f["doc_id"]].append(f)
        coverage = a.coverage()
        db.conn.executemany("insert or replace into plan_audit (doc_id, findings, covered) values (?, ?, ?)",
                            [(d, json.dumps(found.get(d, []), ensure_ascii=False),
                              json.dumps(sorted(coverage[d], key=lambda x: (x is None, x or "")))
                              if d in coverage else None) for d in a.docs])


def save(db: sqlite_utils.Database, findings: list[dict[str, Any]]) -> int:
    """Replace the ``audit_findings`` table (read by the web front end's canned queries)."""
    rows = []
    for i, f in enumerate(findings):
        first = f["spans"][0] if f["spans"] else {}
        rows.append({"id": i, "kind": f["kind"], "severity": f["severity"], "document": f["document"],
                     "doc_id": f["doc_id"], "province": f["province"], "year": f["year"],
                     "path": " / ".join(f["path"]) if f["path"] else None, "message": f["message"],
                     "spans": json.dumps(f["spans"]), "start": first.get("start"), "end": first.get("end")})
    with db.atomic():
        db["audit_findings"].drop(ignore=True)
        db["audit_findings"].create({"id": int, "kind": str, "severity": str, "document": str, "doc_id": str,
                                     "province": str, "year": int, "path": str, "message": str, "spans": str,
                                     "start": int, "end": int}, pk="id")
        db["audit_findings"].insert_all(rows)
        for col in ("province", "kind", "doc_id", "year"):
            db["audit_findings"].create_index([col], if_not_exists=True)
    return len(rows)
