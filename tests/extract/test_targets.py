"""Targets (chỉ tiêu): figures the plan commits to, with comparator, unit and metric.

Every sentence here is composed for the test (other provinces, figures and phrasings than
the sample plans), including OCR damage without tone marks and figures that are not targets.
"""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.targets import extract_targets
from pipeline.model import Document, ReadResult, RawPage
from pipeline.normalize import normalize
from pipeline.structure import structure


def doc_of(text: str) -> Document:
    """A Document from plain text, through the real normaliser and structurer."""
    read = ReadResult(path="composed.txt", format="txt", pages=[RawPage(text)])
    return structure("test", "composed.txt", "txt", normalize(read))


def targets_of(text: str) -> list[dict]:
    return extract_targets(doc_of(text))


def one(text: str) -> dict:
    found = targets_of(text)
    assert len(found) == 1, found
    return found[0]


def test_bare_percentage_takes_the_words_after_it_as_metric():
    t = one("- Phấn đấu 100% xã, phường biên giới được tuyên truyền về phòng, chống mại dâm.")
    assert (t["value"], t["unit"], t["comparator"]) == (100, "%", "=")
    assert t["metric"].startswith("xã, phường biên giới được tuyên truyền")


def test_predicate_percentage_takes_the_subject_and_the_base():
    t = one("Tỷ lệ phát hiện, xử lý các vụ lao động trẻ em đạt trên 85% tổng số vụ được phản ánh.")
    assert (t["value"], t["comparator"]) == (85, ">")
    assert "Tỷ lệ phát hiện, xử lý các vụ lao động trẻ em" in t["metric"]
    assert "tổng số vụ được phản ánh" in t["metric"]


def test_an_item_marker_is_not_part_of_the_metric():
    t = one("b) Kiểm tra việc sử dụng lao động chưa thành niên tại các làng nghề, ít nhất 03 lần/năm.")
    assert (t["value"], t["comparator"]) == (3, ">=")
    assert t["metric"].startswith("Kiểm tra việc sử dụng lao động chưa thành niên")


def test_ocr_text_without_tone_marks_reads_the_same_comparator():
    t = one("Ty le giai quyet tin bao dat tren 85%.")
    assert (t["value"], t["comparator"]) == (85, ">")
    assert "Ty le giai quyet tin bao" in t["metric"]


def test_comparator_words_map_to_the_contract_symbols():
    cases = {
        "ít nhất 70%": ">=", "tối thiểu 70%": ">=", "không dưới 70%": ">=", "không thấp hơn 70%": ">=",
        "dưới 70%": "<", "tối đa 70%": "<=", "không quá 70%": "<=", "không vượt quá 70%": "<=",
        "hơn 70%": ">", "70% trở lên": ">=",
    }
    for phrase, comparator in cases.items():
        t = one(f"Tỷ lệ hộ gia đình ký cam kết đạt {phrase}.")
        assert (t["value"], t["comparator"]) == (70, comparator), phrase


def test_two_figures_in_one_sentence_are_two_targets_each_with_its_own_metric():
    found = targets_of(
        "Bảo đảm 100% tin báo về tội phạm mại dâm được tiếp nhận, phân loại, tỷ lệ xử lý đạt trên 92%."
    )
    assert [(t["value"], t["comparator"]) for t in found] == [(100, "="), (92, ">")]
    assert "tin báo về tội phạm mại dâm được tiếp nhận" in found[0]["metric"]
    assert "tỷ lệ xử lý" not in found[0]["metric"]
    assert found[1]["metric"].lower().startswith("tỷ lệ xử lý")


def test_ratio_before_figure_without_verb_is_its_subject():
    t = one("Tỷ lệ tái phạm dưới 1% trong năm 2026.")
    assert (t["value"], t["comparator"]) == (1, "<")
    assert t["metric"].startswith("Tỷ lệ tái phạm")


def test_decimal_comma_and_spaced_percent_sign():
    t = one("Phấn đấu 99,5 % trẻ em có nguy cơ được quản lý, hỗ trợ kịp thời.")
    assert t["value"] == 99.5 and t["unit"] == "%"


def test_count_per_year_with_comparator_is_a_target():
    t = one("Mỗi huyện tổ chức kiểm tra liên ngành các cơ sở kinh doanh dịch vụ ít nhất 02 lần/năm.")
    assert (t["value"], t["unit"], t["comparator"]) == (2, "lần/năm", ">=")
    assert "kiểm tra liên ngành" in t["metric"]


