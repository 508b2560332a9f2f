"""Deadlines: due dates, periods and reporting cycles that bind someone.

Every plan text here is composed for the test (other provinces, dates and phrasings than
the sample plans), with OCR-damaged variants and dates that are not deadlines.
"""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.deadlines import deadline_of_cell, extract_deadlines
from pipeline.model import Document, RawPage, ReadResult
from pipeline.normalize import normalize
from pipeline.structure import structure


def doc_of(body: str, date_line: str | None = "Lạng Sơn, ngày 14 tháng 3 năm 2026", title: str = "Phòng, chống mại dâm năm 2026") -> Document:
    """A plan with a header (so it has an issue date) around ``body``, structured for real."""
    head = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 58/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    text = head + (date_line + "\n" if date_line else "") + f"\nKẾ HOẠCH\n{title}\n\n" + body
    read = ReadResult(path="composed.txt", format="txt", pages=[RawPage(text)])
    return structure("test", "composed.txt", "txt", normalize(read))


def keys(body: str, **kw) -> list[tuple]:
    out = []
    for d in extract_deadlines(doc_of(body, **kw)):
        if d["kind"] == "due":
            out.append(("due", d["date"]))
        elif d["kind"] == "period":
            out.append(("period", d["start"], d["end"]))
        else:
            out.append(("recurring", tuple(sorted(d["when"]))))
    return out


def test_issue_date_is_not_a_deadline():
    assert keys("I. MỤC ĐÍCH\n1. Nâng cao nhận thức của người dân.\n") == []


def test_due_before_a_day():
    assert keys("Các sở, ngành gửi báo cáo về Sở Lao động - Thương binh và Xã hội trước ngày 20/11/2026.") == [
        ("due", "2026-11-20")
    ]


def test_ocr_text_without_tone_marks_gives_the_same_due_date():
    assert keys("Cac so, nganh gui bao cao ve So Tu phap truoc ngay 20/11/2026.") == [("due", "2026-11-20")]


def test_latest_date_in_words():
    assert keys("Công an tỉnh tổng hợp, báo cáo chậm nhất ngày 05 tháng 12 năm 2026.") == [("due", "2026-12-05")]


def test_due_month_is_its_last_day_and_quarter_its_last_day():
    assert keys("Sở Tư pháp hoàn thành trong tháng 9/2026 việc rà soát văn bản.") == [("due", "2026-09-30")]
    assert keys("Sở Y tế hoàn thành khảo sát trong quý II/2026.") == [("due", "2026-06-30")]


def test_due_without_year_takes_the_issue_year():
    assert keys("Ủy ban nhân dân các xã gửi kế hoạch trước ngày 15/4.") == [("due", "2026-04-15")]


def test_due_without_year_in_a_plan_without_issue_date_takes_the_title_year():
    got = keys("Các đơn vị báo cáo trước ngày 30/6.", date_line=None, title="Phòng, chống lao động trẻ em năm 2027")
    assert got == [("due", "2027-06-30")]


def test_period_from_day_to_day():
    assert keys("Mở đợt cao điểm trấn áp tội phạm từ ngày 15/5/2026 đến hết ngày 15/8/2026.") == [
        ("period", "2026-05-15", "2026-08-15")
    ]


def test_period_in_words_and_without_start_year():
    assert keys("Tổ chức tháng hành động (từ ngày 01 tháng 6 đến ngày 30 tháng 6 năm 2026).") == [
        ("period", "2026-06-01", "2026-06-30")
    ]


def test_period_of_months_covers_whole_months():
    assert keys("Thời gian thực hiện: từ tháng 4 đến tháng 10/2026.") == [("period", "2026-04-01", "2026-10-31")]


def test_range_of_statistics_to_report_is_a_period_even_when_it_starts_in_the_past():
    assert keys("Số liệu báo cáo tính từ ngày 01/10/2025 đến ngày 30/9/2026.") == [
        ("period", "2025-10-01", "2026-09-30")
    ]


def test_same_period_stated_twice_is_one_entry_with_two_spans():
    body = (
        "1. Công an tỉnh chủ trì đợt cao điểm từ ngày 01/7/2026 đến ngày 31/8/2026.\n"
        "2. Bộ Chỉ huy Bộ đội Biên phòng tỉnh phối hợp trong đợt cao điểm (từ ngày 01/7/2026 đến ngày 31/8/2026).\n"
    )
    found = extract_deadlines(doc_of(body))
    assert len(found) == 1 and found[0]["kind"] == "period"
    assert len(found[0]["spans"]) == 2


