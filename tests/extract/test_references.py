"""Legal references: every symbol form, dates in every form, issuers as written, the
opening's ``implements``, merging of variants, short mentions, the registry.

Every sentence is composed for the test (other provinces, numbers and layouts than the samples).
"""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.references import extract_references
from pipeline.model import Document, RawPage, ReadResult
from pipeline.normalize import normalize
from pipeline.structure import structure


def doc_of(text: str) -> Document:
    """A Document from plain text, through the real normaliser and structurer."""
    return structure("t", "t.txt", "txt", normalize(ReadResult("t.txt", "txt", [RawPage(text)])))


def plan(opening: str, body: str = "", own: str = "Số: 58/KH-UBND") -> str:
    return f"""ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
{own}
Hà Tĩnh, ngày 3 tháng 4 năm 2023

KẾ HOẠCH
Phòng, chống mại dâm năm 2023

{opening}

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức.

II. NHIỆM VỤ
{body}
"""


def refs_of(text: str) -> list[dict]:
    return extract_references(doc_of(text))[0]


def by_number(refs: list[dict]) -> dict[str, dict]:
    return {r["number"]: r for r in refs}


def test_every_symbol_form_gives_type_and_number():
    body = (
        "1. Thực hiện Quyết định số 1722/QĐ-TTg ngày 02/9/2016; Thông tư liên tịch số 03/2016/TTLT-BCA-BNG; "
        "Nghị quyết số 47-NQ/TU ngày 4/5/2022; Kết luận số 7-KL/TW; Công văn số 5120/UBND-NC ngày 1/12/2022; "
        "Kế hoạch số 31/KH-BCĐ138/CP ngày 7/2/2023; Công văn số 88/BCĐ 138/CP ngày 6/3/2023; "
        "Nghị định số 105/2021/NĐ-CP; Kiến nghị số 2210/KN-UBTP15; Quy chế phối hợp số 410/QCPH-CA-LĐTBXH ngày 9/9/2020."
    )
    got = {(r["type"], r["number"]) for r in refs_of(plan("Căn cứ tình hình thực tế.", body))}
    assert got == {("QĐ", "1722"), ("TTLT", "3"), ("NQ", "47"), ("KL", "7"), ("CV", "5120"), ("KH", "31"),
                   ("CV", "88"), ("NĐ", "105"), ("KN", "2210"), ("QCPH", "410")}


def test_ocr_damage_inside_a_symbol_is_read_through():
    body = "1. Theo Quyết định so 614/Q Đ-UBND ngay 11/3/2022 và Kế hoạch số 95/KH- UBND ngày 2/4/2022; Quyết định số 80/QD-\nBCD ngày 5/5/2022."
    refs = by_number(refs_of(plan("Căn cứ tình hình.", body)))
    assert refs["614"]["type"] == "QĐ" and refs["614"]["symbol"] == "614/QĐ-UBND" and refs["614"]["date"] == "2022-03-11"
    assert refs["95"]["symbol"] == "95/KH-UBND"
    assert refs["80"]["type"] == "QĐ" and refs["80"]["date"] == "2022-05-05"


def test_a_letter_doubled_by_ocr_in_the_type_part_is_read_through():
    body = "1. Tiếp tục thực hiện Quyết định số 2210/QĐĐ-BCĐ ngày 4/10/2023 và Kế hoạch số 17/KHH-UBND ngày 9/1/2024."
    refs = by_number(refs_of(plan("Căn cứ tình hình.", body)))
    assert refs["2210"]["type"] == "QĐ" and refs["17"]["type"] == "KH"


def test_dates_in_every_written_form():
    body = ("1. Quyết định số 12/QĐ-UBND ngày 07 tháng 01 năm 2022 của UBND tỉnh; Kế hoạch số 40/KH-UBND (ngày 15/3/2022) "
            "của UBND tỉnh; Chỉ thị số 9/CT-UBND ngày 3-8-2021; Quyết định số 777/QĐ-UBND (21/10/2020).")
    refs = by_number(refs_of(plan("Căn cứ tình hình.", body)))
    assert refs["12"]["date"] == "2022-01-07"
    assert refs["40"]["date"] == "2022-03-15"
    assert refs["9"]["date"] == "2021-08-03"
    assert refs["777"]["date"] == "2020-10-21"