def test_count_under_a_chi_tieu_heading_is_a_target_but_not_in_a_task():
    plan = (
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "2. Chỉ tiêu\n"
        "- Tổ chức 03 hội nghị tập huấn cho cán bộ cơ sở.\n"
        "II. NHIỆM VỤ\n"
        "1. Công tác truyền thông\n"
        "- Tổ chức 02 hội nghị triển khai kế hoạch.\n"
    )
    found = targets_of(plan)
    assert [(t["value"], t["unit"]) for t in found] == [(3, "hội nghị")]


def test_past_results_and_year_on_year_changes_are_not_targets():
    text = (
        "Năm 2025, tỷ lệ giải quyết tin báo đã đạt 93%.\n"
        "Số vụ phát hiện tăng 12% so với cùng kỳ năm trước.\n"
    )
    assert targets_of(text) == []


def test_dates_document_numbers_and_days_are_not_targets():
    text = (
        "Căn cứ Quyết định số 1520/QĐ-UBND ngày 30/7/2025 và Điều 5 Nghị định 30/2020/NĐ-CP,\n"
        "tổ chức hưởng ứng Ngày toàn dân phòng, chống mua bán người 30/7 với kinh phí 250 triệu đồng.\n"
    )
    assert targets_of(text) == []


def test_the_same_target_stated_twice_is_one_entry_with_two_spans():
    text = (
        "I. MỤC TIÊU\n- Bảo đảm 100% nạn nhân được tiếp nhận, hỗ trợ kịp thời.\n"
        "II. NHIỆM VỤ\n- Sở Y tế bảo đảm 100% nạn nhân được tiếp nhận, hỗ trợ kịp thời.\n"
    )
    found = targets_of(text)
    assert len(found) == 1
    assert len(found[0]["spans"]) == 2


def test_spans_cover_the_figure_in_the_text():
    text = "Phấn đấu giảm ít nhất 15% số vụ mua bán người so với năm 2025."
    d = doc_of(text)
    t = extract_targets(d)[0]
    s = t["spans"][0]
    assert "15%" in d.text[s["start"] : s["end"]]
    assert (t["value"], t["comparator"]) == (15, ">=")
    assert "số vụ mua bán người" in t["metric"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_never_raises_on_arbitrary_unicode(text):
    extract_targets(doc_of(text))


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="0123456789/%.,- tráênđạt", max_size=3000))
def test_never_raises_on_figure_like_noise(text):
    extract_targets(doc_of(text))


@pytest.mark.slow
def test_bounded_time_on_a_megabyte_of_digits_and_slashes():
    blobs = [
        "1/" * 500_000,
        "9" * 1_000_000,
        ("12/3/" * 10_000 + "%") * 20,
        ("trên 90% " + "(" * 50 + "tỷ lệ " * 20 + ")" * 50) * 2000,
        "Tỷ lệ " + "a, " * 300_000 + "đạt 90%",
    ]
    for blob in blobs:
        d = doc_of(blob)
        t0 = time.perf_counter()
        extract_targets(d)
        assert time.perf_counter() - t0 < 10, blob[:20]


def test_count_after_a_percentage_measures_the_same_words():
    found = targets_of("- 100% cơ sở kinh doanh dịch vụ nhạy cảm được kiểm tra ít nhất 01 lần/năm.")
    assert [(t["value"], t["unit"], t["comparator"]) for t in found] == [(100, "%", "="), (1, "lần/năm", ">=")]
    assert "cơ sở kinh doanh dịch vụ nhạy cảm được kiểm tra" in found[0]["metric"]
    assert "kiểm tra" in found[1]["metric"]


def test_result_of_an_earlier_year_in_a_news_item_is_not_a_target():
    text = "KẾ HOẠCH\nPhòng, chống tội phạm năm 2026\n\nNăm 2025, tỷ lệ điều tra khám phá án đạt 91,5%.\n"
    assert targets_of(text) == []


def test_horizon_year_does_not_make_a_target_past():
    text = "KẾ HOẠCH\nPhòng, chống lao động trẻ em năm 2026\n\nĐến năm 2030, 90% trẻ em có nguy cơ được hỗ trợ.\n"
    t = one(text)
    assert t["value"] == 90


