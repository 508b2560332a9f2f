"""The outline tree: markers, their nesting learnt from the document, spans."""
from __future__ import annotations

from pipeline.structure.outline import marker_of, parse_outline, split_lines, walk


def _tree(text: str):
    return parse_outline(text, split_lines(text))


def test_a_bullet_that_dresses_a_numbered_item_takes_the_number_as_label():
    m = marker_of("- (3) Tổ chức diễn đàn thanh niên về phòng, chống mua bán người.")
    assert m.kind == "paren" and m.label == "(3)"


def test_a_date_is_not_a_numbered_heading():
    assert marker_of("15.4.2024 là hạn gửi báo cáo") is None


def test_a_kind_seen_before_closes_what_was_opened_since():
    text = "I. NHIỆM VỤ\n1. Công tác A\na) Việc một\nb) Việc hai\n2. Công tác B\n- Việc ba\nII. TỔ CHỨC\n1. Giao Sở Y tế theo dõi."
    labels = [(n.label, [a.label for a in anc]) for n, anc in walk(_tree(text))]
    assert ("b)", ["I", "1"]) in labels
    assert ("-", ["I", "2"]) in labels
    assert ("1", ["II"]) in labels


def test_a_decimal_label_nests_under_its_number_and_closes_its_sibling():
    text = "1. Truyền thông\n1.1. Nội dung\n(1) Việc một\n1.2. Phân công\n- Sở Tư pháp thực hiện nội dung (1)."
    [one] = _tree(text)
    assert [c.label for c in one.children] == ["1.1", "1.2"]
    assert [c.label for c in one.children[0].children] == ["(1)"]


# ---- OCR damage to markers (composed lines, as Tesseract mangles them) -------------------

def test_ocr_misread_item_markers_are_put_right():
    assert marker_of("(l) Rà soát người lao động đi làm việc ở Lào.").label == "(1)"
    assert marker_of("(I) Rà soát người lao động đi làm việc ở Lào.").label == "(1)"
    assert marker_of("(1l) Tổ chức hội thi tìm hiểu pháp luật.").label == "(11)"
    assert marker_of("3} Kiểm tra cơ sở lưu trú ven biển.").label == "3)"
    assert marker_of("b} Kiểm tra cơ sở lưu trú ven biển.").label == "b)"
    assert marker_of("2.l. Công tác tuyên truyền").label == "2.1"
    m = marker_of("(2] Lập danh sách nạn nhân trở về.")
    assert (m.kind, m.label) == ("paren", "(2)")


def test_a_letter_item_l_stays_a_letter():
    m = marker_of("l) Tổ chức tập huấn cho cán bộ xã.")
    assert (m.kind, m.label) == ("letter", "l)")


def test_repaired_marker_keeps_the_body_offset():
    line = "(l) Rà soát người lao động."
    m = marker_of(line)
    assert line[m.body_offset:] == "Rà soát người lao động."


def test_a_part_heading_that_lost_its_dot_is_a_heading_when_next_in_sequence():
    text = ("I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nII NHIỆM VỤ TRỌNG TÂM\n1. Công tác phòng ngừa\n"
            "- Tuyên truyền tại các bản vùng cao.\nIII, TỔ CHỨC THỰC HIỆN\n1. Giao Sở Nội vụ theo dõi.")
    roots = _tree(text)
    assert [r.label for r in roots] == ["I", "II", "III"]
    assert roots[1].title == "NHIỆM VỤ TRỌNG TÂM"


def test_a_capitals_line_opening_with_a_roman_looking_word_stays_text():
    text = ("I. MỤC ĐÍCH\nII. KIỂM TRA, XỬ LÝ CÁC HÀNH VI\nVI PHẠM PHÁP LUẬT VỀ LAO ĐỘNG\n"
            "1. Kiểm tra doanh nghiệp.")
    roots = _tree(text)
    assert [r.label for r in roots] == ["I", "II"]


def test_a_repeated_part_numeral_is_read_as_the_next_one():
    # OCR drops a stroke: "III." comes out "II."
    text = "I. MỤC TIÊU\n1. Giảm số vụ.\nII. NHIỆM VỤ\n1. Tuyên truyền.\nII. TỔ CHỨC THỰC HIỆN\n1. Giao Công an tỉnh."
    assert [r.label for r in _tree(text)] == ["I", "II", "III"]


def test_a_roman_numeral_with_l_for_i_is_repaired_in_a_capitals_heading():
    text = "I. MỤC TIÊU\n1. Giảm số vụ.\nIl. NHIỆM VỤ\n1. Tuyên truyền."
    assert [r.label for r in _tree(text)] == ["I", "II"]
    assert marker_of("1. MỤC TIÊU").kind == "number"


def test_a_decimal_whose_prefix_ocr_misread_takes_its_parents_number():
    text = ("II. NHIỆM VỤ\n4. Công tác hỗ trợ\n4.1. Nội dung\n- Việc một.\n5. Công tác pháp luật\n"
            "8.1. Nội dung hoạt động\n- Việc hai.\n8.2. Phân công\n- Sở Tư pháp thực hiện.\n6. Hợp tác")
    [two] = _tree(text)
    five = [c for c in two.children if c.label == "5"][0]
    assert [c.label for c in five.children] == ["5.1", "5.2"]


def test_a_decimal_after_a_lost_heading_keeps_its_number():
    text = "1. Công tác A\n1.1. Nội dung\n1.2. Phân công\n2.1. Nội dung của mục hai"
    [one] = _tree(text)
    assert [c.label for c in one.children] == ["1.1", "1.2", "2.1"]