def test_reporting_cycle_with_dates_lists_every_month_day():
    body = "Định kỳ 6 tháng (trước ngày 12/6) và hằng năm (trước ngày 12/12), các sở, ngành báo cáo về Sở Nội vụ."
    assert keys(body) == [("recurring", ("06-12", "12-12"))]


def test_reporting_cycle_without_dates_has_empty_when():
    body = "- Các huyện thực hiện chế độ báo cáo định kỳ (hằng tháng, quý, năm) về Ban Chỉ đạo tỉnh."
    assert keys(body) == [("recurring", ())]


def test_reporting_cycle_dates_are_not_also_due_dates():
    body = "Hằng quý, trước ngày 25 của tháng cuối quý và trước ngày 20/12, các xã gửi báo cáo về huyện."
    got = keys(body)
    assert ("due", "2026-12-20") not in got
    assert got == [("recurring", ("03-25", "06-25", "09-25", "12-20", "12-25"))]


def test_reviews_and_meetings_with_a_cycle_but_no_dates_are_not_deadlines():
    body = (
        "- Tổ chức sơ kết 06 tháng và tổng kết 01 năm thực hiện kế hoạch.\n"
        "- Duy trì giao ban định kỳ hằng tháng giữa các lực lượng.\n"
        "- Thường trực Ban Chỉ đạo định kỳ tổng hợp tình hình, báo cáo theo quy định.\n"
    )
    assert keys(body) == []


def test_date_of_a_cited_document_is_not_a_deadline():
    body = (
        "Căn cứ Quyết định số 1120/QĐ-UBND ngày 18/8/2025 của UBND tỉnh và Kế hoạch số 33/KH-BCĐ "
        "(ngày 02/01/2026), Ủy ban nhân dân tỉnh ban hành Kế hoạch.\n"
    )
    assert keys(body) == []


def test_past_event_is_not_a_deadline():
    body = "Ngày 10/01/2026, Ủy ban nhân dân tỉnh đã ban hành văn bản chỉ đạo; trước ngày 05/02/2026 các huyện đã hoàn thành kiện toàn."
    assert keys(body) == []


def test_commemorative_day_is_not_a_deadline():
    body = "Tổ chức hưởng ứng Ngày toàn dân phòng, chống mua bán người 30/7 và Ngày thế giới 30 tháng 7."
    assert keys(body) == []


def test_time_cell_of_an_assignment_table_is_a_due_date():
    body = "| STT | Nội dung | Chủ trì | Thời gian |\n| 1 | Tập huấn cán bộ cơ sở | Sở Tư pháp | Tháng 8/2026 |\n"
    assert keys(body) == [("due", "2026-08-31")]


def test_agency_is_the_body_that_must_report_not_the_receiver():
    body = "Sở Giáo dục và Đào tạo gửi báo cáo về Ủy ban nhân dân tỉnh (qua Công an tỉnh) trước ngày 10/12/2026."
    (d,) = extract_deadlines(doc_of(body))
    assert d["agency"] != "cong_an_tinh" and d["agency"] != "ubnd_tinh"
    assert "trước ngày 10/12/2026" in d["what"]


def test_spans_point_at_the_date_words():
    doc = doc_of("Các xã gửi danh sách chậm nhất ngày 03/4/2026.")
    (d,) = extract_deadlines(doc)
    s = d["spans"][0]
    assert doc.text[s["start"] : s["end"]] == "ngày 03/4/2026"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_never_raises_on_arbitrary_unicode(text):
    extract_deadlines(doc_of(text))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0123456789/-.() |tđếnrướcgàyháquýIVđịnhkỳhằngbáocáo", max_size=3000))
def test_never_raises_on_date_like_noise(text):
    extract_deadlines(doc_of(text))


