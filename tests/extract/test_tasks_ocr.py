"""Tasks and assignments on OCR'd plans: the damage Tesseract does to markers, part headings,
item references and paragraphs that run over a page break.

Every plan here is composed for the tests (other provinces, years, bodies and numbers than
the sample plans); the OCR damage is written out by hand as Tesseract produces it, and one
test renders a plan to an image-only PDF and reads it back with real Tesseract.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.api import load
from pipeline.extract.tasks import extract_tasks
from pipeline.model import RawPage, ReadResult
from pipeline.normalize import normalize
from pipeline.structure import structure
import importlib

ROOT = Path(__file__).resolve().parents[2]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

HEAD = """ỦY BAN NHÂN DÂN TỈNH {prov}
Số: {num}/KH-UBND
{prov}, ngày 21 tháng 5 năm {year}
KẾ HOẠCH
Phòng, chống mại dâm năm {year}
Thực hiện Chỉ thị số 31/CT-TTg ngày 05/9/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Kiềm chế, làm giảm tệ nạn mại dâm tại các cơ sở kinh doanh dịch vụ.
"""
TAIL = """
Nơi nhận:
- Bộ Công an;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Quốc Hưng
"""


def _tasks_of_pages(pages: list[str]) -> list[dict]:
    """Tasks of a plan read as OCR pages of a PDF (page by page, as the PDF reader gives them)."""
    read = ReadResult("plan.pdf", "pdf", [RawPage(p, method="ocr") for p in pages])
    return extract_tasks(structure("x", "plan.pdf", "pdf", normalize(read)))


def _tasks(tmp_path: Path, text: str) -> list[dict]:
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    return extract_tasks(load(p))


def _by_path(tasks: list[dict]) -> dict[tuple, dict]:
    return {tuple(t["path"]): t for t in tasks}


def test_items_under_a_part_heading_that_lost_its_dot_are_tasks(tmp_path):
    text = HEAD.format(prov="Quảng Trị", num=64, year=2026) + """II NHIỆM VỤ CỤ THỂ
1. Công tác phòng ngừa
(1) Tuyên truyền về tác hại của mại dâm tại các khu du lịch ven biển.
(2) Kiểm tra các cơ sở lưu trú, karaoke trên địa bàn các phường.
(Công an tỉnh chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch thực hiện)
II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Y tế hướng dẫn các cơ sở khám chữa bệnh phòng, chống HIV/AIDS trong nhóm nguy cơ.
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    one = tasks[("II", "1", "(1)")]
    assert one["lead"] == ["cong_an_tinh"] and one["support"] == ["so_van_hoa"]
    assert ("II", "1", "(2)") in tasks
    # OCR read "III." as "II.": the part after a "II" is the third
    assert tasks[("III", "1")]["lead"] == ["so_y_te"]


def test_damaged_item_markers_stay_items_with_their_labels(tmp_path):
    text = HEAD.format(prov="Cà Mau", num=12, year=2027) + """II. NHIỆM VỤ
1. Công tác phòng ngừa
1.l. Nội dung hoạt động
(l) Rà soát lao động nữ làm việc tại các nhà hàng ven sông.
(2] Lập danh sách cơ sở có dấu hiệu hoạt động mại dâm trá hình.
1.2. Phân công thực hiện
- Công an tỉnh chủ trì thực hiện nội dung (1), (2).
2. Công tác hỗ trợ
1) Tư vấn, chữa trị cho người bán dâm tại cơ sở y tế.
2} Giới thiệu người hoàn lương học nghề may mặc.
(Sở Y tế chủ trì, phối hợp với Sở Nội vụ thực hiện)
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert tasks[("II", "1", "1.1", "(1)")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "1", "1.1", "(2)")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "2", "1)")]["lead"] == ["so_y_te"]
    second = tasks[("II", "2", "2)")]
    assert second["text"].startswith("Giới thiệu") and second["lead"] == ["so_y_te"]


def test_an_item_reference_ocr_damaged_still_assigns_the_item(tmp_path):
    text = HEAD.format(prov="Lào Cai", num=90, year=2026) + """II. NHIỆM VỤ
1. Công tác hỗ trợ
1.1. Nội dung
- (1) Tiếp nhận, hỗ trợ ban đầu cho người bán dâm hoàn lương.
- (2) Tư vấn học nghề cho phụ nữ tại các xã biên giới.
- (3) Giới thiệu việc làm cho người đã hoàn lương.
1.2. Phân công
- Sở Y tế chủ trì thực hiện nội dung (l), (2).
- Sở Nội vụ chủ trì thực hiện nội dung (2), @E).
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert tasks[("II", "1", "1.1", "(1)")]["lead"] == ["so_y_te"]
    assert set(tasks[("II", "1", "1.1", "(2)")]["lead"]) == {"so_y_te", "so_noi_vu"}
    assert tasks[("II", "1", "1.1", "(3)")]["lead"] == ["so_noi_vu"]


