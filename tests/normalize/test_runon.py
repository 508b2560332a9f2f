"""Lines of a crawled or viewer-copied plan rebuilt (pipeline/normalize/runon.py).

The texts are composed for these tests in the layout a legal-database crawl leaves: the web
page's breaks fall mid-sentence, and headings, items and the header run on inline.
"""
from __future__ import annotations

import textwrap

from pipeline.normalize.runon import rebuild_lines, runs_on

RUN_ON = (
    "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
    "Hạnh phúc --------------- Số: 77/KH-UBND Hà Giang, ngày 05 tháng 4 năm 2026 KẾ HOẠCH PHÒNG, "
    "CHỐNG MA TÚY TRONG TRƯỜNG HỌC NĂM 2026 Căn cứ Luật Phòng, chống ma túy năm 2021; Ủy ban nhân "
    "dân tỉnh ban hành Kế hoạch với các nội dung sau: I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích a) Nâng cao "
    "hiểu biết của học sinh về tác hại của ma túy. b) Không để ma túy xâm nhập trường học. "
    "2. Yêu cầu - Các trường chủ động phối hợp với gia đình; - Bảo đảm tiết kiệm, hiệu quả. "
    "II. NHIỆM VỤ TRỌNG TÂM Để thực hiện mục tiêu trên, các sở, ngành cần thực hiện các nhiệm vụ "
    "sau: 1. Tăng cường tuyên truyền về Nghị định số 105/2021/NĐ-CP ngày 04/12/2021 trong giai "
    "đoạn 2026 - 2030, tỷ lệ đạt 2.5 lần so với năm 2025. 2. Sở Lao động - Thương binh và Xã hội "
    "rà soát người nghiện theo khoản 2 Điều 3 của Luật. 3. Công tác kiểm tra Các trường tổ chức "
    "kiểm tra định kỳ hằng quý."
)


def _wrapped(text: str, width: int = 83) -> str:
    """The page's own breaks: every line cut at a width, mid-sentence."""
    return "\n".join(textwrap.wrap(text, width))


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_page_breaks_mid_sentence_are_told_from_a_documents_own_lines():
    assert runs_on(_wrapped(RUN_ON))
    printed = "\n".join(
        ["KẾ HOẠCH", "Phòng, chống ma túy năm 2026", "I. MỤC ĐÍCH", "1. Nâng cao hiểu biết của học sinh."]
        + [f"{k}. Tổ chức hoạt động thứ {k} trong trường học." for k in range(2, 12)]
    )
    assert not runs_on(printed)


def test_the_rebuilt_text_keeps_every_offset():
    text = _wrapped(RUN_ON)
    out = rebuild_lines(text)
    assert len(out) == len(text)
    assert all(a == b or {a, b} == {" ", "\n"} for a, b in zip(text, out))


def test_inline_headings_items_and_bullets_open_their_own_lines():
    lines = _lines(rebuild_lines(_wrapped(RUN_ON)))
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines
    assert "1. Mục đích" in lines
    assert "a) Nâng cao hiểu biết của học sinh về tác hại của ma túy." in lines
    assert "b) Không để ma túy xâm nhập trường học." in lines
    assert "- Các trường chủ động phối hợp với gia đình;" in lines
    assert "II. NHIỆM VỤ TRỌNG TÂM" in lines
    assert any(ln.startswith("Để thực hiện mục tiêu trên") and ln.endswith("sau:") for ln in lines)
    assert any(ln.startswith("2. Sở Lao động - Thương binh và Xã hội rà soát") for ln in lines)


def test_dates_figures_legal_references_and_dashed_names_stay_inside_their_sentence():
    lines = _lines(rebuild_lines(_wrapped(RUN_ON)))
    item = next(ln for ln in lines if ln.startswith("1. Tăng cường tuyên truyền"))
    assert "105/2021/NĐ-CP ngày 04/12/2021" in item and "2026 - 2030" in item and "2.5 lần" in item
    assert any("khoản 2 Điều 3 của Luật." in ln for ln in lines)
    assert not any(ln.startswith(("Thương binh", "2030", "Tự do")) for ln in lines)


