from hypothesis import given, settings, strategies as st

from pipeline.model import RawPage, ReadResult
from pipeline.text.fold import fold
from pipeline.normalize import normalize, normalize_string


def norm(*pages: str, fmt: str = "txt") -> str:
    return normalize(ReadResult("x", fmt, [RawPage(p) for p in pages])).text


def test_old_tone_placement_moves_to_the_first_vowel():
    assert norm("Thường trực Tỉnh uỷ, hoà giải, Thuý") == "Thường trực Tỉnh ủy, hòa giải, Thúy"


def test_tone_stays_when_the_syllable_has_a_final_consonant_or_qu():
    assert norm("hoàn thành, quý, khoẻ") == "hoàn thành, quý, khỏe"


def test_cyrillic_lookalikes_become_latin():
    assert norm("Thông tư 01/2014/TT-BTС") == "Thông tư 01/2014/TT-BTC"


def test_markdown_artefacts_are_removed_but_footnote_stars_kept():
    assert norm("## **2. Công tác**\n*(Sở Y tế chủ trì)*\n(*) Ghi chú") == "2. Công tác\n(Sở Y tế chủ trì)\n(*) Ghi chú"


def test_line_end_hyphenation_is_joined_only_inside_a_word():
    assert norm("phòng ngừa tội phạm mua bán ngư-\nời") == "phòng ngừa tội phạm mua bán người"
    assert norm("Sở Lao động -\nThương binh") == "Sở Lao động -\nThương binh"


def test_page_numbers_and_running_headers_of_pdfs_are_dropped():
    pages = [f"UBND TỈNH BẮC KẠN\nMở đầu {'abc'[i % 3]}\nNội dung trang {i}\nKết {'xyz'[i % 3]}\n{i}" for i in range(1, 5)]
    text = norm(*pages, fmt="pdf")
    assert "UBND TỈNH BẮC KẠN" not in text and "Nội dung trang 3" in text
    assert "\n3\n" not in text


def test_page_spans_point_at_each_page():
    n = normalize(ReadResult("x", "pdf", [RawPage("Trang một"), RawPage("Trang hai")]))
    assert [n.text[p.start:p.end] for p in n.pages] == ["Trang một", "Trang hai"]
    assert n.page_of(n.text.index("hai")) == 2


def test_fold_keeps_length_and_strips_diacritics():
    s = "Đồng Nai, Sở Tư pháp, TUYẾN"
    assert fold(s) == "dong nai, so tu phap, tuyen"
    assert len(fold(s)) == len(s)


def test_normalize_string_matches_document_text():
    assert normalize_string("  Tỉnh uỷ  ") == "Tỉnh ủy"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=4))
def test_normalize_never_crashes_and_origin_covers_text(pages):
    n = normalize(ReadResult("x", "pdf", [RawPage(p) for p in pages]))
    assert len(n.origin) == len(n.text)
    for p in n.pages:
        assert 0 <= p.start <= p.end <= len(n.text)


def test_tab_separated_cells_become_pipe_cells():
    assert norm("1\tTuyên truyền\tCông an tỉnh\n\tthụt lề") == "1 | Tuyên truyền | Công an tỉnh\nthụt lề"


def test_icelandic_eth_from_ocr_becomes_d_with_stroke():
    assert norm("BAN CHỈ ÐẠO") == "BAN CHỈ ĐẠO"


def test_a_sentence_running_over_a_page_break_stays_one_paragraph():
    pages = ["2. Giao Sở Nội vụ chủ trì, phối hợp với các xã rà soát lao động",
             "trẻ em tại các cơ sở sản xuất; báo cáo trước ngày 10/10/2027.\n3. Giao Sở Y tế theo dõi."]
    n = normalize(ReadResult("x", "pdf", [RawPage(p) for p in pages]))
    assert "rà soát lao động trẻ em tại" in n.text
    assert n.page_of(n.text.index("trẻ em")) == 2 and n.page_of(n.text.index("rà soát")) == 1


