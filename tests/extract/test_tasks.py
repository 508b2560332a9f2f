"""Tasks and assignments, one composed plan per way plans assign work (see CONTRACT.md, tasks).

Every plan here is written for the tests: other provinces, years, numbers and wordings than
the sample plans, including OCR damage and a 2026 plan whose communes replace districts.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.api import load
from pipeline.areas.hybrid import assign_areas
from pipeline.extract.tasks import extract_tasks
from pipeline.model import RawPage, ReadResult
from pipeline.normalize import normalize
from pipeline.structure import structure


def _tasks(tmp_path: Path, text: str, name: str = "plan.txt") -> list[dict]:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    tasks = extract_tasks(load(p))
    assign_areas(tasks)  # the area step that follows extraction
    return tasks


def _by_path(tasks: list[dict]) -> dict[tuple, dict]:
    return {tuple(t["path"]): t for t in tasks}


HEAD = """ỦY BAN NHÂN DÂN TỈNH {prov}
Số: {num}/KH-UBND
{prov}, ngày 14 tháng 3 năm {year}
KẾ HOẠCH
Phòng, chống mua bán người năm {year}
Thực hiện Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU, YÊU CẦU
1. Nâng cao hiệu quả phối hợp giữa các cấp, các ngành trong phòng, chống mua bán người.
2. Bảo đảm 95% vụ án được điều tra, khám phá.
"""
TAIL = """
Nơi nhận:
- Bộ Công an;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Bình
"""


def test_assignment_lines_after_the_items_point_at_them_by_number(tmp_path):
    text = HEAD.format(prov="Hà Giang", num=18, year=2022) + """II. NỘI DUNG
1. Công tác phòng ngừa
1.1. Nội dung hoạt động
- (1) Tổ chức tuyên truyền về thủ đoạn lừa đảo đi làm việc ở nước ngoài tại các bản vùng cao.
- (2) Rà soát, quản lý chặt chẽ người xuất cảnh trái phép qua đường mòn, lối mở.
- (3) Xây dựng mô hình tự quản về an ninh trật tự tại khu dân cư.
1.2. Phân công trách nhiệm thực hiện
- Công an tỉnh chủ trì thực hiện nội dung (2), (3).
- Sở Văn hóa, Thể thao và Du lịch thực hiện nội dung (1). Đồng thời phối hợp thực hiện nội dung (2).
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert set(tasks) == {("II", "1", "1.1", "(1)"), ("II", "1", "1.1", "(2)"), ("II", "1", "1.1", "(3)")}
    assert tasks[("II", "1", "1.1", "(1)")]["lead"] == ["so_van_hoa"]
    assert tasks[("II", "1", "1.1", "(2)")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "1", "1.1", "(2)")]["support"] == ["so_van_hoa"]
    assert tasks[("II", "1", "1.1", "(3)")]["support"] == []
    ev = tasks[("II", "1", "1.1", "(3)")]["assignments"][0]["evidence"]
    assert "chủ trì" in ev


def test_a_range_of_item_numbers_covers_every_item_in_it(tmp_path):
    text = HEAD.format(prov="Sơn La", num=7, year=2023) + """II. NHIỆM VỤ
1. Đấu tranh với tội phạm
(1) Tiếp nhận, giải quyết tố giác, tin báo về tội phạm mua bán người.
(2) Điều tra, khám phá các đường dây mua bán người qua biên giới.
(3) Truy bắt đối tượng truy nã về tội mua bán người.
(4) Đẩy nhanh việc truy tố, xét xử các vụ án mua bán người.
Công an tỉnh chủ trì thực hiện nội dung (1) đến (3); Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh thực hiện nội dung (4).
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert len(tasks) == 4
    for n in ("(1)", "(2)", "(3)"):
        assert tasks[("II", "1", n)]["lead"] == ["cong_an_tinh"]
    assert set(tasks[("II", "1", "(4)")]["lead"]) == {"vks_tinh", "tand_tinh"}


def test_a_reference_to_a_missing_item_is_kept_and_flagged(tmp_path):
    text = HEAD.format(prov="Cao Bằng", num=31, year=2022) + """II. NHIỆM VỤ