@pytest.mark.slow
def test_bounded_time_on_a_megabyte_of_digits_slashes_and_cues():
    blobs = [
        "1/" * 500_000,
        "9" * 1_000_000,
        "trước ngày 1/2 và " * 50_000,
        "từ ngày 1/2 đến 3/4 " * 50_000,
        "định kỳ hằng quý báo cáo " * 40_000,
        "| tháng 7/2026 |" * 60_000,
        "(" * 200_000 + "số 12/KH-UBND ngày 1/2/2026 " * 20_000 + ")" * 200_000,
    ]
    for blob in blobs:
        d = doc_of(blob)
        t0 = time.perf_counter()
        extract_deadlines(d)
        assert time.perf_counter() - t0 < 20, blob[:20]


def test_reports_named_by_their_cycle_with_dates_are_recurring():
    body = "Các huyện gửi báo cáo 6 tháng (trước ngày 18/6) và báo cáo năm (trước ngày 18/12) về Sở Nội vụ."
    assert keys(body) == [("recurring", ("06-18", "12-18"))]


def test_yearly_date_after_the_cycle_word():
    body = "Công an các huyện gửi báo cáo trước ngày 15 tháng 11 hằng năm."
    assert keys(body) == [("recurring", ("11-15",))]


def test_a_report_of_one_year_is_not_a_cycle():
    body = "Sở Tư pháp xây dựng báo cáo năm 2026 gửi Ủy ban nhân dân tỉnh trước ngày 25/12/2026."
    assert keys(body) == [("due", "2026-12-25")]


def test_period_with_dash_between_days():
    assert keys("Tổ chức chiến dịch truyền thông từ ngày 01/7 - 31/7/2026 tại các xã biên giới.") == [
        ("period", "2026-07-01", "2026-07-31")
    ]


def test_late_year_plan_due_in_january_falls_in_the_next_year():
    got = keys("Các xã gửi báo cáo trước ngày 10/01.", date_line="Lạng Sơn, ngày 02 tháng 12 năm 2026")
    assert got == [("due", "2027-01-10")]


def test_cue_and_date_split_by_a_printed_line_break():
    body = "- Các phòng, ban chuyên môn gửi kết quả về Văn phòng Ủy ban nhân dân tỉnh trước\nngày 12/10/2026 để tổng hợp.\n"
    assert keys(body) == [("due", "2026-10-12")]


def test_period_spread_over_wrapped_ocr_lines_without_tone_marks():
    body = "Mo dot cao diem tan cong toi pham tu ngay\n01/7/2026 den het ngay 30/9/2026 tren dia ban tinh.\n"
    assert keys(body) == [("period", "2026-07-01", "2026-09-30")]


def test_a_half_year_report_of_one_year_is_a_due_date_not_a_cycle():
    body = "Các sở gửi báo cáo 6 tháng đầu năm 2026 về Công an tỉnh trước ngày 12/6/2026."
    assert keys(body) == [("due", "2026-06-12")]


def test_the_plan_year_as_time_of_a_task_is_not_a_due_date_but_finishing_within_it_is():
    assert keys("- Tuyên truyền tại các trường học. Thời gian thực hiện: năm 2026.") == []
    assert keys("- Sở Nội vụ hoàn thành việc rà soát trong năm 2026.") == [("due", "2026-12-31")]


def test_a_cycle_word_is_not_the_signing_of_a_cited_document():
    # "định kỳ" folds to the same letters as "ký" (signed); a due date after it still counts
    assert keys("Các xã gửi báo cáo định kỳ trước ngày 20/5/2026.") == [("due", "2026-05-20")]


def test_carrying_out_until_a_day_is_a_due_date():
    assert keys("Chiến dịch thực hiện đến hết ngày 31/10/2026.") == [("due", "2026-10-31")]


def test_agency_from_the_assignment_line_after_a_run_of_items():
    body = (
        "II. NHIỆM VỤ\n"
        "3. Công tác đấu tranh phòng, chống tội phạm\n"
        "(1) Tăng cường nắm tình hình tại các địa bàn trọng điểm.\n"
        "(2) Mở đợt cao điểm từ ngày 01/5/2026 đến ngày 31/7/2026.\n"
        "(Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh thực hiện)\n"
        "4. Công tác hỗ trợ nạn nhân\n"
    )
    (d,) = extract_deadlines(doc_of(body))
    assert d["kind"] == "period"
    assert d["agency"] == "cong_an_tinh"


def test_from_now_until_a_day_is_a_due_date():
    assert keys("Từ nay đến hết ngày 30/9/2026, các xã rà soát, lập danh sách trẻ em có nguy cơ.") == [
        ("due", "2026-09-30")
    ]


