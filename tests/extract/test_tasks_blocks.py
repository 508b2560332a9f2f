"""Assignments written the way national and recent provincial plans write them, each pinned on a
composed plan: a "Cơ quan chủ trì, phối hợp" block after
a run of items, field lines under an item's title, run-in agency labels, a trailing "Giao X chủ trì"
and pointers at ranges of items. The plans are written for these tests (drugs, traffic safety,
housing; several provinces)."""
from __future__ import annotations

from pathlib import Path

from pipeline.api import load
from pipeline.extract.tasks import extract_tasks


def _tasks(tmp_path: Path, head: str, body: str) -> dict[tuple, dict]:
    p = tmp_path / "plan.txt"
    p.write_text(head + body + TAIL, encoding="utf-8")
    return {tuple(t["path"]): t for t in extract_tasks(load(p))}


NATIONAL = """BAN CHỈ ĐẠO QUỐC GIA PHÒNG, CHỐNG MA TÚY
Số: 12/KH-BCĐ
Hà Nội, ngày 10 tháng 2 năm 2026
KẾ HOẠCH
Phòng, chống tội phạm ma túy năm 2026
Thực hiện Chiến lược quốc gia phòng, chống ma túy, Ban Chỉ đạo ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Kiềm chế sự gia tăng người nghiện mới.
"""
PROVINCE = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 45/KH-UBND
Hà Tĩnh, ngày 10 tháng 2 năm 2026
KẾ HOẠCH
Bảo đảm trật tự, an toàn giao thông năm 2026
I. MỤC TIÊU
1. Giảm số người chết do tai nạn giao thông.
"""
TAIL = """
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Bình
"""


def test_a_numbered_block_of_lettered_fields_assigns_the_run_of_items_before_it(tmp_path):
    tasks = _tasks(tmp_path, NATIONAL, """II. CÔNG TÁC PHÒNG NGỪA
1. Tổ chức tuyên truyền về tác hại của ma túy tổng hợp tới học sinh, sinh viên.
2. Rà soát, lập danh sách người sử dụng trái phép chất ma túy tại cộng đồng dân cư.
3. Cơ quan chủ trì, phối hợp:
a) Cơ quan chủ trì:
- Bộ Công an.
- Bộ Giáo dục và Đào tạo.
b) Cơ quan phối hợp:
- Bộ Y tế.
III. CÔNG TÁC ĐẤU TRANH
1. Triệt phá các đường dây vận chuyển ma túy qua biên giới phía Tây.
2. Cơ quan chủ trì, phối hợp
a) Cơ quan chủ trì: Bộ Công an; Viện kiểm sát nhân dân tối cao.
b) Cơ quan phối hợp: Tòa án nhân dân tối cao.
""")
    assert set(tasks) == {("II", "1"), ("II", "2"), ("III", "1")}
    for p in (("II", "1"), ("II", "2")):
        assert tasks[p]["lead"] == ["bo_cong_an", "bo_giao_duc"] and tasks[p]["support"] == ["bo_y_te"]
    assert tasks[("III", "1")]["lead"] == ["bo_cong_an", "vks_toi_cao"]
    assert tasks[("III", "1")]["support"] == ["tand_toi_cao"]


def test_an_unnumbered_block_heading_after_lettered_items_is_no_text_and_its_fields_assign_them(tmp_path):
    tasks = _tasks(tmp_path, PROVINCE, """II. NHIỆM VỤ, GIẢI PHÁP
1. Công tác tuần tra, kiểm soát
a) Tuần tra kiểm soát nồng độ cồn vào ban đêm tại các tuyến quốc lộ.
b) Xử lý nghiêm xe chở quá tải trọng cho phép.
Cơ quan chủ trì, phối hợp:
a) Cơ quan chủ trì:
- Công an tỉnh.
b) Cơ quan phối hợp:
- Sở Giao thông vận tải;
- Ủy ban nhân dân các huyện, thành phố, thị xã.
2. Công tác tuyên truyền
a) Tuyên truyền Luật Trật tự, an toàn giao thông đường bộ trên báo chí địa phương.
b) Vận động người dân đội mũ bảo hiểm đạt chuẩn khi đi xe máy điện.
Cơ quan chủ trì, phối hợp:
- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.
- Cơ quan phối hợp: Tỉnh đoàn.
""")
    assert set(tasks) == {("II", "1", "a"), ("II", "1", "b"), ("II", "2", "a"), ("II", "2", "b")}
    b = tasks[("II", "1", "b")]
    assert b["text"] == "Xử lý nghiêm xe chở quá tải trọng cho phép."
    assert b["lead"] == ["cong_an_tinh"] and b["support"] == ["so_giao_thong", "ubnd_cap_huyen"]
    assert tasks[("II", "1", "a")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "2", "b")]["text"].endswith("xe máy điện.")
    assert tasks[("II", "2", "a")]["lead"] == ["so_van_hoa"] and tasks[("II", "2", "a")]["support"] == ["doan_thanh_nien"]


def test_a_field_line_after_items_assigns_them_all(tmp_path):
    tasks = _tasks(tmp_path, NATIONAL, """II. CÔNG TÁC ĐẤU TRANH