1. Công tác hỗ trợ nạn nhân
(1) Tổ chức tiếp nhận, hỗ trợ nạn nhân trở về từ nước ngoài.
(2) Hỗ trợ học nghề, tạo việc làm cho nạn nhân tái hòa nhập cộng đồng.
Sở Lao động - Thương binh và Xã hội chủ trì thực hiện nội dung (1), (2), (7).
""" + TAIL
    tasks = _tasks(tmp_path, text)
    assert [t["lead"] for t in tasks] == [["so_lao_dong"], ["so_lao_dong"]]
    flagged = [t for t in tasks if "dangling_reference" in t["flags"]]
    assert len(flagged) == 1 and flagged[0]["dangling"][0]["ref"] == "7"


def test_numbered_lines_that_only_hand_out_items_of_another_section_are_not_tasks(tmp_path):
    text = HEAD.format(prov="Sóc Trăng", num=31, year=2025) + """II. NHIỆM VỤ
1. Công tác truyền thông
a) Phát hành tờ rơi song ngữ Việt - Khmer về thủ đoạn dụ dỗ kết hôn với người nước ngoài.
b) Tổ chức hội thi tìm hiểu pháp luật về phòng, chống mua bán người cho đoàn viên.
2. Công tác quản lý địa bàn
a) Kiểm tra các cơ sở môi giới kết hôn có yếu tố nước ngoài.
b) Điều tra, xử lý các vụ việc có dấu hiệu mua bán người qua mạng xã hội.
3. Tiếp nhận, hỗ trợ nạn nhân trở về theo quy định.
III. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp chủ trì, phối hợp Tỉnh đoàn thực hiện các nội dung a, b mục 1.
2. Công an tỉnh chủ trì thực hiện nội dung b mục 2.
3. Sở Nội vụ chủ trì thực hiện nội dung mục 3.
4. Ủy ban nhân dân các xã, phường xây dựng kế hoạch thực hiện tại địa phương; báo cáo kết quả về Công an tỉnh trước ngày 10/12/2025.
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert set(tasks) == {("II", "1", "a"), ("II", "1", "b"), ("II", "2", "a"), ("II", "2", "b"), ("II", "3"), ("III", "4")}
    assert tasks[("II", "1", "a")]["lead"] == ["so_tu_phap"] and tasks[("II", "1", "b")]["support"] == ["doan_thanh_nien"]
    assert tasks[("II", "2", "b")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "2", "a")]["lead"] == []
    assert tasks[("II", "3")]["lead"] == ["so_noi_vu"]
    assert tasks[("III", "4")]["lead"] == ["cap_xa"]


def test_a_line_under_an_actor_heading_does_not_reach_the_items_of_other_actors(tmp_path):
    # "11. Đề nghị ..." read by OCR as a sentence of item 10 must not lead items 9 and 10 of others
    text = HEAD.format(prov="Kiên Giang", num=64, year=2024) + """II. NHIỆM VỤ CỤ THỂ
1. Sở Y tế
a) Khám, chữa bệnh cho nạn nhân bị mua bán trở về.
2. Đề nghị Viện kiểm sát nhân dân tỉnh
Thực hành quyền công tố đối với các vụ án mua bán người, bảo đảm nghiêm minh.
Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì thực hiện.
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert tasks[("II", "1", "a")]["lead"] == ["so_y_te"]
    assert "vks_tinh" in tasks[("II", "2")]["lead"] or "mttq_tinh" in tasks[("II", "2")]["lead"]


def test_a_trailing_bracketed_line_covers_the_items_since_the_previous_one(tmp_path):
    text = HEAD.format(prov="Kon Tum", num=52, year=2024) + """II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN
1. Công tác truyền thông
a) Sản xuất phóng sự về phòng, chống mua bán người phát trên sóng truyền hình tỉnh.
(Sở Thông tin và Truyền thông chủ trì, phối hợp với Hội Liên hiệp Phụ nữ tỉnh thực hiện)
b) Tổ chức hội thi tìm hiểu pháp luật trong đoàn viên, thanh niên.
c) Tổ chức diễn đàn trẻ em về phòng, chống mua bán người.
(Tỉnh đoàn chủ trì, phối hợp với Sở Giáo dục và Đào tạo và các cơ quan, đơn vị có liên quan thực hiện)
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    a, b, c = tasks[("II", "1", "a")], tasks[("II", "1", "b")], tasks[("II", "1", "c")]
    assert a["lead"] == ["so_thong_tin"] and a["support"] == ["hoi_phu_nu"]
    assert b["lead"] == c["lead"] == ["doan_thanh_nien"]
    assert "so_giao_duc" in b["support"] and "so_giao_duc" in c["support"]
    assert all("Tỉnh đoàn" not in t["text"] for t in tasks.values())


def test_ocr_text_without_diacritics_still_assigns(tmp_path):
    text = """KE HOACH
Phong, chong mua ban nguoi nam 2023
I. MUC DICH, YEU CAU
1. Nang cao nhan thuc cua nguoi dan.
II. NHIEM VU
1. Cong tac phong ngua
(1) To chuc tuyen truyen tai cac xa bien gioi ve thu doan mua ban nguoi.
(2) Kiem tra cac co so kinh doanh dich vu luu tru.
(Cong an tinh chu tri, phoi hop voi So Tu phap thuc hien)
"""
    tasks = _by_path(_tasks(tmp_path, text))
    assert tasks[("II", "1", "(1)")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "1", "(2)")]["support"] == ["so_tu_phap"]


def test_a_heading_that_names_a_body_leads_the_items_under_it(tmp_path):
    text = HEAD.format(prov="Bình Định", num=90, year=2024) + """II. NHIỆM VỤ CỤ THỂ
1. Sở Lao động - Thương binh và Xã hội
a) Hướng dẫn các doanh nghiệp đưa người lao động đi làm việc ở nước ngoài chấp hành pháp luật.
b) Phối hợp với Sở Tư pháp trợ giúp pháp lý cho nạn nhân bị mua bán.
2. Đề nghị Tòa án nhân dân tỉnh
Đưa ra xét xử kịp thời các vụ án mua bán người, tổ chức các phiên tòa lưu động.
3. Công tác truyền thông
a) Chỉ đạo các cơ quan báo chí đăng tải tin bài về phòng, chống mua bán người.
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert tasks[("II", "1", "a")]["lead"] == ["so_lao_dong"]
    assert tasks[("II", "1", "a")]["support"] == []
    assert tasks[("II", "1", "b")]["support"] == ["so_tu_phap"]
    assert tasks[("II", "2")]["lead"] == ["tand_tinh"]
    assert tasks[("II", "2")]["text"].startswith("Đưa ra xét xử")
    # nobody presides over the communication item; the bodies it directs are not support
    assert tasks[("II", "3", "a")]["lead"] == [] and tasks[("II", "3", "a")]["support"] == []
    assert "no_lead" in tasks[("II", "3", "a")]["flags"]


def test_assignment_inside_the_item(tmp_path):
    text = HEAD.format(prov="Quảng Trị", num=12, year=2021) + """II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Tư pháp chủ trì, phối hợp với Công an tỉnh rà soát văn bản quy phạm pháp luật về phòng, chống mua bán người.
2. Sở Y tế phối hợp các sở, ngành tổ chức khám, chữa bệnh cho nạn nhân.
3. Các sở, ban, ngành phối hợp thực hiện các nhiệm vụ theo chức năng.
4. Căn cứ Kế hoạch này, đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chỉ đạo, hướng dẫn các tổ chức thành viên tham gia giám sát.
5. Kinh phí thực hiện Kế hoạch được bảo đảm từ ngân sách nhà nước.
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert set(tasks) == {("II", "1"), ("II", "2"), ("II", "3"), ("II", "4")}  # funding is not a task
    assert tasks[("II", "1")]["lead"] == ["so_tu_phap"] and tasks[("II", "1")]["support"] == ["cong_an_tinh"]
    assert tasks[("II", "2")]["lead"] == ["so_y_te"] and tasks[("II", "2")]["support"] == ["cac_so_nganh"]
    assert tasks[("II", "3")]["lead"] == [] and tasks[("II", "3")]["support"] == ["cac_so_nganh"]
    assert tasks[("II", "4")]["lead"] == ["mttq_tinh"] and tasks[("II", "4")]["support"] == []