def test_a_table_rows_deadline_belongs_to_the_lead_cell_not_the_last_supporter():
    body = ("PHỤ LỤC\n| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |\n"
            "| 1 | Rà soát cơ sở lưu trú | Sở Văn hóa, Thể thao và Du lịch | Công an tỉnh; Sở Y tế | Quý III/2026 |\n")
    facts = extract_deadlines(doc_of(body))
    assert [(f["kind"], f["date"], f["agency"]) for f in facts] == [("due", "2026-09-30", "so_van_hoa")]


def test_an_hour_between_the_cue_and_the_date_keeps_the_due_date():
    body = "Các xã gửi báo cáo về Công an tỉnh trước 16 giờ 30 ngày 22/10/2026; bản mềm gửi chậm nhất 9h ngày 24/10/2026.\n"
    assert keys(body) == [("due", "2026-10-22"), ("due", "2026-10-24")]


def test_a_deadline_named_as_a_noun_takes_the_date_after_la():
    body = "Thời hạn nộp hồ sơ đề nghị khen thưởng về Sở Nội vụ là ngày 12/11/2026.\n"
    assert keys(body) == [("due", "2026-11-12")]


def test_a_period_from_the_signing_day_starts_on_the_plan_date():
    body = "Thời gian thực hiện: kể từ ngày ký đến hết ngày 30/11/2026.\n"
    assert keys(body) == [("period", "2026-03-14", "2026-11-30")]


def test_from_the_signing_day_without_a_plan_date_is_no_period():
    assert ("period", None, "2026-11-30") not in keys("Thực hiện từ ngày ký đến hết ngày 30/11/2026.\n", date_line=None)


def test_a_period_told_as_start_and_end_is_one_period():
    body = "Đợt kiểm tra bắt đầu từ ngày 02/6/2026 và kết thúc vào ngày 28/8/2026.\n"
    assert keys(body) == [("period", "2026-06-02", "2026-08-28")]


def test_a_parenthesis_after_the_first_end_does_not_break_the_period():
    body = "Số liệu thống kê từ ngày 01/7/2025 (ngày chính quyền hai cấp vận hành) đến ngày 31/5/2026.\n"
    assert keys(body) == [("period", "2025-07-01", "2026-05-31")]


# --- lists of dates that print the year once, on their last item ---

def test_two_quarters_sharing_one_year_give_two_due_dates_in_that_year():
    body = "Sở Văn hóa, Thể thao và Du lịch hoàn thành khảo sát trong Quý II và Quý III/2027."
    assert keys(body) == [("due", "2027-06-30"), ("due", "2027-09-30")]


def test_two_months_sharing_one_year_give_two_month_ends():
    body = "Ủy ban nhân dân các phường hoàn thành rà soát trong tháng 5 và tháng 11/2025."
    assert keys(body) == [("due", "2025-05-31"), ("due", "2025-11-30")]


def test_comma_list_of_quarters_with_year_in_words():
    body = "Tổ chức kiểm tra liên ngành, hoàn thành trong quý I, quý IV năm 2027."
    assert keys(body) == [("due", "2027-03-31"), ("due", "2027-12-31")]


def test_each_item_keeps_its_own_year_when_both_have_one():
    body = "Sở Tư pháp hoàn thành trong quý II/2026 và quý I/2027."
    assert keys(body) == [("due", "2026-06-30"), ("due", "2027-03-31")]


def test_ocr_list_without_marks_shares_the_year():
    body = "So Y te hoan thanh trong quy II va quy IV/2025."
    assert keys(body) == [("due", "2025-06-30"), ("due", "2025-12-31")]


# --- report days named relative to the cycle ---

def test_day_of_last_month_of_each_quarter():
    body = "Các phòng chuyên môn báo cáo định kỳ hằng quý trước ngày 18 của tháng cuối quý về Văn phòng."
    assert keys(body) == [("recurring", ("03-18", "06-18", "09-18", "12-18"))]


def test_day_of_last_month_of_the_quarter_word_order_variant():
    body = "Công an các phường gửi báo cáo hằng quý trước ngày 12 tháng cuối của quý về Công an thành phố."
    assert keys(body) == [("recurring", ("03-12", "06-12", "09-12", "12-12"))]


