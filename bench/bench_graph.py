"""Graph build time, canned query latency and ingest speed on a synthetic corpus of 5,000 plans.

The plans are generated from composed templates (varied provinces, agencies, numbering styles,
targets, deadlines, citation chains). For the graph and query figures their contracts are
written straight to the store (so the figures do not depend on the extractors); the ingest
figure reads generated text files through the whole pipeline. Goal: every canned query under
200 ms; ingest of 5,000 text plans under 10 minutes on 2 cores. Measures, never asserts.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pipeline import store  # noqa: E402
from pipeline.derive import audit, summaries  # noqa: E402
from pipeline.lexicon import lineage  # noqa: E402
from pipeline.queries import compare  # noqa: E402
from pipeline.queries import national
from pipeline.queries import audit as audit_query
from pipeline.derive import refresh

N_PLANS = int(os.environ.get("KEHOACH_BENCH_PLANS", "5000"))
N_INGEST = int(os.environ.get("KEHOACH_BENCH_INGEST", "500"))  # a sample, extrapolated to N_PLANS
EXPLAIN = bool(os.environ.get("KEHOACH_BENCH_EXPLAIN"))  # print each canned query's plan

AGENCIES = [("cong_an_tinh", "Công an tỉnh"), ("so_lao_dong", "Sở Lao động - Thương binh và Xã hội"),
            ("so_van_hoa", "Sở Văn hóa, Thể thao và Du lịch"), ("so_giao_duc", "Sở Giáo dục và Đào tạo"),
            ("so_tu_phap", "Sở Tư pháp"), ("bien_phong_tinh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
            ("hoi_phu_nu", "Hội Liên hiệp Phụ nữ tỉnh"), ("doan_thanh_nien", "Tỉnh đoàn"),
            ("so_y_te", "Sở Y tế"), ("so_noi_vu", "Sở Nội vụ"), ("co_quan_lien_quan", "các cơ quan, đơn vị có liên quan")]
AREAS = ["phong_ngua", "dau_tranh", "tiep_nhan_bao_ve", "ho_tro_nan_nhan", "hop_tac", "chi_dao",
         "nang_cao_nang_luc", "du_lieu_thong_ke", "chinh_sach_phap_luat", "xu_ly_vi_pham"]
ACTIONS = ["Tăng cường tuyên truyền về phòng, chống mua bán người tại {x}.", "Rà soát, nắm tình hình tại {x}.",
           "Tổ chức tiếp nhận, xác minh nạn nhân trở về từ {x}.", "Hỗ trợ học nghề cho nạn nhân ở {x}.",
           "Tập huấn nghiệp vụ cho cán bộ làm việc tại {x}.", "Kiểm tra cơ sở kinh doanh dịch vụ tại {x}.",
           "Điều tra, xử lý nghiêm các vụ việc xảy ra tại {x}.", "Cập nhật cơ sở dữ liệu thống kê của {x}."]
PLACES = ["các xã biên giới", "khu công nghiệp", "vùng đồng bào dân tộc thiểu số", "các trường học", "bến xe, nhà ga"]


class _Doc:
    def __init__(self) -> None:
        self.text = ""

    def line(self, s: str) -> dict[str, int]:
        st = len(self.text)
        self.text += s + "\n"
        return {"start": st, "end": st + len(s)}


def make_plan(i: int, rng: random.Random) -> tuple[str, dict]:
    """One synthetic plan: its text and the contract an ideal extractor would write for it."""
    provs = sorted({s.old for s in lineage.all_steps()} | {s.new for s in lineage.all_steps()})
    prov = rng.choice(provs)
    year = rng.choice([2021, 2022, 2023, 2024, 2025, 2026])
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sym = f"{rng.randint(1, 400)}/KH-UBND"
    d = _Doc()
    issuer = d.line(f"ỦY BAN NHÂN DÂN TỈNH {prov.upper()}")
    d.line(f"Số: {sym}    {prov}, ngày {int(date[8:])} tháng {int(date[5:7])} năm {year}")
    d.line(f"KẾ HOẠCH Phòng, chống mua bán người năm {year}")
    refs = []
    nat = rng.choice([("193/QĐ-TTg", "QĐ", "193", 2021, "2021-02-09"), ("19/KH-BCĐ138/CP", "KH", "19", 2024, "2024-01-15"),
                      ("28/KH-BCĐ", "KH", "28", 2023, "2023-01-24")])
    sp = d.line(f"Thực hiện văn bản số {nat[0]} ngày {nat[4][8:]}/{nat[4][5:7]}/{nat[3]} của cơ quan trung ương;")
    s0 = d.text.index(nat[0], sp["start"])
    refs.append({"type": nat[1], "number": nat[2], "symbol": nat[0], "year": nat[3], "date": nat[4],
                 "issuer": None, "relation": "implements", "spans": [{"start": s0, "end": s0 + len(nat[0])}]})
    targets = []
    v = rng.choice([80, 85, 90, 95])
    sp = d.line(f"Phấn đấu tỷ lệ giải quyết tố giác, tin báo về tội phạm mua bán người đạt trên {v}%.")
    targets.append({"value": v, "unit": "%", "comparator": ">", "metric": "tỷ lệ giải quyết tố giác, tin báo",
                    "spans": [sp]})
    d.line("II. NHIỆM VỤ, GIẢI PHÁP")
    tasks, agencies = [], {}
    style = i % 3
    for k in range(rng.randint(8, 30)):
        lead = rng.sample(AGENCIES, 1)
        sup = rng.sample(AGENCIES, rng.randint(0, 2))
        text = rng.choice(ACTIONS).format(x=rng.choice(PLACES))
        label = [f"{k + 1}", f"({k + 1})", f"-{k + 1}"][style]
        who = "" if rng.random() < 0.05 else f" ({lead[0][1]} chủ trì" + (f", phối hợp {sup[0][1]})" if sup else ")")
        sp = d.line(f"{label if style != 2 else '-'} {text}{who}")
        lead_ids = [] if not who else [lead[0][0]]
        for aid, name in (lead if who else []) + sup:
            agencies.setdefault(aid, {"id": aid, "name": name, "spans": []})["spans"].append(sp)
        tasks.append({"path": ["II", label], "text": text, "area": rng.choice(AREAS), "lead": lead_ids,
                      "support": [a for a, _ in sup if a not in lead_ids], "spans": [sp]})
    deadlines = []
    sp = d.line("Định kỳ báo cáo 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) về Công an tỉnh (cơ quan thường trực).")
    deadlines.append({"kind": "recurring", "date": None, "start": None, "end": None, "when": ["06-15", "12-15"],
                      "what": "báo cáo 6 tháng, năm", "agency": "cong_an_tinh", "spans": [sp]})
    if rng.random() < 0.5:
        m = rng.randint(1, 12)
        sp = d.line(f"Hoàn thành trước ngày 30/{m}/{year}.")
        deadlines.append({"kind": "due", "date": f"{year}-{m:02d}-28", "start": None, "end": None, "when": [],
                          "what": "hoàn thành", "agency": None, "spans": [sp]})
    sha = hashlib.sha256(f"synthetic-{i}-{d.text}".encode()).hexdigest()
    contract = {"schema": "kehoach.extract/1",
                "source": {"path": f"synthetic/{i:05d}.txt", "sha256": sha, "format": "txt", "ocr": False, "pages": 1,
                           "page_methods": [{"page": 1, "method": "text", "confidence": 1.0, "start": 0,
                                             "end": len(d.text)}]},
                "document": {"symbol": sym, "type": "KH", "issuer": f"UBND tỉnh {prov}", "province": prov, "date": date,
                             "title": f"Phòng, chống mua bán người năm {year}", "signer": None,
                             "spans": {"issuer": issuer}},
                "references": refs, "named_references": [], "agencies": list(agencies.values()),
                "targets": targets, "deadlines": deadlines, "tasks": tasks, "sections": []}
    return d.text, contract


def _ms(f, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="kehoach-bench-"))
    try:
        db = store.connect(tmp / "bench.db")
        t = time.perf_counter()
        plans = [make_plan(i, rng) for i in range(N_PLANS)]
        for text, c in plans:
            store.write_document(db, c, text)
        print(f"   store: {N_PLANS} synthetic plans written in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        counts = refresh.rebuild(db)
        print(f"   graph build (full): {time.perf_counter() - t:.2f} s, {counts['nodes']} nodes, {counts['edges']} edges")
        some = [c["source"]["sha256"] for _, c in plans[:50]]
        print(f"   graph rebuild of 50 plans (incremental, with their plans and summaries): "
              f"{_ms(lambda: refresh.rebuild(db, some), 1):.0f} ms")
        t = time.perf_counter()
        with db.atomic():
            summaries.refresh(db, None)
        print(f"   summaries rebuilt from scratch (part of the full build): {time.perf_counter() - t:.2f} s, "
              f"{db.execute('select count(*) from national_local').fetchone()[0]} national→local rows")
        t = time.perf_counter()
        findings = audit_query.run(db)
        audit.save(db, findings)
        compare.save_measures(db)
        print(f"   audit of all plans: {time.perf_counter() - t:.2f} s, {len(findings)} findings (saved for the web)")
        meta = json.loads((HERE.parent / "pipeline" / "web" / "metadata.json").read_text())
        queries = meta["databases"]["kehoach"]["queries"]
        params = {"province": "Tuyên Quang", "year": "2024", "kind": "", "national": "193/QĐ-TTg"}
        worst = (0.0, "")
        for name, q in queries.items():
            for label, p in (("all", {k: "" for k in params} | {"national": params["national"]}), ("filtered", params)):
                need = {k: v for k, v in p.items() if ":" + k in q["sql"]}
                ms = _ms(lambda: db.execute(q["sql"], need).fetchall())
                worst = max(worst, (ms, f"{name} {label}"))
                n = len(db.execute(q["sql"], need).fetchall())
                print(f"   canned query {name:<24} {label:<9} {ms:7.1f} ms  ({n} rows)")
                if EXPLAIN:
                    for row in db.execute("explain query plan " + q["sql"], need).fetchall():
                        print(f"      {row[-1]}")
        print(f"   slowest canned query: {worst[0]:.1f} ms ({worst[1]}; goal < 200 ms)")
        # the library and CLI paths: each compare kind, national → local and the audit, over all
        # plans and filtered to one province; beside them the on-the-fly (--fresh) reference
        lib = (0.0, "")
        calls = [(f"compare {name}", lambda fn=fn, kw=kw: fn(db, **kw), kw) for name, fn in compare.KINDS.items()
                 for kw in ({}, {"province": "Tuyên Quang"})]
        calls += [("graph.national_to_local 193/QĐ-TTg", lambda: national.national_to_local(db, "193/QĐ-TTg"), {})]
        calls += [("audit.run", lambda kw=kw: audit_query.run(db, **kw), kw) for kw in ({}, {"province": "Tuyên Quang"})]
        for label, f, kw in calls:
            ms = _ms(f)
            lib = max(lib, (ms, f"{label} {kw or 'all'}"))
            print(f"   {label:<36} {'filtered' if kw else 'all':<9} {ms:7.0f} ms")
        for name in ("areas", "leads", "deadlines"):
            print(f"   compare {name:<10} --fresh (reference)      {_ms(lambda: compare.KINDS[name](db, fresh=True), 1):7.0f} ms")
        print(f"   national_to_local fresh (reference)        "
              f"{_ms(lambda: national.national_to_local(db, '193/QĐ-TTg', fresh=True), 1):7.0f} ms")
        print(f"   slowest library/CLI path: {lib[0]:.0f} ms ({lib[1]})")
        db.close()

        # ingest of generated text plans through the whole pipeline
        from pipeline.ingest import ingest

        corpus = tmp / "corpus"
        corpus.mkdir()
        for i, (text, _) in enumerate(plans[:N_INGEST]):
            (corpus / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        t = time.perf_counter()
        stats = ingest([corpus], tmp / "ingest.db", workers=2)
        secs = time.perf_counter() - t
        est = secs * N_PLANS / max(1, N_INGEST)
        note = "" if N_INGEST >= N_PLANS else f" (ran a {N_INGEST}-plan sample and extrapolated to {N_PLANS})"
        print(f"   ingest: {stats.read} text plans in {secs:.1f} s on 2 workers → {N_PLANS} plans ≈ {est / 60:.1f} min"
              f"{note} (goal < 10 min)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
