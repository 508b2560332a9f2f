"""Who leads and who supports in plans as a legal-database crawl keeps them (headings, items
and field lines inline). The plans are composed for these tests: another province, subject and
wording than the real ones."""
from __future__ import annotations

import textwrap
from pathlib import Path

from pipeline.api import load
from pipeline.extract.tasks import extract_tasks

HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
    "Hạnh phúc --------------- Số: 77/KH-UBND Hà Giang, ngày 03 tháng 3 năm 2026 KẾ HOẠCH PHÒNG, "
    "CHỐNG ĐUỐI NƯỚC CHO TRẺ EM NĂM 2026 Căn cứ Luật Trẻ em năm 2016; Ủy ban nhân dân tỉnh ban hành "
    "Kế hoạch như sau: I. MỤC ĐÍCH, YÊU CẦU 1. Giảm số trẻ em bị đuối nước. "
)


def _tasks(tmp_path: Path, body: str, width: int = 83) -> dict[tuple, dict]:
    p = tmp_path / "hagiang-2026-77-kh-ubnd.txt"
    p.write_text("\n".join(textwrap.wrap(HEAD + body, width)), encoding="utf-8")
    return {tuple(t["path"]): t for t in extract_tasks(load(p))}


def test_a_field_cơ_quan_thực_hiện_whose_value_is_a_sentence_splits_lead_and_support(tmp_path):
    tasks = _tasks(tmp_path, (
        "II. NỘI DUNG, PHÂN CÔNG TRÁCH NHIỆM 1. Dạy kỹ năng bơi an toàn cho học sinh tiểu học "
        "- Cơ quan thực hiện: Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Văn hóa, Thể thao và "
        "Du lịch, Tỉnh đoàn. - Cơ quan phối hợp: Ủy ban nhân dân các huyện, thành phố. - Thời gian "
        "thực hiện: Năm 2026. 2. Rà soát, cắm biển cảnh báo tại ao, hồ, sông suối nguy hiểm - Chủ "
        "trì thực hiện: Ủy ban nhân dân các huyện, thành phố. - Thời gian thực hiện: Quý II năm 2026."))
    t1 = tasks[("II", "1")]
    assert t1["text"].startswith("Dạy kỹ năng bơi")
    assert t1["lead"] == ["so_giao_duc"]
    assert {"so_van_hoa", "doan_thanh_nien", "ubnd_cap_huyen"} <= set(t1["support"])
    t2 = tasks[("II", "2")]
    assert t2["lead"] == ["ubnd_cap_huyen"] and not t2["support"]
    assert not any(t["text"].startswith(("Cơ quan thực hiện", "Chủ trì thực hiện")) for t in tasks.values())


def test_a_heads_title_before_the_bodies_keeps_them_the_items_subject(tmp_path):
    tasks = _tasks(tmp_path, (
        "II. NHIỆM VỤ, GIẢI PHÁP 1. Thủ trưởng các sở, ban, ngành và Chủ tịch Ủy ban nhân dân các "
        "huyện, thành phố chỉ đạo lồng ghép nội dung phòng, chống đuối nước vào chương trình công tác "
        "năm. 2. Tổ chức lớp học bơi miễn phí trong dịp hè."), width=97)
    assert set(tasks[("II", "1")]["lead"]) == {"cac_so_nganh", "ubnd_cap_huyen"}


def test_bodies_opening_a_later_sentence_of_an_item_with_a_duty_lead_it(tmp_path):
    tasks = _tasks(tmp_path, (
        "II. NHIỆM VỤ, GIẢI PHÁP 1. Tăng cường sự lãnh đạo, chỉ đạo đối với công tác phòng, chống "
        "đuối nước cho trẻ em. Các sở, ban, ngành và Ủy ban nhân dân các huyện phải đưa chỉ tiêu giảm "
        "trẻ em đuối nước vào kế hoạch hằng năm. 2. Hướng dẫn gia đình trông giữ trẻ em trong dịp hè. "
        "Việc kiểm tra do Sở Y tế tổng hợp vào báo cáo chung."))
    assert set(tasks[("II", "1")]["lead"]) == {"cac_so_nganh", "ubnd_cap_huyen"}
    # a later sentence whose body is no subject of a duty ("do Sở Y tế tổng hợp") leads nothing
    assert tasks[("II", "2")]["lead"] == []


def test_the_members_of_a_board_not_the_board_lead_the_items_under_the_lead_in(tmp_path):
    tasks = _tasks(tmp_path, (
        "II. NHIỆM VỤ TRỌNG TÂM Để đạt mục tiêu trên, các cơ quan thành viên của Ban An toàn giao thông "
        "tỉnh và Ủy ban nhân dân các huyện, thành phố tập trung thực hiện các nhiệm vụ sau: 1. Kiện toàn "
        "đội cứu hộ tại các bến đò ngang. 2. Lắp biển cảnh báo tại các bến đò và khúc sông nguy hiểm."))
    for key in (("II", "1"), ("II", "2")):
        assert "cac_so_nganh" in tasks[key]["lead"]
        assert "ubnd_cap_huyen" in tasks[key]["lead"]


