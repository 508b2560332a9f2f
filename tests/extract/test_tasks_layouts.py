"""Task layouts that the probe plans t01-t10 brought to light, each pinned on a composed plan.

Why: every rule here was missing once and cost a whole group of tasks on a composed plan (a
pointer into "khoản 1" assigning every "a)" of the plan, an item "(2) Sở Y tế phối hợp ..." read
as a pointer to item 2, field lines read as tasks of their own, "l." for "1." on a scan). The
plans are written for these tests: other provinces, bodies and wordings than the sample plans.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.api import load
from pipeline.extract.assignments import find_refs, fold
from pipeline.extract.tables import table_tasks
from pipeline.extract.tasks import extract_tasks
from pipeline.structure.outline import marker_of, parse_outline, split_lines


def _tasks(tmp_path: Path, body: str, name: str = "plan.txt") -> dict[tuple, dict]:
    text = HEAD + body + TAIL
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return {_reduced(t["path"]): t for t in extract_tasks(load(p))}


def _reduced(path: list[str]) -> tuple[str, ...]:
    """The path without a label the next one already carries ("1" before "1.1"), as the scorer reads it."""
    return tuple(x for i, x in enumerate(path) if not (i + 1 < len(path) and path[i + 1].startswith(x + ".")))


HEAD = """ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG
Số: 31/KH-UBND
Cao Bằng, ngày 09 tháng 3 năm 2026
KẾ HOẠCH
Phòng, chống mua bán người năm 2026
Căn cứ Chương trình phòng, chống mua bán người giai đoạn 2026 - 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
Giảm số người bị lừa bán qua biên giới.
"""
TAIL = """
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Hoàng Xuân Ánh
"""


# -- pointers into a numbered part ------------------------------------------------------------

def test_points_of_a_numbered_part_are_read_as_lying_in_that_part() -> None:
    refs = find_refs(fold("Sở Tư pháp chủ trì thực hiện nhiệm vụ tại điểm c, d khoản 3 Mục II."))
    assert refs.labels == ["c", "d"]
    assert refs.within == "3" and refs.section == "II"


def test_a_list_of_parts_is_not_read_as_points_of_the_last_one() -> None:
    refs = find_refs(fold("thực hiện khoản 4, khoản 5 Mục III"))
    assert refs.labels == ["4", "5"] and refs.within is None


def test_a_pointer_into_one_part_leaves_the_same_letters_of_other_parts_alone(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Công tác truyền thông
a) Phát hành tờ rơi song ngữ Việt - Tày về thủ đoạn dụ dỗ sang biên giới làm thuê.
b) Tổ chức nói chuyện chuyên đề tại các trường phổ thông dân tộc nội trú.
2. Công tác quản lý địa bàn
a) Kiểm tra tạm trú của lao động thời vụ tại các vùng trồng cây ăn quả.
b) Lập tổ tuần tra chung tại các đường mòn qua biên giới.
III. TỔ CHỨC THỰC HIỆN
1. Phân công thực hiện
- Sở Giáo dục và Đào tạo chủ trì thực hiện nhiệm vụ tại điểm a, b khoản 1 Mục II.
- Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì, phối hợp với Công an tỉnh thực hiện điểm a, b khoản 2 Mục II.
""")
    assert tasks[("II", "1", "a")]["lead"] == ["so_giao_duc"]
    assert tasks[("II", "1", "b")]["lead"] == ["so_giao_duc"]
    assert tasks[("II", "2", "a")]["lead"] == ["bien_phong_tinh"]
    assert tasks[("II", "2", "b")]["support"] == ["cong_an_tinh"]


# -- an item's own marker ------------------------------------------------------------------------

