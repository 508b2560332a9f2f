"""One plan in several files counts once: group stored documents that are copies of one plan.

Why: a corpus holds the same KẾ HOẠCH as a .txt, a .docx, a digital PDF, a scan and a photo of
its first page. Every copy is stored (and stays browsable), but a comparison, an audit or a
province's figures must count the plan once. So every document gets a ``plan`` key in the table
``plan_copies``, and one copy per plan — the best-read one — is its ``representative``; the
graph, the summaries, ``compare`` and ``audit`` read representatives only.

Which documents are one plan:
- same province, symbol and date (the header names the plan; a photo of page 1 has it too);
- a copy that is *unsure* of its header — no symbol or no date (a news item, a damaged scan),
  or read by OCR, where a digit of the symbol or the date may be misread — joins a copy whose
  text is nearly the same: the Jaccard similarity of their word 3-shingles (folded, so OCR's
  lost tone marks do not count) estimated from bottom-k sketches, when nothing in their headers
  contradicts it (another province or year, or both symbol and date different).
- a partial copy unsure of its header — a photo of page 1 whose symbol or date did not read, a
  news page carrying part of the plan — joins the copy whose text contains it: the share of its
  shingles found in the fuller copy's text (containment, not similarity: page 1 of a five-page
  plan is ~20% similar to it, but ~100% contained in it), when that share is high, one plan
  clearly contains it more than any other, and the headers agree. A partial copy never
  represents its plan while a fuller copy is stored.
Two copies read from a text layer with full headers are never merged by text alone: templated
plans of one province repeat whole paragraphs year after year.

The best-read copy: a text layer over OCR, then higher mean OCR confidence, then the longer
text (a photo of page 1 is a copy, not the plan), then the format order of
``models/plan_identity.json``, then the path.

Kept incremental: ``assign`` works on the documents an ingest changed plus the documents their
plans or sketches touch, and returns what moved so the graph and the summaries re-derive only
those.
"""
from __future__ import annotations

import heapq
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import sqlite_utils

from pipeline.lexicon import lineage
from pipeline.lexicon.lineage import MODELS
from pipeline.text.fold import fold