1. Triệt phá các đường dây vận chuyển ma túy qua biên giới phía Tây.
2. Kiểm soát chặt các cơ sở kinh doanh dịch vụ karaoke, vũ trường.
Cơ quan chủ trì: Bộ Công an. Cơ quan phối hợp: Bộ Quốc phòng, Bộ Tài chính.
""")
    for p in (("II", "1"), ("II", "2")):
        assert tasks[p]["lead"] == ["bo_cong_an"] and tasks[p]["support"] == ["bo_quoc_phong", "bo_tai_chinh"]


def test_lettered_fields_under_an_items_title_assign_it_and_keep_its_title_as_text(tmp_path):
    tasks = _tasks(tmp_path, PROVINCE, """II. NỘI DUNG
1. Tổ chức hội nghị tập huấn Luật Đường bộ cho cán bộ cấp xã
a) Cơ quan chủ trì: Sở Tư pháp.
b) Cơ quan phối hợp: Sở Giao thông vận tải; Công an tỉnh.
c) Thời gian thực hiện: Quý II năm 2026.
2. Rà soát văn bản quy phạm pháp luật về quản lý nhà ở xã hội
a) Cơ quan chủ trì: Sở Xây dựng.
b) Cơ quan phối hợp: Sở Tư pháp.
c) Thời gian thực hiện: Quý III năm 2026.
""")
    assert set(tasks) == {("II", "1"), ("II", "2")}
    one, two = tasks[("II", "1")], tasks[("II", "2")]
    assert one["text"] == "Tổ chức hội nghị tập huấn Luật Đường bộ cho cán bộ cấp xã"
    assert one["lead"] == ["so_tu_phap"] and one["support"] == ["so_giao_thong", "cong_an_tinh"]
    assert two["lead"] == ["so_xay_dung"] and two["support"] == ["so_tu_phap"]


def test_a_run_in_label_leads_its_item_unless_the_item_only_coordinates(tmp_path):
    tasks = _tasks(tmp_path, PROVINCE, """II. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh: Chủ trì tổng hợp kết quả thực hiện Kế hoạch, báo cáo Ủy ban nhân dân tỉnh.
2. Sở Y tế: Phối hợp với Công an tỉnh thực hiện:
- Điều trị nghiện bằng thuốc thay thế tại các cơ sở y tế.
- Tập huấn cho nhân viên y tế xã về tư vấn cai nghiện.
3. Sở Tư pháp: Phối hợp thực hiện tuyên truyền pháp luật về trật tự an toàn giao thông.
4. Sở Tài chính: Phối hợp với Sở Xây dựng bố trí kinh phí hỗ trợ nhà ở cho hộ nghèo.
5. Sở Lao động - Thương binh và Xã hội: Phối hợp các sở, ngành liên quan rà soát hộ nghèo thiếu nhà ở.
""")
    one = tasks[("II", "1")]
    assert one["text"].startswith("Công an tỉnh: Chủ trì") and one["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "2", "-1")]["lead"] == ["so_y_te"]  # sub-bullets: led by the label
    assert tasks[("II", "3")]["lead"] == [] and tasks[("II", "3")]["support"] == ["so_tu_phap"]
    four = tasks[("II", "4")]
    assert four["lead"] == [] and four["support"] == ["so_tai_chinh", "so_xay_dung"]
    assert tasks[("II", "5")]["lead"] == ["so_lao_dong"]  # it has others coordinate: it presides


def test_a_trailing_giao_sentence_assigns_its_item(tmp_path):
    tasks = _tasks(tmp_path, PROVINCE, """II. NHIỆM VỤ
