"""The document header: symbol, type, issuer, province, date, title, opening, signer.

Every input here is composed for the test (other provinces, numbers and layouts than the
sample plans), including web-copy and OCR-damaged variants.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.structure.header import case_issuer, parse_header
from pipeline.model import Document, RawPage, ReadResult
from pipeline.normalize import normalize
from pipeline.lexicon.provinces import find_provinces, provinces
from pipeline.structure import structure


def doc_of(text: str, fmt: str = "txt") -> Document:
    norm = normalize(ReadResult(path="composed." + fmt, format=fmt, pages=[RawPage(text)]))
    return structure("test", "composed." + fmt, fmt, norm)


def spans_ok(doc: Document) -> None:
    for field, (a, b) in doc.header.spans.items():
        assert 0 <= a <= b <= len(doc.text), field


LAO_CAI = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc
Số: 214/KH-UBND Lào Cai, ngày 08 tháng 10 năm 2023

KẾ HOẠCH
Phòng ngừa, giảm thiểu lao động trẻ em
trên địa bàn tỉnh giai đoạn 2023 - 2025

Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;
Căn cứ Quyết định số 782/QĐ-TTg ngày 27/6/2022 của Thủ tướng Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của gia đình và cộng đồng về lao động trẻ em.
II. NHIỆM VỤ
1. Sở Lao động - Thương binh và Xã hội chủ trì tham mưu triển khai Kế hoạch./.

Nơi nhận:
- Bộ Lao động - Thương binh và Xã hội;
- TT. Tỉnh ủy, HĐND tỉnh;
- Lưu: VT, VX1.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

(Đã ký)

Giàng Thị Dung
"""


def test_two_column_header_read_on_one_line_each():
    d = doc_of(LAO_CAI)
    h = d.header
    assert h.symbol == "214/KH-UBND"
    assert h.type == "KH"
    assert h.province == "Lào Cai"
    assert h.issuer == "Ủy ban nhân dân tỉnh Lào Cai"
    assert h.date == "2023-10-08"
    assert h.title == "Phòng ngừa, giảm thiểu lao động trẻ em trên địa bàn tỉnh giai đoạn 2023 - 2025"
    spans_ok(d)
    a, b = h.spans["symbol"]
    assert d.text[a:b] == "214/KH-UBND"


def test_opening_spans_every_can_cu_line_and_the_issuing_sentence():
    d = doc_of(LAO_CAI)
    a, b = d.header.opening
    opening = d.text[a:b]
    assert opening.startswith("Căn cứ Luật Trẻ em")
    assert opening.endswith("ban hành Kế hoạch như sau:")
    assert "782/QĐ-TTg" in opening


def test_signer_is_the_name_after_the_title_past_the_seal_note():
    d = doc_of(LAO_CAI)
    assert d.header.signer.name == "Giàng Thị Dung"
    assert d.header.signer.position == "Phó Chủ tịch"
    a, b = d.header.spans["signer"]
    assert d.text[a:b] == "Giàng Thị Dung"


def test_recipients_are_the_dash_items_up_to_luu():
    d = doc_of(LAO_CAI)
    assert d.header.recipients == ["Bộ Lao động - Thương binh và Xã hội", "TT. Tỉnh ủy, HĐND tỉnh", "Lưu: VT, VX1"]
    a, b = d.header.recipients_span
    assert d.text[a:b].startswith("Nơi nhận") and d.text[a:b].endswith("VX1.")


HA_NOI_BROKEN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
Số:
318/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 15
tháng 11 năm 2023

KẾ HOẠCH
Thực hiện công tác phòng, chống mua bán người năm 2024
trên địa bàn Thành phố

Thực hiện Kế hoạch số 45/KH-BCĐ138/CP ngày 02/11/2023 của Ban Chỉ đạo 138/CP, Ủy ban nhân dân Thành phố ban hành Kế hoạch thực hiện như sau:

I. MỤC TIÊU
1. Kiềm chế tội phạm mua bán người.
"""


def test_symbol_on_the_line_after_so_and_date_over_two_lines():
    h = doc_of(HA_NOI_BROKEN).header
    assert h.symbol == "318/KH-UBND"
    assert h.date == "2023-11-15"
    assert h.province == "Hà Nội"
    assert h.issuer == "Ủy ban nhân dân thành phố Hà Nội"
    assert h.title == "Thực hiện công tác phòng, chống mua bán người năm 2024 trên địa bàn Thành phố"


def test_date_of_a_cited_document_is_not_the_issue_date():
    text = HA_NOI_BROKEN.replace("Hà Nội, ngày 15\ntháng 11 năm 2023\n", "")
    h = doc_of(text).header
    assert h.date is None
    assert h.symbol == "318/KH-UBND"


BINH_DUONG_WEB = """Trang chủ | Giới thiệu | Văn bản | Liên hệ
Đăng nhập
ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
Số: 1502 /KH-UBND | Bình Dương, ngày 12 tháng 4 năm 2022 |
KẾ HOẠCH
Phòng, chống tệ nạn mại dâm năm 2022
Triển khai Chương trình phòng, chống mại dâm giai đoạn 2021 - 2025, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:
I. MỤC TIÊU
1. Giảm số tụ điểm mại dâm.
2. Các huyện, thị xã, thành phố tổ chức thực hiện./.
Nơi nhận: - Bộ LĐTBXH; - Thường trực Tỉnh ủy; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH
Nguyễn Lộc Hà
Ý kiến bạn đọc
Họ và tên
Gửi ý kiến
"""


def test_web_copy_with_pipes_menus_and_comment_box():
    d = doc_of(BINH_DUONG_WEB)
    h = d.header
    assert h.symbol == "1502/KH-UBND"
    assert h.province == "Bình Dương"
    assert h.issuer == "Ủy ban nhân dân tỉnh Bình Dương"
    assert h.date == "2022-04-12"
    assert h.title == "Phòng, chống tệ nạn mại dâm năm 2022"
    assert h.recipients == ["Bộ LĐTBXH", "Thường trực Tỉnh ủy", "Lưu: VT"]
    assert h.signer.name == "Nguyễn Lộc Hà"
    assert h.signer.position == "Phó Chủ tịch"
    spans_ok(d)


MERGED_2026 = """UBND TỈNH PHÚ THỌ
BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI PHẠM, TỆ NẠN XÃ HỘI
VÀ XÂY DỰNG PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC
Số: 07/KH-BCĐ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Phú Thọ, ngày 20 tháng 01 năm 2026

KẾ HOẠCH
Phòng, chống mua bán người năm 2026

Thực hiện Kế hoạch số 12/KH-BCĐ ngày 05/01/2026 của Ban Chỉ đạo Chính phủ, Ban Chỉ đạo tỉnh ban hành kế hoạch như sau:
I. MỤC TIÊU
1. Không để hình thành đường dây mua bán người trên địa bàn các xã, phường.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. BAN CHỈ ĐẠO
TRƯỞNG BAN

PHÓ CHỦ TỊCH UBND TỈNH
Đinh Công Sứ
"""


def test_a_rank_before_the_name_is_not_part_of_it_and_a_second_office_is_not_the_position():
    text = MERGED_2026.replace("TRƯỞNG BAN\n\nPHÓ CHỦ TỊCH UBND TỈNH\nĐinh Công Sứ",
                               "PHÓ TRƯỞNG BAN\nGIÁM ĐỐC CÔNG AN TỈNH\nThiếu tướng Hà Văn Lực").replace("TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN")
    h = doc_of(text).header
    assert (h.signer.name, h.signer.position) == ("Hà Văn Lực", "Phó Trưởng ban")


def test_steering_committee_under_a_merged_province_2026():
    h = doc_of(MERGED_2026).header
    assert h.symbol == "07/KH-BCĐ"
    assert h.type == "KH"
    assert h.province == "Phú Thọ"
    assert h.issuer.startswith("Ban Chỉ đạo phòng, chống tội phạm")
    assert h.date == "2026-01-20"
    assert h.signer.name == "Đinh Công Sứ"
    # the capacity signed in is the title under "TM. BAN CHỈ ĐẠO"; the office below it is his other post
    assert h.signer.position == "Trưởng ban"


def test_province_list_holds_63_units_before_and_34_after_the_merger():
    ps = provinces().values()
    assert sum(p.before_2025 for p in ps) == 63
    assert sum(p.after_2025 for p in ps) == 34
    assert {p.merged_into for p in ps if p.before_2025} <= {p.name for p in ps if p.after_2025}


QUYET_DINH = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 1234/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Tĩnh, ngày 3 tháng 6 năm 2022
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch phòng, chống mua bán người giai đoạn 2022 - 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Quyết định số 193/QĐ-TTg ngày 09/02/2021 của Thủ tướng Chính phủ;
Xét đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 56/TTr-CAT ngày 20/5/2022,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống mua bán người.
Điều 2. Quyết định có hiệu lực kể từ ngày ký./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT, NC.
CHỦ TỊCH
Võ Trọng Hải
"""