def test_the_header_block_gets_its_printed_lines_back():
    lines = _lines(rebuild_lines(_wrapped(RUN_ON)))
    assert lines[:9] == [
        "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "---------------", "Số: 77/KH-UBND",
        "Hà Giang, ngày 05 tháng 4 năm 2026", "KẾ HOẠCH", "PHÒNG, CHỐNG MA TÚY TRONG TRƯỜNG HỌC NĂM 2026",
    ]
    assert lines[9].startswith("Căn cứ Luật Phòng, chống ma túy")


def test_a_numbered_headings_run_on_paragraph_opens_at_its_instruction_word():
    lines = _lines(rebuild_lines(_wrapped(RUN_ON)))
    assert "3. Công tác kiểm tra" in lines
    assert "Các trường tổ chức kiểm tra định kỳ hằng quý." in lines


def test_the_next_number_after_an_item_without_its_full_stop_opens_a_line():
    text = _wrapped(
        "II. NHIỆM VỤ 1. Rà soát các điểm bán lẻ thuốc trên địa bàn, lập danh sách cơ sở có dấu hiệu "
        "vi phạm và báo cáo kết quả về cơ quan thường trực trong thời hạn quy định của tỉnh "
        "2. Kiểm tra việc kê đơn thuốc gây nghiện tại các cơ sở y tế. 3. Tổ chức tập huấn theo "
        "khoản 4. Điều 2 của Quy chế." + " Thêm một câu để đủ dòng." * 20
    )
    lines = _lines(rebuild_lines(text))
    assert any(ln.startswith("2. Kiểm tra việc kê đơn") for ln in lines)
    assert not any(ln.startswith("4. Điều 2") for ln in lines)


def test_decision_articles_closing_and_an_attached_plan_open_their_lines():
    text = _wrapped(
        "Theo đề nghị của Giám đốc Sở Y tế. QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo Quyết định này "
        "Kế hoạch phòng, chống dịch. Điều 2. Quyết định này có hiệu lực kể từ ngày ký./. Nơi nhận: "
        "- Như Điều 2; - Lưu: VT. KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Bình KẾ HOẠCH PHÒNG, CHỐNG "
        "DỊCH BỆNH NĂM 2026 (Kèm theo Quyết định số 12/QĐ-UBND ngày 02/01/2026 của UBND tỉnh) "
        "I. MỤC ĐÍCH 1. Chủ động phòng bệnh." + " Câu thêm cho đủ dòng ngắt giữa câu." * 15
    )
    lines = _lines(rebuild_lines(text))
    for want in ("QUYẾT ĐỊNH:", "Nơi nhận:", "- Như Điều 2;", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                 "Trần Văn Bình", "KẾ HOẠCH", "PHÒNG, CHỐNG DỊCH BỆNH NĂM 2026", "I. MỤC ĐÍCH"):
        assert want in lines, want
    assert any(ln.startswith("Điều 1. Ban hành kèm theo") for ln in lines)
    assert any(ln.startswith("(Kèm theo Quyết định số 12/QĐ-UBND") for ln in lines)


def test_lettered_items_under_headings_without_a_colon_are_a_documents_own_lines():
    printed = "\n".join(
        line
        for k in range(1, 8)
        for line in (f"{k}. Sở Văn hóa và Thể thao", "a) Tổ chức hội thi tuyên truyền tại các xã.",
                     "b) Phối hợp với các huyện kiểm tra cơ sở lưu trú.")
    )
    assert not runs_on(printed)


