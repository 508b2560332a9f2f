"""Where the parts of a document lie: web chrome, front matter, body, closing, attachments.

Inputs are composed for these tests.
"""
from __future__ import annotations

from pipeline.api import document_json
from pipeline.model import RawPage, ReadResult
from pipeline.normalize import normalize
from pipeline.structure import analyse, body_range, structure


def doc_of(text: str):
    norm = normalize(ReadResult(path="c.txt", format="txt", pages=[RawPage(text)]))
    return structure("t", "c.txt", "txt", norm)


PLAN = """ỦY BAN NHÂN DÂN
TỈNH SÓC TRĂNG
Số: 40/KH-UBND
Sóc Trăng, ngày 11 tháng 3 năm 2022
KẾ HOẠCH
Phòng, chống mua bán người năm 2022

Thực hiện Kế hoạch số 20/KH-BCĐ ngày 10/01/2022 của Ban Chỉ đạo 138/CP, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC TIÊU
1. Giảm số vụ mua bán người.
II. NHIỆM VỤ
1. Công an tỉnh chủ trì điều tra, xử lý tội phạm.
- Phối hợp với Bộ đội Biên phòng tỉnh tuần tra biên giới.
2. Sở Tư pháp tuyên truyền pháp luật./.

Nơi nhận:
- Bộ Công an;
- Các sở, ngành tỉnh;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lâm Hoàng Nghiệp

PHỤ LỤC I
PHÂN CÔNG NHIỆM VỤ
(Kèm theo Kế hoạch số 40/KH-UBND ngày 11/3/2022 của UBND tỉnh Sóc Trăng)
1. Tuyên truyền trên báo, đài.
2. Tập huấn cho cán bộ cơ sở.
"""


def labels(nodes):
    out = []
    for n in nodes:
        for m in n.walk():
            out.append(m.label)
    return out


def test_outline_stops_before_noi_nhan_so_its_dashes_are_not_tasks():
    d = doc_of(PLAN)
    a, b = body_range(d.text)
    assert "Nơi nhận" not in d.text[a:b]
    assert d.text[a:b].lstrip().startswith("I. MỤC TIÊU")
    assert d.text[a:b].rstrip().endswith("tuyên truyền pháp luật./.")
    body_nodes = [n for n in d.sections if n.kind != "appendix"]
    titles = [m.title for n in body_nodes for m in n.walk()]
    assert not any("Lưu" in t or "Bộ Công an" in t for t in titles)


def test_appendix_after_the_signature_gets_its_own_node():
    d = doc_of(PLAN)
    app = [n for n in d.sections if n.kind == "appendix"]
    assert len(app) == 1 and app[0].label == "Phụ lục I"
    assert [c.label for c in app[0].children] == ["1", "2"]


def test_report_outline_after_signature_is_wrapped_as_an_attachment():
    text = PLAN.replace("PHỤ LỤC I\nPHÂN CÔNG NHIỆM VỤ", "ĐỀ CƯƠNG\nBÁO CÁO KẾT QUẢ THỰC HIỆN")
    d = doc_of(text)
    app = [n for n in d.sections if n.kind == "appendix"]
    assert len(app) == 1 and app[0].label == "Đề cương"
    assert [c.label for c in app[0].children] == ["1", "2"]
    assert d.header.signer.name == "Lâm Hoàng Nghiệp"


def test_body_starts_after_the_opening_paragraph():
    d = doc_of(PLAN)
    a, _ = body_range(d.text)
    o0, o1 = d.header.opening
    assert o1 <= a
    assert d.text[o0:o1].startswith("Thực hiện Kế hoạch số 20/KH-BCĐ")


def test_signature_block_before_noi_nhan_is_read_too():
    text = PLAN.replace(
        "Nơi nhận:\n- Bộ Công an;\n- Các sở, ngành tỉnh;\n- Lưu: VT, NC.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLâm Hoàng Nghiệp\n",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHuỳnh Thị Diễm Ngọc\nNơi nhận:\n- Bộ Công an;\n- Lưu: VT, NC.\n",
    )
    d = doc_of(text)
    assert d.header.signer.name == "Huỳnh Thị Diễm Ngọc"
    assert d.header.signer.position == "Phó Chủ tịch"
    assert d.header.recipients == ["Bộ Công an", "Lưu: VT, NC"]
    _, b = body_range(d.text)
    assert "TM." not in d.text[:b]


WEB = """Cổng thông tin điện tử
Trang chủ | Tin tức | Văn bản | Liên hệ
Tìm kiếm
""" + PLAN.split("PHỤ LỤC")[0] + """Ý kiến bạn đọc
Nhập mã xác nhận
Tin liên quan
- Tập huấn kỹ năng cho cán bộ
"""


def test_site_menus_and_comment_box_are_outside_the_document():
    d = doc_of(WEB)
    h, lay = analyse(d.text)
    assert d.text[lay.start :].startswith("ỦY BAN NHÂN DÂN")
    assert "Ý kiến bạn đọc" not in d.text[lay.start : lay.end]
    assert h.title == "Phòng, chống mua bán người năm 2022"
    assert h.symbol == "40/KH-UBND"
    assert not any("Tập huấn kỹ năng" in m.title for n in d.sections for m in n.walk())


def test_text_without_any_formal_part_is_all_body():
    text = "Các đơn vị tăng cường tuyên truyền.\n- Tổ chức hội nghị.\n- Phát tờ rơi.\n"
    d = doc_of(text)
    a, b = body_range(d.text)
    assert b == len(d.text.rstrip())
    assert d.header.recipients == [] and d.header.signer is None