def test_day_of_every_month():
    body = "Các trường học báo cáo số liệu vào ngày 22 hằng tháng."
    assert keys(body) == [("recurring", tuple(f"{m:02d}-22" for m in range(1, 13)))]


def test_day_past_a_short_month_is_that_month_last_day_in_the_plan_year():
    body = "Các đơn vị báo cáo định kỳ trước ngày 30 hằng tháng về Sở Nội vụ."
    when = keys(body, date_line="Lạng Sơn, ngày 14 tháng 3 năm 2028")[0][1]
    assert "02-29" in when and "04-30" in when and "01-30" in when and len(when) == 12


def test_last_month_of_the_reporting_period_follows_the_cycle_named():
    body = "Định kỳ 6 tháng (trước ngày 10 của tháng cuối kỳ báo cáo), các xã báo cáo về tỉnh."
    assert keys(body) == [("recurring", ("06-10", "12-10"))]


def test_first_month_of_next_quarter():
    body = "Báo cáo quý gửi Ban Chỉ đạo trước ngày 08 tháng đầu quý sau."
    assert keys(body) == [("recurring", ("01-08", "04-08", "07-08", "10-08"))]


def test_relative_day_without_a_cadence_word_still_states_the_cycle_ocr():
    body = "Truoc ngay 16 cua thang cuoi quy, Cong an xa gui bao cao ve Cong an tinh."
    assert keys(body) == [("recurring", ("03-16", "06-16", "09-16", "12-16"))]


def test_relative_day_that_tells_the_past_is_not_a_deadline():
    assert keys("Ngày 15 tháng cuối quý vừa qua, đoàn liên ngành đã kiểm tra 12 cơ sở.") == []


def test_relative_to_the_cycle_with_no_cycle_named_gives_nothing():
    assert keys("Các đơn vị gửi kết quả trước ngày 10 của tháng cuối kỳ.") == []


def test_bare_roman_numeral_after_a_quarter_is_another_quarter():
    assert keys("Sở Tài chính hoàn thành thẩm định trong quý II, III/2027.") == [("due", "2027-06-30"), ("due", "2027-09-30")]


def test_quarter_list_closed_by_a_year_in_words():
    assert keys("Hoàn thành việc khảo sát trong quý I và IV năm 2027.") == [("due", "2027-03-31"), ("due", "2027-12-31")]


def test_bare_month_numbers_after_a_month_form_a_list_ending_with_its_year():
    assert keys("Các phường hoàn thành trong tháng 6 và 12/2027.") == [("due", "2027-06-30"), ("due", "2027-12-31")]
    assert keys("Tổ chức kiểm tra, hoàn thành trong các tháng 4, 7, 10 năm 2027.") == [
        ("due", "2027-04-30"), ("due", "2027-07-31"), ("due", "2027-10-31")]


def test_a_count_after_a_month_is_not_another_month():
    assert keys("Hoàn thành trong tháng 6, 2 lớp tập huấn cho cán bộ xã.") == [("due", "2026-06-30")]


def test_a_cycle_with_its_report_day_in_brackets_is_a_reporting_cycle_even_with_words_between():
    body = ("Các xã, phường báo cáo tình hình thực hiện 6 tháng (trước ngày 12/6/2026) và năm "
            "(trước ngày 12/12/2026) về Công an tỉnh.")
    assert keys(body) == [("recurring", ("06-12", "12-12"))]


def test_a_review_with_a_day_in_brackets_is_not_a_reporting_cycle():
    assert ("recurring", ("07-15",)) not in keys("Tổ chức sơ kết 6 tháng (ngày 15/7/2026) tại hội trường tỉnh.")


def test_a_due_date_after_a_body_named_with_a_slash_is_still_due():
    body = "Công an tỉnh tổng hợp kết quả, báo cáo Ban Chỉ đạo 138/CP trước ngày 10/12/2026."
    assert keys(body) == [("due", "2026-12-10")]


def test_the_date_of_a_cited_document_after_its_symbol_is_not_due():
    assert keys("Thực hiện Kế hoạch số 12/KH-BCĐ138/CP ngày 10/01/2026 của Ban Chỉ đạo 138/CP.") == []