def test_an_item_whose_actor_coordinates_others_is_a_task_not_a_pointer_to_itself(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
(1) Tổ chức tập huấn cho tổ hòa giải ở cơ sở về nhận diện dấu hiệu mua bán người.
(2) Sở Tư pháp phối hợp các sở, ngành và Ủy ban nhân dân các xã, phường rà soát các vụ việc kết hôn có yếu tố nước ngoài.
""")
    t = tasks[("II", "(2)")]
    assert t["lead"] == ["so_tu_phap"]
    assert set(t["support"]) == {"cac_so_nganh", "cap_xa"}
    assert tasks[("II", "(1)")]["lead"] == []  # nothing points at item 1


# -- "...; Y phối hợp." ----------------------------------------------------------------------

def test_a_closing_clause_naming_who_coordinates_adds_support(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Giao Sở Y tế bố trí chỗ ở tạm thời cho nạn nhân được giải cứu; Hội Liên hiệp Phụ nữ tỉnh phối hợp thực hiện.
2. Tổ chức tuyên truyền tại chợ phiên; phối hợp với Đồn Biên phòng trao đổi thông tin khi cần.
""")
    assert tasks[("II", "1")]["lead"] == ["so_y_te"]
    assert tasks[("II", "1")]["support"] == ["hoi_phu_nu"]
    assert tasks[("II", "2")]["lead"] == []


# -- field lines ------------------------------------------------------------------------------

def test_field_lines_under_an_item_assign_it_and_are_not_tasks(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. CÁC HOẠT ĐỘNG
1. Tổ chức diễn đàn thanh niên với chủ đề cảnh giác trước lời mời việc nhẹ lương cao.
- Đơn vị chủ trì: Tỉnh đoàn.
- Đơn vị phối hợp: Sở Văn hóa, Thể thao và Du lịch; Công an tỉnh.
- Thời gian thực hiện: Tháng 7/2026.
2. Khảo sát tình hình người dân xuất cảnh làm thuê theo mùa vụ.
Cơ quan phối hợp: Ủy ban nhân dân các xã, phường.
""")
    assert set(tasks) == {("II", "1"), ("II", "2")}
    one = tasks[("II", "1")]
    assert one["lead"] == ["doan_thanh_nien"]
    assert set(one["support"]) == {"so_van_hoa", "cong_an_tinh"}
    assert "Tháng 7/2026" in one["deadline"]
    two = tasks[("II", "2")]
    assert two["lead"] == [] and two["support"] == ["cap_xa"]


# -- actor named by the item -------------------------------------------------------------------

def test_an_item_opening_with_its_actor_and_a_colon_is_that_actors(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. TỔ CHỨC THỰC HIỆN
1. Trách nhiệm của các sở, ban, ngành
1.1. Sở Nội vụ: Hướng dẫn doanh nghiệp đưa người lao động đi làm việc ở nước ngoài thực hiện đúng hợp đồng.
1.2. Sở Tư pháp, Sở Y tế: Trợ giúp pháp lý và chăm sóc sức khỏe cho nạn nhân được tiếp nhận.
1.3. Rà soát văn bản hướng dẫn thuộc lĩnh vực quản lý.
""")
    assert tasks[("II", "1.1")]["lead"] == ["so_noi_vu"]
    assert tasks[("II", "1.2")]["lead"] == ["so_tu_phap", "so_y_te"]
    assert tasks[("II", "1.3")]["lead"] == ["cac_so_nganh"]  # no actor of its own: the heading's