def test_issuer_is_taken_as_written_including_a_chain_of_ministries():
    body = ("1. Thông tư liên tịch số 06/2015/TTLT-BCA-BQP ngày 2/6/2015 của Bộ Công an - Bộ Quốc phòng về phối hợp; "
            "Kiến nghị số 3301/KN-UBTP15 ngày 20/10/2022 của Ủy ban Tư pháp Quốc hội (khóa XV) về giám sát.")
    refs = by_number(refs_of(plan("Căn cứ tình hình.", body)))
    assert refs["6"]["issuer"] == "Bộ Công an - Bộ Quốc phòng"
    assert refs["3301"]["issuer"] == "Ủy ban Tư pháp Quốc hội (khóa XV)"


def test_two_letters_share_the_issuer_written_after_the_second():
    body = "1. Công văn số 2001/UBND-VX ngày 2/3/2020 và Công văn số 2450/UBND-VX ngày 9/4/2020 của UBND tỉnh về tăng cường."
    refs = by_number(refs_of(plan("Căn cứ tình hình.", body)))
    assert refs["2001"]["issuer"] == refs["2450"]["issuer"] == "UBND tỉnh"


def test_year_from_date_else_from_symbol_else_null():
    body = "1. Nghị quyết số 04/2020/NQ-HĐTP; Quyết định số 301/QĐ-UBND; Kế hoạch số 6/KH-UBND ngày 2/1/2019."
    refs = by_number(refs_of(plan("Căn cứ tình hình.", body)))
    assert refs["4"]["year"] == 2020 and refs["301"]["year"] is None and refs["6"]["year"] == 2019


def test_opening_documents_are_implemented_and_later_ones_cited():
    opening = ("Thực hiện Kế hoạch số 25/KH-BCĐ ngày 10/01/2023 của Ban Chỉ đạo 138/CP về thực hiện Quyết định số "
               "2121/QĐ-TTg ngày 14/12/2020 của Thủ tướng Chính phủ và Nghị quyết số 15-NQ/TU ngày 3/1/2023 của Ban Thường vụ Tỉnh ủy, "
               "UBND tỉnh ban hành Kế hoạch như sau:")
    body = "1. Tiếp tục thực hiện Kế hoạch số 140/KH-UBND ngày 6/6/2022 của UBND tỉnh."
    refs = by_number(refs_of(plan(opening, body)))
    assert refs["25"]["relation"] == "implements"
    assert refs["15"]["relation"] == "implements"
    assert refs["2121"]["relation"] == "cites"  # what the implemented plan is about
    assert refs["140"]["relation"] == "cites"


def test_the_decision_that_issued_the_programme_carried_out_is_implemented():
    opening = ("Thực hiện Chương trình phòng ngừa, giảm thiểu lao động trẻ em giai đoạn 2021-2025 ban hành kèm theo "
               "Quyết định số 782/QĐ-TTg ngày 31/5/2021 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:")
    body = "1. Phổ biến Bộ tiêu chí kèm theo Quyết định số 1207/QĐ-UBND ngày 2/8/2021 của UBND tỉnh."
    refs = by_number(refs_of(plan(opening, body)))
    assert refs["782"]["relation"] == "implements"
    assert refs["1207"]["relation"] == "cites"


def test_the_subject_of_the_main_clause_is_not_a_co_issuer():
    opening = ("Căn cứ Công văn số 118/LĐTBXH-BTXH ngày 12/01/2024 của Bộ Lao động - Thương binh và Xã hội, "
               "Ban Chỉ đạo tỉnh xây dựng Kế hoạch thực hiện như sau:")
    refs = by_number(refs_of(plan(opening)))
    assert refs["118"]["issuer"] == "Bộ Lao động - Thương binh và Xã hội"


def test_variants_of_one_document_merge_and_short_mentions_resolve():
    body = ("1. Thực hiện Quyết định số 5567/QĐ-BCĐ ngày 1/8/2023 của Ban Chỉ đạo 138/CP.\n"
            "2. Các biểu mẫu kèm theo Quyết định số 5567/QĐ-BCĐ138/CP.\n"
            "3. Báo cáo theo Quyết định 5567 và Kế hoạch số 140/KH-UBND ngày 6/6/2022; Kế hoạch số 140 nêu rõ.")
    refs = refs_of(plan("Căn cứ tình hình.", body))
    assert [r["number"] for r in refs].count("5567") == 1
    r = by_number(refs)["5567"]
    assert len(r["spans"]) == 3
    assert len(by_number(refs)["140"]["spans"]) == 2


