"""Grouping copies of one plan at scale: regrouping copies unsure of their header (OCR'd, no
symbol) in a store of many templated plans.

Why: provinces copy national wording, so thousands of plans share their boilerplate phrases;
a copy unsure of its header is matched to the plan it copies by its text, and a look-up that
reads every plan sharing a phrase grows with the store. The bench writes N templated plans
(the synthetic plans of ``bench_graph``), groups them, adds 40 OCR'd copies of stored plans
without their symbol, and times the incremental regrouping of those 40, for growing N: the
figure should stay flat (or grow slowly), not with N.
"""
from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_graph import make_plan  # noqa: E402

from pipeline import store  # noqa: E402
from pipeline.derive import plans  # noqa: E402

SIZES = [int(x) for x in os.environ.get("KEHOACH_BENCH_GROUPING", "2000,8000").split(",")]
UNSURE = 40


def _unsure_copy(text: str, contract: dict, k: int) -> tuple[str, dict]:
    """An OCR'd copy of a stored plan whose symbol did not read: same words, other bytes."""
    c = {**contract, "document": {**contract["document"], "symbol": None},
         "source": {**contract["source"], "sha256": f"{k:08x}" + contract["source"]["sha256"][8:],
                    "path": f"scans/{k:05d}.pdf", "format": "pdf", "ocr": True,
                    "page_methods": [{"page": 1, "method": "ocr", "confidence": 0.9, "start": 0, "end": len(text)}]}}
    return text, c


def _measure(n: int) -> tuple[float, float, int]:
    rng = random.Random(11)
    tmp = Path(tempfile.mkdtemp(prefix="kehoach-bench-grouping-"))
    try:
        db = store.connect(tmp / "g.db")
        made = [make_plan(i, rng) for i in range(n)]
        with db.atomic():
            for text, c in made:
                store.write_document(db, c, text)
        t = time.perf_counter()
        with db.atomic():
            plans.assign(db)
        full = time.perf_counter() - t
        copies = [_unsure_copy(*made[rng.randrange(n)], k) for k in range(UNSURE)]
        with db.atomic():
            for text, c in copies:
                store.write_document(db, c, text)
        ids = [c["source"]["sha256"] for _, c in copies]
        t = time.perf_counter()
        with db.atomic():
            plans.assign(db, ids)
        regroup = time.perf_counter() - t
        joined = db.execute(f"select count(*) from plan_copies where doc_id in ({','.join('?' * len(ids))}) "
                            "and plan like 'key:%'", ids).fetchone()[0]
        return full, regroup, joined
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    for n in SIZES:
        full, regroup, joined = _measure(n)
        print(f"   {n} templated plans: grouping all {full:.1f} s; regrouping {UNSURE} unsure copies "
              f"{regroup:.2f} s ({joined}/{UNSURE} joined their plan)")


if __name__ == "__main__":
    main()
