"""One plan stored in several files counts once: in comparisons, audits, the graph and its summaries.

The plans are composed for these tests and go through the real ingest (reading, OCR with real
Tesseract for the scan, extraction); the copies are real files: a .txt, a DOCX and a scanned PDF
rendered by scripts/render_corpus.py.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline import audit, compare, graph, plans, store
from pipeline.ingest import ingest
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent

PLAN = """ỦY BAN NHÂN DÂN
TỈNH HẬU GIANG
Số: 47/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hậu Giang, ngày 12 tháng 3 năm 2023

KẾ HOẠCH
Phòng, chống mua bán người trên địa bàn tỉnh năm 2023

Thực hiện Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phòng, chống mua bán người giai đoạn 2021 - 2025 và định hướng đến năm 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện năm 2023 như sau:

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của người dân về thủ đoạn của tội phạm mua bán người ở vùng nông thôn.

II. NHIỆM VỤ, GIẢI PHÁP
1. Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Hội Liên hiệp Phụ nữ tỉnh tuyên truyền về phòng, chống mua bán người tại các ấp, khu vực có nhiều lao động đi làm ăn xa.
2. Công an tỉnh chủ trì điều tra, xử lý nghiêm các vụ mua bán người; phối hợp với Viện kiểm sát nhân dân tỉnh đẩy nhanh tiến độ truy tố.
3. Sở Lao động - Thương binh và Xã hội chủ trì tiếp nhận, hỗ trợ nạn nhân trở về hòa nhập cộng đồng.
4. Rà soát, cập nhật số liệu về người đi làm việc ở nước ngoài không qua hợp đồng.

III. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh là cơ quan thường trực, giúp Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch này.
2. Các sở, ngành báo cáo kết quả thực hiện 6 tháng trước ngày 10/6/2023 và năm trước ngày 10/12/2023 về Công an tỉnh để tổng hợp.

Nơi nhận:
- Bộ Công an;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Lực
"""

# A news item: no symbol, no date in a header — copies can only be told by their text.
NEWS = """Yên Bái: ra quân tuyên truyền phòng, chống mua bán người ở các xã vùng cao

Sáng nay, Công an tỉnh Yên Bái phối hợp với Hội Liên hiệp Phụ nữ tỉnh tổ chức ra quân tuyên truyền
phòng, chống mua bán người tại chợ phiên của các xã vùng cao. Các tuyên truyền viên phát tờ rơi, giới
thiệu thủ đoạn lừa đi làm việc có thu nhập cao ở nước ngoài và số điện thoại đường dây nóng.
Lãnh đạo Công an tỉnh đề nghị chính quyền các xã tiếp tục rà soát người vắng mặt dài ngày tại địa
phương, kịp thời thông báo cho lực lượng công an khi phát hiện dấu hiệu nghi vấn.
"""

# Another news item of the same programme, not a copy.
OTHER_NEWS = """Lào Cai: tập huấn kỹ năng hỗ trợ nạn nhân bị mua bán cho cán bộ cơ sở