def test_a_document_cited_without_symbol_but_with_a_date_is_kept():
    body = "1. Thực hiện Kế hoạch số 64 ngày 12/5/2022 của UBND tỉnh về phòng, chống mại dâm."
    r = by_number(refs_of(plan("Căn cứ tình hình.", body)))["64"]
    assert r["type"] == "KH" and r["symbol"] is None and r["date"] == "2022-05-12"


def test_own_symbol_and_annex_heading_are_not_references():
    body = "PHỤ LỤC\n(Kèm theo Kế hoạch số 58/KH-UBND ngày 3/4/2023 của UBND tỉnh Hà Tĩnh)\n1. Quyết định số 9/QĐ-UBND."
    refs = refs_of(plan("Căn cứ tình hình.", body))
    assert [r["number"] for r in refs] == ["9"]


def test_steering_body_numbers_are_not_letters():
    body = "1. Báo cáo Ban Chỉ đạo 138/CP và BCĐ 138/TP; số liệu 12/2023 và tỷ lệ 3/4 số xã."
    assert refs_of(plan("Căn cứ tình hình.", body)) == []


def test_registry_fills_missing_date_and_flags_a_contradicting_one():
    body = ("1. Nghị định số 62/2012/NĐ-CP; Chỉ thị số 48-CT/TW ngày 20/10/2010 của Bộ Chính trị; "
            "Quyết định số 193/QĐ-UBND ngày 2/2/2021 của UBND tỉnh.")
    refs = by_number(refs_of(plan("Căn cứ tình hình.", body)))
    assert refs["62"]["date"] == "2012-08-13" and refs["62"]["issuer"] == "Chính phủ"
    assert refs["48"]["date"] == "2010-10-20" and refs["48"]["date_conflict"] is True and refs["48"]["registry_date"] == "2010-10-22"
    assert "date_conflict" not in refs["193"]  # a provincial decision, not the Prime Minister's


def test_named_laws_and_programmes_without_number():
    body = "1. Tuyên truyền Luật Phòng, chống mua bán người năm 2024; Chương trình phòng, chống mại dâm giai đoạn 2021 - 2025."
    named = extract_references(doc_of(plan("Căn cứ tình hình.", body)))[1]
    names = [n["name"] for n in named]
    assert any(n.startswith("Luật Phòng, chống mua bán người") for n in names)
    assert any(n.startswith("Chương trình phòng, chống mại dâm giai đoạn 2021 - 2025") for n in names)


