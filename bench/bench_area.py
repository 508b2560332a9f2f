"""CPU time the area classifier adds per plan: rules alone vs model vs hybrid.

Uses the plans of corpus/text (and ../shared/seeds when present): their tasks with headings
are collected once, then each mode labels every plan's tasks in one batch per plan, as
extraction does. Reports process CPU time per plan and the one-off model load.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.areas.hybrid import classify_areas  # noqa: E402

REPEAT = 20


def _plans() -> list[list[tuple[str, tuple[str, ...]]]]:
    from pipeline.api import load
    from pipeline.extract.tasks import outline_tasks

    files = sorted((ROOT / "corpus" / "text").glob("*.txt")) + sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    out = []
    for f in files:
        try:
            out.append([(t.text, tuple(t.headings)) for t in outline_tasks(load(f))])
        except Exception:
            continue
    return [p for p in out if p]


def main() -> None:
    from pipeline.areas import model as area_model

    plans = _plans()
    n_tasks = sum(map(len, plans))
    t = time.process_time()
    model = area_model.shipped()
    load = time.process_time() - t
    print(f"   model load (once per process): {load * 1000:.0f} ms CPU; "
          f"{len(plans)} plans, {n_tasks / max(1, len(plans)):.1f} tasks per plan")
    if model is None:
        print("   no model in models/area_textcat")
        return
    base = None
    for mode in ("rules", "model", "hybrid"):
        for p in plans:  # warm caches (keyword regex, model arrays)
            classify_areas(p, mode)
        t = time.process_time()
        for _ in range(REPEAT):
            for p in plans:
                classify_areas(p, mode)
        per_plan = (time.process_time() - t) / (REPEAT * len(plans)) * 1000
        base = per_plan if base is None else base
        extra = "" if mode == "rules" else f"  (+{per_plan - base:.2f} ms over rules)"
        print(f"   {mode:<7} {per_plan:.2f} ms CPU per plan{extra}")


if __name__ == "__main__":
    main()
