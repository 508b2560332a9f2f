"""Write ``extract()`` JSON for a fixed set of inputs, to check a refactor changes no output.

Usage: python scripts/dump_outputs.py OUT [--no-scanned]
       diff -r BASELINE OUT        # zero differences: the change is output-neutral

Why: speed work (caches, compiled matchers, shared per-text work) must leave every extracted
fact byte-identical; the scores alone would not notice a moved span or a reordered list. The
inputs cover the layouts the extractors meet:

- the five seed plans (../shared/seeds) and the composed probes (tests/probes);
- the seeds hard-wrapped at 72 columns (the wrap-width rejoin of read/wrap.py);
- the held-out sets (tests/holdout*) and the real plans and decisions of ../shared/real;
- the bundled corpus texts and the ~20 KB plans the speed bench composes from them;
- the OCR'd scanned renderings of the seeds in both scan profiles (cached OCR, see
  scripts/score_scanned.py; rendered and OCR'd on first use, which is slow).

Each input is written to a temp folder first and ``source.path`` is replaced by the file's
name, so two runs compare equal whatever the temp folder was called.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))



def _seeds_dir() -> Path:
    """../shared/seeds from the main checkout or from a worktree under /work/wt."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "seeds").is_dir():
            return base / "shared" / "seeds"
    raise SystemExit("no shared/seeds folder found next to the checkout")


def _wrap(text: str, width: int = 72) -> str:
    """Each paragraph hard-wrapped at ``width`` columns (blank lines kept)."""
    out = []
    for line in text.splitlines():
        out.append(textwrap.fill(line, width) if line.strip() else "")
    return "\n".join(out) + "\n"


def _write(out: Path, name: str, contract: dict) -> None:
    contract["source"]["path"] = Path(contract["source"]["path"]).name
    (out / f"{name}.json").write_text(json.dumps(contract, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--no-scanned", action="store_true", help="leave out the OCR'd renderings")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from pipeline.api import extract

    seeds = sorted(_seeds_dir().glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="dump-") as tmp:
        tmp = Path(tmp)
        inputs: list[tuple[str, Path]] = []
        inputs += [(f"seed-{p.stem}", p) for p in seeds]
        inputs += [(f"probe-{p.stem}", p) for p in sorted((ROOT / "tests" / "probes").glob("*.txt"))]
        inputs += [(f"corpus-{p.stem}", p) for p in sorted((ROOT / "corpus" / "text").glob("*.txt"))]
        for held in sorted((ROOT / "tests").glob("holdout*")):
            inputs += [(f"{held.name}-{p.stem}", p) for p in sorted(held.glob("*.txt"))]
        real = _seeds_dir().parent / "real"
        inputs += [(f"real-{p.parent.name}-{p.stem}", p) for p in sorted(real.glob("*/*.txt"))]
        for p in seeds:
            w = tmp / f"{p.stem}.txt"
            w.write_text(_wrap(p.read_text(encoding="utf-8")), encoding="utf-8")
            inputs.append((f"wrap72-{p.stem}", w))
        import bench_ingest

        big = tmp / "bench"
        big.mkdir()
        inputs += [(f"bench20-{p.stem}", p) for p in bench_ingest._plans_of_size(big, 20 * 1024)]
        for name, path in inputs:
            _write(args.out, name, extract(path))

    if not args.no_scanned:
        import score_scanned as sc

        for profile in ("default", "harsh"):
            for seed in seeds:
                pdf = sc.scanned_pdf(seed.read_text(encoding="utf-8"), seed.stem, profile)
                result, sha, _ = sc.read_cached(pdf)
                _write(args.out, f"scan-{profile}-{seed.stem}", sc.extract_result(result, sha))
    print(f"{len(list(args.out.glob('*.json')))} outputs in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