def test_empty_text_is_a_document():
    d = doc_of("")
    assert d.sections == [] and d.header.symbol is None


def test_text_opening_with_an_outline_heading_has_no_headline_and_keeps_its_first_items():
    text = "I. MỤC ĐÍCH, YÊU CẦU\n1. Chỉ tiêu\n- Tổ chức 04 lớp tập huấn.\nII. NHIỆM VỤ\n- Tuyên truyền.\n"
    d = doc_of(text)
    assert d.header.title is None
    a, _ = body_range(d.text)
    assert a == 0
    assert [n.label for n in d.sections] == ["I", "II"]


# ---- a decision that issues a plan (CONTRACT "Documents as published") -----------------------

FLAT_DECISION = """ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN ------- CỘNG HÒA XÃ HỘI
  CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- Số: 640/QĐ-UBND Phú Yên, ngày 09
  tháng 5 năm 2024 QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG ĐUỐI NƯỚC CHO TRẺ EM NĂM 2024 ỦY BAN NHÂN DÂN TỈNH Căn cứ Luật Tổ chức chính quyền địa
phương ngày 19/6/2015; Xét đề nghị của Giám đốc Sở Giáo dục và Đào tạo. QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo
Quyết định này Kế hoạch phòng, chống đuối nước cho trẻ em năm 2024. Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Điều 3.
Chánh Văn phòng UBND tỉnh, Giám đốc Sở Giáo dục và Đào tạo chịu trách nhiệm thi hành Quyết định này./. Nơi nhận: - Như Điều 3; - Lưu: VT. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Tấn Hổ KẾ HOẠCH PHÒNG, CHỐNG ĐUỐI NƯỚC CHO
TRẺ EM NĂM 2024 (Ban hành kèm theo Quyết định số 640/QĐ-UBND ngày 09/5/2024 của UBND tỉnh) Thực hiện Chương trình
phòng, chống đuối nước trẻ em, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau: I. MỤC ĐÍCH 1. Giảm số trẻ em bị đuối nước. II. NHIỆM VỤ
1. Sở Giáo dục và Đào tạo chủ trì dạy bơi cho học sinh.
"""


def test_a_decision_issuing_a_plan_keeps_its_own_fields_and_signer():
    d = doc_of(FLAT_DECISION)
    h = d.header
    assert (h.type, h.symbol, h.date) == ("QĐ", "640/QĐ-UBND", "2024-05-09")
    assert h.title == "BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG ĐUỐI NƯỚC CHO TRẺ EM NĂM 2024"
    assert h.signer.name == "Lê Tấn Hổ" and h.signer.position == "Phó Chủ tịch"
    assert h.wrapper == "decision+plan"
    assert " ".join(d.text[h.plan_start :].split()).startswith("KẾ HOẠCH PHÒNG, CHỐNG")  # lines rebuilt or not


def test_the_attached_plans_sections_are_the_outline_and_the_articles_are_not():
    d = doc_of(FLAT_DECISION)
    h, lay = analyse(d.text)
    assert lay.body_start > h.plan_start
    assert "Điều" not in d.text[lay.body_start : lay.body_end]
    assert all(s.start >= h.plan_start for s in d.sections)


def test_a_decision_without_an_attached_plan_is_no_wrapper():
    text = FLAT_DECISION[: FLAT_DECISION.index("KẾ HOẠCH PHÒNG, CHỐNG ĐUỐI NƯỚC CHO\nTRẺ")]
    h = doc_of(text).header
    assert h.wrapper is None and h.plan_start is None
    assert h.signer.name == "Lê Tấn Hổ"


def test_a_plan_is_not_taken_for_a_decisions_attachment():
    text = ("ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN ------- Số: 70/KH-UBND Phú Yên, ngày 09 tháng 5 năm 2024 KẾ HOẠCH "
            "BAN HÀNH KẾ HOẠCH CON Thực hiện Chỉ thị, UBND tỉnh ban hành như sau: I. NHIỆM VỤ 1. Dạy bơi.\n")
    assert doc_of(text).header.wrapper is None


def test_a_web_copy_with_a_table_laid_header_reads_as_the_printed_header():
    text = ("Skip to main content\nTrang chủ | Văn bản | Liên hệ\n"
            "| ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |\n"
            "| Số: 71/KH-UBND | Phú Yên, ngày 10 tháng 5 năm 2024 |\n\nKẾ HOẠCH\nDạy bơi cho học sinh tiểu học năm 2024\n\n"
            "Thực hiện Chỉ thị số 09/CT-TTg, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
            "I. NHIỆM VỤ\n1. Sở Giáo dục và Đào tạo chủ trì tổ chức lớp bơi.\n"
            "| Nơi nhận: - Như trên; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trần Hữu Thế |\nChia sẻ bài viết\n")
    h = doc_of(text).header
    assert (h.symbol, h.date, h.province) == ("71/KH-UBND", "2024-05-10", "Phú Yên")
    assert h.title == "Dạy bơi cho học sinh tiểu học năm 2024"
    assert h.signer.name == "Trần Hữu Thế" and h.wrapper == "web"


def test_the_document_json_names_the_wrapper():
    assert document_json(doc_of(FLAT_DECISION))["wrapper"] == "decision+plan"
    assert document_json(doc_of(PLAN))["wrapper"] is None