def test_under_a_group_heading_an_item_naming_its_own_actor_is_that_actors(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Các sở, ban, ngành
- Sở Công Thương chủ trì kiểm tra các cơ sở môi giới việc làm trực tuyến.
- Tăng cường phổ biến pháp luật cho công chức, viên chức.
2. Sở Y tế
- Công an tỉnh phối hợp tiếp nhận nạn nhân tại cửa khẩu.
""")
    assert tasks[("II", "1", "-1")]["lead"] == ["so_cong_thuong"]
    assert tasks[("II", "1", "-2")]["lead"] == ["cac_so_nganh"]
    # a heading that names one body keeps the lead; the item's body only coordinates
    assert tasks[("II", "2", "-1")]["lead"] == ["so_y_te"]


# -- OCR "l." ---------------------------------------------------------------------------------

def test_ocr_l_dot_opens_a_numbered_run_but_stays_a_letter_after_k() -> None:
    text = "II. NHIEM VU\nl. Cong tac phong ngua\na) Tuyen truyen.\n2. Cong tac dau tranh\nb) Dieu tra.\n"
    roots = parse_outline(text, split_lines(text))
    part = roots[0]
    assert [(n.kind, n.label) for n in part.children] == [("number", "1"), ("number", "2")]
    text2 = "1. Các nội dung\nj. Mục j.\nk. Mục k.\nl. Mục l.\n"
    labels = [n.label for n in parse_outline(text2, split_lines(text2))[0].children]
    assert labels == ["j", "k", "l"]
    assert marker_of("l. Cong tac").maybe_one


# -- cell-per-line tables ---------------------------------------------------------------------

def test_a_scanned_tables_caption_is_not_read_as_its_first_column(tmp_path) -> None:
    text = HEAD + "II. NHIỆM VỤ\nCác nhiệm vụ cụ thể tại Phụ lục kèm theo.\n" + TAIL + """
PHỤ LỤC
DANH MỤC NHIỆM VỤ NĂM 2026
STT
Nội dung nhiệm vụ
Đơn vị chủ trì
Đơn vị phối hợp
Thời gian
1
Rà soát người lao động đi làm việc tại các khu kinh tế cửa khẩu
phía bắc của tỉnh
Công an tỉnh
Sở Nội vụ
Quý III/2026
"""
    p = tmp_path / "scan.txt"
    p.write_text(text, encoding="utf-8")
    (row,) = table_tasks(load(p))
    assert row["text"].startswith("Rà soát người lao động") and row["text"].endswith("phía bắc của tỉnh")
    assert row["lead"] == ["cong_an_tinh"] and row["support"] == ["so_noi_vu"]


# -- bracketed field lines, pointers at a heading's number, clauses that share item numbers ---------

def test_a_bracketed_field_line_assigns_the_run_of_items_before_it(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Công tác truyền thông
- Phát thanh bản tin cảnh báo bằng tiếng Nùng trên loa truyền thanh thôn, bản.
- In tờ gấp về số điện thoại đường dây nóng phát cho người dân đi làm ăn xa.
(Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch; cơ quan phối hợp: Hội Nông dân tỉnh, Tỉnh đoàn; thời gian: cả năm)
""")
    for key in (("II", "1", "-1"), ("II", "1", "-2")):
        assert tasks[key]["lead"] == ["so_van_hoa"]
        assert set(tasks[key]["support"]) == {"hoi_nong_dan", "doan_thanh_nien"}
    assert "Cơ quan chủ trì" not in tasks[("II", "1", "-2")]["text"]


def test_a_pointer_at_a_headings_number_reaches_the_items_under_it(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Công tác phối hợp
a) Trao đổi danh sách đối tượng truy nã về tội mua bán người với lực lượng nước láng giềng.
b) Tổ chức giao ban định kỳ tại các cặp cửa khẩu.
Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì thực hiện các nhiệm vụ tại khoản 1 Mục này; Công an tỉnh phối hợp.
""")
    for key in (("II", "1", "a"), ("II", "1", "b")):
        assert tasks[key]["lead"] == ["bien_phong_tinh"]
        assert tasks[key]["support"] == ["cong_an_tinh"]
        assert "dangling_reference" not in tasks[key]["flags"]


def test_a_clause_without_item_numbers_shares_those_of_the_clause_before(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
(1) Tổ chức lớp bồi dưỡng kỹ năng nhận diện nạn nhân cho cán bộ biên phòng.
(2) Xây dựng phóng sự về gương điển hình trong phòng, chống mua bán người.
Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì thực hiện nội dung (1); Sở Y tế phối hợp.
""")
    assert tasks[("II", "(1)")]["support"] == ["so_y_te"]
    assert tasks[("II", "(2)")]["support"] == []


def test_an_item_closing_with_its_assignment_in_brackets_is_assigned_by_it(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
- Khám sức khỏe, tư vấn tâm lý cho nạn nhân tại cơ sở trợ giúp xã hội (Sở Y tế chủ trì, Công an tỉnh phối hợp).
- Trợ giúp pháp lý cho nạn nhân trong quá trình tố tụng (Sở Tư pháp thực hiện).
- Vận động doanh nghiệp tuyển dụng nạn nhân (theo Nghị định số 20/2021/NĐ-CP).
""")
    assert tasks[("II", "-1")]["lead"] == ["so_y_te"] and tasks[("II", "-1")]["support"] == ["cong_an_tinh"]
    assert tasks[("II", "-2")]["lead"] == ["so_tu_phap"]
    assert tasks[("II", "-3")]["lead"] == []  # brackets that cite a document assign nobody


def test_roles_written_in_brackets_after_the_bodies_are_read(tmp_path) -> None:
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Công tác kiểm tra
- Kiểm tra việc chi trả trợ cấp cho nạn nhân tại các xã, phường biên giới.
Trách nhiệm thực hiện: Sở Y tế (chủ trì), Sở Tài chính, Ủy ban nhân dân các xã, phường (phối hợp).
""")
    t = tasks[("II", "1", "-1")]
    assert t["lead"] == ["so_y_te"]
    assert set(t["support"]) == {"so_tai_chinh", "cap_xa"}


