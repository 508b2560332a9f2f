"""The outline tree: markers, their nesting learnt from the document, spans."""
from __future__ import annotations

from pipeline.outline import marker_of, parse_outline, split_lines, walk


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