def test_metric_reads_across_a_printed_line_break():
    t = one("- Phấn đấu 85% nạn nhân bị mua bán trở về được\nhỗ trợ học nghề, tạo việc làm.")
    assert "hỗ trợ học nghề" in t["metric"]


def test_lowering_a_ratio_below_a_figure():
    t = one("Giảm tỷ lệ lao động trẻ em trong độ tuổi từ 5 đến 17 xuống dưới 4,5%.")
    assert (t["value"], t["comparator"]) == (4.5, "<")
    assert t["metric"].startswith("tỷ lệ lao động trẻ em")
    assert "xuống" not in t["metric"]


def test_funding_shares_are_not_targets():
    assert targets_of("Kinh phí thực hiện: ngân sách tỉnh bảo đảm 70%, ngân sách huyện 30%.") == []


def test_short_words_keep_their_marks_so_similar_words_do_not_trigger_rules():
    # "đa dạng" is not the past marker "đã"; "dễ" does not cut the metric like "để";
    # "cơ sở" is not the leading "có"
    t = one("Đa dạng hóa hình thức, bảo đảm 80% cơ sở dễ bị lợi dụng được kiểm tra.")
    assert t["value"] == 80
    assert t["metric"].startswith("cơ sở dễ bị lợi dụng được kiểm tra")


def test_a_share_of_victims_in_a_news_item_is_not_a_target():
    assert targets_of("Trong số nạn nhân được giải cứu, phụ nữ và trẻ em chiếm 82%.") == []


def test_results_of_last_year_across_semicolons_are_not_targets_but_this_years_are():
    text = (
        "KẾ HOẠCH\nPhòng, chống lao động trẻ em năm 2026\n\n"
        "Năm 2025, toàn tỉnh phát hiện 41 trường hợp, giảm 9% so với năm 2024; 97% trẻ em có nguy cơ được hỗ trợ.\n"
        "Năm 2026, tỉnh phấn đấu 100% xã có cộng tác viên; tối thiểu 85% trẻ em bị xâm hại được can thiệp.\n"
    )
    assert [(t["value"], t["comparator"]) for t in targets_of(text)] == [(100, "="), (85, ">=")]


def _probe_targets(body: str) -> list[tuple]:
    """(comparator, value, unit) of the targets of a composed 2026 plan around ``body``."""
    from pipeline.extract.targets import extract_targets
    from pipeline.model import RawPage, ReadResult
    from pipeline.normalize import normalize
    from pipeline.structure import structure

    text = ("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 21/KH-UBND\nSơn La, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
            "Phòng, chống mại dâm năm 2026\n\n" + body)
    doc = structure("t", "t.txt", "txt", normalize(ReadResult(path="t.txt", format="txt", pages=[RawPage(text)])))
    return [(t["comparator"], t["value"], t["unit"]) for t in extract_targets(doc)]


def test_a_baseline_year_does_not_make_later_figures_past_results():
    body = "I. MỤC TIÊU\n1. Giảm ít nhất 8% số cơ sở vi phạm so với năm 2025; bảo đảm 100% cơ sở kinh doanh dịch vụ nhạy cảm được kiểm tra.\n"
    assert _probe_targets(body) == [(">=", 8, "%"), ("=", 100, "%")]


def test_sign_comparators_read_like_words():
    body = "I. CHỈ TIÊU\n1. Tỷ lệ cơ sở được kiểm tra ≥ 90%; tỷ lệ tái vi phạm ≤5%.\n"
    assert _probe_targets(body) == [(">=", 90, "%"), ("<=", 5, "%")]


def test_a_count_with_thousands_separator_is_one_number():
    body = "I. CHỈ TIÊU\n1. Phát hành tối thiểu 12.500 tờ rơi tại các bản vùng cao.\n"
    assert _probe_targets(body) == [(">=", 12500, "tờ rơi")]


def test_figures_in_a_report_outline_are_not_targets():
    body = ("I. MỤC TIÊU\n1. Bảo đảm 100% cơ sở được kiểm tra.\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLò Minh Hùng\n\n"
            "ĐỀ CƯƠNG BÁO CÁO\n1. Kết quả thực hiện các chỉ tiêu: tỷ lệ cơ sở được kiểm tra (năm 2025 đạt 87%).\n"
            "2. Đánh giá chỉ tiêu 95% hộ kinh doanh ký cam kết.\n")
    assert _probe_targets(body) == [("=", 100, "%")]


# --- a figure whose own sentence only says when: the measure is in the heading or lead-in ---