1. Tăng cường kiểm tra tải trọng xe tại các mỏ đá, bến bãi vật liệu xây dựng (Giao Sở Giao thông vận tải chủ trì, phối hợp với Công an tỉnh thực hiện).
2. Tổ chức diễn đàn thanh niên với văn hóa giao thông. Giao Tỉnh đoàn chủ trì, phối hợp Sở Giáo dục và Đào tạo thực hiện.
3. Lắp đặt camera giám sát tại các nút giao trọng điểm.
(Giao Công an tỉnh chủ trì, phối hợp với Sở Thông tin và Truyền thông thực hiện)
""")
    assert tasks[("II", "1")]["lead"] == ["so_giao_thong"] and tasks[("II", "1")]["support"] == ["cong_an_tinh"]
    assert tasks[("II", "2")]["lead"] == ["doan_thanh_nien"] and tasks[("II", "2")]["support"] == ["so_giao_duc"]
    assert tasks[("II", "3")]["lead"] == ["cong_an_tinh"] and tasks[("II", "3")]["support"] == ["so_thong_tin"]


def test_a_pointer_at_a_range_of_items_assigns_each_without_dangling(tmp_path):
    tasks = _tasks(tmp_path, PROVINCE, """II. NHIỆM VỤ
(1) Rà soát hộ nghèo có nhà ở xuống cấp trên địa bàn.
(2) Hỗ trợ vật liệu xây dựng cho hộ nghèo làm nhà mới.
(3) Nghiệm thu, bàn giao nhà cho các hộ được hỗ trợ.
III. PHÂN CÔNG THỰC HIỆN
1. Sở Xây dựng chủ trì thực hiện các nội dung từ (1) đến (3).
""")
    for p in (("II", "(1)"), ("II", "(2)"), ("II", "(3)")):
        assert tasks[p]["lead"] == ["so_xay_dung"]
        assert "dangling_reference" not in tasks[p]["flags"]


def test_a_phan_cong_section_of_bodies_own_duties_holds_tasks_not_pointers(tmp_path):
    tasks = _tasks(tmp_path, PROVINCE, """II. NỘI DUNG
1. Nhiệm vụ trọng tâm
1.1. Tăng cường tuần tra kiểm soát trên các tuyến quốc lộ qua địa bàn tỉnh.
1.2. Tổ chức tuyên truyền văn hóa giao thông trong trường học.
2. Phân công trách nhiệm
2.1. Sở Giáo dục và Đào tạo: Chủ trì đưa nội dung an toàn giao thông vào hoạt động ngoại khóa.
2.2. Sở Y tế: Phối hợp với Công an tỉnh kiểm tra nồng độ cồn đối với lái xe khách.
""")
    assert tasks[("II", "1", "1.1")]["lead"] == [] and tasks[("II", "1", "1.2")]["lead"] == []
    assert tasks[("II", "2", "2.1")]["lead"] == ["so_giao_duc"]
    assert tasks[("II", "2", "2.2")]["support"] == ["so_y_te", "cong_an_tinh"]


def test_lettered_fields_run_on_after_an_items_sentence_assign_it(tmp_path):
    tasks = _tasks(tmp_path, PROVINCE, """II. NỘI DUNG
1. Rà soát văn bản quy phạm pháp luật
Tổ chức rà soát văn bản về quản lý nhà ở xã hội bảo đảm tính thống nhất a) Cơ quan chủ trì: Sở Xây dựng. b) Cơ quan phối hợp: Sở Tư pháp. c) Thời gian thực hiện: Quý IV năm 2026.
""")
    (t,) = tasks.values()
    assert t["lead"] == ["so_xay_dung"] and t["support"] == ["so_tu_phap"]


def test_a_generic_noun_with_its_level_keeps_a_list_of_bodies_one_group(tmp_path):
    tasks = _tasks(tmp_path, PROVINCE, """II. NHIỆM VỤ
1. Các sở, ban, ngành, đơn vị cấp tỉnh; Công an tỉnh; Ủy ban nhân dân các xã:
- Rà soát các lối đi tự mở qua đường sắt trên địa bàn.
""")
    assert tasks[("II", "1", "-1")]["lead"] == ["cac_so_nganh", "cong_an_tinh", "cap_xa"]


def test_the_board_whose_members_are_named_is_not_an_actor():
    from pipeline.extract.assignments import assignments_of
    from pipeline.lexicon.agency_mentions import Mention

    text = "Các cơ quan thành viên Ban Chỉ đạo 138 tỉnh, Ủy ban nhân dân các huyện thực hiện các nhiệm vụ sau:"
    ms = [Mention("cac_so_nganh", "Các cơ quan thành viên", 0, 22),
          Mention("bcd_138_tinh", "Ban Chỉ đạo 138 tỉnh", 23, 43),
          Mention("ubnd_cap_huyen", "Ủy ban nhân dân các huyện", 45, 70)]
    assert [text[m.start:m.end] for m in ms] == [m.name for m in ms]
    got = [(a.agency, a.role) for a in assignments_of(text, mentions=ms)]
    assert got == [("cac_so_nganh", "lead"), ("ubnd_cap_huyen", "lead")]
