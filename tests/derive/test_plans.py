"""One plan stored in several files counts once: in comparisons, audits, the graph and its summaries.

The plans are composed for these tests and go through the real ingest (reading, OCR with real
Tesseract for the scan, extraction); the copies are real files: a .txt, a DOCX and a scanned PDF
rendered by scripts/render_corpus.py.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.derive import plans
from pipeline.queries import compare
from pipeline import store
from pipeline.ingest import ingest
from pipeline.queries import national
from pipeline.queries import audit as audit_query
from pipeline.derive import refresh
import importlib

ROOT = Path(__file__).resolve().parents[2]

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
    return importlib.import_module("scripts.render_corpus")

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
    found = Counter((f["kind"], tuple(f["path"] or ())) for f in audit_query.run(db) if f["kind"] != "uncovered_area"
                    and f["document"] == "47/KH-UBND")
    assert found == Counter({("no_lead", ("II", "4")): 1, ("catch_all_only", ("III", "2")): 1})

    # the graph and its summaries: one document node, its tasks once
    assert db.execute("select count(*) from graph_edges where kind = 'has_task'"
                      " and src in (select id from graph_nodes where label = '47/KH-UBND')").fetchone()[0] == 6
    assert db.execute("select max(plans), sum(tasks) from summary_areas where current = 'Cần Thơ'"
                      " and province = 'Hậu Giang'").fetchone() == (1, 6)
    under = national.national_to_local(db, "193/QĐ-TTg")
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
    refresh.rebuild(db)
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


# --------------------------------------------------------------------------- partial copies
# A three-page plan of our own; its page 1 photographed without the symbol and date lines
# (torn off, or too faint to read) is a partial copy: ~40% similar to the plan, ~100% contained.
LONG_ITEMS = [
    "Ủy ban nhân dân các xã, phường rà soát hộ gia đình có người đi làm ăn xa không rõ địa chỉ và lập danh sách theo dõi hằng quý.",
    "Công an tỉnh chủ trì xây dựng chuyên đề đấu tranh với đường dây môi giới kết hôn trái phép với người nước ngoài.",
    "Sở Y tế chủ trì hướng dẫn các bệnh viện tiếp nhận, khám và chăm sóc sức khỏe cho người bị mua bán trở về.",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh tăng cường tuần tra các đường mòn, lối mở dọc tuyến biên giới đất liền.",
    "Sở Giáo dục và Đào tạo lồng ghép kiến thức phòng, chống mua bán người vào giờ sinh hoạt dưới cờ ở trường trung học.",
    "Hội Liên hiệp Phụ nữ tỉnh duy trì mô hình địa chỉ tin cậy tại cộng đồng để tạm lánh cho phụ nữ và trẻ em gái.",
    "Tỉnh đoàn tổ chức diễn đàn thanh niên với chủ đề cảnh giác trước lời mời việc nhẹ lương cao trên mạng xã hội.",
    "Sở Tư pháp biên soạn tài liệu hỏi đáp pháp luật bằng tiếng dân tộc thiểu số và phát tới các thôn, bản.",
    "Đài Phát thanh và Truyền hình tỉnh phát phóng sự về thủ đoạn lừa đảo tuyển lao động đi nước ngoài.",
    "Sở Nội vụ hướng dẫn doanh nghiệp đưa người lao động đi làm việc ở nước ngoài công khai hợp đồng, chi phí.",
    "Viện kiểm sát nhân dân tỉnh phối hợp đẩy nhanh tiến độ truy tố các vụ án mua bán người đã khởi tố.",
    "Tòa án nhân dân tỉnh tổ chức xét xử lưu động một số vụ án điểm tại địa bàn có nhiều người xuất cảnh trái phép.",
    "Sở Tài chính bố trí kinh phí hỗ trợ học nghề và vay vốn cho nạn nhân theo quy định hiện hành.",
    "Ngân hàng Chính sách xã hội chi nhánh tỉnh ưu tiên cho vay tạo việc làm đối với nạn nhân đã hòa nhập cộng đồng.",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh vận động chức sắc tôn giáo tham gia tuyên truyền tại nơi sinh hoạt tôn giáo.",
    "Sở Ngoại vụ phối hợp cơ quan đại diện Việt Nam ở nước ngoài xác minh, giải cứu công dân bị lừa bán.",
    "Cục Thống kê tỉnh thống nhất biểu mẫu thu thập số liệu về nạn nhân được tiếp nhận và hỗ trợ.",
    "Các huyện tổ chức sơ kết sáu tháng, rút kinh nghiệm trong phối hợp tiếp nhận người trở về qua cửa khẩu.",
    "Trung tâm Công tác xã hội tỉnh bố trí nơi ở tạm thời, tư vấn tâm lý cho trẻ em bị mua bán.",
    "Công an các huyện kiểm tra định kỳ các cơ sở karaoke, xoa bóp, nhà nghỉ có dấu hiệu hoạt động mại dâm.",
    "Sở Khoa học và Công nghệ hỗ trợ xây dựng phần mềm quản lý hồ sơ nạn nhân dùng chung giữa các ngành.",
    "Ban Dân tộc tỉnh phối hợp già làng, người có uy tín vận động bà con không nghe theo lời dụ dỗ vượt biên.",
    "Sở Công Thương kiểm tra các sàn giao dịch trực tuyến đăng tin tuyển người làm việc tại các đặc khu kinh tế nước ngoài.",
    "Sở Thông tin và Truyền thông phối hợp nhà mạng gửi tin nhắn cảnh báo tới thuê bao ở các xã giáp biên.",
    "Ủy ban nhân dân cấp xã phân công công chức theo dõi người lao động trở về sau thời gian làm thuê ở tỉnh ngoài.",
    "Hội Nông dân tỉnh lồng ghép nội dung phòng ngừa vào các lớp chuyển giao kỹ thuật trồng trọt, chăn nuôi.",
    "Liên đoàn Lao động tỉnh hướng dẫn công đoàn cơ sở tư vấn quyền lợi cho công nhân trẻ mới tuyển dụng.",
    "Cục Hải quan tỉnh kiểm soát chặt người và phương tiện xuất nhập cảnh qua các cửa khẩu phụ.",
    "Bệnh viện đa khoa tỉnh dành giường điều trị miễn phí cho nạn nhân bị tổn hại sức khỏe nghiêm trọng.",
    "Trường Cao đẳng Cộng đồng tỉnh miễn học phí khóa đào tạo nghề ngắn hạn cho người được xác định là nạn nhân.",
    "Báo tỉnh mở chuyên mục hằng tháng giới thiệu gương điển hình trong phát hiện, tố giác tội phạm.",
    "Văn phòng Ủy ban nhân dân tỉnh theo dõi tiến độ thực hiện và tham mưu khen thưởng tập thể, cá nhân có thành tích.",
    "Thanh tra tỉnh đưa nội dung thực hiện kế hoạch này vào chương trình thanh tra trách nhiệm hằng năm.",
    "Các doanh nghiệp trên địa bàn niêm yết số điện thoại đường dây nóng tại nơi làm việc của người lao động.",
]



def long_plan(symbol: str | None, date_line: str | None) -> str:
    head = ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"] + ([f"Số: {symbol}"] if symbol else [])
    head += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] + ([date_line] if date_line else [])
    body = ["", "KẾ HOẠCH", "Triển khai công tác phòng, chống mua bán người năm 2024", "",
            "Căn cứ Luật Phòng, chống mua bán người; thực hiện Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ "
            "tướng Chính phủ, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:", "", "I. MỤC ĐÍCH, YÊU CẦU",
            "Phát huy sức mạnh của cả hệ thống chính trị trong phòng ngừa, phát hiện và xử lý tội phạm mua bán người "
            "ở vùng biên giới, vùng đồng bào dân tộc thiểu số.", "", "II. NHIỆM VỤ CỤ THỂ"]
    body += [f"{i + 1}. {a}" for i, a in enumerate(LONG_ITEMS)]
    body += ["", "III. TỔ CHỨC THỰC HIỆN",
             "Công an tỉnh là cơ quan thường trực, theo dõi, đôn đốc các sở, ngành, địa phương thực hiện Kế hoạch; "
             "báo cáo kết quả trước ngày 05/12/2024.", "", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
             "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Minh Tuấn"]
    return "\n".join(head + body) + "\n"


LONG = long_plan("118/KH-UBND", "Lai Châu, ngày 14 tháng 3 năm 2024")

# A short news item of the same province that opens with the same citation: not a copy.
SHORT_NEWS = """Lai Châu: tập huấn nghiệp vụ cho cán bộ tư pháp xã

