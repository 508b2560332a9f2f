"""Ingest and extraction speed on the text corpus. Prints figures, never asserts.

1. ingest of N variants of each bundled seed text (each with a small change, so every file
   hashes differently) into a fresh SQLite file, in documents/second, with 1 and 2 workers;
2. a no-op re-ingest of the same files (nothing changed) in seconds, and as a share of the
   first ingest's time;
3. extraction alone (``pipeline.api.extract`` on the seed texts, repeated) in
   documents/second on one core — the goal is >= 50 documents/s per core on a 20 KB plan.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COPIES = int(os.environ.get("BENCH_INGEST_COPIES", "8"))
REPEAT = int(os.environ.get("BENCH_EXTRACT_REPEAT", "4"))
TEXTS = sorted((ROOT / "corpus" / "text").glob("*.txt"))


def _variants(out: Path) -> list[Path]:
    """COPIES variants of each text: a numbered note line appended, so each hashes apart."""
    files = []
    for src in TEXTS:
        text = src.read_text(encoding="utf-8")
        for i in range(COPIES):
            p = out / f"{src.stem}-{i:03d}.txt"
            p.write_text(text + f"\n(Bản sao số {i + 1} để đo tốc độ.)\n", encoding="utf-8")
            files.append(p)
    return files


def main() -> None:
    from pipeline.api import extract
    from pipeline.ingest import ingest

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        corpus.mkdir()
        files = _variants(corpus)
        kb = sum(f.stat().st_size for f in files) / len(files) / 1024
        print(f"   {len(files)} text files, {kb:.1f} KB each on average")
        for workers in (1, 2):
            db = tmp / f"k{workers}.db"
            t = time.perf_counter()
            stats = ingest([corpus], db, workers=workers)
            first = time.perf_counter() - t
            print(f"   ingest, {workers} worker(s): {stats.read / first:.1f} documents/s "
                  f"({stats.read} read, {stats.failed} failed, {first:.2f} s)")
            t = time.perf_counter()
            again = ingest([corpus], db, workers=workers)
            noop = time.perf_counter() - t
            print(f"   no-op re-ingest: {noop:.3f} s ({again.unchanged} unchanged), "
                  f"{noop / first:.1%} of the first ingest")

    for f in TEXTS:  # warm-up: imports, vocabularies, compiled patterns
        extract(f)
    t0 = time.process_time()
    w0 = time.perf_counter()
    n = 0
    for _ in range(REPEAT):
        for f in TEXTS:
            extract(f)
            n += 1
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    kb = sum(f.stat().st_size for f in TEXTS) / len(TEXTS) / 1024
    print(f"   extraction alone: {n / cpu:.1f} documents/s per core (CPU time; {n / wall:.1f}/s wall), "
          f"{kb:.1f} KB per plan on average")


if __name__ == "__main__":
    main()
