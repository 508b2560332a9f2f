"""Who does the items of a department's own plan, and the assignment shapes the held-out dev
plans brought to light — each pinned on a plan composed for these tests.

Why: a Sở's plan hands its items to its own units ("Phòng Nghiệp vụ Y chủ trì", "các phòng
chuyên môn thuộc Sở"); the gazetteer cannot know those names, so the items came out with
nobody presiding although the plan says who does them (the issuer). The other tests pin an
item's own "Phối hợp với X" under a line naming its actor, a request the actor passes on
("phối hợp với ... yêu cầu X"), and a "Phân công thực hiện:" line written inside the last item.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.api import load
from pipeline.lexicon.agency_mentions import find_agencies
from pipeline.extract.tables import table_tasks
from pipeline.extract.tasks import extract_tasks
from pipeline.extract.units import issuer_id, unit_mentions


def _plan(tmp_path: Path, head: str, body: str) -> dict[tuple, dict]:
    p = tmp_path / "plan.txt"
    p.write_text(head + body + TAIL, encoding="utf-8")
    return {tuple(x for i, x in enumerate(t["path"])
                  if not (i + 1 < len(t["path"]) and t["path"][i + 1].startswith(x + "."))): t
            for t in extract_tasks(load(p))}


SO_HEAD = """UBND TỈNH QUẢNG TRỊ
SỞ Y TẾ
Số: 212/KH-SYT
Quảng Trị, ngày 14 tháng 5 năm 2024
KẾ HOẠCH
Chăm sóc sức khỏe cho nạn nhân bị mua bán năm 2024
Căn cứ Kế hoạch số 40/KH-UBND ngày 02/02/2024 của UBND tỉnh, Sở Y tế xây dựng Kế hoạch như sau:
I. MỤC TIÊU
Nạn nhân trở về được khám, chữa bệnh kịp thời.
"""
HUYEN_HEAD = """ỦY BAN NHÂN DÂN
HUYỆN HƯƠNG KHÊ
Số: 18/KH-UBND
Hương Khê, ngày 20 tháng 3 năm 2024
KẾ HOẠCH
Phòng, chống mua bán người trên địa bàn huyện năm 2024
Thực hiện Kế hoạch số 77/KH-UBND của UBND tỉnh Hà Tĩnh, UBND huyện xây dựng Kế hoạch như sau:
I. MỤC TIÊU
Không để phát sinh điểm nóng về mua bán người.
"""
TAIL = """
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Lê Văn Thành
"""


# -- the issuer's own units -----------------------------------------------------------------------

def test_a_departments_own_unit_that_presides_is_the_department(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, SO_HEAD, """II. NHIỆM VỤ
1. Khám, chữa bệnh cho nạn nhân
Tổ chức khám sức khỏe, xét nghiệm cho nạn nhân trở về trong vòng 05 ngày. Phòng Nghiệp vụ Y chủ trì, phối hợp với Công an tỉnh thực hiện.
2. Kinh phí
Phòng Kế hoạch - Tài chính tham mưu bố trí kinh phí mua thuốc, vật tư y tế cho nạn nhân.
""")
    assert tasks[("II", "1")]["lead"] == ["so_y_te"]
    assert tasks[("II", "1")]["support"] == ["cong_an_tinh"]
    assert tasks[("II", "2")]["lead"] == ["so_y_te"]


def test_a_group_of_units_belonging_to_the_department_is_the_department(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, SO_HEAD, """II. TỔ CHỨC THỰC HIỆN
1. Các phòng chuyên môn thuộc Sở căn cứ Kế hoạch này xây dựng kế hoạch chi tiết, gửi về Sở trước ngày 30/5/2024.
2. Văn phòng Sở theo dõi, đôn đốc và tổng hợp kết quả thực hiện Kế hoạch.
""")
    assert tasks[("II", "1")]["lead"] == ["so_y_te"]
    assert tasks[("II", "2")]["lead"] == ["so_y_te"]


def test_a_trailing_line_naming_a_unit_gives_the_items_to_the_department(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, SO_HEAD, """II. NHIỆM VỤ
1. Hỗ trợ tâm lý
- Tư vấn tâm lý cho nạn nhân là phụ nữ, trẻ em.
- Kết nối nạn nhân với cơ sở điều trị chuyên khoa khi cần.
(Phòng Nghiệp vụ Y chủ trì; Hội Liên hiệp Phụ nữ tỉnh phối hợp thực hiện)
""")
    for key in (("II", "1", "-1"), ("II", "1", "-2")):
        assert tasks[key]["lead"] == ["so_y_te"]
        assert tasks[key]["support"] == ["hoi_phu_nu"]


def test_a_district_body_of_the_same_field_is_not_the_departments_unit(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, SO_HEAD, """II. NHIỆM VỤ
1. Phòng Lao động - Thương binh và Xã hội các huyện, thị xã phối hợp với Công an cấp xã lập danh sách nạn nhân cần khám sức khỏe định kỳ.
""")
    # a district office takes its own kind's id (as in a district plan), never the issuing Sở's
    assert tasks[("II", "1")]["lead"] == ["so_lao_dong"]


def test_a_unit_named_with_its_parent_body_is_that_body(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, SO_HEAD, """II. NHIỆM VỤ
1. Phòng Cảnh sát hình sự - Công an tỉnh chủ trì xác minh nạn nhân trước khi chuyển đến cơ sở y tế.
""")
    assert tasks[("II", "1")]["lead"] == ["cong_an_tinh"]


def test_a_peoples_committee_has_no_units_of_its_own(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, HUYEN_HEAD, """II. NHIỆM VỤ
1. Phòng Tư pháp chủ trì tuyên truyền pháp luật về phòng, chống mua bán người tại các xã.
""")
    assert "ubnd_cap_huyen" not in tasks[("II", "1")]["lead"]


def test_unit_names_are_read_on_ocr_text_without_tone_marks() -> None:
    text = "Phong Ke hoach - Tai chinh chu tri, phoi hop voi Cong an tinh thuc hien."
    units = unit_mentions(text, "so_noi_vu")
    assert [u.name for u in units] == ["Phong Ke hoach - Tai chinh"]
    assert units[0].id == "so_noi_vu"


def test_prevention_words_and_ministry_units_in_a_departments_plan_are_no_units() -> None:
    text = ("Phòng ngừa, ngăn chặn tội phạm; Phòng, chống mua bán người; báo cáo Bộ Nội vụ "
            "(Cục Việc làm) và Vụ Pháp chế.")
    assert unit_mentions(text, "so_tu_phap") == []


def test_a_unit_followed_by_its_owner_in_brackets_belongs_to_that_owner() -> None:
    text = "Cục Lãnh sự (Bộ Ngoại giao) hỗ trợ thủ tục hồi hương cho công dân."
    assert unit_mentions(text, "bo_cong_an", find_agencies(text)) == []


def test_the_issuer_id_is_read_from_the_header_name() -> None:
    assert issuer_id("Sở Tư pháp tỉnh Bắc Kạn") == "so_tu_phap"
    assert issuer_id(None) is None


def test_a_unit_in_an_appendix_lead_cell_is_the_department(tmp_path: Path) -> None:
    p = tmp_path / "plan.txt"
    p.write_text(SO_HEAD + """II. NHIỆM VỤ
