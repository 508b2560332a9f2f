"""The probe set: composed plans of genres the sample plans lack, scored with the shared scorer.

Why: the extractors are judged on plans they never saw — national plans, mại dâm and lao động
trẻ em, news items, 2026 plans after the reorganisation (communes, merged departments),
review plans with a report outline, appendix tables, joint plans, OCR damage. tests/probes
holds such plans (NAME.txt) written for this purpose, with their expected answers in the gold
format (NAME.json); scripts/score_probes.py extracts and scores them with ../shared/eval/score.py.
Probes whose JSON has ``tasks`` (t*) score tasks and assignments too.
The floors sit a little under today's figures, so a change that breaks one genre fails here
while a harmless wobble on one item does not.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import score_probes  # noqa: E402

PROBES = ROOT / "tests" / "probes"

# per-part F1 floors (document: accuracy over the header fields the probes give)
FLOORS = {
    "references": 0.95,
    "agencies": 0.96,
    "targets": 0.93,
    "deadlines": 0.93,
    "document": 0.95,
    # the task probes (t*: actor headings, pointer and bracketed assignments, field lines,
    # appendix tables, commune plans, OCR damage); areas are the area classifier's business
    "tasks": 0.97,
    "assignments": 0.96,
}


@pytest.fixture(scope="module")
def summary() -> dict:
    if not score_probes.SCORER.exists():
        pytest.skip("the shared scorer ../shared/eval/score.py is not present")
    return score_probes.score(PROBES)


def test_every_probe_has_its_expected_answer() -> None:
    texts = sorted(PROBES.glob("*.txt"))
    assert len(texts) >= 12
    for t in texts:
        expected = json.loads(t.with_suffix(".json").read_text(encoding="utf-8"))
        if "tasks" in expected:  # a task probe: its tasks, each in the contract's shape
            assert expected["tasks"], t.name
            for task in expected["tasks"]:
                assert {"path", "text", "area", "lead", "support"} <= set(task), (t.name, task)
        else:
            assert {"references", "agencies", "targets", "deadlines"} <= set(expected), t.name


def test_task_probes_cover_the_layouts_plans_assign_work_in() -> None:
    task_probes = [p for p in PROBES.glob("*.json") if "tasks" in json.loads(p.read_text(encoding="utf-8"))]
    assert len(task_probes) >= 6


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_probe_part_stays_above_its_floor(summary: dict, part: str) -> None:
    value = summary[part]["accuracy"] if part == "document" else summary[part]["f1"]
    assert value >= FLOORS[part], f"{part} {value} < floor {FLOORS[part]}: run scripts/score_probes.py -v"


def test_probes_score_every_scored_document(summary: dict) -> None:
    assert summary["documents"] == len(list(PROBES.glob("*.json")))
