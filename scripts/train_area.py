"""Train the programme-area textcat and save it to models/area_textcat (the shipped model).

Training data: the composed labels of models/area_labels.tsv — a function of the repo
alone. --with-seeds also learns the sample plans' gold tasks (../shared); the shipped model
does not, so that the sample plans remain an out-of-sample check of it rather than answers
it has seen. Deterministic: the same data and options give
the same model. scripts/eval_area.py says how well each choice generalises.

Usage: python scripts/train_area.py [--out DIR] [--with-seeds] [--epochs N] [--seed N]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.areas import model as M  # noqa: E402
from pipeline.api import load  # noqa: E402
from pipeline.areas.training import LABELS, SHARED, read_labels, seed_items  # noqa: E402
from pipeline.areas.rules import area_ids  # noqa: E402


def build(out: Path = M.MODEL_DIR, use_seeds: bool = False, cfg: M.TrainConfig | None = None,
          labels: Path = LABELS, seeds: Path = SHARED / "seeds", gold: Path = SHARED / "gold") -> dict:
    """Train on the label file (and the seeds) and write the model to ``out``; its summary."""
    cfg = cfg or M.TrainConfig()
    items = read_labels(labels)
    plan_items = seed_items(load, seeds, gold) if use_seeds else []
    model = M.fit(items + plan_items, area_ids(), cfg)
    out.mkdir(parents=True, exist_ok=True)
    model.save(out)  # the spaCy pipeline: the model itself, to inspect or train further
    model.table(M.training_words(items + plan_items, cfg)).save(out)  # what extraction loads
    summary = {"labels": len(items), "seed_tasks": len(plan_items),
               "per_area": dict(sorted(Counter(it.area for it in items + plan_items).items())),
               "epochs": cfg.epochs, "seed": cfg.seed, "ngram_size": cfg.ngram_size,
               "length": cfg.length, "opening_words": M.OPENING_WORDS, "headings_used": M.HEADINGS_USED}
    (out / "training.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return summary


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=M.MODEL_DIR)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--with-seeds", action="store_true",
                    help="also learn the sample plans' gold tasks (the shipped model does not: the samples stay an out-of-sample check)")
    ap.add_argument("--epochs", type=int, default=M.TrainConfig.epochs)
    ap.add_argument("--seed", type=int, default=M.TrainConfig.seed)
    args = ap.parse_args()
    t0 = time.perf_counter()
    summary = build(args.out, args.with_seeds, M.TrainConfig(epochs=args.epochs, seed=args.seed), args.labels)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"area model → {args.out} ({size / 1024:.0f} KiB, {summary['labels']} labels + "
          f"{summary['seed_tasks']} seed tasks, {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