def test_a_trailing_assignment_line_wrapped_over_two_lines_is_read_whole(tmp_path):
    text = HEAD.format(prov="An Giang", num=75, year=2026) + """II. NHIỆM VỤ
1. Công tác phòng ngừa
(1) Rà soát lao động nữ làm việc tại các nhà hàng ven sông.
(2) Lập danh sách cơ sở có dấu hiệu hoạt động mại dâm trá hình.
(Công an tỉnh chủ trì, phối hợp với Sở Văn hóa, Thể thao và
Du lịch, Ủy ban nhân dân các xã thực hiện)
(3) Kiểm tra các cơ sở lưu trú tại khu du lịch núi Sam.
*(Sở Y tế chủ trì, phối hợp với Công an
tỉnh thực hiện)*
2. Công tác hỗ trợ
(1) Tư vấn học nghề cho người hoàn lương.
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    for label in ("(1)", "(2)"):
        t = tasks[("II", "1", label)]
        assert t["lead"] == ["cong_an_tinh"] and set(t["support"]) == {"so_van_hoa", "cap_xa"}
        assert "Du lịch" not in t["text"]
    three = tasks[("II", "1", "(3)")]
    assert three["lead"] == ["so_y_te"] and three["support"] == ["cong_an_tinh"]
    assert three["text"].endswith("núi Sam.")


def test_a_numbered_instruction_running_over_a_page_break_is_one_task_with_its_lead():
    pages = [
        HEAD.format(prov="Đắk Nông", num=33, year=2026) + "II. NHIỆM VỤ\n"
        "1. Tuyên truyền tại các thôn, bon về tác hại của tệ nạn mại dâm.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Giao Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra các",
        "cơ sở xoa bóp, tắm hơi trên địa bàn, báo cáo kết quả trước ngày 30/11/2026.\n"
        "2. Ủy ban nhân dân các xã báo cáo kết quả về Sở Y tế." + TAIL,
    ]
    tasks = _by_path(_tasks_of_pages(pages))
    t = tasks[("III", "1")]
    assert t["text"].startswith("Giao Sở Y tế chủ trì") and "xoa bóp, tắm hơi" in t["text"]
    assert t["lead"] == ["so_y_te"] and t["support"] == ["cong_an_tinh"]
    assert not any(x["text"].startswith("cơ sở xoa bóp") for x in tasks.values())


def test_a_part_heading_at_a_page_foot_does_not_swallow_the_next_page():
    pages = [
        HEAD.format(prov="Bắc Kạn", num=41, year=2027) + "II. NHIỆM VỤ\n1. Công tác phòng ngừa",
        "(1) Kiểm tra các cơ sở lưu trú ven hồ Ba Bể.\n(Công an tỉnh chủ trì thực hiện)" + TAIL,
    ]
    tasks = _by_path(_tasks_of_pages(pages))
    assert tasks[("II", "1", "(1)")]["lead"] == ["cong_an_tinh"]


# ---- real rendering and real Tesseract ------------------------------------------------------

_PLAN = """ỦY BAN NHÂN DÂN TỈNH KON TUM
Số: 57/KH-UBND
Kon Tum, ngày 08 tháng 4 năm 2027
KẾ HOẠCH
Phòng, chống lao động trẻ em trên địa bàn tỉnh năm 2027
Thực hiện Quyết định số 782/QĐ-TTg ngày 15/6/2026 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Ngăn chặn kịp thời tình trạng sử dụng trẻ em làm việc trong điều kiện độc hại tại các cơ sở sản xuất nhỏ.
{objectives}II. NHIỆM VỤ CỤ THỂ
{items}III. TỔ CHỨC THỰC HIỆN
1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Giáo dục và Đào tạo tổ chức kiểm tra liên ngành tại các cơ sở sản xuất gạch, \
chế biến cà phê và khai thác đá trên địa bàn các xã biên giới, xử lý nghiêm các trường hợp sử dụng lao động trẻ em trái quy định, \
tổng hợp kết quả báo cáo Ủy ban nhân dân tỉnh trước ngày 15/11/2027.
2. Ủy ban nhân dân các xã, phường báo cáo kết quả thực hiện về Sở Nội vụ.
"""
_ITEM = ("({n}) Rà soát, thống kê số trẻ em đang làm việc tại các cơ sở chế biến nông sản, lâm sản ở các xã vùng sâu, "
         "vùng xa; lập danh sách trẻ em có nguy cơ bỏ học để hỗ trợ kịp thời.\n")
_OBJECTIVES = ["2. Bảo đảm trẻ em được đến trường.\n", "3. Huy động các đoàn thể tham gia.\n",
               "4. Không để phát sinh điểm nóng.\n"]


def _renderer():
    return importlib.import_module("scripts.render_corpus")

def _plan_split_after_first_line(render) -> str:
    """The composed plan padded so that item III.1 has only its first line on page 1."""
    for n in range(4, 14):
        for k in range(len(_OBJECTIVES) + 1):
            text = _PLAN.format(objectives="".join(_OBJECTIVES[:k]),
                                items="".join(_ITEM.format(n=i + 1) for i in range(n)))
            pages = render.layout(text)
            first = [it.text for it in pages[0] if it.text]
            if len(pages) == 2 and first[-1].startswith("1. Giao Sở Nội vụ"):
                return text
    raise AssertionError("no padding puts the item's first line at the foot of page 1")


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("tesseract") or not FONT.exists(), reason="needs tesseract and DejaVu")
def test_scanned_plan_item_split_over_a_page_break_stays_one_task_with_its_lead(tmp_path):
    render = _renderer()
    pdf = tmp_path / "kontum-scan.pdf"
    render.write_scanned_pdf(_plan_split_after_first_line(render), pdf)
    doc = load(pdf)
    assert doc.norm.pages[0].method == "ocr"
    tasks = extract_tasks(doc)
    [t] = [t for t in tasks if t["path"][0] == "III" and "Sở Nội vụ chủ trì" in t["text"]]
    assert t["path"] == ["III", "1"]
    assert "kiểm tra liên ngành" in t["text"] and "15/11/2027" in t["text"]
    assert t["lead"] == ["so_noi_vu"] and "so_giao_duc" in t["support"]
    assert not any(x["text"].startswith("chức kiểm tra") for x in tasks)


def test_a_bracketed_assignment_line_with_ocr_specks_after_it_still_assigns_the_run():
    page = HEAD.format(prov="Điện Biên", num=41, year=2026) + """II. NHIỆM VỤ
