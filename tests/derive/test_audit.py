"""Audits: every finding kind fires on a plan composed to show it, and not on a complete plan."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from composed_plans import Plan, complete_plan
from pipeline.derive import audit
from pipeline import store
from pipeline.queries import audit as audit_query

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_db):
    return store.connect(tmp_db)


def kinds(findings, doc=None):
    return sorted(f["kind"] for f in findings if doc is None or f["document"] == doc)


def test_a_complete_plan_raises_only_the_areas_it_does_not_cover(db):
    complete_plan("14/KH-UBND", "Quảng Bình", "2024-02-20").write(db)
    found = audit_query.run(db)
    assert set(kinds(found)) == {"uncovered_area"}
    assert {f["province"] for f in found} == {"Quảng Trị"}  # counted for today's province


def test_a_task_nobody_presides_over_is_no_lead_with_its_path_and_span(db):
    p = complete_plan("3/KH-UBND", "Kiên Giang", "2023-01-09")
    p.task(["III", "2", "b"], "Phối hợp rà soát các đối tượng có nguy cơ.", "phong_ngua", [], ["cong_an_tinh"])
    p.write(db)
    (f,) = [f for f in audit_query.run(db) if f["kind"] == "no_lead"]
    assert f["path"] == ["III", "2", "b"] and f["document"] == "3/KH-UBND"
    assert p.text[f["spans"][0]["start"]:f["spans"][0]["end"]].startswith("b. Phối hợp rà soát")


def test_a_task_led_only_by_the_agencies_concerned_is_catch_all_only(db):
    p = complete_plan("4/KH-UBND", "Bến Tre", "2023-01-09")
    p.task(["IV", "3"], "Triển khai các giải pháp hỗ trợ nạn nhân.", "ho_tro_nan_nhan", ["co_quan_lien_quan"])
    p.task(["IV", "4"], "Tập huấn cán bộ.", "nang_cao_nang_luc", ["so_noi_vu", "cac_so_nganh"])  # a real lead too
    p.write(db)
    found = [f for f in audit_query.run(db) if f["kind"] == "catch_all_only"]
    assert [f["path"] for f in found] == [["IV", "3"]]


def test_an_assignment_to_an_item_the_plan_lacks_is_dangling(db):
    p = complete_plan("5/KH-UBND", "Bình Dương", "2022-03-03")
    ev = p.line("Công an tỉnh chủ trì thực hiện nội dung (1), (2) và (7).")
    p.parts["tasks"][1]["assignments"] = [
        {"agency": "cong_an_tinh", "role": "lead", "evidence": p.text[ev["start"]:ev["end"]], "span": ev}]
    p.write(db)
    # labels (1) and (2) are missing too: this plan numbers its items 1, 2, 3 under II
    p2 = complete_plan("6/KH-UBND", "Long An", "2022-03-03")
    p2.task(["II", "(1)"], "Rà soát địa bàn trọng điểm.", "phong_ngua", ["cong_an_tinh"])
    p2.task(["II", "(2)"], "Xác minh tin báo.", "dau_tranh", ["cong_an_tinh"])
    ev2 = p2.line("Giao Công an tỉnh chủ trì các nội dung (1), (2), (5).")
    p2.parts["tasks"][-1]["assignments"] = [
        {"agency": "cong_an_tinh", "role": "lead", "evidence": p2.text[ev2["start"]:ev2["end"]], "span": ev2}]
    p2.write(db)
    found = [f for f in audit_query.run(db) if f["kind"] == "dangling_reference" and f["document"] == "6/KH-UBND"]
    assert len(found) == 1 and "(5)" in found[0]["message"] or "'5'" in found[0]["message"]
    assert found[0]["spans"][0]["start"] == ev2["start"]


def test_a_province_whose_plans_never_touch_an_area_gets_uncovered_area(db):
    a = complete_plan("7/KH-UBND", "Trà Vinh", "2022-02-02")
    a.task(["II", "4"], "Rà soát pháp luật.", "chinh_sach_phap_luat", ["so_tu_phap"])
    b = complete_plan("8/KH-UBND", "Vĩnh Long", "2023-02-02")  # merged with Trà Vinh into Vĩnh Long
    b.task(["II", "4"], "Ký kết quy chế phối hợp.", "hop_tac", ["cong_an_tinh"])
    a.write(db)
    b.write(db)
    found = [f for f in audit_query.run(db, province="Vĩnh Long") if f["kind"] == "uncovered_area"]
    missing = {m for f in found for m in [f["message"]]}
    assert not any("chinh_sach_phap_luat" in m or "hop_tac" in m or "phong_ngua" in m for m in missing)
    assert any("nang_cao_nang_luc" in m for m in missing)
    assert all(f["document"] == "8/KH-UBND" for f in found)  # the latest plan of the province


def test_a_campaign_plan_alone_does_not_make_its_province_answer_for_every_area(db):
    c = complete_plan("30/KH-UBND", "Lai Châu", "2024-06-20",
                      title="Hưởng ứng Tháng hành động phòng, chống mua bán người năm 2024")
    c.write(db)
    assert not [f for f in audit_query.run(db) if f["kind"] == "uncovered_area"]
    # once the province has a plan for the whole programme, the gaps count, on that plan
    b = complete_plan("31/KH-UBND", "Lai Châu", "2024-02-01")
    b.write(db)
    found = [f for f in audit_query.run(db) if f["kind"] == "uncovered_area"]
    assert found and {f["document"] for f in found} == {"31/KH-UBND"}


def test_an_item_that_also_trains_officials_covers_capacity_building(db):
    p = complete_plan("32/KH-UBND", "Điện Biên", "2023-03-03")
    p.task(["II", "4"], "Hỗ trợ nạn nhân hòa nhập cộng đồng; tập huấn, bồi dưỡng kỹ năng cho cán bộ xã về hỗ trợ nạn nhân.",
           "ho_tro_nan_nhan", ["so_lao_dong"])
    p.write(db)
    missing = {f["message"].split(" area ")[1].split()[0] for f in audit_query.run(db) if f["kind"] == "uncovered_area"}
    assert "nang_cao_nang_luc" not in missing and "du_lieu_thong_ke" in missing


def test_a_target_below_the_national_figure_is_weaker(db):
    p = Plan("9/KH-UBND", "Ninh Thuận", "2022-03-01", "Phòng, chống mua bán người năm 2022")
    p.target(85, "%", ">", "tỷ lệ giải quyết tố giác, tin báo", "Tỷ lệ giải quyết tố giác, tin báo đạt trên 85%.")
    p.target(90, "%", "=", "tỷ lệ giải quyết", "Tỷ lệ giải quyết đạt 90%.")              # national: above 90
    p.target(95, "%", ">=", "tỷ lệ giải quyết", "Tỷ lệ giải quyết ít nhất 95%.")        # stronger
    p.target(70, "%", "=", "người dân được tuyên truyền", "70% người dân được tuyên truyền.")  # no national match
    p.write(db)
    found = [f for f in audit_query.run(db) if f["kind"] == "weaker_target"]
    got = [p.text[f["spans"][0]["start"]:f["spans"][0]["end"]] for f in found]
    assert got == ["Tỷ lệ giải quyết tố giác, tin báo đạt trên 85%.", "Tỷ lệ giải quyết đạt 90%."]


def test_a_target_of_another_field_is_not_held_to_the_trafficking_programme(db):
    p = Plan("10/KH-UBND", "Ninh Thuận", "2022-03-01", "Phòng, chống lao động trẻ em năm 2022")
    p.target(80, "%", ">", "tỷ lệ giải quyết", "Tỷ lệ giải quyết kiến nghị đạt trên 80%.")
    p.write(db)
    assert not [f for f in audit_query.run(db) if f["kind"] == "weaker_target"]


def test_a_citation_dated_differently_from_the_registry_or_the_other_plans_conflicts(db):
    plans = []
    for i, prov in enumerate(["Hà Nam", "Nam Định", "Thái Bình"]):
        p = complete_plan(f"{20 + i}/KH-UBND", prov, "2022-04-04")
        p.cite("28/KH-BCĐ", "KH", "28", 2022, "cites", "2022-01-24" if i < 2 else "2022-01-14", "Ban Chỉ đạo 138/CP",
               f"Căn cứ Kế hoạch số 28/KH-BCĐ ngày {'24' if i < 2 else '14'}/01/2022 của Ban Chỉ đạo 138/CP;")
        plans.append(p)
    plans[0].parts["references"][0]["registry_date"] = "2021-02-10"  # the registry disagrees with this one
    for p in plans:
        p.write(db)
    found = [f for f in audit_query.run(db) if f["kind"] == "citation_date_conflict"]
    assert sorted((f["document"], f["message"].split(":")[0]) for f in found) == [
        ("20/KH-UBND", "193/QĐ-TTg"), ("22/KH-UBND", "28/KH-BCĐ")]


def test_deadlines_before_the_plan_inverted_periods_and_short_cycles(db):
    p = complete_plan("11/KH-UBND", "Hậu Giang", "2024-05-10")
    p.deadline("due", "Hoàn thành trước ngày 30/4/2024.", date="2024-04-30")
    p.deadline("due", "Hoàn thành trước ngày 30/6/2024.", date="2024-06-30")
    p.deadline("period", "Từ ngày 01/9/2024 đến ngày 01/8/2024.", start="2024-09-01", end="2024-08-01")
    p.deadline("recurring", "Báo cáo hằng quý trước ngày 15/3 và 15/9.", when=["03-15", "09-15"], what="báo cáo hằng quý")
    p.deadline("recurring", "Báo cáo 6 tháng, năm (trước 15/6, 15/12).", when=["06-15", "12-15"], what="báo cáo 6 tháng, năm")
    p.write(db)
    found = audit_query.run(db)
    assert kinds(found, "11/KH-UBND").count("deadline_before_issue") == 1
    assert kinds(found, "11/KH-UBND").count("period_inverted") == 1
    (rec,) = [f for f in found if f["kind"] == "recurring_incomplete"]
    assert "hằng quý" in p.text[rec["spans"][0]["start"]:rec["spans"][0]["end"]]


def test_a_plan_without_focal_agency_or_reporting_regime_is_flagged(db):
    p = Plan("12/KH-UBND", "Cà Mau", "2023-07-01", "Hưởng ứng ngày toàn dân phòng, chống mua bán người")
    p.task(["1"], "Treo băng rôn tuyên truyền.", "phong_ngua", ["so_van_hoa"])
    p.write(db)
    assert {"no_focal_agency", "no_reporting_regime"} <= set(kinds(audit_query.run(db), "12/KH-UBND"))


def test_findings_filter_by_province_of_today_and_year(db):
    for sym, prov, date in (("13/KH-UBND", "Bạc Liêu", "2022-01-01"), ("14/KH-UBND", "Cà Mau", "2024-01-01")):
        p = complete_plan(sym, prov, date)
        p.task(["V"], "Bố trí kinh phí thực hiện.", "chi_dao", [])
        p.write(db)
    assert {f["document"] for f in audit_query.run(db, province="Cà Mau")} == {"13/KH-UBND", "14/KH-UBND"}
    assert {f["document"] for f in audit_query.run(db, province="Bạc Liêu")} == {"13/KH-UBND"}
    assert {f["document"] for f in audit_query.run(db, year=2024)} == {"14/KH-UBND"}


def test_audit_json_prints_the_fixed_shape(tmp_db):
    db = store.connect(tmp_db)
    p = Plan(None, "Điện Biên", "2023-07-01", "Tuyên truyền phòng, chống mua bán người", path="corpus/tin_bai.txt")
    p.task(["1"], "Tuyên truyền trên loa truyền thanh.", "phong_ngua", [])
    p.write(db)
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "audit", "--db", str(tmp_db), "--json"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    found = json.loads(out)
    assert found and all(set(f) >= {"kind", "severity", "document", "path", "message", "spans"} for f in found)
    assert all(f["kind"] in audit.KINDS for f in found)
    assert {f["document"] for f in found} == {"corpus/tin_bai.txt"}  # no symbol: its file


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The whole bundled corpus ingested: every plan in every format it is stored in."""
    from pipeline.ingest import ingest

    path = tmp_path_factory.mktemp("bundled") / "k.db"
    stats = ingest([ROOT / "corpus"], path, workers=2)
    assert stats.failed == 0
    return store.connect(path)


