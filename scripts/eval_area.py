"""Leave-one-document-out evaluation of the programme-area classifiers.

For each sample plan of ../shared/seeds: train the textcat on the composed labels
(models/area_labels.tsv) plus the other plans' gold tasks, and label the held-out plan's
tasks with (a) the keyword rules, (b) the model, (c) the hybrid (model when confident, else
rules). Then a k-fold cross-validation on the composed labels (each fold's model trained on
the other label folds plus all the plans' tasks), scored twice: on the held-out items as
written, and "run-on" — each held-out item followed by the text of a held-out item of another
area, as long plan items go on from their work to other asks (the right answer stays the first
item's area). Prints one table; --json writes it too.

Usage: python scripts/eval_area.py [--segmenter none|underthesea] [--no-seeds] [--epochs N]
                                   [--cv K] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.areas import model as M  # noqa: E402
from pipeline.api import load  # noqa: E402
from pipeline.areas.training import SHARED, read_labels, seed_groups, seed_items  # noqa: E402
from pipeline.areas.hybrid import HYBRID_CONFIDENCE, hybrid_area  # noqa: E402
from pipeline.areas.rules import area_ids, classify_area  # noqa: E402

METHODS = ("rules", "model", "hybrid")


def _fit(train: list[M.Item], areas: list[str], cfg: M.TrainConfig) -> M.LinearTable:
    """Train as scripts/train_area.py does and keep what extraction would load."""
    return M.fit(train, areas, cfg).table(M.training_words(train, cfg))


def run_on(test: list[M.Item]) -> list[M.Item]:
    """Each item followed by the next item of ``test`` (cyclically) that has another area."""
    out = []
    for i, it in enumerate(test):
        other = next((test[(i + j) % len(test)] for j in range(1, len(test))
                      if test[(i + j) % len(test)].area != it.area), None)
        text = it.text.rstrip(".") + ". " + other.text if other else it.text
        out.append(M.Item(text, it.headings, it.area, it.group))
    return out


def _score(test: list[M.Item], model: M.LinearTable, confidence: float) -> dict[str, int]:
    """Right answers of each method over ``test``."""
    pairs = [(it.text, it.headings) for it in test]
    probs = model.proba(pairs)
    right = dict.fromkeys(METHODS, 0)
    for it, p in zip(test, probs):
        r = classify_area(it.text, it.headings)
        m = max(p, key=p.__getitem__)
        right["rules"] += r == it.area
        right["model"] += m == it.area
        right["hybrid"] += hybrid_area(r, p, confidence) == it.area
    return right


def evaluate(cfg: M.TrainConfig, use_seeds: bool = True, cv: int = 5,
             confidence: float = HYBRID_CONFIDENCE, seeds: Path = SHARED / "seeds",
             gold: Path = SHARED / "gold", log=print) -> dict:
    """The table's rows: one per held-out plan, the LODO total, the label cross-validation."""
    labels = read_labels()
    areas = area_ids()
    plans = seed_items(load, seeds, gold)
    rows: list[dict] = []
    total = {"n": 0, **dict.fromkeys(METHODS, 0)}
    for g in seed_groups(seeds):
        test = [it for it in plans if it.group == g]
        if not test:
            rows.append({"fold": g, "n": 0})
            continue
        train = labels + ([it for it in plans if it.group != g] if use_seeds else [])
        right = _score(test, _fit(train, areas, cfg), confidence)
        rows.append({"fold": g, "n": len(test), **right})
        total["n"] += len(test)
        for k in METHODS:
            total[k] += right[k]
        log(_line(rows[-1]))
    rows.append({"fold": "LODO overall", **total})
    cvrow = {"fold": f"labels {cv}-fold CV", "n": 0, **dict.fromkeys(METHODS, 0)}
    onrow = {"fold": f"labels {cv}-fold, run-on", "n": 0, **dict.fromkeys(METHODS, 0)}
    if cv > 1:
        order = list(range(len(labels)))
        for k in range(cv):
            test = [labels[i] for i in order if i % cv == k]
            train = [labels[i] for i in order if i % cv != k] + (plans if use_seeds else [])
            model = _fit(train, areas, cfg)
            for row, items in ((cvrow, test), (onrow, run_on(test))):
                right = _score(items, model, confidence)
                row["n"] += len(items)
                for m in METHODS:
                    row[m] += right[m]
        rows += [cvrow, onrow]
    return {"config": {"epochs": cfg.epochs, "seed": cfg.seed, "ngram_size": cfg.ngram_size,
                       "length": cfg.length, "segmenter": "underthesea" if cfg.segmenter else "none",
                       "seeds_in_training": use_seeds, "hybrid_confidence": confidence,
                       "opening_words": M.OPENING_WORDS, "headings_used": M.HEADINGS_USED},
            "rows": rows}


def _cell(row: dict, k: str) -> str:
    return f"{row[k] / row['n']:.3f} ({row[k]})" if row.get("n") else "—"


def _line(row: dict) -> str:
    return f"| {row['fold']:<22} | {row.get('n', 0):>3} | " + " | ".join(f"{_cell(row, k):>12}" for k in METHODS) + " |"


def table(result: dict) -> str:
    head = f"| {'held out':<22} | {'n':>3} | " + " | ".join(f"{k:>12}" for k in METHODS) + " |"
    sep = "|" + "|".join("-" * (len(c) + 0) for c in head.split("|")[1:-1]) + "|"
    return "\n".join([head, sep] + [_line(r) for r in result["rows"]])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segmenter", choices=("none", "underthesea"), default="none")
    ap.add_argument("--no-seeds", action="store_true", help="train on the composed labels only")
    ap.add_argument("--epochs", type=int, default=M.TrainConfig.epochs)
    ap.add_argument("--cv", type=int, default=5, help="folds of the label cross-validation (0: skip)")
    ap.add_argument("--confidence", type=float, default=HYBRID_CONFIDENCE)
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    cfg = M.TrainConfig(epochs=args.epochs,
                        segmenter=M.underthesea_segmenter() if args.segmenter == "underthesea" else None)
    t0 = time.perf_counter()
    result = evaluate(cfg, not args.no_seeds, args.cv, args.confidence, args.seeds, args.gold,
                      log=lambda s: None)
    print(json.dumps(result["config"], ensure_ascii=False))
    print(table(result))
    print(f"({time.perf_counter() - t0:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