1. Công tác phòng ngừa
(1) Tuyên truyền về thủ đoạn lừa bán phụ nữ sang biên giới tại các chợ phiên.
(2) Rà soát người lao động tự do đi làm thuê ở tỉnh ngoài.
(Bộ đội Biên phòng tỉnh chủ trì, phối hợp với Công an tỉnh thực hiện) :
(3) Tập huấn kỹ năng nhận diện nạn nhân cho cán bộ xã.
""" + TAIL
    tasks = _by_path(_tasks_of_pages([page]))
    for label in ("(1)", "(2)"):
        t = tasks[("II", "1", label)]
        assert t["lead"] == ["bien_phong_tinh"] and t["support"] == ["cong_an_tinh"]


def test_items_of_a_scan_whose_opening_has_a_stray_dash_keep_their_parts():
    page = ("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nSố: 52/KH-UBND\nBắc Kạn, ngày 03 tháng 4 năm 2026\nKẾ HOẠCH\n"
            "Phòng, chống mua bán người năm 2026\n"
            "Thực hiện Kế hoạch của Ban Chỉ đạo 138/CP về phòng, chống tội phạm năm 2026, Ủy ban nhân dân\n"
            "-_ tỉnh xây dựng kế hoạch như sau:\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n- Nâng cao nhận thức của người dân về thủ đoạn mua bán người.\n"
            "II. NHIỆM VỤ\n1. Công tác phòng ngừa\n"
            "- Tổ chức tuyên truyền tại các trường trung học phổ thông nội trú của tỉnh.\n"
            "(Sở Giáo dục và Đào tạo chủ trì thực hiện)\n" + TAIL)
    tasks = _by_path(_tasks_of_pages([page]))
    assert tasks[("II", "1", "-1")]["lead"] == ["so_giao_duc"]
    assert not any(path[0].startswith("-") for path in tasks)


def test_a_lone_ocr_letter_between_two_bodies_does_not_split_the_list() -> None:
    from pipeline.extract.assignments import assignments_of

    got = assignments_of("Các sở, ban, ngành và v Ủy ban nhân dân các xã, phường phối hợp thực hiện.", 0)
    assert {(a.agency, a.role) for a in got} == {("cac_so_nganh", "support"), ("cap_xa", "support")}


def test_a_bracketed_assignment_line_is_read_through_scan_specks_and_a_lost_closing_bracket() -> None:
    from pipeline.extract.assignments import unwrap

    for line in ("l '*(Sở Nội vụ chủ trì, phối hợp với Tỉnh đoàn thực hiện)* l",
                 "'#(Các cơ quan, đơn vị có liên quan thực hiện)* '",
                 "*(Sở Nội vụ chủ trì, phối hợp với Tỉnh đoàn thực hiện"):
        lo, hi = unwrap(line)
        assert line[lo:hi].startswith(("Sở Nội vụ", "Các cơ quan")) and line[lo:hi].endswith("thực hiện")
    assert unwrap("(2) Tổ chức hội thi (cấp tỉnh) thực hiện") is None  # an item, not an assignment line