Các nhiệm vụ cụ thể tại Phụ lục kèm theo.
""" + TAIL + """
PHỤ LỤC
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
| 1 | In tờ rơi hướng dẫn khám sức khỏe cho nạn nhân | Phòng Nghiệp vụ Dược | Báo Quảng Trị | Tháng 6/2024 |
""", encoding="utf-8")
    rows = table_tasks(load(p))
    assert rows[0]["lead"] == ["so_y_te"]
    assert rows[0]["support"] == ["bao_tinh"]


# -- other assignment shapes -----------------------------------------------------------------------

def test_an_items_own_coordination_stands_beside_the_trailing_line(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, SO_HEAD, """II. NHIỆM VỤ
1. Hỗ trợ ban đầu
(1) Phối hợp với Sở Tư pháp trợ giúp pháp lý cho nạn nhân ngay khi tiếp nhận.
(2) Cấp phát thuốc thiết yếu cho nạn nhân tại nơi lưu trú.
(Trung tâm Công tác xã hội tỉnh thực hiện các nội dung trên)
""")
    assert tasks[("II", "1", "(1)")]["lead"] == ["trung_tam_cong_tac_xa_hoi"]
    assert tasks[("II", "1", "(1)")]["support"] == ["so_tu_phap"]
    assert tasks[("II", "1", "(2)")]["support"] == []


def test_bodies_the_actor_asks_after_its_own_verb_are_not_assigned(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, HUYEN_HEAD, """II. NHIỆM VỤ
1. Công an huyện
a) Phối hợp với Phòng Văn hóa và Thông tin yêu cầu Ủy ban nhân dân các xã, thị trấn gỡ bỏ nội dung tuyển dụng sai sự thật.
b) Đề nghị Viện kiểm sát nhân dân tỉnh hướng dẫn nghiệp vụ xử lý vụ việc mua bán người.
""")
    assert tasks[("II", "1", "a")]["lead"] == ["cong_an_cap_huyen"]
    assert "cap_xa" not in tasks[("II", "1", "a")]["lead"] + tasks[("II", "1", "a")]["support"]
    assert "vks_tinh" in tasks[("II", "1", "b")]["lead"]


def test_an_assignment_opener_written_inside_the_last_item_is_no_task(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, HUYEN_HEAD, """II. NHIỆM VỤ
1. Đấu tranh
(1) Rà soát đối tượng có biểu hiện môi giới đưa người qua biên giới trái phép.
(2) Tuần tra khu vực đường mòn, lối mở, ngăn chặn xuất cảnh trái phép.
Phân công thực hiện:
- Công an huyện chủ trì thực hiện nội dung (1).
- Ủy ban nhân dân các xã, thị trấn chủ trì thực hiện nội dung (2).
""")
    assert set(tasks) == {("II", "1", "(1)"), ("II", "1", "(2)")}
    assert tasks[("II", "1", "(2)")]["text"].startswith("Tuần tra")
    assert tasks[("II", "1", "(1)")]["lead"] == ["cong_an_cap_huyen"]
    assert tasks[("II", "1", "(2)")]["lead"] == ["cap_xa"]