def test_a_heading_naming_a_body_by_its_function_leads_its_dash_items(tmp_path):
    tasks = _tasks(tmp_path, (
        "III. TỔ CHỨC THỰC HIỆN 1. Cơ quan chuyên môn trực thuộc Ủy ban nhân dân tỉnh thực hiện "
        "công tác quản lý nhà nước về y tế, giao thông cứu thương và dân số - Chủ trì, phối hợp với các "
        "cơ quan có liên quan tập huấn sơ cứu đuối nước cho nhân viên y tế thôn bản. - Theo dõi, "
        "tổng hợp số trẻ em bị đuối nước báo cáo Ủy ban nhân dân tỉnh."), width=91)
    assert tasks[("III", "1", "-1")]["lead"] == ["so_y_te"]
    assert tasks[("III", "1", "-2")]["lead"] == ["so_y_te"]


def test_a_schedule_item_and_a_teams_members_are_no_tasks(tmp_path):
    tasks = _tasks(tmp_path, (
        "II. NỘI DUNG KIỂM TRA 1. Kiểm tra việc lắp đặt rào chắn tại các hồ chứa nước gần khu dân "
        "cư. 2. Thời gian kiểm tra: Dự kiến trong tháng 6/2026, lịch cụ thể thông báo sau. 3. Thành "
        "phần Đoàn kiểm tra - Đồng chí Trưởng ban Dân tộc tỉnh, Trưởng đoàn. - Đại diện lãnh đạo: Sở "
        "Y tế, Sở Giáo dục và Đào tạo. 4. Nội dung kiểm tra - Việc dạy bơi cho học sinh tiểu học."))
    texts = [t["text"] for t in tasks.values()]
    assert any(x.startswith("Kiểm tra việc lắp đặt rào chắn") for x in texts)
    assert any(x.startswith("Việc dạy bơi") for x in texts)
    assert not any(x.startswith(("Thời gian kiểm tra", "Đồng chí", "Đại diện")) for x in texts)


def test_a_function_named_body_heads_its_items_though_a_remit_after_it_reads_like_a_cue():
    from pipeline.extract.assignments import heading_actors
    title = ("Cơ quan chuyên môn trực thuộc Ủy ban nhân dân tỉnh thực hiện công tác quản lý nhà nước "
             "về xây dựng, giao thông và quy hoạch")  # "giao thông" is no "giao"
    assert [a.agency for a in heading_actors(title)] == ["so_xay_dung"]


def test_bodies_an_item_directs_do_not_lead_it_in_its_later_clauses():
    from pipeline.extract.assignments import assignments_of
    text = ("Chỉ đạo Công an các huyện, thành phố chủ trì, phối hợp với các trường trung học phổ thông; "
            "Công an các xã, phường, thị trấn chủ trì, phối hợp với các trường tiểu học tuyên truyền "
            "cho học sinh kỹ năng thoát hiểm khi đuối nước.")
    leads = [a.agency for a in assignments_of(text, subject_anywhere=False) if a.role == "lead"]
    assert leads == []


def test_a_performer_field_reads_whom_its_value_directs_as_no_actor_and_alone_heads_items(tmp_path):
    tasks = _tasks(tmp_path, (
        "II. NỘI DUNG THỰC HIỆN 1. Tuyên truyền phòng, chống đuối nước a) Đơn vị thực hiện: Ủy ban "
        "nhân dân các huyện, thành phố chủ trì, chỉ đạo Ủy ban nhân dân các xã, phường, thị trấn tuyên "
        "truyền qua loa truyền thanh (Báo tỉnh; Đài Phát thanh và Truyền hình tỉnh). b) Thời gian thực "
        "hiện: Tháng 5 năm 2026. 2. Rà soát các điểm nguy hiểm a) Các khu vực cần rà soát: - Ao, hồ "
        "bỏ hoang gần trường học; - Hố công trình xây dựng không có rào chắn. b) Đơn vị thực hiện:\n"
        "- Sở Xây dựng chủ trì, đôn đốc các chủ đầu tư rào chắn hố công trình. - Sở Nông nghiệp và "
        "Môi trường chủ trì, rà soát các hồ thủy lợi."), width=200)
    t1 = tasks[("II", "1")]
    assert t1["lead"] == ["ubnd_cap_huyen"]
    assert not set(t1["support"]) & {"cap_xa", "bao_tinh", "dai_phat_thanh"}
    leads = {t["text"][:20]: t["lead"] for t in tasks.values()}
    assert leads["Sở Xây dựng chủ trì,"] == ["so_xay_dung"]