def test_a_quoted_clause_keeps_its_own_numbering_inline():
    text = _wrapped(
        "II. NHIỆM VỤ 1. Xây dựng văn bản a) Nhiệm vụ được giao tại khoản 3 Điều 12 của Luật “3. Ủy "
        "ban nhân dân cấp tỉnh quy định: a) Danh mục cơ sở; b) Thời hạn kiểm tra.” - Cơ quan chủ trì: "
        "Sở Công Thương. b) Nhiệm vụ được giao tại khoản 2 Điều 20 của Luật." + " Câu thêm cho đủ dòng." * 20
    )
    lines = _lines(rebuild_lines(text))
    assert any(ln.startswith("a) Nhiệm vụ được giao tại khoản 3") and "b) Thời hạn kiểm tra.”" in ln for ln in lines)
    assert any(ln.startswith("b) Nhiệm vụ được giao tại khoản 2") for ln in lines)


def test_items_listed_inside_brackets_stay_inside_their_sentence():
    text = _wrapped(
        "II. NHIỆM VỤ 1. Sở Y tế: - Tiếp tục thực hiện Kế hoạch số 15/KH-UBND (trong đó: (1) Sở Y tế "
        "chủ trì phần khám sàng lọc; (2) Sở Tài chính bố trí kinh phí). - Báo cáo kết quả hằng quý."
        + " Câu thêm cho đủ dòng." * 20
    )
    lines = _lines(rebuild_lines(text))
    assert any(ln.startswith("- Tiếp tục thực hiện") and "(2) Sở Tài chính bố trí kinh phí)." in ln for ln in lines)
    assert any(ln.startswith("- Báo cáo kết quả hằng quý.") for ln in lines)


def test_a_quotation_opened_with_one_quote_mark_and_closed_with_another_is_closed():
    text = _wrapped(
        "Ủy ban nhân dân tỉnh phát động phong trào “ Toàn dân tham gia giữ gìn vệ sinh \" như sau: "
        "I. MỤC ĐÍCH 1. Huy động người dân tham gia. 2. Nâng cao ý thức cộng đồng." + " Câu thêm cho đủ dòng." * 20
    )
    lines = _lines(rebuild_lines(text))
    assert "I. MỤC ĐÍCH" in lines and "1. Huy động người dân tham gia." in lines


def test_a_signers_title_and_name_without_an_authority_line_open_their_lines():
    text = _wrapped(
        "Điều 3. Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./. Nơi nhận: - Như Điều 3; "
        "- Lưu: VT, KGVX. CHỦ TỊCH Lê Thị Hoa KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI NĂM 2026 I. MỤC ĐÍCH "
        "1. Chủ động ứng phó." + " Câu thêm cho đủ dòng." * 20
    )
    lines = _lines(rebuild_lines(text))
    for want in ("- Lưu: VT, KGVX.", "CHỦ TỊCH", "Lê Thị Hoa", "KẾ HOẠCH", "PHÒNG CHỐNG THIÊN TAI NĂM 2026"):
        assert want in lines, want


def test_lettered_parts_and_a_roman_part_after_an_item_without_full_stop_open_lines():
    text = _wrapped(
        "Ủy ban nhân dân huyện báo cáo như sau: A. KẾT QUẢ NĂM 2025 I. ƯU ĐIỂM 1. Đã hoàn thành kế "
        "hoạch. B. NHIỆM VỤ NĂM 2026 I. CÔNG TÁC CHỈ ĐẠO 1. Ban hành kế hoạch thực hiện trong quý I "
        "II. CÔNG TÁC KIỂM TRA 1. Kiểm tra các xã." + " Câu thêm cho đủ dòng." * 20
    )
    lines = _lines(rebuild_lines(text))
    for want in ("A. KẾT QUẢ NĂM 2025", "B. NHIỆM VỤ NĂM 2026", "I. CÔNG TÁC CHỈ ĐẠO",
                 "1. Ban hành kế hoạch thực hiện trong quý I", "II. CÔNG TÁC KIỂM TRA"):
        assert want in lines, want
