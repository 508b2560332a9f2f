"""Which sections of a plan hold its tasks (pipeline/extract/tasks.py): objectives and past
results do not; a heading that names the work as well as its scope does; a "Phân công"
section assigns the items before it, or, with none before it, holds the tasks itself; a
paragraph that introduces the items is no task. Plans composed for these tests."""
from __future__ import annotations

from pathlib import Path

from pipeline.api import load
from pipeline.extract.tasks import extract_tasks

HEAD = """ỦY BAN NHÂN DÂN TỈNH YÊN BÁI
Số: 41/KH-UBND
Yên Bái, ngày 03 tháng 6 năm 2026
KẾ HOẠCH
Tuyên truyền phòng, chống đuối nước cho trẻ em năm 2026
Căn cứ Chương trình phòng, chống tai nạn thương tích trẻ em, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
"""


def _tasks(tmp_path: Path, body: str) -> dict[tuple, dict]:
    p = tmp_path / "plan.txt"
    p.write_text(HEAD + body, encoding="utf-8")
    return {_reduced(t["path"]): t for t in extract_tasks(load(p))}


def _reduced(path: list[str]) -> tuple[str, ...]:
    """The path without a label the next one already carries ("2" before "2.1"), as the scorer reads it."""
    return tuple(x for i, x in enumerate(path) if not (i + 1 < len(path) and path[i + 1].startswith(x + ".")))


def test_a_heading_naming_the_work_beside_its_scope_is_a_task_section(tmp_path):
    tasks = _tasks(tmp_path, """I. MỤC ĐÍCH
1. Giảm số trẻ em bị đuối nước.
II. ĐỐI TƯỢNG, NỘI DUNG, BIỆN PHÁP
1. Đối tượng
Học sinh tiểu học và trung học cơ sở.
2. Biện pháp
- Tổ chức lớp dạy bơi miễn phí trong dịp hè.
- Lắp biển cảnh báo tại các hồ, ao sâu.
""")
    assert set(tasks) == {("II", "2", "-1"), ("II", "2", "-2")}


def test_a_past_report_part_stays_no_task_section(tmp_path):
    tasks = _tasks(tmp_path, """I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025
1. Đã tổ chức 40 lớp dạy bơi.
II. NHIỆM VỤ NĂM 2026
1. Tổ chức lớp dạy bơi tại các xã vùng cao.
""")
    assert set(tasks) == {("II", "1")}


def test_a_phan_cong_section_with_no_items_before_it_holds_the_tasks(tmp_path):
    tasks = _tasks(tmp_path, """I. MỤC TIÊU
1. Giảm số trẻ em bị đuối nước.
II. PHÂN CÔNG NHIỆM VỤ
1. Sở Giáo dục và Đào tạo
- Lồng ghép kỹ năng an toàn dưới nước vào hoạt động ngoại khóa.
2. Ủy ban nhân dân các huyện
- Rà soát, rào chắn các hố sâu tại công trình xây dựng.
""")
    assert ("II", "1", "-1") in tasks and ("II", "2", "-1") in tasks
    assert tasks[("II", "1", "-1")]["lead"] == ["so_giao_duc"]


def test_a_paragraph_introducing_the_items_is_no_task_and_its_bodies_lead_them(tmp_path):
    tasks = _tasks(tmp_path, """I. MỤC TIÊU
1. Giảm số trẻ em bị đuối nước.
II. NHIỆM VỤ TRỌNG TÂM
Để đạt mục tiêu trên, Sở Giáo dục và Đào tạo chủ trì thực hiện các nhiệm vụ sau:
1. Tổ chức lớp dạy bơi cho học sinh tiểu học.
2. Phát tài liệu hướng dẫn kỹ năng an toàn cho phụ huynh.
""")
    assert set(tasks) == {("II", "1"), ("II", "2")}
    assert tasks[("II", "2")]["lead"] == ["so_giao_duc"]


def test_an_item_among_items_without_its_full_stop_is_an_item(tmp_path):
    tasks = _tasks(tmp_path, """I. NHIỆM VỤ
1. Tổ chức lớp dạy bơi cho học sinh tiểu học tại các xã có nhiều ao hồ.
2. Kiểm tra việc rào chắn các hố sâu tại công trình xây dựng trên địa bàn
""")
    assert ("I", "2") in tasks


def test_lettered_field_lines_assign_the_item_and_its_paragraph_is_the_task(tmp_path):
    tasks = _tasks(tmp_path, """I. NHIỆM VỤ
1. Tập huấn kỹ năng cứu đuối
a) Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.
b) Cơ quan phối hợp: Sở Giáo dục và Đào tạo.
2. Truyền thông phòng, chống đuối nước
Tổ chức phóng sự trên Đài Phát thanh và Truyền hình tỉnh về các vụ đuối nước.
a) Cơ quan chủ trì: Sở Giáo dục và Đào tạo.
b) Thời gian thực hiện: Quý III năm 2026.
""")
    assert set(tasks) == {("I", "1"), ("I", "2")}
    assert tasks[("I", "1")]["text"].startswith("Tập huấn kỹ năng cứu đuối")
    assert tasks[("I", "1")]["support"] == ["so_giao_duc"]
    assert tasks[("I", "2")]["text"].startswith("Tổ chức phóng sự")
    assert tasks[("I", "2")]["lead"] == ["so_giao_duc"]


def test_a_phan_cong_section_naming_bodies_over_their_own_items_holds_tasks(tmp_path):
    tasks = _tasks(tmp_path, """I. NHIỆM VỤ
1. Tổ chức lớp dạy bơi cho học sinh tiểu học.
2. Phân công trách nhiệm
2.1. Sở Giáo dục và Đào tạo
- Chủ trì tổ chức cuộc thi tìm hiểu kỹ năng an toàn dưới nước.
2.2. Công an tỉnh
- Tuần tra khu vực sông, suối trong dịp hè.
""")
    assert tasks[("I", "2.1", "-1")]["lead"] == ["so_giao_duc"]
    assert tasks[("I", "2.2", "-1")]["lead"] == ["cong_an_tinh"]


def test_the_last_item_cut_short_by_the_copy_is_still_an_item(tmp_path):
    tasks = _tasks(tmp_path, """I. NHIỆM VỤ
1. Tổ chức lớp dạy bơi cho học sinh tiểu học tại các xã có nhiều ao hồ.
2. Kiểm tra, rà so""")
    assert ("I", "2") in tasks