def test_a_page_break_after_a_finished_sentence_or_before_a_capital_keeps_the_paragraphs():
    assert norm("a) Tuyên truyền tại các bản.", "b) Rà soát lao động.", fmt="pdf") == \
        "a) Tuyên truyền tại các bản.\n\nb) Rà soát lao động."
    assert norm("3. Công tác hỗ trợ nạn nhân", "Tiếp tục rà soát.", fmt="pdf") == \
        "3. Công tác hỗ trợ nạn nhân\n\nTiếp tục rà soát."
    assert norm("II. NHIỆM VỤ CỤ THỂ", "triển khai", fmt="pdf") == "II. NHIỆM VỤ CỤ THỂ\n\ntriển khai"


def test_specks_before_a_list_marker_are_dropped():
    assert norm("__- Các xã, phường phối hợp thực hiện.\n~ (2) Rà soát lao động.") == \
        "- Các xã, phường phối hợp thực hiện.\n(2) Rà soát lao động."
    assert norm("_ Ghi chú: số liệu tạm tính.") == "_ Ghi chú: số liệu tạm tính."


def test_specks_read_as_colons_or_before_a_part_heading_are_dropped():
    assert norm(": - 95% hộ gia đình được tuyên truyền.\n__ III. TỔ CHỨC THỰC HIỆN\n; + Báo cáo quý.") == \
        "- 95% hộ gia đình được tuyên truyền.\nIII. TỔ CHỨC THỰC HIỆN\n+ Báo cáo quý."
    assert norm(": Tiếp theo là nội dung.") == ": Tiếp theo là nội dung."  # no marker follows: kept


def _ocr(*pages: str) -> str:
    return normalize(ReadResult("x.pdf", "pdf", [RawPage(p, "ocr", 90.0) for p in pages])).text


def test_an_ocr_line_the_wrap_opened_with_a_dash_joins_the_line_it_continues():
    page = ("(3) Tổ chức tuyên truyền hưởng ứng Ngày toàn dân phòng, chống mua bán người theo Chỉ thị số 04/CT-UBND\n"
            "- ngày 12/3/2023 của Ủy ban nhân dân tỉnh Sơn La.\n"
            "(4) Rà soát các cơ sở kinh doanh dịch vụ lưu trú, karaoke trên địa bàn các huyện giai đoạn\n"
            "-2024-2026 theo kế hoạch của Công an tỉnh.")
    lines = _ocr(page).split("\n")
    assert lines[0].endswith("04/CT-UBND - ngày 12/3/2023 của Ủy ban nhân dân tỉnh Sơn La.")
    assert lines[1].startswith("(4)") and lines[1].endswith("-2024-2026 theo kế hoạch của Công an tỉnh.")


def test_a_dash_item_after_a_finished_sentence_or_in_capitals_stays_an_item():
    page = ("Các chỉ tiêu cụ thể của kế hoạch phòng, chống mua bán người năm 2026 như sau:\n"
            "- 95% học sinh trung học được tuyên truyền về thủ đoạn lừa đảo qua mạng\n"
            "- Đẩy mạnh công tác phối hợp giữa lực lượng Biên phòng và Công an các xã biên giới\n"
            "- Tổ chức 04 lớp tập huấn cho cán bộ làm công tác tiếp nhận nạn nhân")
    assert len(_ocr(page).split("\n")) == 4


def test_a_text_layer_page_is_not_rejoined_at_a_dash():
    page = ("Tổ chức tuyên truyền hưởng ứng Ngày toàn dân phòng, chống mua bán người theo Chỉ thị số 04\n"
            "- ngày 12/3/2023")
    assert normalize(ReadResult("x.pdf", "pdf", [RawPage(page, "text")])).text.count("\n") == 1