def test_a_first_part_read_as_one_becomes_part_one_when_part_two_follows():
    # OCR of a poor scan: "I." read "1.", "II." read "1I."
    text = ("KẾ HOẠCH\n1. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức của người dân.\n"
            "1I. NHIỆM VỤ CỤ THỂ\n1. Sở Nội vụ chủ trì rà soát.\nIII. TỔ CHỨC THỰC HIỆN\n1. Các xã báo cáo.")
    roots = _tree(text)
    assert [(n.kind, n.label) for n in roots] == [("roman", "I"), ("roman", "II"), ("roman", "III")]
    assert [c.label for c in roots[0].children] == ["1"]
    assert roots[0].children[0].level == 1


def test_numbered_capitals_headings_stay_numbers_without_a_part_two():
    text = "1. MỤC ĐÍCH, YÊU CẦU\na) Nâng cao nhận thức.\n2. NHIỆM VỤ CỤ THỂ\na) Sở Nội vụ chủ trì."
    assert [(n.kind, n.label) for n in _tree(text)] == [("number", "1"), ("number", "2")]


def test_a_first_part_read_as_one_is_part_one_before_a_clean_part_two():
    text = "1. MỤC TIÊU\n1. Giảm số vụ vi phạm.\nII. NHIỆM VỤ\n1. Công an tỉnh chủ trì.\n2. Sở Tư pháp phối hợp."
    roots = _tree(text)
    assert [(n.kind, n.label) for n in roots] == [("roman", "I"), ("roman", "II")]
    assert [c.label for c in roots[1].children] == ["1", "2"]


def test_a_number_read_with_a_comma_for_its_dot_is_kept_only_next_in_sequence():
    text = ("II. NHIỆM VỤ\n7. Sở Y tế\nTổ chức khám sàng lọc cho nạn nhân.\n"
            "8, Đề nghị Tỉnh đoàn\nTổ chức diễn đàn thanh niên.\n3, Các xã tổ chức tuyên truyền.")
    [part] = _tree(text)
    assert [c.label for c in part.children] == ["7", "8"]
    assert part.children[1].title == "Đề nghị Tỉnh đoàn"


def test_a_part_heading_never_nests_under_a_stray_dash_in_the_opening():
    # a wrapped line of the opening that OCR (or the wrap) started with "-": the parts and
    # their items must still be top-level, not children of that dash
    text = ("Căn cứ Kế hoạch của Ban Chỉ đạo tỉnh Hà Giang về công tác phòng,\n"
            "- chống tội phạm, Ủy ban nhân dân huyện xây dựng kế hoạch như sau:\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n- Nâng cao nhận thức của người dân.\n"
            "II. NHIỆM VỤ\n1. Công tác truyền thông\n- Tổ chức 12 buổi nói chuyện chuyên đề.\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Công an huyện chủ trì theo dõi.")
    roots = _tree(text)
    assert [n.label for n in roots] == ["-", "I", "II", "III"]
    labels = [(n.label, [a.label for a in anc]) for n, anc in walk(roots)]
    assert ("-", ["II", "1"]) in labels
    assert ("1", ["III"]) in labels


def test_a_part_heading_of_an_appendix_stays_under_the_appendix():
    text = "I. NHIỆM VỤ\n1. Việc một\nPhụ lục II\nI. DANH MỤC NHIỆM VỤ\n1. Việc hai"
    roots = _tree(text)
    appendix = roots[-1]
    assert appendix.kind == "appendix" and [c.label for c in appendix.children] == ["I"]


def test_a_part_numeral_misread_as_one_and_i_after_part_two_is_part_three():
    text = "I. MỤC ĐÍCH\n1. Việc một\nII. NỘI DUNG\n1. Việc hai\n1I. TỔ CHỨC THỰC HIỆN\n1. Giao Công an xã theo dõi."
    assert [n.label for n in _tree(text)] == ["I", "II", "III"]


def test_a_decimal_marker_whose_first_digit_ocr_read_as_l_is_repaired():
    assert (marker_of("l.1. Tham mưu kiện toàn Tổ công tác liên ngành.").label) == "1.1"
    assert marker_of("l.l. Tham mưu") is None or marker_of("l.l. Tham mưu").kind != "decimal"


def test_parts_named_phan_hold_the_roman_parts_under_them():
    text = ("Phần I TÌNH HÌNH NĂM 2025\nI. KẾT QUẢ\n1. Số vụ giảm.\nPhần II KẾ HOẠCH NĂM 2026\n"
            "I. MỤC TIÊU\n1. Giảm số vụ.\nII. NHIỆM VỤ\n1. Công tác phòng ngừa\na) Tuyên truyền tại các xã.")
    labels = [(n.label, [a.label for a in anc]) for n, anc in walk(_tree(text))]
    assert ("Phần II", []) in labels
    assert ("II", ["Phần II"]) in labels
    assert ("a)", ["Phần II", "II", "1"]) in labels


def test_lettered_parts_in_capitals_stand_above_the_roman_parts():
    text = ("A. KẾT QUẢ THỰC HIỆN NĂM 2025\nI. ƯU ĐIỂM\n1. Đã triển khai đầy đủ.\n"
            "B. NHIỆM VỤ NĂM 2026\nI. CÔNG TÁC CHỈ ĐẠO\n1. Ban hành kế hoạch.\nII. CÔNG TÁC KIỂM TRA\n- Kiểm tra các xã.")
    labels = [(n.label, [a.label for a in anc]) for n, anc in walk(_tree(text))]
    assert ("B", []) in labels
    assert ("II", ["B"]) in labels
    assert ("-", ["B", "II"]) in labels
    assert marker_of("A. Nguyễn Văn Hùng, Phó Giám đốc") is None