Trong hai ngày, Sở Lao động - Thương binh và Xã hội tỉnh Lào Cai mở lớp tập huấn cho cán bộ làm công tác
xã hội ở cấp xã về kỹ năng tiếp nhận, tư vấn tâm lý và giới thiệu học nghề cho nạn nhân trở về. Học viên
được thực hành các tình huống thường gặp, trao đổi kinh nghiệm về bảo vệ bí mật đời tư của nạn nhân.
"""


def _renderer():
    return load_script("render_corpus")

@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> Path:
    """The Hậu Giang plan as .txt, .docx and a scanned PDF; the news item as .txt and a scan."""
    render = _renderer()
    d = tmp_path_factory.mktemp("copies")
    (d / "haugiang-47.txt").write_text(PLAN, encoding="utf-8")
    render.write_docx(PLAN, d / "haugiang-47.docx")
    render.write_scanned_pdf(PLAN, d / "haugiang-47.scan.pdf")
    (d / "yenbai-news.txt").write_text(NEWS, encoding="utf-8")
    render.write_scanned_pdf(NEWS, d / "yenbai-news.scan.pdf")
    (d / "laocai-news.txt").write_text(OTHER_NEWS, encoding="utf-8")
    return d


def _plan_of(db, name: str) -> str:
    return db.execute("select c.plan from plan_copies c join documents d on d.id = c.doc_id where d.path like ?",
                      ["%" + name]).fetchone()[0]


def _representative(db, name_part: str) -> str:
    rows = db.execute("select d.path from plan_copies c join documents d on d.id = c.doc_id "
                      "where c.representative = 1 and d.path like ?", ["%" + name_part + "%"]).fetchall()
    assert len(rows) == 1, rows
    return Path(rows[0][0]).name


@pytest.mark.ocr
@pytest.mark.slow
def test_copies_of_one_plan_in_three_formats_count_once(copies, tmp_db):
    stats = ingest([copies], tmp_db, workers=1)
    assert stats.read == 6 and stats.failed == 0
    db = store.connect(tmp_db)
    # grouped: the plan by its header, the news item by its text; the other news item apart
    assert _plan_of(db, "haugiang-47.txt") == _plan_of(db, "haugiang-47.docx") == _plan_of(db, "haugiang-47.scan.pdf")
    assert _plan_of(db, "yenbai-news.txt") == _plan_of(db, "yenbai-news.scan.pdf")
    assert _plan_of(db, "laocai-news.txt") != _plan_of(db, "yenbai-news.txt")
    # the best-read copy counts: a text layer over OCR
    assert not _representative(db, "haugiang-47").endswith(".scan.pdf")
    assert _representative(db, "yenbai-news") == "yenbai-news.txt"
    # every copy stays browsable
    assert db.execute("select count(*) from documents").fetchone()[0] == 6

    # comparisons: one plan, its tasks once
    _, rows = compare.areas(db, province="Hậu Giang")
    (row,) = rows
    assert row["plans"] == 1 and row["total"] == 6
    _, lag = compare.citations(db, province="Hậu Giang")
    assert [(r["plan"], r["national"]) for r in lag] == [("47/KH-UBND", "193/QĐ-TTg")]
    _, leads = compare.leads(db, province="Hậu Giang")
    assert Counter(r["agency"] for r in leads for _ in range(r["tasks"]))["cong_an_tinh"] == 2

    # audits: each gap of the plan once (item II.4 has no lead, III.2 goes to the departments as a whole)
    found = Counter((f["kind"], tuple(f["path"] or ())) for f in audit.run(db) if f["kind"] != "uncovered_area"
                    and f["document"] == "47/KH-UBND")
    assert found == Counter({("no_lead", ("II", "4")): 1, ("catch_all_only", ("III", "2")): 1})

    # the graph and its summaries: one document node, its tasks once
    assert db.execute("select count(*) from graph_edges where kind = 'has_task'"
                      " and src in (select id from graph_nodes where label = '47/KH-UBND')").fetchone()[0] == 6
    assert db.execute("select max(plans), sum(tasks) from summary_areas where current = 'Cần Thơ'"
                      " and province = 'Hậu Giang'").fetchone() == (1, 6)
    under = graph.national_to_local(db, "193/QĐ-TTg")
    assert len(under) == 6 and len({r["fid"] for r in under}) == 6


@pytest.mark.ocr
@pytest.mark.slow
def test_a_better_copy_arriving_later_takes_over_and_the_old_rows_go(copies, tmp_path):
    db_path = tmp_path / "k.db"
    scan_only = tmp_path / "scan"
    scan_only.mkdir()
    (scan_only / "haugiang-47.scan.pdf").write_bytes((copies / "haugiang-47.scan.pdf").read_bytes())
    ingest([scan_only], db_path, workers=1)
    db = store.connect(db_path)
    assert _representative(db, "haugiang-47") == "haugiang-47.scan.pdf"
    scan_id = db.execute("select id from documents").fetchone()[0]
    assert db.execute("select count(*) from graph_edges where doc_id = ?", [scan_id]).fetchone()[0] > 0
    db.close()

    (scan_only / "haugiang-47.txt").write_text(PLAN, encoding="utf-8")
    ingest([scan_only], db_path, workers=1)  # only the new file is read
    db = store.connect(db_path)
    assert _representative(db, "haugiang-47") == "haugiang-47.txt"
    assert db.execute("select count(*) from graph_edges where doc_id = ?", [scan_id]).fetchone()[0] == 0
    assert db.execute("select count(*) from national_local where doc_id = ?", [scan_id]).fetchone()[0] == 0
    assert db.execute("select max(plans), sum(tasks) from summary_areas where province = 'Hậu Giang'").fetchone() == (1, 6)
    # incremental equals a full rebuild
    inc = db.execute("select count(*) from graph_edges").fetchone()[0], \
        db.execute("select count(*), sum(tasks) from summary_areas").fetchone()
    graph.rebuild(db)
    assert (db.execute("select count(*) from graph_edges").fetchone()[0],
            db.execute("select count(*), sum(tasks) from summary_areas").fetchone()) == inc


def test_two_plans_of_a_template_with_their_own_headers_stay_apart(tmp_db):
    """Provinces reuse last year's text; two text-layer plans with their own symbols and dates
    are two plans however alike their bodies are."""
    later = PLAN.replace("Số: 47/KH-UBND", "Số: 52/KH-UBND").replace("ngày 12 tháng 3", "ngày 20 tháng 4")
    folder = Path(tmp_db).parent / "twins"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN, encoding="utf-8")
    (folder / "b.txt").write_text(later, encoding="utf-8")
    ingest([folder], tmp_db, workers=1)
    db = store.connect(tmp_db)
    assert plans.similarity(*[plans.sketch(t) for t in (PLAN, later)]) > 0.8  # alike...
    assert _plan_of(db, "a.txt") != _plan_of(db, "b.txt")                     # ...yet two plans
    _, rows = compare.areas(db)
    assert rows[0]["plans"] == 2


def test_ocr_damage_keeps_a_copy_near_its_original_and_far_from_another_plan():
    damaged = (NEWS.replace("ế", "ể").replace("Đ", "D").replace("tuyên truyền", "tuyến truyền")
               .replace("phòng, chống", "phòng,chống"))
    assert plans.similarity(plans.sketch(NEWS), plans.sketch(damaged)) >= plans.settings()["min_similarity"]
    assert plans.similarity(plans.sketch(NEWS), plans.sketch(OTHER_NEWS)) < 0.2


def test_headers_that_contradict_each_other_are_never_one_plan():
    base = {"province": "Yên Bái", "year": 2024, "symbol": "12/kh-ubnd", "date": "2024-05-02"}
    assert plans._compatible(base, base | {"date": "2024-05-07"})            # a misread date
    assert plans._compatible(base, base | {"symbol": "13/kh-ubnd"})          # a misread digit
    assert not plans._compatible(base, base | {"symbol": "13/kh-ubnd", "date": "2024-05-07"})
    assert not plans._compatible(base, base | {"province": "Lào Cai"})
    assert not plans._compatible(base, base | {"year": 2025, "date": None})
    assert plans._compatible(base, {"province": None, "year": None, "symbol": None, "date": None})