def test_a_yearly_day_named_by_the_decision_the_opening_carries_out_is_no_deadline():
    body = ("Thực hiện Quyết định số 793/QĐ-TTg ngày 10/5/2016 của Thủ tướng Chính phủ lấy ngày 30 tháng 7 hằng năm "
            "là Ngày toàn dân phòng, chống mua bán người, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
            "I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nII. NHIỆM VỤ\n1. Các sở báo cáo kết quả hằng năm trước ngày 05/12.")
    assert keys(body) == [("recurring", ("12-05",))]


# --- real layouts: run-on crawled text, open-ended periods, horizons ---


def test_a_quarter_and_the_years_after_it_is_a_period_without_end():
    body = "2. Tập huấn cho báo cáo viên pháp luật. - Thời gian thực hiện: Quý III năm 2026 và các năm tiếp theo. 3. Rà soát văn bản."
    assert keys(body) == [("period", "2026-07-01", None)]


def test_a_list_of_times_ending_in_the_years_after_opens_at_its_first():
    body = "b) Thời gian thực hiện: Quý II năm 2026, năm 2027 và các năm tiếp theo. c) Kinh phí."
    assert keys(body) == [("period", "2026-04-01", None)]


def test_a_month_onwards_is_a_period_without_end():
    assert keys("Các xã áp dụng quy trình mới từ tháng 5/2026 trở đi.") == [("period", "2026-05-01", None)]


def test_from_a_day_with_no_end_is_a_period_without_end():
    body = "- Bảo đảm thi hành thống nhất trên địa bàn tỉnh từ ngày 01 tháng 7 năm 2026 khi Luật có hiệu lực."
    assert keys(body) == [("period", "2026-07-01", None)]


def test_from_a_day_until_now_is_not_an_open_period():
    assert keys("Từ ngày 01/01/2026 đến nay, các huyện tiếp nhận 12 tin báo.") == []


def test_the_tu_of_a_party_symbol_does_not_open_a_period():
    body = "Tiếp tục thực hiện Kế hoạch số 57-KH/TU ngày 15/12/2025 của Tỉnh ủy về phòng, chống mại dâm."
    assert keys(body) == []


def test_a_past_count_bounded_by_two_days_is_not_a_period():
    body = "Tình hình còn phức tạp (từ 10/01/2026 đến 28/02/2026, lực lượng chức năng đã phát hiện 35 vụ)."
    assert keys(body) == []


def test_a_cited_law_taking_effect_in_the_opening_is_not_a_deadline():
    body = "Căn cứ Luật Phòng, chống mại dâm số 12/2025/QH15 (có hiệu lực thi hành từ ngày 01/7/2026);\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH"
    assert ("period", "2026-07-01", None) not in keys(body)


def test_a_clause_opening_with_a_horizon_year_is_due_at_its_end():
    body = "2. Lộ trình - Đến năm 2029, chuyển toàn bộ xe buýt nội tỉnh sang xe điện; - Đến năm 2035, mở rộng trạm sạc."
    assert keys(body) == [("due", "2029-12-31"), ("due", "2035-12-31")]


def test_a_horizon_that_dates_a_target_figure_is_not_a_deadline():
    assert keys("3. Đến năm 2028, ít nhất 80% cán bộ cấp xã được tập huấn.") == []
    assert keys("Chiến lược phòng, chống mại dâm giai đoạn 2026-2030, tầm nhìn đến năm 2045.") == []


def test_consecutive_months_given_as_one_time_are_one_period():
    assert keys("- Thời gian thực hiện: Tháng 10, 11/2026. 3. Tổ chức tập huấn.") == [("period", "2026-10-01", "2026-11-30")]


def test_consecutive_quarters_across_a_year_are_one_period():
    assert keys("Thời gian: Quý IV/2026, Quý I/2027. 4. Kiểm tra.") == [("period", "2026-10-01", "2027-03-31")]


def test_two_months_joined_by_va_are_two_occasions():
    assert keys("Tổ chức 02 đợt kiểm tra trong tháng 4 và tháng 10/2026.") == [("due", "2026-04-30"), ("due", "2026-10-31")]


# --- round 2: latest-year finishes, ongoing work before a duty ---


def test_finish_at_the_latest_in_a_year_is_due_on_its_last_day():
    body = ("II. NHIỆM VỤ 1. Sở Xây dựng hoàn thành việc thay thế đèn chiếu sáng công cộng trên các tuyến "
            "phố chính chậm nhất vào năm 2029, ưu tiên các tuyến có nhiều trường học. 2. Tuyên truyền thường xuyên.")
    assert keys(body) == [("due", "2029-12-31")]