def test_objectives_are_not_tasks(tmp_path):
    text = HEAD.format(prov="Yên Bái", num=3, year=2022) + """II. NHIỆM VỤ
1. Tổ chức tập huấn cho cán bộ làm công tác phòng, chống mua bán người cấp xã.
""" + TAIL
    tasks = _tasks(tmp_path, text)
    assert [t["path"] for t in tasks] == [["II", "1"]]
    assert tasks[0]["area"] == "nang_cao_nang_luc"


def test_a_2026_plan_whose_communes_replace_districts(tmp_path):
    text = HEAD.format(prov="Tuyên Quang", num=14, year=2026) + """II. NHIỆM VỤ
1. Công an tỉnh
a) Mở đợt cao điểm tấn công, trấn áp tội phạm mua bán người trên không gian mạng.
2. Ủy ban nhân dân các xã, phường
a) Tuyên truyền đến từng thôn, tổ dân phố về phòng, chống mua bán người.
b) Quản lý chặt chẽ người lao động đi làm ăn xa, kịp thời phát hiện nạn nhân trở về.
""" + TAIL
    tasks = _by_path(_tasks(tmp_path, text))
    assert tasks[("II", "1", "a")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "1", "a")]["area"] == "dau_tranh"
    assert tasks[("II", "2", "a")]["lead"] == ["cap_xa"]
    assert tasks[("II", "2", "b")]["lead"] == ["cap_xa"]
    assert tasks[("II", "2", "a")]["area"] == "phong_ngua"


def test_a_plan_that_mixes_styles_and_ends_with_a_report_outline(tmp_path):
    text = HEAD.format(prov="Đắk Lắk", num=205, year=2025) + """II. NỘI DUNG
1. Nội dung tổng kết
- Đánh giá kết quả công tác tiếp nhận, xác minh, giải cứu nạn nhân.
- Biểu dương, khen thưởng tập thể, cá nhân có thành tích xuất sắc.
2. Sở Ngoại vụ
Phối hợp với Công an tỉnh bảo hộ công dân bị lừa ra nước ngoài.
III. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành và Ủy ban nhân dân các xã, phường gửi báo cáo về Công an tỉnh trước ngày 10/6/2025.
2. Giao Công an tỉnh:
- Tổng hợp báo cáo của các cơ quan, đơn vị.
- Tham mưu tổ chức hội nghị tổng kết.
TM. ỦY BAN NHÂN DÂN
ĐỀ CƯƠNG BÁO CÁO
I. KẾT QUẢ
1. Công tác tuyên truyền.
2. Công tác điều tra.
"""
    tasks = _by_path(_tasks(tmp_path, text))
    assert set(tasks) == {("II", "1", "-1"), ("II", "1", "-2"), ("II", "2"), ("III", "1"),
                          ("III", "2", "-1"), ("III", "2", "-2")}
    assert tasks[("II", "1", "-1")]["lead"] == []
    assert tasks[("II", "2")]["lead"] == ["so_ngoai_vu"] and tasks[("II", "2")]["support"] == ["cong_an_tinh"]
    assert set(tasks[("III", "1")]["lead"]) == {"cac_so_nganh", "cap_xa"}
    assert tasks[("III", "1")]["support"] == []  # the body a report goes to is not assigned
    assert tasks[("III", "2", "-2")]["lead"] == ["cong_an_tinh"]
    assert tasks[("II", "1", "-2")]["area"] == "chi_dao"


def test_catch_all_lead_is_flagged(tmp_path):
    text = HEAD.format(prov="Nghệ An", num=66, year=2023) + """II. NHIỆM VỤ
1. Công tác chỉ đạo
(1) Xây dựng kế hoạch phòng, chống mua bán người của từng đơn vị.
(Các cơ quan, đơn vị, địa phương có liên quan thực hiện)
""" + TAIL
    [t] = _tasks(tmp_path, text)
    assert t["lead"] == ["co_quan_lien_quan"] and "catch_all_only" in t["flags"]