def test_a_field_line_after_a_run_of_items_assigns_the_whole_run(tmp_path):
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Công tác phòng ngừa
(1) Tuyên truyền tại các chợ phiên vùng biên giới.
(2) Rà soát người đi làm ăn xa không rõ địa chỉ.
Cơ quan chủ trì: Công an tỉnh. Cơ quan phối hợp: Sở Y tế, Hội Liên hiệp Phụ nữ tỉnh.
2. Công tác hỗ trợ
(1) Tiếp nhận nạn nhân trở về qua cửa khẩu.
Cơ quan chủ trì: Sở Y tế.
""")
    for label in ("(1)", "(2)"):
        t = tasks[("II", "1", label)]
        assert t["lead"] == ["cong_an_tinh"] and set(t["support"]) == {"so_y_te", "hoi_phu_nu"}
    assert tasks[("II", "2", "(1)")]["lead"] == ["so_y_te"]


def test_a_lead_field_that_names_items_reaches_only_them(tmp_path):
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Công tác truyền thông
(1) Phát sóng chuyên mục song ngữ trên sóng phát thanh.
(2) Tổ chức hội diễn văn nghệ tại các bản vùng cao.
Cơ quan chủ trì: Sở Khoa học và Công nghệ (nội dung (1)); Sở Văn hóa, Thể thao và Du lịch (nội dung (2)). Cơ quan phối hợp: Công an tỉnh.
""")
    assert tasks[("II", "1", "(1)")]["lead"] == ["so_khoa_hoc"]
    assert tasks[("II", "1", "(2)")]["lead"] == ["so_van_hoa"]
    assert tasks[("II", "1", "(2)")]["support"] == ["cong_an_tinh"]


def test_a_field_sentence_closing_an_items_paragraph_assigns_it(tmp_path):
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Rà soát văn bản
Rà soát các quy định của tỉnh về hỗ trợ nạn nhân; đề xuất sửa đổi những điểm chưa phù hợp. Cơ quan chủ trì: Sở Tư pháp.
2. Hợp tác quốc tế
Trao đổi thông tin với các tỉnh giáp biên của nước bạn.
""")
    assert tasks[("II", "1")]["lead"] == ["so_tu_phap"]
    assert tasks[("II", "2")]["lead"] == []


def test_dash_items_pointed_at_by_their_place_get_their_lead(tmp_path):
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Đấu tranh
- Rà soát người xuất cảnh trái phép.
- Triệt phá các đường dây môi giới.
- Tuần tra khu vực đường mòn, lối mở.
Công an tỉnh chủ trì các nội dung tại gạch đầu dòng thứ nhất và thứ hai; Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì nội dung tại gạch đầu dòng thứ ba.
""")
    assert tasks[("II", "1", "-1")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "1", "-2")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "1", "-3")]["lead"] == ["bien_phong_tinh"]


def test_a_funding_clause_drawn_from_the_allocated_budget_is_not_a_task(tmp_path):
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Tuyên truyền tại các chợ phiên vùng biên giới.
III. TỔ CHỨC THỰC HIỆN
1. Giao Công an tỉnh theo dõi, đôn đốc thực hiện Kế hoạch.
2. Kinh phí thực hiện do các cơ quan, đơn vị bố trí trong dự toán được giao năm 2026.
""")
    assert ("III", "1") in tasks and ("III", "2") not in tasks


def test_a_section_giving_the_campaigns_time_and_theme_holds_no_task(tmp_path):
    tasks = _tasks(tmp_path, """II. THỜI GIAN, CHỦ ĐỀ