def test_work_that_was_and_is_being_done_does_not_make_a_later_duty_past():
    body = ("1. Các phòng, ban tiếp tục thực hiện các biện pháp đã và đang triển khai trong thời gian qua, "
            "xây dựng kế hoạch của đơn vị mình (trong\ntháng 4 năm 2026). 2. Ủy ban nhân dân các xã phối hợp.")
    assert keys(body) == [("due", "2026-04-30")]


def test_work_already_done_still_makes_its_date_past():
    body = "1. Các phòng, ban đã xây dựng kế hoạch của đơn vị mình trong tháng 2 năm 2026. 2. Tuyên truyền."
    assert keys(body) == []


def test_open_period_at_the_end_of_a_sentence_has_no_end():
    assert keys("1. Công an tỉnh tổ chức tuần tra, kiểm soát ban đêm từ ngày 01/7/2026. 2. Tuyên truyền.") == [
        ("period", "2026-07-01", None)]


def test_a_date_written_with_dots_ending_a_sentence_is_an_open_period():
    assert keys("1. Công an tỉnh tổ chức tuần tra từ ngày 01.7.2026.") == [("period", "2026-07-01", None)]


def test_from_now_to_the_end_of_a_year_is_due_on_its_last_day():
    assert keys("1. Từ nay đến cuối năm 2026, các phòng chuyên môn hoàn thành rà soát hồ sơ.") == [("due", "2026-12-31")]
    assert keys("1. Từ nay đến hết năm 2026, Công an tỉnh mở đợt cao điểm. 2. Tuyên truyền.") == [("due", "2026-12-31")]


def test_from_now_to_a_year_with_a_target_figure_is_no_due_date():
    assert keys("1. Từ nay đến năm 2030, phấn đấu 100% xã có mô hình an toàn.") == []


def test_before_the_end_of_a_month_or_quarter_is_its_last_day():
    assert keys("1. Phòng Tư pháp hoàn thành trước cuối tháng 6/2026 việc rà soát.") == [("due", "2026-06-30")]
    assert keys("1. Phòng Tư pháp hoàn thành trước cuối quý III/2026 việc rà soát.") == [("due", "2026-09-30")]


def test_finishing_at_the_end_of_a_year_is_due_on_its_last_day():
    assert keys("1. Phòng Y tế hoàn thành vào cuối năm 2026 việc khảo sát các cơ sở.") == [("due", "2026-12-31")]


def test_a_dashed_span_of_months_or_quarters_is_one_period():
    assert keys("1. Tuyên truyền. - Thời gian thực hiện: Tháng 4 - 6/2026.") == [("period", "2026-04-01", "2026-06-30")]
    assert keys("1. Phòng Y tế kiểm tra các cơ sở trong quý II - III/2026.") == [("period", "2026-04-01", "2026-09-30")]


def test_a_month_joined_to_its_year_by_a_dash_stays_one_month():
    assert keys("1. Phòng Y tế hoàn thành trong tháng 6-2026.") == [("due", "2026-06-30")]


def test_from_the_plans_own_issue_to_the_end_of_a_year_is_a_period():
    assert keys("1. Tuyên truyền. Thời gian thực hiện: Từ ngày ký đến hết năm 2026.") == [
        ("period", "2026-03-14", "2026-12-31")]
    assert keys("1. Thời gian: từ ngày ban hành Kế hoạch đến ngày 30/9/2026.") == [("period", "2026-03-14", "2026-09-30")]
    assert keys("1. Thời gian thực hiện: Từ khi Kế hoạch được ban hành đến hết năm 2026.") == [
        ("period", "2026-03-14", "2026-12-31")]


def test_a_time_cell_naming_a_later_year_alone_is_due_on_its_last_day():
    doc = doc_of("1. Tuyên truyền.")
    assert deadline_of_cell(doc, "Năm 2027", 0)["date"] == "2027-12-31"
    assert deadline_of_cell(doc, "Trong năm 2028", 0)["date"] == "2028-12-31"
    assert deadline_of_cell(doc, "Năm 2026", 0) is None  # the plan's own year binds no date
