"""The agency robustness measure: damage kinds do what they say, and the measure reads them.

The plans are composed for the test; the figures on the sample plans come from
``scripts/measure_agencies.py`` run by ``make score``.
"""
from __future__ import annotations

import random
from pathlib import Path

from composed import composed_plan
import importlib

ROOT = Path(__file__).resolve().parent.parent


def _script():
    return importlib.import_module("scripts.measure_agencies")

def test_each_damage_kind_changes_the_text_the_way_it_is_named():
    m = _script()
    rng = random.Random(1)
    text = "Sở Lao động - Thương binh và Xã hội tỉnh Điện Biên phối hợp"
    assert m.no_marks(text, rng, 0) == "So Lao dong - Thuong binh va Xa hoi tinh Dien Bien phoi hop"
    assert m.d_for_dj(text, rng, 0).startswith("Sở Lao dộng")
    assert m.lost_spaces(text, rng, 1.0).startswith("SởLaođộng")
    assert m.tone_swaps("ế", rng, 1.0) == "ể"
    assert m.look_alikes("Công an", rng, 1.0) == "Сông аn"


def test_a_plan_stripped_of_diacritics_keeps_its_bodies_and_gains_none():
    m = _script()
    plans = {"a": composed_plan("Điện Biên", 21, 2022), "b": composed_plan("Bạc Liêu", 88, 2024)}
    gold = {"a": {"ubnd_tinh", "cong_an_tinh", "so_tu_phap", "cac_so_nganh", "bo_cong_an", "thu_tuong"}}
    rows = m.measure(plans, gold)
    assert rows["no_marks"]["mention_recall"] == 1.0
    assert rows["no_marks"]["spurious_per_10k"] == 0.0
    assert rows["clean"]["recall"] == rows["no_marks"]["recall"]
    # the table reports every kind of damage, the clean copy first
    assert set(rows) == {"clean", "no_marks", "d_for_dj", "tone_swaps", "lost_spaces", "look_alikes"}
