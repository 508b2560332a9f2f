"""Provinces through the 2025 reorganisation."""
from __future__ import annotations

from pipeline.lexicon import lineage


def test_sixty_three_provinces_become_thirty_four():
    olds = {s.old for s in lineage.all_steps() if s.effective == "2025-07-01"}
    rows = lineage._rows(lineage.MODELS / "province_lineage.tsv")
    assert len({r["old"] for r in rows if r["effective"] == "2025-07-01"}) == 63
    assert len({r["new"] for r in rows if r["effective"] == "2025-07-01"}) == 34
    assert olds  # merged ones have steps


def test_an_old_province_counts_for_its_successor_from_the_merger_on():
    assert lineage.current("Bắc Kạn") == "Thái Nguyên"
    assert lineage.province_on("Bắc Kạn", "2025-06-30") == "Bắc Kạn"
    assert lineage.province_on("tỉnh Hoà Bình", "2025-07-01") == "Phú Thọ"


def test_spellings_and_the_huế_renaming_resolve():
    assert lineage.current("Bà Rịa – Vũng Tàu") == "Hồ Chí Minh"
    assert lineage.current("Thừa Thiên - Huế") == "Huế"
    assert lineage.province_on("Thừa Thiên Huế", "2024-12-31") == "Thừa Thiên Huế"
    assert lineage.current("Dak Lak") == "Đắk Lắk"
    assert lineage.members("Vĩnh Long") == ["Bến Tre", "Trà Vinh", "Vĩnh Long"]


def test_an_unknown_name_is_kept_as_written():
    assert lineage.current("Xứ Sở Lạ") == "Xứ Sở Lạ"
