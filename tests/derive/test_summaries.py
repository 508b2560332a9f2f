"""The summaries the comparisons read agree with the fact tables, and never go stale.

``compare.areas/leads/deadlines``, ``graph.national_to_local`` and ``audit.run`` read tables kept
at ingest (``pipeline/derive/summaries.py``, ``plan_audit``); their ``fresh=True`` paths compute the
same from the fact tables and the graph edges. These tests hold the first to the second on a composed corpus of several
provinces (some merged in 2025, so today's province and the province as issued differ) after
every way the store changes: a first write, an added plan, a changed plan, a removed plan.
"""
from __future__ import annotations

import json

import pytest
import sqlite_utils

from composed_plans import Plan, complete_plan, national_193
from pipeline.queries import compare
from pipeline import store
from pipeline.ingest import ingest
from pipeline.queries import national
from pipeline.queries import audit as audit_query
from pipeline.derive import refresh

FILTERS = [{}, {"province": "Lào Cai"}, {"province": "Yên Bái"}, {"year": 2024}, {"province": "Đắk Lắk", "year": 2023}]


def assert_summaries_agree(db: sqlite_utils.Database) -> None:
    """Every summary-backed answer equals the one computed on the fly."""
    for fn in (compare.areas, compare.leads, compare.deadlines):
        for by in ("today", "issued"):
            for kw in FILTERS:
                assert fn(db, by=by, **kw) == fn(db, by=by, fresh=True, **kw), (fn.__name__, by, kw)
    for ref in ("193/QĐ-TTg", "193/QD-TTg", "9/KH-UBND", "28/KH-BCĐ"):
        assert national.national_to_local(db, ref) == national.national_to_local(db, ref, fresh=True), ref
    for kw in FILTERS:
        assert audit_query.run(db, **kw) == audit_query.run(db, fresh=True, **kw), kw