def test_decision_title_stops_at_the_authority_line_and_opening_at_quyet_dinh():
    d = doc_of(QUYET_DINH)
    h = d.header
    assert h.type == "QĐ" and h.symbol == "1234/QĐ-UBND"
    assert h.title == "Về việc ban hành Kế hoạch phòng, chống mua bán người giai đoạn 2022 - 2025"
    a, b = h.opening
    assert d.text[a:b].startswith("Căn cứ Luật") and d.text[a:b].endswith("ngày 20/5/2022,")
    assert h.signer.name == "Võ Trọng Hải" and h.signer.position == "Chủ tịch"
    assert h.province == "Hà Tĩnh"


OCR_DAMAGED = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
TINH DONG THAP Doc lap - Tu do - Hanh phuc
S6: 95 /KH- UBNĐ Dong Thap, ngay 2 thang 3 nam 2021
KE HOACH
Trien khai thuc hien Chuong trinh phong, chong mua ban nguoi
Can cu Quyet dinh so 193/QD-TTg ngay 09/02/2021 cua Thu tuong Chinh phu, UBND tinh ban hanh Ke hoach nhu sau:
I. MUC DICH
1. Nang cao nhan thuc.
"""


def test_ocr_damaged_header_without_diacritics_and_d_for_dj():
    h = doc_of(OCR_DAMAGED).header
    assert h.symbol == "95/KH-UBND"
    assert h.type == "KH"
    assert h.province == "Đồng Tháp"
    assert h.date == "2021-03-02"
    assert h.title == "Trien khai thuc hien Chuong trinh phong, chong mua ban nguoi"


NEWS = """Trang chủ
Tin tức - Sự kiện
Hậu Giang triển khai kế hoạch phòng, chống mại dâm năm 2023
Thứ năm - 16/02/2023 09:12
Ngày 14/02/2023, Ủy ban nhân dân tỉnh Hậu Giang ban hành Kế hoạch số 27/KH-UBND về phòng, chống mại dâm năm 2023.
Theo đó, các sở, ngành tăng cường kiểm tra cơ sở kinh doanh dịch vụ.
Tin liên quan
Khai mạc hội nghị tập huấn
"""


def test_news_item_headline_is_title_and_issuing_sentence_gives_date_and_issuer():
    # CONTRACT "Documents as published": a news item is its own document (symbol null); the
    # plan it reports is a reference. Its type stays the reported plan's, as the seed gold has it.
    d = doc_of(NEWS)
    h = d.header
    assert h.title == "Hậu Giang triển khai kế hoạch phòng, chống mại dâm năm 2023"
    assert h.date == "2023-02-14"
    assert h.type == "KH"
    assert h.symbol is None
    assert h.wrapper == "news"
    assert h.issuer == "Ủy ban nhân dân tỉnh Hậu Giang"
    assert h.province == "Hậu Giang"
    assert h.signer is None
    spans_ok(d)


def test_news_without_issuing_sentence_has_null_fields():
    h = doc_of("Hội nghị tập huấn nghiệp vụ cho cán bộ cơ sở\n\nSáng nay, hơn 100 cán bộ đã dự tập huấn.\n").header
    assert h.symbol is None and h.date is None and h.province is None and h.signer is None
    assert h.title == "Hội nghị tập huấn nghiệp vụ cho cán bộ cơ sở"


def test_party_style_symbol_and_legal_symbol_with_year():
    h = parse_header("TỈNH ỦY NINH BÌNH\nSố 45-KH/TU\nNinh Bình, ngày 9 tháng 9 năm 2020\nKẾ HOẠCH\nThực hiện Chỉ thị của Ban Bí thư\n")
    assert h.symbol == "45-KH/TU" and h.type == "KH"
    h = parse_header("HỘI ĐỒNG NHÂN DÂN\nTỈNH KON TUM\nSố: 12/2021/NQ-HĐND\nKon Tum, ngày 30 tháng 7 năm 2021\nNGHỊ QUYẾT\nQuy định mức chi\n")
    assert h.symbol == "12/2021/NQ-HĐND" and h.type == "NQ"
    assert h.province == "Kon Tum"


def test_district_town_in_place_line_does_not_replace_the_issuer_province():
    h = parse_header("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 88/KH-UBND\nBảo Lộc, ngày 4 tháng 5 năm 2022\nKẾ HOẠCH\nPhòng, chống ma túy\n")
    assert h.province == "Lâm Đồng" and h.date == "2022-05-04"


def test_place_date_with_numeric_date_and_hcm_alias():
    h = parse_header("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 5/KH-UBND\nTP. Hồ Chí Minh, ngày 07/01/2025\nKẾ HOẠCH\nVề phòng, chống mua bán người\n")
    assert h.date == "2025-01-07" and h.province == "Hồ Chí Minh"


def test_type_from_type_word_when_there_is_no_symbol():
    h = parse_header("CHƯƠNG TRÌNH\nPhòng, chống tội phạm giai đoạn 2026 - 2030\nCăn cứ Nghị quyết của Tỉnh ủy;\n")
    assert h.type == "CTr" and h.symbol is None
    assert h.title == "Phòng, chống tội phạm giai đoạn 2026 - 2030"


def test_received_stamp_number_is_not_the_symbol():
    h = parse_header("Số: 17 /KH-UBND\nYên Bái, ngày 2 tháng 2 năm 2022\nSỞ TƯ PHÁP\nĐẾN Số: 305\nNgày: 07/2/22\nKẾ HOẠCH\nTuyên truyền pháp luật năm 2022\n")
    assert h.symbol == "17/KH-UBND" and h.province == "Yên Bái"


def test_issuer_casing_keeps_acronyms_and_province_names():
    assert case_issuer("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU") == "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"
    assert case_issuer("UBND TỈNH CAO BẰNG") == "UBND tỉnh Cao Bằng"


def test_lowercase_hoa_binh_is_not_a_province():
    assert find_provinces("vì hòa bình và phát triển") == []
    assert [m.province.name for m in find_provinces("tỉnh Hòa Bình")] == ["Hòa Bình"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_arbitrary_text_never_raises_and_spans_stay_inside(s):
    d = doc_of(s)
    spans_ok(d)
    if d.header.opening:
        a, b = d.header.opening
        assert 0 <= a <= b <= len(d.text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Số:", " 12/", "KH-", "UBND", "\n", "KẾ HOẠCH", "ngày 3", " tháng 4", " năm 2021", ", ", "|", "TỈNH ", "Nơi nhận:", "- ", "TM. ", "CHỦ TỊCH", "Nguyễn Văn An", "Căn cứ ", ";"]), max_size=80))
def test_header_shaped_noise_never_raises(parts):
    spans_ok(doc_of("".join(parts)))


def test_pathological_inputs_finish_quickly():
    import time

    for s in ("1/" * 200_000, "(" * 50_000 + ")" * 50_000, "Số: " + "1/" * 50_000, "ngày " * 40_000, "a" * 300_000):
        t = time.perf_counter()
        spans_ok(doc_of(s))
        assert time.perf_counter() - t < 5.0


# ---- OCR of a rendered header ------------------------------------------------------------

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@pytest.mark.ocr
@pytest.mark.skipif(not shutil.which("tesseract") or not FONT.exists(), reason="needs tesseract and DejaVu")
def test_header_rendered_in_two_columns_survives_ocr(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1700, 760), 255)
    draw = ImageDraw.Draw(img)
    reg, bold = ImageFont.truetype(str(FONT), 26), ImageFont.truetype(str(FONT_BOLD), 26)
    left = [("ỦY BAN NHÂN DÂN", bold), ("TỈNH QUẢNG NGÃI", bold), ("Số: 93/KH-UBND", reg)]
    right = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold), ("Độc lập - Tự do - Hạnh phúc", bold),
             ("Quảng Ngãi, ngày 16 tháng 9 năm 2025", reg)]
    for k, (t, f) in enumerate(left):
        draw.text((80, 40 + 44 * k), t, font=f, fill=0)
    for k, (t, f) in enumerate(right):
        draw.text((820, 40 + 44 * k), t, font=f, fill=0)
    body = [("KẾ HOẠCH", bold), ("Phòng, chống lao động trẻ em năm 2025", bold), ("", reg),
            ("Thực hiện Quyết định số 1003/QĐ-UBND ngày 02/8/2025 của UBND tỉnh,", reg),
            ("Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", reg)]
    for k, (t, f) in enumerate(body):
        w = draw.textlength(t, font=f)
        x = (1700 - w) / 2 if k < 2 else 120
        draw.text((x, 300 + 52 * k), t, font=f, fill=0)
    path = tmp_path / "header.png"
    img.save(path)
    out = subprocess.run(["tesseract", str(path), "stdout", "-l", "vie", "--psm", "4"],
                         capture_output=True, text=True, timeout=120).stdout
    d = doc_of(out, fmt="image")
    h = d.header
    assert h.symbol == "93/KH-UBND", out
    assert h.type == "KH"
    assert h.province == "Quảng Ngãi", out
    assert h.date == "2025-09-16", out
    assert h.title and h.title.lower().startswith("phòng, chống lao động trẻ em"), out
    spans_ok(d)


def test_ocr_split_upper_case_title_over_a_blank_line_and_a_rule_before_the_type_word():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: 77/KH-UBND\nBắc Kạn, ngày 9 tháng 8 năm 2024\n"
            "_KẾ HOẠCH\nTRIỂN KHAI THÁNG HÀNH ĐỘNG VÌ TRẺ EM\n\nTRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2024 -\n2026\n\n"
            "Căn cứ Luật Trẻ em năm 2016, Ủy ban nhân dân tỉnh ban hành\nKế hoạch như sau:\n\nI. MỤC ĐÍCH\n")
    h = doc_of(text).header
    assert h.type == "KH"
    assert h.title == "TRIỂN KHAI THÁNG HÀNH ĐỘNG VÌ TRẺ EM TRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2024 - 2026"


def test_wrapped_news_headline_is_read_whole():
    text = ("Triển khai Chương trình phòng, chống ma túy giai đoạn 2022\n- 2025 trên địa bàn tỉnh\n\n"
            "Thứ sáu - 11/03/2022 08:30\n\nNgày 10/3/2022, UBND tỉnh Bến Tre ban hành Kế hoạch triển khai Chương trình.\n")
    h = doc_of(text).header
    assert h.title == "Triển khai Chương trình phòng, chống ma túy giai đoạn 2022 - 2025 trên địa bàn tỉnh"
    assert h.date == "2022-03-10" and h.province == "Bến Tre" and h.issuer == "UBND tỉnh Bến Tre"


def test_ocr_tone_slip_in_a_family_name_is_repaired_but_given_names_are_kept():
    text = LAO_CAI.replace("Giàng Thị Dung", "Nguyên Thị Dung")
    assert doc_of(text).header.signer.name == "Nguyễn Thị Dung"
    text = LAO_CAI.replace("Giàng Thị Dung", "Ma Thị Dung")
    assert doc_of(text).header.signer.name == "Ma Thị Dung"


def test_department_issuer_keeps_the_capitals_of_its_proper_name():
    assert case_issuer("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "Sở Lao động - Thương binh và Xã hội"
    assert case_issuer("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH NAM ĐỊNH") == "Sở Văn hóa, Thể thao và Du lịch tỉnh Nam Định"
    assert case_issuer("BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI PHẠM TỈNH AN GIANG") == "Ban Chỉ đạo phòng, chống tội phạm tỉnh An Giang"


def test_a_national_body_has_no_province_though_it_writes_its_seat():
    text = """BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
