"""Scanned pages per minute with the process pool and on a Dask cluster, and the coordinator's
write rate (where adding workers stops paying).

Why: OCR is ~2 s of CPU a page, so a national archive is read by many machines' workers while
one process writes the store. The figures, measured in one run on the same pages:
- pages/min of ``ingest`` with the process pool (the default), with a local Dask cluster of
  1 worker and of 2 workers, and the scaling ratio 2 workers / 1 worker;
- documents/s the coordinator writes (``store.write_document`` of finished contracts, one
  transaction each, as the ingest does), and the worker count at which it would be the
  bottleneck: write rate / one worker's document rate.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCAN = ROOT / "corpus" / "scanned" / "news-2021-ct-pcmbn.scan.pdf"
COPIES = int(os.environ.get("BENCH_CLUSTER_COPIES", "12"))


def _scans(folder: Path) -> None:
    """COPIES distinct files of the bundled scan (a byte appended: other hashes, same pages)."""
    folder.mkdir()
    data = SCAN.read_bytes()
    for i in range(COPIES):
        (folder / f"scan{i:03d}.pdf").write_bytes(data + b"\n%" + str(i).encode())


def _pages_per_minute(folder: Path, db: Path, **kw) -> tuple[float, float, int]:
    from pipeline.ingest import ingest

    t = time.perf_counter()
    stats = ingest([folder], db, **kw)
    secs = time.perf_counter() - t
    assert stats.failed == 0, stats.errors
    return stats.pages / secs * 60, stats.read / secs, stats.pages


def _on_local_cluster(n: int, folder: Path, db: Path) -> tuple[float, float]:
    """(pages/min, documents/s) of an ingest through a local cluster of ``n`` single-threaded
    worker processes, started before the clock starts (a cluster serves many ingests)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        pages, docs, _ = _pages_per_minute(folder, db, cluster=lc.scheduler_address)
    return pages, docs


def _write_rate(db_path: Path, src_db: Path, n: int = 200) -> float:
    """Documents/s of the coordinator's writes: the stored contracts written again under new ids."""
    import sqlite_utils

    from pipeline import store

    src = sqlite_utils.Database(src_db)
    rows = [(json.loads(c), t) for c, t in src.execute("select contract, text from documents")]
    db = store.connect(db_path)
    t = time.perf_counter()
    for i in range(n):
        contract, text = rows[i % len(rows)]
        contract = {**contract, "source": {**contract["source"], "sha256": f"{i:064x}"}}
        with db.atomic():
            store.write_document(db, contract, text)
    return n / (time.perf_counter() - t)


def main() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("   skipped: distributed is not installed (pip install -e '.[cluster]')")
        return
    if shutil.which("tesseract") is None:
        print("   skipped: tesseract is not installed")
        return
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        tmp = Path(tmp)
        scans = tmp / "scans"
        _scans(scans)
        pool, _, pages = _pages_per_minute(scans, tmp / "pool.db", workers=2)
        one, one_docs = _on_local_cluster(1, scans, tmp / "c1.db")
        two, _ = _on_local_cluster(2, scans, tmp / "c2.db")
        print(f"   {COPIES} scanned files, {pages} pages (OCR), this machine's {os.cpu_count()} cores:")
        print(f"   process pool, 2 workers: {pool:.1f} pages/min")
        print(f"   Dask local cluster, 1 worker: {one:.1f} pages/min; 2 workers: {two:.1f} pages/min; "
              f"scaling 2/1 = {two / one:.2f} (goal >= 1.8); 2 workers / process pool = {two / pool:.2f}")
        rate = _write_rate(tmp / "w.db", tmp / "pool.db")
        print(f"   coordinator writes {rate:.0f} documents/s (one transaction each); one worker reads "
              f"{one_docs:.2f} documents/s of this scan, so the writer is the bottleneck only past "
              f"~{rate / one_docs:.0f} workers")


if __name__ == "__main__":
    main()
