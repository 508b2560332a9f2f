"""Labelled tasks for the area classifier: the composed rows and the sample plans' gold tasks.

The composed rows (models/area_labels.tsv) ship with the repo. The sample plans and their
gold answers stay outside it (../shared/seeds, ../shared/gold) and are read at run time: each
gold task is matched to the task the pipeline extracts at the same path, so a model is trained
and evaluated on exactly the text and headings it will see in production.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from pipeline.areas.model import MODELS, Item
from pipeline.extract.tables import table_tasks
from pipeline.extract.tasks import outline_tasks
from pipeline.model import Document
from pipeline.resources import tsv_lines

LABELS = MODELS / "area_labels.tsv"
HEADING_SEP = "»"
SHARED = MODELS.parent.parent / "shared"


def read_labels(path: Path = LABELS) -> list[Item]:
    """The composed label rows: area, headings joined by " » ", text."""
    items: list[Item] = []
    for cells in tsv_lines(path):
        if cells[0] == "area":
            continue
        area, heads, text = (cells + ["", ""])[:3]
        hs = tuple(h.strip() for h in heads.split(HEADING_SEP) if h.strip())
        items.append(Item(text.strip(), hs, area.strip(), "labels"))
    return items


def path_key(path: list[str]) -> tuple[str, ...]:
    """A task path as the contract compares it: labels without a trailing ".", lower case, and
    without a label that the next one already carries ("2" before "2.1")."""
    labs = [str(x).strip().rstrip(".").casefold() for x in path]
    return tuple(lab for i, lab in enumerate(labs)
                 if not (i + 1 < len(labs) and labs[i + 1].startswith(lab + ".")))


def seed_items(load: Callable[[Path], Document], seeds: Path = SHARED / "seeds", gold: Path = SHARED / "gold") -> list[Item]:
    """Every gold task of the sample plans, with the text and headings the pipeline extracts
    at the gold task's path (a gold task the pipeline misses is left out; the seeds' task
    recall is 1.0). A plan whose gold has no tasks gives none. Empty when the folders are absent.
    ``load`` reads a file into a Document (``pipeline.api.load``; the caller passes it, as the
    reading stages come before this one)."""
    items: list[Item] = []
    if not seeds.is_dir() or not gold.is_dir():
        return items
    for f in sorted(seeds.iterdir()):
        g = gold / (f.stem + ".json")
        if not f.is_file() or not g.exists():
            continue
        tasks = json.loads(g.read_text(encoding="utf-8")).get("tasks") or []
        doc = load(f)
        found: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
        for t in outline_tasks(doc):
            found.setdefault(path_key(t.path), (t.text, tuple(t.headings)))
        for fact in table_tasks(doc):
            found.setdefault(path_key(fact["path"]), (fact["text"], ()))
        for t in tasks:
            hit = found.get(path_key(t["path"]))
            if hit is not None:
                items.append(Item(hit[0], hit[1], t["area"], f.stem))
    return items


def seed_groups(seeds: Path = SHARED / "seeds") -> list[str]:
    """The sample plans' names, one fold each (a plan without gold tasks is still a fold)."""
    return sorted(f.stem for f in seeds.iterdir() if f.is_file()) if seeds.is_dir() else []