def _manifest() -> dict[str, str]:
    """corpus file → the sample plan it is a copy of (corpus/MANIFEST.tsv)."""
    lines = (ROOT / "corpus" / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {ln.split("\t")[0]: ln.split("\t")[1] for ln in lines if ln.strip()}


@pytest.mark.ocr
@pytest.mark.slow
def test_each_bundled_plan_is_one_plan_whatever_formats_it_is_stored_in(bundled):
    seed_of = _manifest()
    plan_of = {str(Path(r["path"]).relative_to(ROOT / "corpus") if Path(r["path"]).is_absolute()
                   else Path(r["path"]).relative_to("corpus")): r["plan"]
               for r in bundled.query("select d.path, c.plan from documents d join plan_copies c on c.doc_id = d.id")}
    assert set(plan_of) == set(seed_of)
    groups = {}
    for f, seed in seed_of.items():
        groups.setdefault(seed, set()).add(plan_of[f])
    assert all(len(g) == 1 for g in groups.values())                   # copies share a plan
    assert len({next(iter(g)) for g in groups.values()}) == len(groups)  # plans stay apart
    reps = bundled.execute("select count(*) from plan_copies where representative = 1").fetchone()[0]
    assert reps == len(groups)


@pytest.mark.ocr
@pytest.mark.slow
def test_every_digital_copy_of_a_bundled_plan_reads_the_same_leads_as_its_text(bundled):
    """A PDF's printed lines, a DOCX's paragraphs and legacy-encoded bytes must not change who
    leads what (the PDF copy once split each item's first printed line off as its title)."""
    by_plan: dict[str, dict[str, list]] = {}
    for r in bundled.query("select c.plan, d.path, d.ocr, t.path_str, t.lead from plan_copies c "
                           "join documents d on d.id = c.doc_id join tasks t on t.doc_id = d.id where d.ocr = 0 "
                           "order by t.ord"):
        by_plan.setdefault(r["plan"], {}).setdefault(r["path"], []).append((r["path_str"], r["lead"]))
    compared = 0
    for copies in by_plan.values():
        texts = [p for p in copies if Path(p).parent.name == "text"]
        for p in copies:
            if texts and p not in texts:
                assert copies[p] == copies[texts[0]], p
                compared += 1
    assert compared >= 3  # the Cần Thơ PDF and DOCX, the Gia Lai TCVN3 text


@pytest.mark.ocr
@pytest.mark.slow
def test_on_the_bundled_corpus_the_audit_finds_what_a_careful_reader_finds(bundled):
    """The gaps I found reading the five sample plans; nothing else may fire, and a plan stored
    in several formats (text, DOCX, PDF, scan, a photo of page 1) is audited once.

    - Đồng Nai 2021: the three international-cooperation items under 6.1 name nobody to lead
      them. Its items never plan statistics or data work, nor the handling of violations
      outside criminal procedure (only detection on patrol, inside a prevention item).
    - Tuyên Quang 2024: four items are given only to "các cơ quan, đơn vị, địa phương" as a
      whole; nothing on handling administrative violations (its inter-agency regulation item
      is coordination, its training item capacity building).
    - Gia Lai 2025 (a review plan): the review's contents (four bullets of II.1 and the second
      bullet of II.2) name no lead; the third bullet of II.2 goes to the units concerned as a
      whole. A review is not held to cover every programme area.
    - Cần Thơ 2024 (30 July campaign): every item has a lead, a focal agency and a report date;
      a campaign is not held to cover every programme area.
    - the 2021 news item: it tells the police to be the focal agency but sets no reporting
      regime; it names no province, so no coverage is judged.
    """
    from collections import Counter

    paths = {r["id"]: Path(r["path"]).name.split("-")[0] for r in bundled.query("select id, path from documents")}
    got = Counter((paths[f["doc_id"]], f["kind"], (f["path"] or [""])[0], (f["path"] or [""])[-1]
                   if f["kind"] != "uncovered_area" else f["message"].split(" area ")[1].split()[0])
                  for f in audit_query.run(bundled))
    want = Counter({
        ("dongnai", "no_lead", "II", "-1"): 1, ("dongnai", "no_lead", "II", "-2"): 1,
        ("dongnai", "no_lead", "II", "-3"): 1,
        ("dongnai", "uncovered_area", "", "xu_ly_vi_pham"): 1, ("dongnai", "uncovered_area", "", "du_lieu_thong_ke"): 1,
        ("tuyenquang", "catch_all_only", "II", "(1)"): 3, ("tuyenquang", "catch_all_only", "III", "1"): 1,
        ("tuyenquang", "uncovered_area", "", "xu_ly_vi_pham"): 1,
        ("gialai", "no_lead", "II", "-1"): 1, ("gialai", "no_lead", "II", "-2"): 2,
        ("gialai", "no_lead", "II", "-3"): 1, ("gialai", "no_lead", "II", "-4"): 1,
        ("gialai", "catch_all_only", "II", "-3"): 1,
        ("news", "no_reporting_regime", "", ""): 1,
    })
    assert got == want


def _pointer(p, sentence: str, agency: str = "cong_an_tinh") -> dict:
    """A lead assignment of the plan's last task made by ``sentence`` (a line of its own)."""
    ev = p.line(sentence)
    p.parts["tasks"][-1]["assignments"] = [
        {"agency": agency, "role": "lead", "evidence": p.text[ev["start"]:ev["end"]], "span": ev}]
    return ev


def test_a_pointer_at_a_range_of_bracketed_items_that_all_exist_is_not_dangling(db):
    p = Plan("41/KH-UBND", "Sơn La", "2025-03-01", "Phòng, chống ma túy năm 2025")
    p.task(["II", "(1)"], "Rà soát người sử dụng trái phép chất ma túy.", "phong_ngua", ["cong_an_tinh"])
    p.task(["II", "(2)"], "Tuần tra các tuyến đường mòn biên giới.", "phong_ngua", ["cong_an_tinh"])
    p.task(["II", "(3)"], "Triệt phá các điểm bán lẻ ma túy.", "dau_tranh", ["cong_an_tinh"])
    _pointer(p, "Công an tỉnh chủ trì thực hiện các nội dung từ (1) đến (3).")
    p.write(db)
    assert not [f for f in audit_query.run(db, fresh=True) if f["kind"] == "dangling_reference"]


def test_a_range_running_past_the_last_item_dangles_at_the_missing_numbers(db):
    p = Plan("42/KH-UBND", "Sơn La", "2025-03-01", "Phòng, chống ma túy năm 2025")
    p.task(["II", "a"], "Tuyên truyền tác hại của ma túy tổng hợp trong trường học.", "phong_ngua", ["so_giao_duc"])
    p.task(["II", "b"], "Tổ chức ngày hội thanh niên nói không với ma túy.", "phong_ngua", ["so_giao_duc"])
    _pointer(p, "Sở Giáo dục và Đào tạo chủ trì các nhiệm vụ tại điểm a đến điểm d.", "so_giao_duc")
    p.write(db)
    found = [f for f in audit_query.run(db, fresh=True) if f["kind"] == "dangling_reference"]
    assert sorted(f["message"].split("«")[1].split("»")[0] for f in found) == ["c", "d"]


def test_a_task_whose_assignment_rows_name_a_lead_is_not_no_lead(db):
    p = Plan("43/KH-UBND", "Hòa Bình", "2025-03-01", "Bảo đảm trật tự, an toàn giao thông năm 2025")
    i = p.task(["II", "1"], "Kiểm tra nồng độ cồn người điều khiển phương tiện.", "phong_ngua", [], [])
    sp = p.parts["tasks"][i]["spans"][0]
    p.parts["tasks"][i]["assignments"] = [{"agency": "cong_an_tinh", "role": "lead", "evidence": "Công an tỉnh chủ trì",
                                           "span": sp}]
    p.task(["II", "2"], "Phối hợp kiểm tra xe khách.", "phong_ngua", [], ["so_giao_thong"])
    p.write(db)
    found = [f for f in audit_query.run(db, fresh=True) if f["kind"] == "no_lead"]
    assert [f["path"] for f in found] == [["II", "2"]]


def test_a_floor_of_at_least_a_lower_figure_is_weaker_than_a_national_above(db):
    p = Plan("44/KH-UBND", "Phú Yên", "2024-02-15", "Phòng, chống mua bán người năm 2024")
    p.target(85, "%", ">=", "tỷ lệ giải quyết tố giác, tin báo về tội phạm mua bán người",
             "Tỷ lệ giải quyết tố giác, tin báo về tội phạm mua bán người đạt ít nhất 85%.")
    p.target(90, "%", ">=", "tỷ lệ giải quyết tố giác, tin báo", "Tỷ lệ giải quyết tố giác, tin báo ít nhất 90%.")
    p.target(92, "%", ">=", "tỷ lệ giải quyết tố giác, tin báo", "Tỷ lệ giải quyết tố giác, tin báo ít nhất 92%.")
    p.write(db)
    for fresh in (True, False):
        found = [f for f in audit_query.run(db, fresh=fresh) if f["kind"] == "weaker_target"]
        got = sorted(p.text[f["spans"][0]["start"]:f["spans"][0]["end"]] for f in found)
        assert got == ["Tỷ lệ giải quyết tố giác, tin báo về tội phạm mua bán người đạt ít nhất 85%.",
                       "Tỷ lệ giải quyết tố giác, tin báo ít nhất 90%."]