def test_metric_comes_from_the_heading_when_the_item_only_names_a_year():
    text = (
        "II. MỤC TIÊU\n1. Tỷ lệ người lao động trẻ em được phát hiện và can thiệp\n"
        "- Phấn đấu đến năm 2027: đạt 95%.\n"
    )
    t = one(text)
    assert (t["value"], t["comparator"]) == (95, "=")
    assert t["metric"] == "Tỷ lệ người lao động trẻ em được phát hiện và can thiệp"


def test_metric_comes_from_the_lead_in_line_of_a_list_of_years():
    text = (
        "II. CHỈ TIÊU\nTỷ lệ cơ sở kinh doanh dịch vụ nhạy cảm được kiểm tra:\n"
        "- Đến hết năm 2026: trên 65%;\n- Giai đoạn 2027-2030: không dưới 80%.\n"
    )
    found = {(t["value"], t["comparator"]): t["metric"] for t in targets_of(text)}
    assert found == {(65, ">"): "Tỷ lệ cơ sở kinh doanh dịch vụ nhạy cảm được kiểm tra",
                     (80, ">="): "Tỷ lệ cơ sở kinh doanh dịch vụ nhạy cảm được kiểm tra"}


def test_time_phrase_after_the_subject_is_not_part_of_the_metric():
    t = one("II. CHỈ TIÊU\nTỷ lệ thôn, tổ dân phố không có tệ nạn ma túy: phấn đấu đến năm 2028 đạt 60%.")
    assert t["metric"] == "Tỷ lệ thôn, tổ dân phố không có tệ nạn ma túy"


def test_ocr_time_phrase_without_marks_also_takes_the_heading():
    text = "II. MUC TIEU\n1. Ty le nan nhan duoc tiep nhan, ho tro\n- Phan dau den nam 2026: dat tren 90%.\n"
    t = one(text)
    assert t["metric"] == "Ty le nan nhan duoc tiep nhan, ho tro"


def test_a_heading_that_only_says_objectives_gives_no_metric():
    t = one("2. Mục tiêu cụ thể\n- Phấn đấu đến năm 2026 đạt 100%.")
    assert "Mục tiêu" not in t["metric"]


def test_a_sentence_with_its_own_measure_keeps_it_under_a_named_heading():
    text = "II. MỤC TIÊU\n1. Công tác hỗ trợ nạn nhân\n- Phấn đấu 100% nạn nhân được tiếp nhận được hỗ trợ ban đầu.\n"
    t = one(text)
    assert t["metric"].startswith("nạn nhân được tiếp nhận")


# --- targets laid out as a table ---

def _plan_with(table: str, year: int = 2025) -> str:
    return (
        f"ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 33/KH-UBND\nKon Tum, ngày 10 tháng 2 năm {year}\n\n"
        f"KẾ HOẠCH\nPhòng, chống tệ nạn xã hội giai đoạn {year}-{year + 1}\n\n" + table
    )


def _found(text: str) -> set[tuple]:
    return {(t["value"], t["unit"], t["comparator"], t["metric"]) for t in targets_of(text)}


def test_each_year_column_of_a_pipe_table_is_one_target_with_the_row_measure():
    table = (
        "II. CHỈ TIÊU\n| STT | Chỉ tiêu | Năm 2025 | Năm 2026 |\n|---|---|---|---|\n"
        "| 1 | Tỷ lệ người sau cai được quản lý | 75% | 85% |\n"
        "| 2 | Tỷ lệ cơ sở lưu trú được kiểm tra | trên 60% | trên 70% |\n"
    )
    assert _found(_plan_with(table)) == {
        (75, "%", "=", "Tỷ lệ người sau cai được quản lý"), (85, "%", "=", "Tỷ lệ người sau cai được quản lý"),
        (60, "%", ">", "Tỷ lệ cơ sở lưu trú được kiểm tra"), (70, "%", ">", "Tỷ lệ cơ sở lưu trú được kiểm tra"),
    }


def test_unit_from_the_column_header_and_a_sign_comparator():
    table = "PHỤ LỤC\n| Nội dung | Chỉ tiêu (%) |\n| Tỷ lệ thôn có tổ tự quản | 55 |\n| Tỷ lệ giáo viên được tập huấn | ≥ 90 |\n"
    assert _found(_plan_with(table)) == {
        (55, "%", "=", "Tỷ lệ thôn có tổ tự quản"), (90, "%", ">=", "Tỷ lệ giáo viên được tập huấn"),
    }


