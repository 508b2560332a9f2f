"""Hard-wrapped plain text (copied out of a PDF viewer or an e-mail) is put back one
paragraph per line, and text that is not hard-wrapped is left alone."""
from __future__ import annotations

import textwrap
from pathlib import Path

from composed import composed_plan

from pipeline.api import extract
from pipeline.read.wrap import unwrap, wrap_width

PLAN = composed_plan("Hà Tĩnh", 52, 2024, items=6).replace(
    "(Công an tỉnh chủ trì, phối hợp với Sở Tư pháp thực hiện)",
    "(Công an tỉnh chủ trì, phối hợp với Sở Tư pháp, Sở Giáo dục và Đào tạo, Hội Liên hiệp Phụ nữ tỉnh và Tỉnh đoàn thực hiện)")


def hard_wrap(text: str, width: int) -> str:
    return "\n".join(w for line in text.split("\n") for w in (textwrap.wrap(line, width) or [""]))


def test_a_plan_wrapped_at_a_fixed_width_is_rejoined_line_for_line():
    for width in (58, 66, 79):
        wrapped = hard_wrap(PLAN, width)
        assert wrapped != PLAN
        assert wrap_width(wrapped.split("\n")) is not None
        assert unwrap(wrapped) == PLAN


def test_text_with_one_paragraph_per_line_is_left_as_it_is():
    assert wrap_width(PLAN.split("\n")) is None
    assert unwrap(PLAN) == PLAN


def test_a_numbered_line_or_table_row_after_a_full_line_still_opens_its_own_line():
    text = hard_wrap("Các sở, ngành căn cứ chức năng, nhiệm vụ được giao chủ động xây dựng kế hoạch " * 3, 60)
    text += "\n1. Tổ chức kiểm tra việc thực hiện tại các huyện biên giới của tỉnh\n| 1 | Tuyên truyền | Sở Tư pháp |"
    lines = unwrap(text).split("\n")
    assert lines[-2].startswith("1. Tổ chức") and lines[-1].startswith("| 1 |")


def test_a_hard_wrapped_text_file_gives_the_same_tasks_and_leads(tmp_path: Path):
    plain, wrapped = tmp_path / "plain.txt", tmp_path / "wrapped.txt"
    plain.write_text(PLAN, encoding="utf-8")
    wrapped.write_text(hard_wrap(PLAN, 62), encoding="utf-8")
    a, b = extract(plain)["tasks"], extract(wrapped)["tasks"]
    assert [(t["path"], t["lead"], t["support"]) for t in a] == [(t["path"], t["lead"], t["support"]) for t in b]
    items = [t for t in a if t["path"][-1].startswith("(")]
    assert len(items) == 6 and all(t["lead"] == ["cong_an_tinh"] and len(t["support"]) == 4 for t in items)
