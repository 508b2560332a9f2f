"""What the array shortcuts of ``pipeline/text`` save at the user's level.

Why: a speed shortcut must pay for itself in a realistic ingest (a text corpus here; OCR
dominates a scanned one, where no extraction shortcut can matter), or it is complexity for
nothing. ``charmap`` (folding a whole text by one array look-up, words found by array passes)
and ``starts`` (where a pattern may begin, by array passes) each fall back to the plain
computation; this bench runs the same ingest of the same composed text corpus with them on
and with them replaced by that fallback, in fresh processes taken in turn, and prints the
ratio. The outputs are the same either way (``tests/test_speed_equivalence.py``).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = 3

_CHILD = r"""
import resource, sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
if {plain!r}:
    from pipeline.text import charmap, starts
    import pipeline.lexicon.agency_mentions as mentions
    charmap.CharMap.translate = lambda self, s: s.translate(self._table)
    mentions.word_runs = lambda s: None
    starts.digit_runs = lambda s: None
    starts.starts_not_after = lambda *a: None
import bench_ingest
from pipeline.ingest import ingest
with tempfile.TemporaryDirectory() as tmp:
    corpus = Path(tmp) / "corpus"; corpus.mkdir()
    files = bench_ingest._variants(corpus) + bench_ingest._plans_of_size(corpus, bench_ingest.PLAN_BYTES)
    def cpu():  # this process and its reaped workers (the pool is shut down when ingest returns)
        return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                      resource.getrusage(resource.RUSAGE_CHILDREN)))
    t = cpu()
    stats = ingest([corpus], Path(tmp) / "k.db", workers=1)
    print(stats.read / (cpu() - t))
"""


def _rate(plain: bool) -> float:
    code = _CHILD.format(root=str(HERE.parent), bench=str(HERE), plain=plain)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    on, off = [], []
    for _ in range(ROUNDS):
        on.append(_rate(False))
        off.append(_rate(True))
    a, b = statistics.median(on), statistics.median(off)
    print(f"   text-corpus ingest, 1 worker (CPU time of the ingest and its worker; {ROUNDS} runs each, median):")
    print(f"   with the array shortcuts {a:.1f} documents/s, without {b:.1f} documents/s: "
          f"{a / b:.2f}x ({1 - b / a:.0%} of the ingest's time saved; the keep-threshold is 10%)")


if __name__ == "__main__":
    main()