_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    return json.loads((MODELS / "plan_identity.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- fingerprints
def shingles(text: str) -> set[int]:
    """CRC32 hashes of a text's folded word shingles.

    Folding drops tone marks (OCR confuses ế/ể, Đ/D) and punctuation, so a clean scan and the
    digital text share nearly all shingles; CRC32 is stable across processes (``hash`` is not).
    """
    s = settings()
    n, minlen = s["shingle_words"], s["min_word_length"]
    words = [w for w in _WORD.findall(fold(text or "")) if len(w) >= minlen]
    if len(words) < n:
        out = {" ".join(words)} if words else set()
    else:
        out = {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}
    return {zlib.crc32(x.encode()) for x in out}


def sketch(text: str) -> list[int]:
    """The bottom-k sketch of a text: the k smallest hashes of its shingles."""
    return sorted(heapq.nsmallest(settings()["sketch_size"], shingles(text)))


def containment(part: set[int], whole: set[int]) -> float:
    """The share of ``part``'s shingles that ``whole`` holds (1.0: every phrase of it is there)."""
    return len(part & whole) / len(part) if part else 0.0


def similarity(a: list[int], b: list[int]) -> float:
    """Jaccard similarity estimated from two bottom-k sketches (exact for short texts)."""
    if not a or not b:
        return 0.0
    k = min(settings()["sketch_size"], len(set(a) | set(b)))
    union_k = heapq.nsmallest(k, set(a) | set(b))
    sa, sb = set(a), set(b)
    return sum(1 for h in union_k if h in sa and h in sb) / len(union_k)


def symbol_key(symbol: str | None) -> str:
    """A symbol as compared between copies: folded, no spaces, no leading zeros (061 = 61)."""
    s = re.sub(r"\s+", "", fold(symbol or ""))
    return re.sub(r"^0+(?=\d)", "", s)


def identity_key(symbol: str | None, date: str | None, province: str | None) -> str | None:
    """Province, symbol and date: the header's name of a plan, or None when it lacks one."""
    sym = symbol_key(symbol)
    if not sym or not date:
        return None
    return f"{lineage.canonical(province) or ''}|{sym}|{date}"


# --------------------------------------------------------------------------- schema
def issued_province(canon: str | None, date: str | None) -> str | None:
    """The province a plan belonged to on its own date (``compare --by issued``)."""
    return lineage.province_on(canon, date) if date else canon


def ensure_schema(db: sqlite_utils.Database) -> bool:
    """Create the tables; True when a store made before a column had to gain it."""
    db.execute("""create table if not exists plan_copies (
        doc_id text primary key, plan text, representative integer, sure integer, ident text,
        symbol text, date text, year integer, province text, current text, quality text, sketch text,
        issued text, partial integer default 0)""")
    migrated = False
    if "partial" not in db["plan_copies"].columns_dict:  # stores made before partial copies were grouped
        db.execute("alter table plan_copies add column partial integer default 0")
    if "issued" not in db["plan_copies"].columns_dict:  # stores made before compare read the summaries
        db.execute("alter table plan_copies add column issued text")
        pairs = db.execute("select distinct province, date from plan_copies").fetchall()
        db.conn.executemany("update plan_copies set issued = ? where province is ? and date is ?",
                            [(issued_province(p, d), p, d) for p, d in pairs])
        migrated = True
    db.execute("create index if not exists plan_copies_plan on plan_copies(plan)")
    db.execute("create index if not exists plan_copies_ident on plan_copies(ident)")
    db.execute("create index if not exists plan_copies_current on plan_copies(current, representative)")
    db.execute("create index if not exists plan_copies_rep on plan_copies(representative)")
    # ``sure`` leads the index so a plan read from a text layer finds the unsure copies that
    # may join it without walking the postings of every templated plan
    db.execute("""create table if not exists plan_sketch (hash integer, doc_id text, sure integer)""")
    db.execute("create index if not exists plan_sketch_hash on plan_sketch(sure, hash)")
    db.execute("create index if not exists plan_sketch_doc on plan_sketch(doc_id)")
    # how many documents' sketches hold each hash: a hash of many is template boilerplate and is
    # left out of candidate look-ups (their cost grew with every templated plan stored)
    if "plan_sketch_df" not in db.table_names():
        db.execute("create table plan_sketch_df (hash integer primary key, n integer not null) without rowid")
        db.execute("insert into plan_sketch_df select hash, count(*) from plan_sketch group by hash")
    return migrated


# --------------------------------------------------------------------------- assignment
@dataclass
class Changes:
    """What ``assign`` moved: documents to re-derive, today's provinces to re-summarise, and
    the plans whose copies changed (their representative's count of copies)."""
    docs: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    plans: set[str] = field(default_factory=set)


def _quality(doc: dict[str, Any], conf: float | None) -> list[Any]:
    ranks = settings()["format_rank"]
    fmt = doc.get("format") or ""
    return [int(bool(doc.get("ocr"))), -(conf if conf is not None else 1.0), -len(doc.get("text") or ""),
            ranks.index(fmt) if fmt in ranks else len(ranks), doc.get("path") or ""]


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Nothing in the two headers says these are different plans."""
    if a["province"] and b["province"] and a["province"] != b["province"]:
        return False
    if a["year"] and b["year"] and a["year"] != b["year"]:
        return False
    sym_differs = a["symbol"] and b["symbol"] and a["symbol"] != b["symbol"]
    date_differs = a["date"] and b["date"] and a["date"] != b["date"]
    return not (sym_differs and date_differs)


def _rows(db: sqlite_utils.Database, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    ids, out = list(ids), {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in db.query(f"select * from plan_copies where doc_id in ({','.join('?' * len(chunk))})", chunk):
            r["sketch"] = json.loads(r["sketch"] or "[]")
            out[r["doc_id"]] = r
    return out


def _describe(db: sqlite_utils.Database, ids: list[str]) -> None:
    """Write (or refresh) the plan_copies row of each document, sketching it once per sha."""
    old = {r[0]: r[1] for r in db.execute(
        f"select doc_id, sketch from plan_copies where doc_id in ({','.join('?' * len(ids))})", ids)}
    conf = {r[0]: r[1] for r in db.execute(
        f"select doc_id, avg(confidence) from pages where method = 'ocr' and doc_id in ({','.join('?' * len(ids))}) "
        "group by doc_id", ids)}
    rows, sketches = [], []
    for d in db.query(f"select id, path, format, ocr, symbol, province, date, year, text from documents "
                      f"where id in ({','.join('?' * len(ids))})", ids):
        sk = json.loads(old[d["id"]]) if d["id"] in old else sketch(d["text"])
        ident = identity_key(d["symbol"], d["date"], d["province"])
        sure = int(bool(ident) and not d["ocr"])
        if d["id"] not in old:
            sketches += [(h, d["id"], sure) for h in sk]
        canon = lineage.canonical(d["province"])
        rows.append({"doc_id": d["id"], "plan": f"key:{ident}" if ident else f"doc:{d['id']}", "representative": 1,
                     "sure": sure, "ident": ident, "symbol": symbol_key(d["symbol"]) or None,
                     "date": d["date"], "year": d["year"], "province": canon, "current": lineage.current(canon) or "",
                     "issued": issued_province(canon, d["date"]),
                     "quality": json.dumps(_quality(d, conf.get(d["id"])), ensure_ascii=False),
                     "sketch": json.dumps(sk)})
    db["plan_copies"].insert_all(rows, pk="doc_id", replace=True)
    db.conn.executemany("insert into plan_sketch (hash, doc_id, sure) values (?, ?, ?)", sketches)
    db.conn.executemany("insert into plan_sketch_df (hash, n) values (?, 1) on conflict(hash) do update set n = n + 1",
                        [(h,) for h, _, _ in sketches])


def _forget_sketches(db: sqlite_utils.Database, doc_ids: list[str]) -> None:
    """Drop the sketches of ``doc_ids`` and their counts in ``plan_sketch_df``."""
    marks = ",".join("?" * len(doc_ids))
    db.execute(f"""update plan_sketch_df set n = n - (select count(*) from plan_sketch s
                   where s.hash = plan_sketch_df.hash and s.doc_id in ({marks}))
                   where hash in (select hash from plan_sketch where doc_id in ({marks}))""", doc_ids + doc_ids)
    db.execute("delete from plan_sketch_df where n <= 0")
    db.execute(f"delete from plan_sketch where doc_id in ({marks})", doc_ids)


def _rare(db: sqlite_utils.Database, hashes: Iterable[int]) -> list[int]:
    """The hashes no more than ``common_hash_docs`` documents' sketches hold (look-ups by the
    primary key); a corpus without templates keeps them all."""
    cap = settings()["common_hash_docs"]
    hs = sorted(set(hashes))
    common: set[int] = set()
    for i in range(0, len(hs), 500):
        chunk = hs[i:i + 500]
        common |= {r[0] for r in db.execute(f"select hash from plan_sketch_df where n > ? and hash in "
                                            f"({','.join('?' * len(chunk))})", [cap, *chunk])}
    return [h for h in hs if h not in common]


def _candidates(db: sqlite_utils.Database, doc_id: str, sk: list[int], unsure_only: bool = False) -> list[str]:
    """Documents sharing enough sketch hashes with ``sk`` to be worth comparing."""
    sk = _rare(db, sk)
    if not sk:
        return []
    need = min(settings()["candidate_overlap"], max(1, len(sk) // 4))
    marks = ",".join("?" * len(sk))
    sure = "sure = 0" if unsure_only else "sure in (0, 1)"
    return [r[0] for r in db.execute(
        f"select doc_id from plan_sketch where {sure} and hash in ({marks}) and doc_id != ? group by doc_id "
        f"having count(*) >= ?", [*sk, doc_id, need])]


def _resolve(db: sqlite_utils.Database, row: dict[str, Any], sure_plans: dict[str, str]) -> str:
    """The plan of a document unsure of its header (see the module docstring for the order)."""
    if row["ident"] and row["ident"] in sure_plans:
        return sure_plans[row["ident"]]
    thresh = settings()["min_similarity"]
    best: tuple[int, float, str] | None = None
    cands = _rows(db, _candidates(db, row["doc_id"], row["sketch"]))
    for c in cands.values():
        if not _compatible(row, c):
            continue
        sim = similarity(row["sketch"], c["sketch"])
        if sim < thresh:
            continue
        # a sure copy's plan first; between unsure copies, a keyed plan, then the smallest id
        plan = c["plan"] if c["sure"] else (f"key:{c['ident']}" if c["ident"] else None)
        if plan is None:
            plan = f"doc:{min(row['doc_id'], c['doc_id'])}"
        rank = (2 if c["sure"] else 1 if c["ident"] else 0, sim, plan)
        if best is None or rank[:2] > best[:2]:
            best = rank
    if best and best[0] == 2:
        return best[2]
    if best is None:
        whole = _container(db, row)
        if whole:
            return whole
    if row["ident"]:
        return f"key:{row['ident']}"
    return best[2] if best else f"doc:{row['doc_id']}"


def _text(db: sqlite_utils.Database, doc_id: str) -> str:
    row = db.execute("select text from documents where id = ?", [doc_id]).fetchone()
    return (row[0] or "") if row else ""


def _sharing(db: sqlite_utils.Database, hashes: set[int], sure: str, exclude: str) -> Counter:
    """Documents whose sketches hold some of ``hashes``, with how many."""
    hits: Counter = Counter()
    hs = _rare(db, hashes)
    for i in range(0, len(hs), 500):
        chunk = hs[i:i + 500]
        for doc_id, n in db.execute(f"select doc_id, count(*) from plan_sketch where {sure} and hash in "
                                    f"({','.join('?' * len(chunk))}) and doc_id != ? group by doc_id",
                                    [*chunk, exclude]):
            hits[doc_id] += n
    return hits


def _container(db: sqlite_utils.Database, row: dict[str, Any]) -> str | None:
    """The plan of a fuller copy whose text contains this document's (a page-1 photo, a news
    page), or None: too short to tell, no plan contains enough of it, or two plans contain it
    about as much (a page every plan of a template shares says nothing about which one)."""
    s = settings()
    text = _text(db, row["doc_id"])
    part = shingles(text)
    if len(part) < s["containment_min_shingles"]:
        return None
    # A fuller copy's sketch samples its shingles uniformly, so it holds about
    # k × containment × (part's length / its length) of the part's: a copy holding far fewer is
    # not a container, and is never read (templated plans share their boilerplate phrases).
    hits = _sharing(db, part, "sure in (0, 1)", row["doc_id"])
    # common (template) hashes are not counted: expect the share of the part's that are rare
    k, share = s["sketch_size"] * len(_rare(db, part)) / len(part), s["min_containment"]
    size = len(text)
    cands = _rows(db, [d for d, n in hits.most_common(s["containment_candidates"] * 5) if n >= 2])
    scored: dict[str, float] = {}
    checked = 0
    for c in sorted(cands.values(), key=lambda c: -hits[c["doc_id"]]):
        if checked >= s["containment_candidates"]:
            break
        longer = -json.loads(c["quality"])[2]  # the text's length (see _quality)
        if longer <= size or hits[c["doc_id"]] < 0.5 * k * share * size / longer or not _compatible(row, c):
            continue
        whole = shingles(_text(db, c["doc_id"]))
        checked += 1
        if len(whole) <= len(part):
            continue
        scored[c["plan"]] = max(scored.get(c["plan"], 0.0), containment(part, whole))
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    plan, best = ranked[0]
    if best < s["min_containment"]:
        return None
    if len(ranked) > 1 and ranked[1][1] > best - s["containment_margin"]:
        return None
    return plan


def assign(db: sqlite_utils.Database, doc_ids: Iterable[str] | None = None) -> Changes:
    """Group ``doc_ids`` (every stored document when None) into plans and pick representatives.

    Run inside the caller's transaction. Returns the documents whose plan or representative
    status changed (the given ones included) and today's provinces those plans belong to.
    """
    ensure_schema(db)
    full = doc_ids is None
    present = {r[0] for r in db.execute("select id from documents")} if full else set()
    ids = sorted(present) if full else list(dict.fromkeys(doc_ids or []))
    ch = Changes(docs=set(ids))
    if full:
        gone = [r[0] for r in db.execute("select doc_id from plan_copies") if r[0] not in present]
    else:
        known = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            known |= {r[0] for r in db.execute(f"select id from documents where id in ({','.join('?' * len(chunk))})",
                                               chunk)}
        gone = [i for i in ids if i not in known]
        ids = [i for i in ids if i in known]
    before = _rows(db, list(ch.docs) + gone)
    touched_plans = {r["plan"] for r in before.values()}
    ch.provinces |= {r["current"] or "" for r in before.values()}
    for i in range(0, len(gone), 500):
        chunk = gone[i:i + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"delete from plan_copies where doc_id in ({marks})", chunk)
        _forget_sketches(db, chunk)
    # sketches of documents not stored before
    for i in range(0, len(ids), 500):
        _describe(db, ids[i:i + 500])
    new = _rows(db, ids)
    touched_plans |= {r["plan"] for r in new.values()}
    # unsure documents to (re)resolve: the changed ones, those in touched plans, and those
    # whose sketches meet a changed document's
    unsure: set[str] = {d for d, r in new.items() if not r["sure"]}
    if full:
        unsure |= {r[0] for r in db.execute("select doc_id from plan_copies where sure = 0")}
    else:
        for p in touched_plans:
            unsure |= {r[0] for r in db.execute("select doc_id from plan_copies where plan = ? and sure = 0", [p])}
        if db.execute("select 1 from plan_copies where sure = 0 limit 1").fetchone():
            for d, r in new.items():
                unsure |= set(_candidates(db, d, r["sketch"], unsure_only=True))
                unsure |= _contained_in(db, d)
    urows = _rows(db, unsure)
    idents = {r["ident"] for r in urows.values() if r["ident"]}
    sure_plans: dict[str, str] = {}
    for ident in idents:
        row = db.execute("select plan from plan_copies where ident = ? and sure = 1 limit 1", [ident]).fetchone()
        if row:
            sure_plans[ident] = row[0]
    moved: dict[str, str] = {}
    for d in sorted(urows):
        plan = _resolve(db, urows[d], sure_plans)
        if plan != urows[d]["plan"] or d in ch.docs:
            moved[d] = plan
    db.conn.executemany("update plan_copies set plan = ? where doc_id = ?", [(p, d) for d, p in moved.items()])
    # a copy that joined a plan by containment alone is partial: it never represents the plan
    # while a fuller copy is there (re-judged whenever it is resolved again)
    db.conn.executemany("update plan_copies set partial = ? where doc_id = ?",
                        [(int(_joined_by_containment(db, urows[d], p)), d) for d, p in moved.items()])
    touched_plans |= set(moved.values()) | {urows[d]["plan"] for d in moved}
    # representatives of every touched plan
    for p in touched_plans:
        members = list(db.query("select doc_id, representative, quality, current, partial from plan_copies "
                                "where plan = ?", [p]))
        if not members:
            continue
        best = min(members, key=lambda m: (m["partial"] or 0, json.loads(m["quality"]), m["doc_id"]))["doc_id"]
        for m in members:
            rep = int(m["doc_id"] == best)
            ch.provinces.add(m["current"] or "")
            if rep != m["representative"] or m["doc_id"] in ch.docs:
                ch.docs.add(m["doc_id"])
                db.execute("update plan_copies set representative = ? where doc_id = ?", [rep, m["doc_id"]])
    ch.plans = touched_plans
    return ch


def _contained_in(db: sqlite_utils.Database, doc_id: str) -> set[str]:
    """Unsure documents most of whose sketch lies in this document's text: partial copies of it
    stored before it, to be resolved again now that it is here."""
    whole = shingles(_text(db, doc_id))
    share = settings()["min_containment"]
    hits = _sharing(db, whole, "sure = 0", doc_id)
    if not hits:
        return set()
    sizes = {r[0]: r[1] for r in db.execute(  # each one's sketch hashes that are counted (rare ones)
        f"select s.doc_id, count(*) from plan_sketch s join plan_sketch_df f on f.hash = s.hash where f.n <= ? "
        f"and s.doc_id in ({','.join('?' * len(hits))}) group by s.doc_id", [settings()["common_hash_docs"], *hits])}
    return {d for d, n in hits.items() if sizes.get(d) and n >= share * sizes[d]}


def _joined_by_containment(db: sqlite_utils.Database, row: dict[str, Any], plan: str) -> bool:
    """Whether ``plan`` holds a copy other than this one that this one is only part of."""
    if plan in (f"doc:{row['doc_id']}", f"key:{row['ident']}" if row["ident"] else None):
        return False
    others = [r[0] for r in db.execute("select doc_id from plan_copies where plan = ? and doc_id != ?",
                                       [plan, row["doc_id"]])]
    if not others:
        return False
    mine = _rows(db, others)
    return not any(similarity(row["sketch"], o["sketch"]) >= settings()["min_similarity"] for o in mine.values())


def representatives_sql(alias: str = "d") -> str:
    """A WHERE condition keeping one copy per plan (documents not grouped yet count as their own)."""
    return f"{alias}.id not in (select doc_id from plan_copies where representative = 0)"


def copies(db: sqlite_utils.Database, doc_id: str) -> list[dict[str, Any]]:
    """Every stored copy of the plan ``doc_id`` belongs to, representative first."""
    row = db.execute("select plan from plan_copies where doc_id = ?", [doc_id]).fetchone()
    if not row:
        return []
    return list(db.query("select c.doc_id, c.representative, d.path, d.format, d.ocr from plan_copies c "
                         "join documents d on d.id = c.doc_id where c.plan = ? order by c.representative desc, d.path",
                         [row[0]]))