def test_a_dash_ocr_read_as_underscores_in_a_run_of_dash_items_is_a_dash_again():
    page = "- Các xã rà soát người lao động đi làm việc ở nước ngoài.\n__ Quá trình rà soát, lập danh sách người có nguy cơ."
    assert _ocr(page).split("\n")[1].startswith("- Quá trình rà soát")


def test_underscores_without_a_dash_item_before_are_left_alone():
    page = "Ghi chú về các biểu mẫu thống kê.\n__ Quá trình rà soát, lập danh sách."
    assert "- Quá trình" not in _ocr(page)


def test_an_ocr_line_opening_in_small_letters_continues_an_unfinished_line():
    page = ("- Sở Y tế chủ trì thực hiện nội dung (2), Bệnh viện Đa khoa tỉnh chủ trì thực hiện\n"
            ". nội dung (3).\n"
            "- Các sở, ban, ngành và UBND các\n"
            "xã, phường phối hợp thực hiện.")
    assert _ocr(page).split("\n") == [
        "- Sở Y tế chủ trì thực hiện nội dung (2), Bệnh viện Đa khoa tỉnh chủ trì thực hiện nội dung (3).",
        "- Các sở, ban, ngành và UBND các xã, phường phối hợp thực hiện.",
    ]


def test_letter_items_and_lines_after_a_finished_sentence_are_not_joined():
    page = ("3. Sở Nội vụ\na) Hướng dẫn doanh nghiệp đưa người lao động đi làm việc ở nước ngoài\n"
            "b) Kiểm tra các trung tâm dịch vụ việc làm.\nngười lao động được tư vấn trước khi xuất cảnh.")
    assert len(_ocr(page).split("\n")) == 4


_WRAPPED_TABLE = """PHỤ LỤC
| STT | Nội dung | Cơ quan chủ trì | Thời gian |
|---|---|---|---|
| I | Công tác phòng ngừa | | |
| 1 | Kiểm tra các cơ sở lưu trú ven | Viện Kiểm sát nhân | Từ ngày 01/5/2026 |
| | biển | dân tỉnh | đến ngày 31/7/2026 |
| 2 | Tập huấn cho cán bộ xã | Sở Nội vụ | Quý III/2026 |"""


def test_a_numbered_table_row_wrapped_onto_lines_below_is_joined_cell_by_cell():
    lines = norm(_WRAPPED_TABLE).split("\n")
    assert "| 1 | Kiểm tra các cơ sở lưu trú ven biển | Viện Kiểm sát nhân dân tỉnh | Từ ngày 01/5/2026 đến ngày 31/7/2026 |" in lines
    assert "| I | Công tác phòng ngừa | | |" in lines  # a group row keeps its line
    assert lines[-1] == "| 2 | Tập huấn cho cán bộ xã | Sở Nội vụ | Quý III/2026 |"


def test_a_table_without_a_numbering_column_is_left_as_printed():
    table = "| Nội dung | Cơ quan chủ trì |\n|---|---|\n| Kiểm tra các cơ sở | Sở Y tế |\n| | Công an tỉnh |"
    assert norm(table).endswith("| | Công an tỉnh |")


def test_a_table_whose_numbering_header_was_garbled_is_still_joined_by_its_numbers():
    table = ("| S3 b k | Nội dung | Cơ quan chủ trì |\n| 1 | Kiểm tra các cơ sở | Sở Y |\n| | ven biển | tế |\n"
             "| 2 | Tập huấn cán bộ | Sở Nội vụ |")
    assert norm(table).split("\n")[1] == "| 1 | Kiểm tra các cơ sở ven biển | Sở Y tế |"


def test_the_quick_test_for_digit_look_alikes_knows_every_look_alike_of_the_confusion_table():
    from pipeline.normalize.ocr_repairs import _LOOKALIKE_BY_DIGIT
    from pipeline.structure.outline import marker_confusions

    for c in marker_confusions()["digit"]:
        assert _LOOKALIKE_BY_DIGIT.search(f"số 1{c}5/KH"), c
