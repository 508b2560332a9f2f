"""The per-file work of an ingest on a Dask distributed cluster.

Why Dask and not a home-made scheduler: users who outgrow one machine start workers on
others (``dask worker tcp://host:8786``, ``make worker``); Dask moves the work, re-runs what a
lost worker held and gives up on a file that keeps killing workers. What stays here:

- Workers get the file's bytes, not its path (no shared file system needed); each writes them
  to a private temp folder under the file's own name and runs the same per-file function as
  the process pool (read, OCR, normalise, structure, extract), returning the finished contract
  and text.
- This process stays the only writer of the store, one transaction per document: results are
  handed to the ingest's own ``handle`` as they arrive.
- At most ``window`` files are in flight (their bytes held by the scheduler), so the
  coordinator's memory stays flat over 100,000 files; a new file is read and sent only when
  one comes back.
- A file whose task kills workers repeatedly (Dask's ``allowed-failures``) is reported failed
  with the reason, and the others go on.
"""
from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from distributed import Client, LocalCluster, as_completed
from distributed.scheduler import KilledWorker

# (path, sha256, size, mtime_ns): an ingest's work item, as ``ingest`` builds them
Item = tuple[str, str, int, int]
Worker = Callable[[str, str], tuple[str, Any]]
WINDOW_PER_THREAD = 4  # files in flight per worker thread: enough to keep each busy between replies


def connect(address: str) -> tuple[Client, LocalCluster | None]:
    """A client of the scheduler at ``address`` (``tcp://host:8786``), or of a local cluster of
    N worker processes for ``local:N`` (one thread each: OCR is single-threaded per page and
    the extractors hold the GIL)."""
    if address.startswith("local:"):
        n = int(address.split(":", 1)[1] or 0) or 1
        local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(local), local
    return Client(address), None


def work_on_bytes(worker: Worker, name: str, data: bytes, sha: str) -> tuple[str, Any]:
    """On a worker: the file's bytes under its own base name in a private temp folder, through
    ``worker`` (the ingest's per-file function), the source path put back to the original."""
    # the cluster's workers are the parallelism: one Tesseract at a time in each (a worker
    # OCR'ing a file's pages on every core would compete with the other workers for them)
    os.environ.setdefault("KEHOACH_OCR_WORKERS", "1")
    with tempfile.TemporaryDirectory(prefix="kehoach-worker-") as tmp:
        path = Path(tmp) / (Path(name).name or "document")
        path.write_bytes(data)
        status, payload = worker(str(path), sha)
    if status == "ok":
        payload[0]["source"]["path"] = name
    return status, payload


def run(
    items: Iterable[Item],
    address: str,
    worker: Worker,
    handle: Callable[[Item, str, Any], None],
    window: int | None = None,
) -> None:
    """Run ``worker`` for every item on the cluster and pass each result to ``handle`` (in this
    process, in the order they finish). A file that cannot be read here, or whose task killed
    workers, reaches ``handle`` as an error with its reason."""
    client, local = connect(address)
    try:
        threads = sum(client.nthreads().values()) or 1
        window = window or WINDOW_PER_THREAD * threads
        todo: Iterator[Item] = iter(items)
        pending: dict[Any, Item] = {}
        done = as_completed()
        keys = itertools.count()

        def submit_next() -> bool:
            for item in todo:
                try:
                    data = Path(item[0]).read_bytes()
                except OSError as e:
                    handle(item, "error", f"cannot read: {e.strerror or e}")
                    continue
                fut = client.submit(work_on_bytes, worker, item[0], data, item[1], pure=False,
                                    key=f"kehoach-{item[1][:16]}-{next(keys)}")
                pending[fut] = item
                done.add(fut)
                return True
            return False

        for _ in range(window):
            if not submit_next():
                break
        for fut in done:
            item = pending.pop(fut)
            try:
                status, payload = fut.result()
            except KilledWorker:
                status, payload = "error", "the reader killed the workers that took this file"
            except Exception as e:  # a task error Dask reports (the worker function never raises)
                status, payload = "error", f"cluster error {type(e).__name__}: {e}"
            fut.release()
            handle(item, status, payload)
            submit_next()
    finally:
        client.close()
        if local is not None:
            local.close()