Thực hiện Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ tướng Chính phủ, Sở Tư pháp tỉnh Lai Châu vừa mở
lớp bồi dưỡng kỹ năng hòa giải ở cơ sở cho hơn 80 cán bộ tư pháp - hộ tịch các xã. Học viên được hướng dẫn cách
ghi chép sổ hộ tịch, giải quyết tranh chấp đất đai và tiếp nhận phản ánh của người dân qua ứng dụng trực tuyến.
Kết thúc lớp học, các học viên làm bài kiểm tra trắc nghiệm và được cấp giấy chứng nhận.
"""


@pytest.fixture(scope="module")
def page_one_photo(tmp_path_factory) -> Path:
    """A real PNG of page 1 only (rendered with real fonts; ingest reads it with Tesseract)."""
    render = _renderer()
    assert len(render.layout(LONG)) >= 3
    (png,) = render.write_pngs(long_plan(None, None), tmp_path_factory.mktemp("photo") / "laichau-trang1", pages=1)
    return png


def _partial_corpus(folder: Path, photo: Path, full: bool) -> None:
    folder.mkdir(exist_ok=True)
    (folder / photo.name).write_bytes(photo.read_bytes())
    (folder / "laichau-tin-tap-huan.txt").write_text(SHORT_NEWS, encoding="utf-8")
    if full:
        (folder / "laichau-118.txt").write_text(LONG, encoding="utf-8")


def _assert_page_one_joins_its_plan(db) -> None:
    photo_doc = db.execute("select id, symbol, date, text from documents where path like '%trang1%'").fetchone()
    assert not (photo_doc[1] and photo_doc[2])  # its header names no plan
    part, whole = plans.shingles(photo_doc[3]), plans.shingles(LONG)
    assert plans.similarity(plans.sketch(photo_doc[3]), plans.sketch(LONG)) < plans.settings()["min_similarity"]
    assert plans.containment(part, whole) >= plans.settings()["min_containment"]
    assert _plan_of(db, "laichau-trang1-p1.png") == _plan_of(db, "laichau-118.txt")
    assert _plan_of(db, "laichau-tin-tap-huan.txt") != _plan_of(db, "laichau-118.txt")
    assert _representative(db, "laichau-118") == "laichau-118.txt"
    assert db.execute("select partial from plan_copies c join documents d on d.id = c.doc_id "
                      "where d.path like '%trang1%'").fetchone()[0] == 1
    full_tasks = db.execute("select count(*) from tasks t join documents d on d.id = t.doc_id "
                            "where d.path like '%laichau-118.txt'").fetchone()[0]
    _, rows = compare.areas(db, province="Lai Châu")
    (row,) = rows
    assert row["plans"] == 1 and row["total"] == full_tasks > 20  # the plan once, its tasks from the full copy
    assert db.execute("select copies from plan_summary where plan = '118/KH-UBND'").fetchone()[0] == 2


@pytest.mark.ocr
@pytest.mark.slow
def test_a_photo_of_page_one_joins_the_plan_that_contains_it(page_one_photo, tmp_path):
    _partial_corpus(tmp_path / "corpus", page_one_photo, full=True)
    assert ingest([tmp_path / "corpus"], tmp_path / "k.db", workers=1).read == 3
    _assert_page_one_joins_its_plan(store.connect(tmp_path / "k.db"))


@pytest.mark.ocr
@pytest.mark.slow
def test_a_photo_of_page_one_stored_first_joins_the_plan_when_it_arrives(page_one_photo, tmp_path):
    _partial_corpus(tmp_path / "corpus", page_one_photo, full=False)
    ingest([tmp_path / "corpus"], tmp_path / "k.db", workers=1)
    db = store.connect(tmp_path / "k.db")
    assert _plan_of(db, "laichau-trang1-p1.png") != _plan_of(db, "laichau-tin-tap-huan.txt")
    assert _representative(db, "trang1") == "laichau-trang1-p1.png"  # alone, it stands for its plan
    db.close()
    _partial_corpus(tmp_path / "corpus", page_one_photo, full=True)
    assert ingest([tmp_path / "corpus"], tmp_path / "k.db", workers=1).read == 1
    _assert_page_one_joins_its_plan(store.connect(tmp_path / "k.db"))


def test_a_short_text_sharing_a_plans_opening_is_not_a_part_of_it():
    assert plans.containment(plans.shingles(SHORT_NEWS), plans.shingles(LONG)) < 0.3
    assert plans.containment(plans.shingles(LONG[:900]), plans.shingles(LONG)) == 1.0