Đợt cao điểm diễn ra từ ngày 01/6/2026 đến ngày 30/6/2026 trên toàn tỉnh, với chủ đề "Nói không với việc làm nhẹ lương cao".
III. NHIỆM VỤ
1. Công an tỉnh chủ trì tuần tra khu vực biên giới.
""")
    assert list(tasks) == [("III", "1")]


def test_a_wrapped_appendix_row_gives_its_whole_agencies_and_period(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(HEAD + """II. NHIỆM VỤ
1. Các nhiệm vụ cụ thể tại Phụ lục kèm theo.
PHỤ LỤC
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Mở đợt cao điểm triệt phá đường dây | Công an tỉnh | Bộ Chỉ huy Bộ đội Biên | Từ ngày 01/8/2026 |
| | môi giới qua mạng | | phòng tỉnh | đến ngày 31/10/2026 |
""" + TAIL, encoding="utf-8")
    from pipeline.api import extract

    got = extract(p)
    assert "bien_phong_tinh" in {a["id"] for a in got["agencies"]}
    assert {(d["kind"], d.get("start"), d.get("end")) for d in got["deadlines"]} >= {("period", "2026-08-01", "2026-10-31")}
    [row] = [t for t in got["tasks"] if t["text"].startswith("Mở đợt")]
    assert row["text"].endswith("môi giới qua mạng") and row["support"] == ["bien_phong_tinh"]


def test_a_funding_clause_from_a_budget_already_allocated_to_a_body_is_not_a_task(tmp_path):
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Tuyên truyền tại các chợ phiên vùng biên giới.
III. TỔ CHỨC THỰC HIỆN
1. Kinh phí tổ chức được bố trí từ ngân sách tỉnh năm 2026 đã giao cho Công an tỉnh.
""")
    assert ("III", "1") not in tasks


def test_a_long_instruction_introducing_its_points_is_a_task_with_its_own_words(tmp_path):
    tasks = _tasks(tmp_path, """II. NHIỆM VỤ
1. Công tác phòng ngừa
1.1. Tuyên truyền về phòng, chống mua bán người bằng tiếng Tày, Nùng trên sóng phát thanh cơ sở, trọng tâm:
+ Thủ đoạn lừa bán phụ nữ sang biên giới;
+ Địa chỉ tiếp nhận tố giác.
(Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện)
1.2. Rà soát người đi làm ăn xa.
""")
    t = tasks[("II", "1.1")]
    assert t["text"].startswith("Tuyên truyền về phòng, chống") and "Địa chỉ tiếp nhận" in t["text"]
    assert t["lead"] == ["so_van_hoa"]


def test_a_letters_closing_plea_to_everyone_assigns_no_item(tmp_path):
    p = tmp_path / "cv.txt"
    p.write_text("""BAN CHỈ ĐẠO 138 TỈNH SƠN LA
Số: 55/BCĐ138-CAT
V/v triển khai cao điểm phòng, chống mua bán người
Sơn La, ngày 2 tháng 6 năm 2026
Kính gửi: Các sở, ban, ngành thành viên Ban Chỉ đạo 138 tỉnh.
Ban Chỉ đạo 138 tỉnh yêu cầu triển khai một số nội dung sau:
1. Công an tỉnh chủ trì rà soát các đối tượng môi giới xuất cảnh trái phép.
2. Tổ chức tuyên truyền lưu động tại các xã biên giới.
Đề nghị các cơ quan, đơn vị, địa phương quan tâm, triển khai thực hiện nghiêm túc./.
Nơi nhận:
- Như trên;
- Lưu: VT.
""", encoding="utf-8")
    tasks = {tuple(t["path"]): t for t in extract_tasks(load(p))}
    assert tasks[("1",)]["lead"] == ["cong_an_tinh"]
    assert tasks[("2",)]["lead"] == []


def test_appendix_rows_under_a_garbled_numbering_header_stay_separate_tasks(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(HEAD + """II. NHIỆM VỤ
1. Các nhiệm vụ cụ thể tại Phụ lục kèm theo.
PHỤ LỤC
| S3 b k | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |
| 1 | Rà soát trẻ em bỏ học đi làm thuê | Sở Giáo dục và Đào tạo | Công an tỉnh |
| 2 | Kiểm tra doanh nghiệp sử dụng lao động chưa thành niên | Sở Nội vụ | Công an tỉnh |
| 3 | Tuyên truyền tại các chợ phiên | Sở Văn hóa, Thể thao và Du lịch | Tỉnh đoàn |
""" + TAIL, encoding="utf-8")
    rows = [t for t in extract_tasks(load(p)) if t["path"][0] == "Phụ lục"]
    assert [t["lead"] for t in rows] == [["so_giao_duc"], ["so_noi_vu"], ["so_van_hoa"]]