TABLE_PIPE = """
PHỤ LỤC II
PHÂN CÔNG NHIỆM VỤ
| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm |
|---|---|---|---|---|---|
| 1 | Rà soát người di cư tự do ra nước ngoài | Công an tỉnh | Ủy ban nhân dân các xã, phường | Quý III/2026 | Báo cáo |
| 2 | Mở lớp dạy nghề cho nạn nhân trở về | Sở Y tế | Sở Tư pháp, Hội Liên hiệp Phụ nữ tỉnh | Năm 2026 | Lớp học |
| 3 | Tổ chức hội nghị sơ kết | | | Tháng 7/2026 | |
"""


def test_an_appendix_table_in_pipe_rows_makes_one_task_a_row(tmp_path):
    text = HEAD.format(prov="Gia Lai", num=400, year=2026) + "II. NHIỆM VỤ\nNhiệm vụ cụ thể tại Phụ lục II kèm theo.\n" + TAIL + TABLE_PIPE
    tasks = _by_path(_tasks(tmp_path, text))
    assert set(tasks) == {("Phụ lục II", "1"), ("Phụ lục II", "2"), ("Phụ lục II", "3")}
    assert tasks[("Phụ lục II", "1")]["lead"] == ["cong_an_tinh"]
    assert tasks[("Phụ lục II", "1")]["support"] == ["cap_xa"]
    assert tasks[("Phụ lục II", "2")]["support"] == ["so_tu_phap", "hoi_phu_nu"]
    due = tasks[("Phụ lục II", "1")]["deadline"]
    assert (due["kind"], due["date"], due["text"]) == ("due", "2026-09-30", "Quý III/2026")
    assert tasks[("Phụ lục II", "2")]["deadline"] == "Năm 2026"  # names the year, binds no date
    assert tasks[("Phụ lục II", "3")]["lead"] == [] and "no_lead" in tasks[("Phụ lục II", "3")]["flags"]


def test_a_table_ocrd_one_cell_per_line(tmp_path):
    text = """KE HOACH
Phong, chong mua ban nguoi nam 2024
PHU LUC
STT
Noi dung nhiem vu
Co quan chu tri
Co quan phoi hop
Thoi gian
1
Tap huan ky nang nhan dien nan nhan cho can bo cap xa
Cong an tinh
So Lao dong - Thuong binh va Xa hoi
Thang 5/2024
2
Phat song phong su ve thu doan lua dao
tren mang xa hoi
So Thong tin va Truyen thong
Quy II/2024
"""
    tasks = _by_path(_tasks(tmp_path, text))
    assert tasks[("Phụ lục", "1")]["lead"] == ["cong_an_tinh"]
    assert tasks[("Phụ lục", "1")]["support"] == ["so_lao_dong"]
    assert tasks[("Phụ lục", "2")]["text"].endswith("tren mang xa hoi")
    assert tasks[("Phụ lục", "2")]["lead"] == ["so_thong_tin"]
    assert tasks[("Phụ lục", "2")]["deadline"]["date"] == "2024-06-30"  # "Quy II" read without its marks
    assert tasks[("Phụ lục", "1")]["deadline"]["date"] == "2024-05-31"


def test_every_task_has_contract_fields_and_valid_spans(tmp_path):
    text = HEAD.format(prov="Hà Tĩnh", num=8, year=2023) + """II. NHIỆM VỤ
1. Sở Tư pháp
- Theo dõi tình hình thi hành pháp luật về phòng, chống mua bán người.
""" + TAIL + TABLE_PIPE
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    doc = load(p)
    for t in extract_tasks(doc):
        assert set(t) >= {"path", "text", "area", "lead", "support", "spans", "assignments", "flags"}
        s = t["spans"][0]
        assert 0 <= s["start"] < s["end"] <= len(doc.text)
        for a in t["assignments"]:
            assert a["role"] in ("lead", "support") and a["evidence"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=20), st.sampled_from(
    list("()-+|\t\n .,;:aAđĐ1I2Vxy") + ["Công an tỉnh", "chủ trì", "nội dung", "(1)", "PHỤ LỤC", "STT",
                                          "Cơ quan chủ trì", "phối hợp với", "\n1. ", "\n- ", "\na) "])),
    max_size=120).map("".join))