Số: 402/KH-LĐTBXH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 14 tháng 02 năm 2024
KẾ HOẠCH
Phòng ngừa, giảm thiểu lao động trẻ em năm 2024
Thực hiện Quyết định số 782/QĐ-TTg ngày 31/5/2021 của Thủ tướng Chính phủ, Bộ ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
1. Nâng cao nhận thức của xã hội.
"""
    h = doc_of(text).header
    assert h.symbol == "402/KH-LĐTBXH" and h.date == "2024-02-14"
    assert h.province is None
    city = text.replace("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI").replace("LĐTBXH", "UBND")
    assert doc_of(city).header.province == "Hà Nội"


NEWS_ITEM = """Trang chủ > Thời sự > Pháp luật
Cà Mau: Triển khai công tác phòng, chống lao động trẻ em năm 2025
Cập nhật lúc: 08:05 - 21/02/2025
Ngày 18/02/2025, Ủy ban nhân dân tỉnh Cà Mau ban hành Kế hoạch số 27/KH-UBND về phòng ngừa, giảm thiểu lao động trẻ em năm 2025.
Kế hoạch nhằm cụ thể hóa và triển khai thực hiện Quyết định số 782/QĐ-TTg ngày 31/5/2021 của Thủ tướng Chính phủ.
Theo đó, Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với Công an tỉnh kiểm tra các cơ sở sản xuất, hoàn thành trước ngày 30/10/2025.
Minh Khoa
"""


def test_a_news_item_takes_its_date_from_the_issuing_sentence_not_from_a_deadline():
    h = doc_of(NEWS_ITEM).header
    assert (h.symbol, h.type, h.date, h.province) == (None, "KH", "2025-02-18", "Cà Mau")
    assert h.title == "Cà Mau: Triển khai công tác phòng, chống lao động trẻ em năm 2025"


def test_a_news_items_opening_reaches_the_paragraph_saying_what_the_plan_carries_out():
    d = doc_of(NEWS_ITEM)
    a, b = d.header.opening
    assert "782/QĐ-TTg" in d.text[a:b]
    assert "Theo đó" not in d.text[a:b]


def test_a_commune_issuer_keeps_its_place_name_capitalised():
    assert case_issuer("ỦY BAN NHÂN DÂN XÃ MƯỜNG KHƯƠNG") == "Ủy ban nhân dân xã Mường Khương"
    assert case_issuer("BAN CHỈ ĐẠO PHÒNG, CHỐNG TỆ NẠN XÃ HỘI") == "Ban Chỉ đạo phòng, chống tệ nạn xã hội"


def test_place_date_with_an_ocr_comma_after_the_year_word():
    h = parse_header("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 118/KH-UBND\nKon Tum, ngày 14 tháng 7 năm, 2026\nKẾ HOẠCH\nPhòng, chống mua bán người\n")
    assert h.date == "2026-07-14"


def test_symbol_code_with_a_letter_doubled_by_ocr_takes_its_known_spelling():
    from pipeline.lexicon.header_words import code_spelling

    assert code_spelling("UBNDD") == "UBND" and code_spelling("KHH") == "KH"
    assert code_spelling("TTg") == "TTg"  # a real double letter is kept
    assert code_spelling("PCTNXH") == "PCTNXH"  # unknown codes stay as written


def test_news_headline_opening_with_a_province_and_a_colon_gives_the_province():
    text = "Gia Lai: Ra quân tuyên truyền phòng, chống mua bán người năm 2026\n\nSáng 12/5, hơn 200 đoàn viên đã tham gia lễ ra quân.\n"
    h = doc_of(text).header
    assert h.province == "Gia Lai"


def test_a_province_inside_a_headline_without_a_colon_is_not_taken():
    text = "Đoàn công tác về Gia Lai học tập kinh nghiệm tuyên truyền\n\nSáng 12/5, đoàn đã làm việc tại xã.\n"
    assert doc_of(text).header.province is None


def test_a_signer_whose_name_opens_with_a_letter_and_an_apostrophe_is_kept():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 77/KH-UBND\nGia Lai, ngày 2 tháng 3 năm 2026\nKẾ HOẠCH\n"
            "Phòng, chống mua bán người\nI. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n"
            "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nH'Nim Ksor\n")
    signer = doc_of(text).header.signer
    assert (signer.name, signer.position) == ("H'Nim Ksor", "Phó Chủ tịch")


def test_an_official_letter_is_cv_and_its_subject_line_is_its_title():
    h = parse_header("UBND TỈNH PHÚ YÊN\nSỞ TƯ PHÁP\nSố: 88/STP-PBGDPL\nV/v tổ chức tuyên truyền pháp luật về phòng,\n"
                     "chống mua bán người năm 2026\nPhú Yên, ngày 4 tháng 5 năm 2026\nKính gửi: Các phòng, đơn vị thuộc Sở.\n")
    assert h.type == "CV"
    assert h.title == "Tổ chức tuyên truyền pháp luật về phòng, chống mua bán người năm 2026"


# ---- a flattened header (a legal-database page keeps the page's line breaks) ----------------

FLAT_CAPS = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG ------- CỘNG HÒA XÃ HỘI
  CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- Số: 52/KH-UBND Hà Giang, ngày 03
  tháng 4 năm 2024 KẾ HOẠCH PHÒNG CHÁY, CHỮA CHÁY RỪNG MÙA KHÔ
NĂM 2024 TRÊN ĐỊA BÀN TỈNH Mùa khô năm nay, nắng nóng kéo dài
làm tăng nguy cơ cháy rừng. I. MỤC ĐÍCH 1. Chủ động phòng ngừa.
"""