def test_unit_column_and_results_column_of_a_tab_table():
    table = (
        "PHỤ LỤC\nTT\tNội dung\tĐVT\tKết quả năm 2024\tChỉ tiêu năm 2025\n"
        "1\tSố buổi nói chuyện chuyên đề tại trường học\tbuổi\t35\t45\n"
        "2\tNgười lao động được tư vấn\tlượt người\t900\tít nhất 1.500\n"
    )
    assert _found(_plan_with(table)) == {
        (45, "buổi", "=", "Số buổi nói chuyện chuyên đề tại trường học"),
        (1500, "lượt người", ">=", "Người lao động được tư vấn"),
    }


def test_a_column_of_a_year_before_the_plan_reports_the_past():
    table = "II. CHỈ TIÊU\n| Chỉ tiêu | Năm 2024 | Năm 2026 |\n| Tỷ lệ vụ việc được xác minh | 80% | 92% |\n"
    assert _found(_plan_with(table, 2026)) == {(92, "%", "=", "Tỷ lệ vụ việc được xác minh")}


def test_a_count_without_any_unit_is_not_read():
    table = "II. CHỈ TIÊU\n| Chỉ tiêu | Năm 2025 |\n| Tập huấn cán bộ cơ sở | 12 |\n"
    assert _found(_plan_with(table)) == set()


def test_an_assignment_table_is_not_a_table_of_targets():
    table = (
        "PHỤ LỤC\n| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
        "| 1 | Tổ chức 05 lớp tập huấn | Sở Tư pháp | Công an tỉnh | Quý III/2025 |\n"
    )
    assert all(t["metric"] != "Tổ chức" for t in targets_of(_plan_with(table)))
    assert not any(t["value"] == 2025 for t in targets_of(_plan_with(table)))


def test_a_target_compared_with_the_same_period_is_still_a_target_when_the_plan_strives_for_it():
    t = one("- Phấn đấu kéo giảm 6,5% số vụ phạm tội về mại dâm so với cùng kỳ năm 2025.")
    assert (t["value"], t["unit"], t["comparator"]) == (6.5, "%", "=")
    assert t["metric"].startswith("kéo giảm số vụ phạm tội về mại dâm")


def test_a_result_compared_with_the_same_period_is_not_a_target():
    assert targets_of("Năm 2025, số vụ phạm tội về ma túy giảm 14% so với cùng kỳ.") == []
    assert targets_of("- Giảm 7% số người nghiện so với cùng kỳ.") == []


def test_a_series_of_years_shares_the_measure_named_once():
    text = "II. CHỈ TIÊU\n1. Tỷ lệ thôn, bản có tổ tự quản: năm 2026 đạt 60%; năm 2028 đạt 75%.\n"
    got = sorted((t["value"], t["metric"]) for t in targets_of(text))
    assert got == [(60, "Tỷ lệ thôn, bản có tổ tự quản"), (75, "Tỷ lệ thôn, bản có tổ tự quản")]


def test_a_count_of_text_messages_is_a_target():
    [t] = targets_of("- Gửi tối thiểu 200.000 tin nhắn cảnh báo về thủ đoạn lừa đảo đến thuê bao di động.")
    assert (t["value"], t["unit"], t["comparator"]) == (200000, "tin nhắn", ">=")


# --- real layouts: run-on crawled text, ranges, bounds the plan forbids crossing ---

PLAN_2024 = "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSố: 12/KH-UBND\nHà Giang, ngày 05 tháng 02 năm 2024\nKẾ HOẠCH\nPhòng cháy, chữa cháy năm 2024\n"


def test_a_range_with_den_is_a_floor_and_a_ceiling_of_one_measure():
    found = targets_of("I. MỤC TIÊU 1. Kéo giảm từ 3% đến 7% so với năm 2023 về số vụ cháy, số người thiệt mạng do cháy nổ. 2. Tăng cường ...")
    got = {(t["value"], t["unit"], t["comparator"]) for t in found}
    assert got == {(3, "%", ">="), (7, "%", "<=")}
    assert all("số vụ cháy" in t["metric"] for t in found)