def test_never_raises_on_arbitrary_text(tmp_path, s):
    # straight from text to Document: the reader's own refusals (empty, binary) are not ours
    norm = normalize(ReadResult("x.txt", "txt", [RawPage(s)]))
    tasks = extract_tasks(structure("x", "x.txt", "txt", norm))
    assert all(isinstance(t["lead"], list) for t in tasks)


@pytest.mark.parametrize("text", [
    "1/" * 500_000,
    "(" * 20_000 + ")" * 20_000,
    "II. NHIỆM VỤ\n" + "- Công an tỉnh, " * 3000 + "phối hợp thực hiện nội dung (1), (2)" * 200,
    "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì |\n" + "| 1 | x | Công an tỉnh |\n" * 3000,
])
def test_bounded_time_on_pathological_text(tmp_path, text):
    t0 = time.perf_counter()
    _tasks(tmp_path, text)
    assert time.perf_counter() - t0 < 20


def test_table_time_cells_become_deadlines_where_they_state_one(tmp_path):
    cells = ["Trước ngày 20/10/2027", "Từ tháng 4 đến tháng 8/2027", "Thường xuyên",
             "Báo cáo định kỳ 6 tháng (trước ngày 12/6) và năm (trước ngày 12/12)", "25/11"]
    rows = "\n".join(f"| {i + 1} | Kiểm tra cơ sở kinh doanh karaoke đợt {i + 1} | Công an tỉnh | Sở Y tế | {c} |"
                     for i, c in enumerate(cells))
    text = (HEAD.format(prov="Bình Định", num=73, year=2027) + "II. NHIỆM VỤ\nNhiệm vụ cụ thể tại Phụ lục kèm theo.\n"
            + TAIL + "PHỤ LỤC\n| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
            + "|---|---|---|---|---|\n" + rows + "\n")
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    doc = load(p)
    dl = {t["path"][-1]: t.get("deadline") for t in extract_tasks(doc)}
    assert (dl["1"]["kind"], dl["1"]["date"]) == ("due", "2027-10-20")
    assert (dl["2"]["kind"], dl["2"]["start"], dl["2"]["end"]) == ("period", "2027-04-01", "2027-08-31")
    assert dl["3"] == "Thường xuyên"
    assert (dl["4"]["kind"], dl["4"]["when"]) == ("recurring", ["06-12", "12-12"])
    assert dl["5"]["date"] == "2027-11-25"  # the plan's year for a date that omits it
    for i in ("1", "2", "4", "5"):
        span = dl[i]["spans"][0]
        piece = doc.text[span["start"]:span["end"]]
        assert piece and piece in dl[i]["text"]


def test_a_list_of_legal_bases_in_the_opening_is_not_a_task(tmp_path):
    text = """ỦY BAN NHÂN DÂN
TỈNH BẾN TRE
Số: 47/KH-UBND
Bến Tre, ngày 11 tháng 2 năm 2024
KẾ HOẠCH
Phòng, chống mại dâm năm 2024
Căn cứ các văn bản sau:
- Pháp lệnh Phòng, chống mại dâm năm 2003;
- Nghị quyết số 08/NQ-HĐND ngày 10/01/2024 của Hội đồng nhân dân tỉnh;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Kiềm chế tệ nạn mại dâm.
II. NHIỆM VỤ
1. Kiểm tra các cơ sở lưu trú ven biển.
2. Công an tỉnh chủ trì triệt phá các đường dây môi giới.
"""
    tasks = _tasks(tmp_path, text)
    assert [t["path"] for t in tasks] == [["II", "1"], ["II", "2"]]


def test_a_plan_without_part_headings_keeps_its_dash_items_as_tasks(tmp_path):
    text = """Bến Tre triển khai phòng, chống mại dâm năm 2024
Ngày 11/2, Ủy ban nhân dân tỉnh Bến Tre ban hành kế hoạch phòng, chống mại dâm năm 2024 với các nhiệm vụ:
- Công an tỉnh chủ trì triệt phá các đường dây môi giới mại dâm.
- Sở Y tế tư vấn, chữa trị cho người bán dâm.
"""
    assert len(_tasks(tmp_path, text)) == 2