def test_flattened_upper_case_title_ends_at_the_first_word_in_small_letters():
    h = doc_of(FLAT_CAPS).header
    assert (h.symbol, h.type, h.date) == ("52/KH-UBND", "KH", "2024-04-03")
    assert h.title == "PHÒNG CHÁY, CHỮA CHÁY RỪNG MÙA KHÔ NĂM 2024 TRÊN ĐỊA BÀN TỈNH"


def test_flattened_title_keeps_a_semicolon_and_a_symbol_and_ends_at_the_opening_verb():
    text = ("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI ------- Số: 7/KH-UBND Yên Bái, ngày 05 tháng 6 năm 2025 KẾ HOẠCH "
            "THỰC HIỆN CHỈ THỊ SỐ 08/CT-TTG NGÀY 02/3/2025 VỀ KIỂM SOÁT TẢI TRỌNG XE; CHỐNG\n"
            "ÙN TẮC GIAO THÔNG Căn cứ Chỉ thị số 08/CT-TTg ngày 02/3/2025 của Thủ tướng Chính phủ, "
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau: I. MỤC ĐÍCH 1. Giảm xe quá tải.\n")
    h = doc_of(text).header
    assert h.title == "THỰC HIỆN CHỈ THỊ SỐ 08/CT-TTG NGÀY 02/3/2025 VỀ KIỂM SOÁT TẢI TRỌNG XE; CHỐNG ÙN TẮC GIAO THÔNG"
    a, b = h.opening
    assert doc_of(text).text[a:].startswith("Căn cứ Chỉ thị") and doc_of(text).text[:b].endswith("như sau:")


def test_flattened_title_ends_at_a_full_stop_before_a_part_heading():
    text = ("UBND TỈNH KON TUM ------- Số: 18/KH-UBND Kon Tum, ngày 02 tháng 2 năm 2023 KẾ HOẠCH GIẢM TAI NẠN\n"
            "ĐƯỜNG THỦY NỘI ĐỊA. Phần I KẾT QUẢ NĂM 2022 1. Tình hình chung.\n")
    assert doc_of(text).header.title == "GIẢM TAI NẠN ĐƯỜNG THỦY NỘI ĐỊA"


def test_flattened_mixed_case_title_with_a_quoted_name_ends_at_the_opening_verb():
    text = ("BỘ Y TẾ ------- Số: 901/KH-BYT Hà Nội, ngày 10 tháng 5 năm 2024 KẾ HOẠCH HÀNH ĐỘNG "
            "“Tháng an toàn thực phẩm - 2024” Căn cứ Luật An toàn thực phẩm, Bộ Y tế ban hành Kế hoạch như sau: "
            "I. MỤC TIÊU\n")
    assert doc_of(text).header.title == "HÀNH ĐỘNG “Tháng an toàn thực phẩm - 2024”"


def test_flattened_decision_title_stops_before_its_authority_line():
    text = ("ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN ------- Số: 640/QĐ-UBND Phú Yên, ngày 09 tháng 5 năm 2024 QUYẾT ĐỊNH VỀ\n"
            "VIỆC BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG ĐUỐI NƯỚC CHO TRẺ EM NĂM 2024 CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n"
            "PHÚ YÊN Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Xét đề nghị của Giám đốc Sở "
            "Giáo dục và Đào tạo. QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n")
    d = doc_of(text)
    assert d.header.type == "QĐ"
    assert d.header.title == "VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG ĐUỐI NƯỚC CHO TRẺ EM NĂM 2024"
    a, b = d.header.opening
    assert d.text[a:].startswith("Căn cứ Luật") and d.text[b:].lstrip().startswith("QUYẾT ĐỊNH:")


def test_a_body_named_after_a_linking_word_stays_in_a_decisions_title():
    text = ("ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN ------- Số: 641/QĐ-UBND Phú Yên, ngày 09 tháng 5 năm 2024 QUYẾT ĐỊNH "
            "BAN HÀNH KẾ HOẠCH THỰC HIỆN KẾT LUẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH Căn cứ Luật Tổ chức "
            "chính quyền địa phương ngày 19/6/2015. QUYẾT ĐỊNH: Điều 1. Ban hành Kế hoạch.\n")
    assert doc_of(text).header.title == "BAN HÀNH KẾ HOẠCH THỰC HIỆN KẾT LUẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"


def test_a_type_word_opening_its_own_line_is_still_read_line_by_line():
    h = doc_of(LAO_CAI).header
    assert h.title == "Phòng ngừa, giảm thiểu lao động trẻ em trên địa bàn tỉnh giai đoạn 2023 - 2025"


def test_web_page_chrome_and_submitted_by_line_are_not_a_news_headline():
    text = ("Skip to main content\nTrang chủ\nPhú Yên: Ban hành kế hoạch phòng, chống đuối nước năm 2024\n"
            "Submitted by bientap on Fri, 10/05/2024 - 09:30\n"
            "Ngày 09/5/2024, UBND tỉnh Phú Yên ban hành Kế hoạch số 77/KH-UBND về phòng, chống đuối nước.\n")
    h = doc_of(text).header
    assert h.title == "Phú Yên: Ban hành kế hoạch phòng, chống đuối nước năm 2024"
    assert h.symbol is None and h.wrapper == "news" and h.date == "2024-05-09"


def test_a_news_item_without_an_issuing_date_takes_the_pages_publication_line():
    text = ("Phú Yên: Tập huấn kỹ năng bơi an toàn cho học sinh\nThứ sáu - 10/05/2024 09:30\n"
            "Sáng nay, hơn 200 học sinh đã dự buổi tập huấn do Sở Giáo dục và Đào tạo tổ chức.\n")
    h = doc_of(text).header
    assert h.wrapper == "news" and h.date == "2024-05-10"


def test_a_place_date_line_broken_before_ngay_or_with_a_split_year_is_read():
    broken = ("ỦY BAN NHÂN DÂN TỈNH BẾN TRE -------- Số: 33/KH-UBND Bến Tre,\n  ngày 14 tháng 03 năm 2022 KẾ HOẠCH "
              "DẠY BƠI CHO HỌC SINH NĂM 2022 Thực hiện Chỉ thị số 09/CT-TTg, UBND tỉnh ban hành như sau: I. NHIỆM VỤ\n")
    h = doc_of(broken).header
    assert (h.date, h.province, h.title) == ("2022-03-14", "Bến Tre", "DẠY BƠI CHO HỌC SINH NĂM 2022")
    split = broken.replace("Bến Tre,\n  ngày 14 tháng 03 năm 2022", "Bến Tre , ngày 14 tháng 03 năm 20 22")
    h = doc_of(split).header
    assert (h.date, h.title) == ("2022-03-14", "DẠY BƠI CHO HỌC SINH NĂM 2022")