def test_a_dashed_range_before_the_percent_sign_is_two_bounds():
    found = targets_of("2. Giảm đuối nước ở trẻ em từ 4-8% số vụ, số trẻ tử vong so với năm 2022; 3. Nâng cao ...")
    got = {(t["value"], t["comparator"]) for t in found}
    assert got == {(4, ">="), (8, "<=")}
    assert all("số vụ" in t["metric"] for t in found)


def test_a_past_year_that_picks_out_who_is_bound_does_not_make_the_figure_past():
    found = targets_of(PLAN_2024 + "2. Các huyện có số vụ cháy năm 2020 tăng phải giảm tối thiểu 12% số vụ cháy.")
    assert [(t["value"], t["comparator"]) for t in found] == [(12, ">=")]


def test_a_past_year_alone_still_reports_the_past():
    assert targets_of(PLAN_2024 + "Năm 2020, toàn tỉnh giảm 12% số vụ cháy so với năm 2019.") == []


def test_a_bound_the_plan_forbids_crossing_is_an_upper_bound():
    t = one("3. Không để xảy ra tình trạng xe chờ qua phà kéo dài trên 45 phút tại các bến.")
    assert (t["value"], t["unit"], t["comparator"]) == (45, "phút", "<=")


def test_a_minimum_binds_a_figure_of_any_unit():
    t = one("c) Mỗi điểm trường bố trí sân chơi có diện tích tối thiểu 120 m² cho học sinh.")
    assert (t["value"], t["unit"], t["comparator"]) == (120, "m²", ">=")
    t = one("- Mỗi trạm y tế xã lấy ít nhất 04 mẫu nước sinh hoạt mỗi quý để kiểm nghiệm.")
    assert (t["value"], t["unit"], t["comparator"]) == (4, "mẫu", ">=")


def test_a_minimum_before_a_date_or_grammar_word_is_not_a_figure():
    found = targets_of("Các thôn tổ chức họp dân ít nhất 2 tháng một lần; mỗi lần mời tối thiểu 1 và tối đa 2 cán bộ xã.")
    assert all(t["unit"] not in ("tháng", "và") for t in found), found


def test_a_bare_baseline_after_a_figure_leaves_the_measure_before_it():
    t = one("- Giảm tỷ lệ đuối nước ở trẻ em dưới 16 tuổi 8% so với năm 2022.")
    assert "đuối nước" in t["metric"]


def test_count_of_the_items_listed_next_is_no_target():
    text = ("KẾ HOẠCH\nPhòng chống đuối nước\nII. MỤC TIÊU, NHIỆM VỤ Để đạt được mục tiêu trên, các phòng, ban cần "
            "tập trung thực hiện tốt 06 nhóm\nnhiệm vụ chủ yếu sau: 1. Tuyên truyền cho học sinh. 2. Mở lớp dạy bơi.")
    assert targets_of(text) == []


def test_count_with_a_colon_that_does_not_announce_a_list_is_still_a_target():
    text = "KẾ HOẠCH\nPhòng chống đuối nước\nII. MỤC TIÊU Phấn đấu xây dựng 05 mô hình: mỗi xã một mô hình."
    assert [(t["value"], t["unit"]) for t in targets_of(text)] == [(5, "mô hình")]


def test_a_share_after_a_past_count_in_one_sentence_is_part_of_the_account():
    text = ("KẾ HOẠCH\nPhòng chống mua bán người\nTrong năm qua, lực lượng chức năng đã phát hiện 05 vụ, giải cứu "
            "12 nạn nhân; 75% số nạn nhân là lao động nữ.\n\nII. MỤC TIÊU\n- Phấn đấu 100% nạn nhân được hỗ trợ.")
    assert [(t["value"], t["unit"]) for t in targets_of(text)] == [(100, "%")]


def test_a_share_after_a_target_with_a_relative_past_word_stays_a_target():
    text = ("KẾ HOẠCH\nPhòng chống mua bán người\nII. MỤC TIÊU\n- 100% các trường hợp đã tiếp nhận được xác minh; "
            "100% nạn nhân có nhu cầu được bảo vệ an toàn.")
    assert len(targets_of(text)) == 2


def test_a_count_whose_list_names_another_noun_is_still_a_target():
    text = ("KẾ HOẠCH\nPhòng chống đuối nước\nII. MỤC TIÊU Phấn đấu tổ chức 05 lớp tập huấn cho các đối tượng sau: "
            "giáo viên, cha mẹ học sinh.")
    assert [(t["value"], t["unit"]) for t in targets_of(text)] == [(5, "lớp")]