def summary_tables(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    return {t: sorted(map(tuple, db.execute(f"select * from {t}").fetchall()), key=repr)
            for t in ("summary_areas", "summary_leads", "plan_summary", "national_local")}


def assert_same_as_full_rebuild(db: sqlite_utils.Database) -> None:
    incremental = summary_tables(db)
    refresh.rebuild(db)
    assert summary_tables(db) == incremental


def provincial(symbol: str, province: str, date: str, areas: list[str]) -> Plan:
    p = complete_plan(symbol, province, date)
    for i, area in enumerate(areas):
        p.task(["III", str(i + 1)], f"Nhiệm vụ bổ sung số {i + 1} của tỉnh {province}.", area,
               ["so_tu_phap" if i % 2 else "bien_phong_tinh"], ["hoi_phu_nu"])
    p.deadline("period", "Thời gian thực hiện từ ngày 01/3 đến ngày 30/11.", start=f"{date[:4]}-03-01",
               end=f"{date[:4]}-11-30")
    return p


def district(symbol: str, province: str, date: str, implements: str, implements_date: str) -> Plan:
    """A district plan implementing its province's plan: 193 reaches it through a chain of two."""
    p = Plan(symbol, province, date, "Triển khai công tác phòng, chống mua bán người trên địa bàn huyện",
             issuer=f"UBND huyện Bắc Hà, tỉnh {province}")
    p.cite(implements, "KH", implements.split("/")[0], int(implements_date[:4]), "implements", implements_date,
           f"UBND tỉnh {province}", f"Thực hiện Kế hoạch số {implements} của UBND tỉnh {province};")
    p.task(["1"], "Tổ chức tuyên truyền lưu động tại chợ phiên.", "phong_ngua", ["cap_huyen"])
    p.task(["2"], "Nắm tình hình người di cư tự do.", "dau_tranh", ["cong_an_tinh"], ["cap_xa"])
    p.task(["3"], "Hỗ trợ các xã khi cần.", "chi_dao", [])  # nobody leads it: a finding of this plan
    # dated otherwise than the other plans date it: a finding that weighs plans against each other
    p.cite("193/QĐ-TTg", "QĐ", "193", 2021, "cites", "2021-02-19", "Thủ tướng Chính phủ")
    p.deadline("due", "Báo cáo kết quả trước ngày 20/12.", date=f"{date[:4]}-12-20", what="báo cáo kết quả")
    return p


@pytest.fixture
def db(tmp_db):
    d = store.connect(tmp_db)
    provincial("9/KH-UBND", "Lào Cai", "2023-02-20", ["hop_tac", "chi_dao"]).write(d)
    provincial("14/KH-UBND", "Yên Bái", "2024-03-05", ["du_lieu_thong_ke"]).write(d)  # Lào Cai today
    provincial("31/KH-UBND", "Đắk Lắk", "2023-04-11", ["tiep_nhan_bao_ve", "hop_tac", "chi_dao"]).write(d)
    provincial("5/KH-UBND", "Phú Yên", "2024-01-09", []).write(d)                    # Đắk Lắk today
    district("2/KH-UBND", "Lào Cai", "2023-03-15", "9/KH-UBND", "2023-02-20").write(d)
    return d


def test_a_first_read_of_the_store_summarises_what_was_written(db):
    # nothing rebuilt the graph after the writes: the comparison brings it up to date first
    assert db.execute("select count(*) from dirty_docs").fetchone()[0] == 5
    assert_summaries_agree(db)
    assert db.execute("select count(*) from dirty_docs").fetchone()[0] == 0
    _, rows = compare.areas(db)
    assert {r["province"]: r["plans"] for r in rows} == {"Lào Cai": 3, "Đắk Lắk": 2}
    _, rows = compare.areas(db, by="issued")
    assert {r["province"] for r in rows} == {"Lào Cai", "Yên Bái", "Đắk Lắk", "Phú Yên"}
    chain = [r for r in national.national_to_local(db, "193/QĐ-TTg") if r["symbol"] == "2/KH-UBND"]
    assert [r["depth"] for r in chain] == [2, 2, 2]
    found = {(f["kind"], f["document"]) for f in audit_query.run(db)}
    assert {("no_lead", "2/KH-UBND"), ("citation_date_conflict", "2/KH-UBND")} <= found
    assert any(k == "uncovered_area" for k, _ in found)
    assert_same_as_full_rebuild(db)


def test_an_added_plan_and_a_changed_plan_are_summarised_incrementally(db):
    refresh.rebuild(db)
    late = provincial("77/KH-UBND", "Yên Bái", "2025-02-14", ["xu_ly_vi_pham"])
    late.write(db)
    assert_summaries_agree(db)
    assert any(r["province"] == "Lào Cai" and r["xu_ly_vi_pham"] == 1 for r in compare.areas(db)[1])
    # the same file read again with one task changed: a new document replaces the old one
    changed = provincial("77/KH-UBND", "Yên Bái", "2025-02-14", ["hop_tac"])
    changed.path = late.path
    store.delete_document(db, late.sha)
    changed.write(db)
    assert_summaries_agree(db)
    assert not any(r["xu_ly_vi_pham"] for r in compare.areas(db)[1])
    assert_same_as_full_rebuild(db)


def test_removing_a_plan_in_the_middle_of_a_chain_cuts_the_tasks_below_it(db):
    refresh.rebuild(db)
    middle = [r for r in compare.deadlines(db)[1] if r["plan"] == "9/KH-UBND"][0]["doc_id"]
    with db.atomic():
        store.delete_document(db, middle)
    under = {r["symbol"] for r in national.national_to_local(db, "193/QĐ-TTg")}
    assert "2/KH-UBND" not in under and "9/KH-UBND" not in under and "14/KH-UBND" in under
    assert_summaries_agree(db)
    assert_same_as_full_rebuild(db)


def test_a_removed_copy_updates_its_plans_count_of_copies(db):
    refresh.rebuild(db)
    copy = provincial("14/KH-UBND", "Yên Bái", "2024-03-05", ["du_lieu_thong_ke"])
    copy.path = "corpus/ban_sao/14_KH-UBND.txt"
    copy.write(db)
    refresh.rebuild(db, [copy.sha])
    count = "select copies from plan_summary where plan = '14/KH-UBND'"
    assert db.execute(count).fetchone()[0] == 2
    with db.atomic():
        store.delete_document(db, copy.sha)
    assert refresh.ensure_fresh(db)
    assert db.execute(count).fetchone()[0] == 1
    assert_same_as_full_rebuild(db)


def test_ingest_of_added_changed_and_unchanged_files_keeps_the_summaries_fresh(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    plans = [provincial("9/KH-UBND", "Lào Cai", "2023-02-20", ["hop_tac"]),
             provincial("31/KH-UBND", "Đắk Lắk", "2023-04-11", ["chi_dao"])]
    for i, p in enumerate(plans):
        (folder / f"{i}.txt").write_text(p.text, encoding="utf-8")
    dbp = tmp_path / "k.db"
    assert ingest([folder], dbp, workers=1).read == 2
    db = store.connect(dbp)
    assert db.execute("select count(*) from dirty_docs").fetchone()[0] == 0  # the ingest rebuilt
    assert_summaries_agree(db)
    extra = provincial("5/KH-UBND", "Phú Yên", "2024-01-09", ["hop_tac"])
    (folder / "2.txt").write_text(extra.text, encoding="utf-8")
    (folder / "0.txt").write_text(plans[0].text.replace("bổ sung số 1", "được giao thêm"), encoding="utf-8")
    stats = ingest([folder], dbp, workers=1)
    assert (stats.read, stats.unchanged) == (2, 1)
    db = store.connect(dbp)
    assert db.execute("select count(*) from documents").fetchone()[0] == 3  # the old version is gone
    assert db.execute("select count(*) from dirty_docs").fetchone()[0] == 0
    assert_summaries_agree(db)
    assert_same_as_full_rebuild(db)


def test_a_store_made_before_the_period_columns_is_migrated(tmp_db):
    """Schema 1 kept a deadline's period dates in start/end, the offset columns of every other
    fact table; connecting moves them to period_start/period_end and puts the offsets back."""
    old = sqlite_utils.Database(tmp_db)
    old["meta"].insert({"key": "schema_version", "value": "1"}, pk="key")
    old["deadlines"].create({"fid": str, "doc_id": str, "ord": int, "kind": str, "date": str, "start": int, "end": int,
                             "when": str, "what": str, "agency": str, "task_ord": int, "page": int, "spans": str},
                            pk="fid")  # as schema 1 made it: offset columns, which held dates here
    old["deadlines"].insert({"fid": "x:0", "doc_id": "x", "ord": 0, "kind": "period", "date": None,
                             "start": "2024-03-01", "end": "2024-11-30", "when": "[]", "what": "", "agency": None,
                             "task_ord": None, "page": 1, "spans": json.dumps([{"start": 120, "end": 171, "page": 1}])},
                            pk="fid")
    old["graph_nodes"].insert({"id": "deadline:x:0", "kind": "deadline", "label": "period 2024-03-01",
                               "attrs": json.dumps({"kind": "period", "start": "2024-03-01", "end": "2024-11-30"})},
                              pk="id")
    old.conn.close()
    db = store.connect(tmp_db)
    row = db.execute('select start, "end", period_start, period_end from deadlines').fetchone()
    assert row == (120, 171, "2024-03-01", "2024-11-30")
    attrs = json.loads(db.execute("select attrs from graph_nodes").fetchone()[0])
    assert (attrs.get("period_start"), attrs.get("period_end"), "start" in attrs) == ("2024-03-01", "2024-11-30", False)
    assert db.execute("select value from meta where key = 'schema_version'").fetchone()[0] == str(store.SCHEMA_VERSION)


def test_deadline_rows_keep_offsets_in_start_end_and_dates_in_period_columns(tmp_db):
    db = store.connect(tmp_db)
    p = Plan("8/KH-UBND", "Gia Lai", "2026-01-12", "Phòng, chống mua bán người năm 2026")
    national_193(p)
    span = p.deadline("period", "Triển khai từ ngày 15/01/2026 đến hết ngày 31/10/2026.", start="2026-01-15",
                      end="2026-10-31")
    p.write(db)
    row = db.execute('select start, "end", period_start, period_end from deadlines').fetchone()
    assert row == (span["start"], span["end"], "2026-01-15", "2026-10-31")
    assert p.text[row[0]:row[1]].startswith("Triển khai")


def test_the_cli_prints_the_same_table_with_and_without_fresh(db, tmp_db):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]

    def cli(*args: str) -> list:
        out = subprocess.run([sys.executable, "-m", "pipeline.cli", *args, "--db", str(tmp_db), "--json"],
                             capture_output=True, text=True, cwd=root, check=True).stdout
        return json.loads(out)

    db.conn.close()
    for what in ("areas", "leads", "deadlines"):
        kept = cli("compare", what, "--by", "issued")
        assert kept and kept == cli("compare", what, "--by", "issued", "--fresh")
    under = cli("graph", "--national", "193/QĐ-TTg")
    assert under and under == cli("graph", "--national", "193/QĐ-TTg", "--fresh")
    found = cli("audit")
    assert found and found == cli("audit", "--fresh")


def test_an_ingest_brings_up_documents_a_killed_run_left_dirty(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(provincial("9/KH-UBND", "Lào Cai", "2023-02-20", ["hop_tac"]).text, encoding="utf-8")
    dbp = tmp_path / "k.db"
    ingest([folder], dbp, workers=1)
    db = store.connect(dbp)
    left = provincial("31/KH-UBND", "Đắk Lắk", "2023-04-11", ["chi_dao"])
    left.write(db)  # written, then the run was killed before the graph followed
    db.conn.close()
    assert ingest([folder], dbp, workers=1).unchanged == 1
    db = store.connect(dbp)
    assert db.execute("select count(*) from dirty_docs").fetchone()[0] == 0
    assert db.execute("select count(*) from plan_summary").fetchone()[0] == 2