def test_a_named_law_ends_where_a_second_document_is_joined_by_and():
    body = "1. Phổ biến Luật Trẻ em năm 2016 và Nghị định số 56/2017/NĐ-CP ngày 09/5/2017 của Chính phủ."
    names = [n["name"] for n in extract_references(doc_of(plan("Căn cứ tình hình.", body)))[1]]
    assert names == ["Luật Trẻ em năm 2016"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_never_raises_on_arbitrary_unicode(s):
    refs, named = extract_references(doc_of(s))
    assert isinstance(refs, list) and isinstance(named, list)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0123456789/-QĐKHTTgBCĐ ()ngày\n", max_size=2000))
def test_never_raises_on_symbol_shaped_noise(s):
    extract_references(doc_of(s))


def test_bounded_time_on_hostile_text():
    for text in ("12/" * 350_000, "1-" * 500_000, "(" * 200_000 + ")" * 200_000, "Quyết định số " * 50_000):
        d = doc_of(text)
        t = time.perf_counter()
        extract_references(d)
        assert time.perf_counter() - t < 10


def test_spaces_lost_by_ocr_around_so_still_give_the_reference():
    body = "1. Tiếp tục thực hiện Kế hoạchsố 212/KH-UBND ngày14/8/2022 và Chỉ thị số05/CT-UBND ngày 2/3/2021."
    refs = by_number(refs_of(plan("Căn cứ tình hình.", body)))
    assert refs["212"]["type"] == "KH" and refs["212"]["date"] == "2022-08-14"
    assert refs["5"]["type"] == "CT"


def test_a_named_law_in_a_table_cell_stops_at_the_cell():
    body = "| 1 | Phổ biến Luật Trẻ em năm 2016 | Sở Tư pháp | Sở Y tế | Quý II |"
    names = [n["name"] for n in extract_references(doc_of(plan("Căn cứ tình hình.", body)))[1]]
    assert names == ["Luật Trẻ em năm 2016"]


def _ocr_refs(text: str) -> list[dict]:
    read = ReadResult("t.pdf", "pdf", [RawPage(text, "ocr", 90.0)])
    return extract_references(structure("t", "t.pdf", "pdf", normalize(read)))[0]


def test_a_code_ocr_damaged_past_reading_is_typed_by_the_word_before_it():
    [r] = refs_of(plan("Thực hiện Chỉ thị số 21-C1/IW ngày 20 tháng 5 năm 2022 của Ban Bí thư, Ủy ban nhân dân tỉnh ban hành kế hoạch."))
    assert (r["type"], r["number"], r["date"]) == ("CT", "21", "2022-05-20")


def test_a_damaged_code_without_a_type_word_is_not_a_reference():
    assert refs_of(plan("Các đơn vị báo cáo số liệu 21-C1/IW của năm trước.")) == []


def test_letters_ocr_read_for_digits_in_a_scanned_symbol_and_date_are_put_right():
    text = plan("Căn cứ Quyết định số 3O7/QĐ-UBND ngày 1O/3/2023 và Quyết định số l58/QĐ-UBND ngày 02/O2/2023 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân tỉnh ban hành kế hoạch.")
    got = {(r["number"], r["date"]) for r in _ocr_refs(text)}
    assert got == {("307", "2023-03-10"), ("158", "2023-02-02")}


def test_codes_with_letters_beside_a_slash_are_kept_and_only_digit_runs_repaired():
    n = normalize(ReadResult("t.txt", "txt", [RawPage("mẫu O/KH, biểu C06/BCA, Phòng A05/BCA và số 2O5/KH-UBND")]))
    assert n.text == "mẫu O/KH, biểu C06/BCA, Phòng A05/BCA và số 205/KH-UBND"


def test_an_ordinance_with_its_year_inside_is_typed_pl():
    [r] = refs_of(plan("Căn cứ Pháp lệnh Phòng, chống mại dâm số 10/2003/PL-UBTVQH11 ngày 14/3/2003 của Ủy ban Thường vụ Quốc hội, Ủy ban nhân dân tỉnh ban hành kế hoạch."))
    assert (r["type"], r["number"], r["year"]) == ("PL", "10", 2003)


def test_a_symbol_without_type_part_takes_the_kind_named_before_it():
    opening = "Theo đề nghị của Sở Tư pháp tại Tờ trình 512/STP-VP ngày 20/3/2023 và Công văn số 77/STP-VP ngày 21/3/2023;"
    got = by_number(refs_of(plan(opening)))
    assert got["512"]["type"] == "TTr"
    assert got["77"]["type"] == "CV"


def test_two_bodies_documents_of_one_type_and_number_stay_two():
    opening = "Thực hiện Kế hoạch số 12/KH-BCĐ ngày 10/01/2023 của Ban Chỉ đạo tỉnh;"
    body = "1. Triển khai Kế hoạch số 12/KH-UBND ngày 20/01/2023 của UBND tỉnh và Kế hoạch số 12/KH-BCĐ nêu trên."
    got = sorted(r["symbol"] for r in refs_of(plan(opening, body)))
    assert got == ["12/KH-BCĐ", "12/KH-UBND"]


def test_a_comma_after_so_still_leaves_the_symbol_and_its_date_readable():
    opening = "Căn cứ Chỉ thị số 47-CT/TW của Ban Bí thư;"
    body = "1. Quán triệt nội dung Chỉ thị số, 47-CT/TW ngày 25/6/2015 của Ban Bí thư."
    got = by_number(refs_of(plan(opening, body)))
    assert got["47"]["date"] == "2015-06-25"
