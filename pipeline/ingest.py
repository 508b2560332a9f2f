"""Ingest a corpus: read every file once, store it, skip what has not changed.

Why it is built this way:
- Re-runs are cheap: a file whose size and mtime match the last run is skipped without being
  read; one whose bytes hash to the stored sha256 is skipped after hashing.
- Files are processed in worker processes (one per core) and written by this process only,
  one transaction per document, so a crash or a SIGKILL leaves a consistent database and a
  re-run completes it.
- One bad file never stops the others: it gets one line naming the file and the reason, a
  row in ``errors``, and the ingest goes on.
- One writer at a time (``store.writer``, an OS lock released when its holder dies): a second
  ingest of the same store waits, or with ``wait=False`` raises ``store.StoreBusy``. Holding
  it, a run still marked 'running' is known to be dead and is marked 'killed'.
- Workers die with the ingest (Linux ``PR_SET_PDEATHSIG``); each records the file it holds, so a
  worker that dies is blamed for its own file only; the programs workers start (Tesseract)
  carry the run's mark in their environment and are killed with the run's temp folder when a
  worker or the whole run died (``_reap``), at the latest by the next ingest of the store.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from pipeline import store
from pipeline.api import load, sha256_file, to_contract
from pipeline.derive.refresh import ensure_tables, rebuild
from pipeline.errors import InputError, internal_error
from pipeline.lifecycle import term_with_parent
from pipeline.read import SUFFIXES, UNSUPPORTED_DOCUMENTS, not_a_file

SKIP_NAMES = {"readme", "readme.md", "readme.txt", "license", ".gitkeep", "manifest.json", "manifest.tsv"}
SKIP_SUFFIXES = (".db", ".db-wal", ".db-shm", ".db-journal", ".db-lock", ".sqlite", ".sqlite-lock")  # a store kept beside the files


@dataclass
class IngestStats:
    files: int = 0
    skipped: int = 0  # files in the folders that are not documents (code, data), passed over
    read: int = 0
    unchanged: int = 0
    failed: int = 0
    links_passed: int = 0  # links to folders already walked (loops, second ways in), not entered again
    removed: int = 0  # files stored from these folders before that are gone from them now
    pages: int = 0
    ocr_pages: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("files", "skipped", "read", "unchanged", "failed", "removed", "pages",
                                              "ocr_pages", "seconds")}


def _document_like(f: Path) -> bool:
    """Whether a file met while walking a folder is meant as a document: a format a reader
    takes, an office format no reader takes (so it fails with a reason rather than vanish),
    or no suffix at all (sniffed). Code, data and notes beside the plans (.json, .py, .csv,
    .ipynb ...) are not documents and are passed over."""
    suffix = f.suffix.lower()
    return not suffix or suffix in SUFFIXES or suffix in UNSUPPORTED_DOCUMENTS


def link_problem(f: Path) -> str | None:
    """Why a symbolic link met while walking cannot be followed, or None when it can: a
    dangling link (its target is gone) or a loop of links."""
    if not f.is_symlink():
        return None
    try:
        f.stat()
    except FileNotFoundError:
        return f"dangling symbolic link (its target {os.readlink(f)} does not exist)"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop (the link points back at itself)"
        return f"cannot follow symbolic link: {e.strerror or e}"
    return None


def _walk(root: Path, looped: list[tuple[Path, str]] | None) -> Iterable[Path]:
    """Every entry under ``root``, sorted, following symbolic links to folders once: the real
    folders under ``root`` are walked, and a link to a folder outside them is entered once; a
    link to a folder already walked (an ancestor: a loop; or one met by another path) is not
    entered again and, when ``looped`` is given, listed there with the reason."""
    seen: set[tuple[int, int]] = set()

    def mark(top: Path) -> None:  # the real folders under top (links not followed)
        for d, _, _ in os.walk(top, followlinks=False):
            try:
                st = os.stat(d)
            except OSError:
                continue
            seen.add((st.st_dev, st.st_ino))

    def rec(folder: Path) -> Iterable[Path]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            f = Path(e.path)
            yield f
            try:
                is_dir = e.is_dir()  # follows a link
            except OSError:
                is_dir = False
            if not is_dir:
                continue
            if e.is_symlink():
                st = f.stat()
                if (st.st_dev, st.st_ino) in seen:
                    if looped is not None:
                        looped.append((f, f"symbolic link to a folder already walked ({os.path.realpath(f)}): "
                                          "followed once"))
                    continue
                mark(f)
            yield from rec(f)

    mark(root)
    yield from rec(root)


def collect(paths: Iterable[str | Path], skipped: list[Path] | None = None,
            looped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """The files to ingest under ``paths`` (folders are walked), sorted, hidden ones skipped.

    A file named on its own is always taken; in a folder, files that are not documents
    (``_document_like``) are left out and, when ``skipped`` is given, listed there. Symbolic
    links are followed once (``_walk``); a dangling link or a loop of links to a file is taken
    as a file, so the ingest reports it as failed with the reason (``link_problem``), never
    drops it unsaid.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found: list[Path] = []
            for f in _walk(p, looped):
                rel = f.relative_to(p).parts
                if any(part.startswith(".") for part in rel):
                    continue
                broken = link_problem(f) is not None
                if not broken and f.is_dir():
                    continue
                # a FIFO, socket or device is taken too: it fails with its reason (never opened)
                special = not broken and not f.is_file()
                if f.name.lower() in SKIP_NAMES or f.name.lower().endswith(SKIP_SUFFIXES):
                    continue
                if broken or special or _document_like(f):
                    found.append(f)
                elif skipped is not None:
                    skipped.append(f)
            out += sorted(found)
        else:
            out.append(p)  # a missing file is reported by process_file
    return out


def process_file(path: str, sha: str) -> tuple[str, Any]:
    """Worker: read, normalise, structure and extract one file.

    Returns ("ok", (contract, text)) or ("error", reason); never raises, so one file's
    failure cannot take the pool down with it.
    """
    try:
        doc = load(path, sha)
        return "ok", (to_contract(doc), doc.text)
    except InputError as e:
        return "error", str(e)
    except MemoryError:
        return "error", "out of memory while reading"
    except Exception as e:  # a bug, but the ingest of the other files goes on
        return "error", internal_error(e)


RUN_MARK = "KEHOACH_INGEST_RUN"  # in the environment of every worker's child: the run's folder
_run_dir: Path | None = None  # in a worker: the run's folder


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGTERM this process when its parent ends (Linux); elsewhere a no-op.
    SIGTERM, not SIGKILL, so ``_on_term`` can take the worker's own children (Tesseract) along."""
    if not term_with_parent():
        return
    if os.getppid() != parent:  # the parent died before the request took
        os._exit(1)


def _own_children() -> list[int]:
    """This process's child processes (Linux: from /proc)."""
    me, out = os.getpid(), []
    try:
        names = os.listdir("/proc")
    except OSError:
        return out
    for p in names:
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                out.append(int(p))
    return out


def _on_term(signum: int, frame: Any) -> None:  # noqa: ARG001
    """A worker told to stop (its parent died, or the pool stops it): kill what it started, then go."""
    for pid in _own_children():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    os._exit(128 + signum)


def _worker_init(parent: int, run_dir: str) -> None:
    """Pool initializer: die with the ingest; keep temp files and the mark of children in the run's folder."""
    global _run_dir
    signal.signal(signal.SIGTERM, _on_term)
    _die_with_parent(parent)
    _run_dir = Path(run_dir)
    tmp = _run_dir / "tmp"
    os.environ[RUN_MARK] = run_dir
    os.environ["TMPDIR"] = str(tmp)
    tempfile.tempdir = str(tmp)


def _work(path: str, sha: str) -> tuple[str, Any]:
    """Worker task: ``process_file``, with the file recorded as held by this worker meanwhile."""
    held = _run_dir / "held" / str(os.getpid()) if _run_dir else None
    if held:
        held.write_text(path, encoding="utf-8")
    try:
        return process_file(path, sha)
    finally:
        if held:
            held.unlink(missing_ok=True)


def _quiet_but_waiting(kind: str, path: str, detail: str | None) -> None:
    if kind == "wait":
        who = f"process {detail}" if detail else "another process"
        print(f"kehoach: {path}: {who} is writing this database; waiting for it to finish", file=sys.stderr, flush=True)


def _run_root(db_path: str | Path) -> Path:
    """Where this store's ingests keep their per-run folders (system temp, one name per store)."""
    key = hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"kehoach-ingest-{key}"


def _reap(run_dir: Path) -> int:
    """Kill the processes started by a run's workers and remove the run's folder; how many were killed."""
    killed = _kill_marked(run_dir)
    shutil.rmtree(run_dir, ignore_errors=True)
    return killed


def _kill_marked(run_dir: Path) -> int:
    """Kill the processes whose environment carries the run's mark (what its workers started);
    how many. Linux: reads /proc; elsewhere nothing is found."""
    mark = f"{RUN_MARK}={run_dir}".encode() + b"\0"
    killed = 0
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        pids = []
    for pid in pids:
        if pid == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read() + b"\0"
        except OSError:
            continue
        if b"\0" + mark in b"\0" + env:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
    return killed


def _reap_dead_runs(db_path: str | Path) -> None:
    """Under the writer lock: every run folder of this store left behind belongs to a dead run."""
    root = _run_root(db_path)
    if root.is_dir():
        for d in root.iterdir():
            _reap(d)


def forget_vanished(db, folders: Iterable[Path], present: set[str]) -> list[tuple[str, str | None]]:
    """Drop the files stored from ``folders`` that no longer exist there: their ``files`` row,
    and their document unless another file still holds it. Returns (path, removed doc id).

    Why: a researcher who takes a file out of ``corpus/`` and runs ``make ingest`` again
    expects its plan to leave the comparisons and audits; a store that kept it would go on
    counting a plan nobody has any more. Only paths written the way the folder is named now
    are matched, and only files missing from disk are dropped, so nothing present is lost.
    """
    gone: list[tuple[str, str | None]] = []
    for folder in folders:
        prefix = str(folder).rstrip("/\\") + os.sep
        rows = db.execute("select path, doc_id from files where substr(path, 1, ?) = ?", [len(prefix), prefix]).fetchall()
        for path, doc_id in rows:
            if path in present or Path(path).exists():
                continue
            with db.atomic():
                db.execute("delete from files where path = ?", [path])
                dropped = store.delete_if_unheld(db, doc_id)
            gone.append((path, doc_id if dropped else None))
    return gone


def _file_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def ingest(
    paths: Iterable[str | Path],
    db_path: str | Path,
    workers: int | None = None,
    on_event: Callable[[str, str, str | None], None] | None = None,
    force: bool = False,
    wait: bool = True,
    cluster: str | None = None,
) -> IngestStats:
    """Ingest ``paths`` into the store at ``db_path``.

    ``on_event(kind, path, detail)`` is called with kind ``start`` (detail: total count as a
    string), ``done``, ``unchanged`` or ``error`` (detail: the reason) so a CLI can show
    progress, and ``wait`` (path: the store, detail: the pid of the ingest holding it, or "")
    before waiting for another ingest of the same store. Without ``on_event`` the library
    prints nothing but that one line, on stderr (a call that blocks should say why).
    With ``wait=False`` that case raises ``store.StoreBusy`` instead. ``cluster``: run the
    per-file work on a Dask cluster (``tcp://host:8786``, or ``local:N`` for N local worker
    processes) instead of the process pool; this process still writes the store
    (``pipeline/cluster.py``).
    """
    emit = on_event or _quiet_but_waiting
    with store.writer(db_path, wait=wait, on_wait=lambda pid: emit("wait", str(db_path), str(pid or ""))):
        _reap_dead_runs(db_path)
        run_dir = _run_root(db_path) / str(os.getpid())
        (run_dir / "held").mkdir(parents=True, exist_ok=True)
        (run_dir / "tmp").mkdir(exist_ok=True)
        try:
            return _ingest(paths, db_path, workers, emit, force, run_dir, cluster)
        finally:
            _reap(run_dir)


def _ingest(paths: Iterable[str | Path], db_path: str | Path, workers: int | None,
            emit: Callable[[str, str, str | None], None], force: bool, run_dir: Path,
            cluster: str | None = None) -> IngestStats:
    t0 = time.perf_counter()
    paths = list(paths)
    db = store.connect(db_path)
    ensure_tables(db)  # readers of a store being written for the first time find the tables
    run_id = store.start_run(db)
    try:
        passed_over: list[Path] = []
        looped: list[tuple[Path, str]] = []
        files = collect(paths, passed_over, looped)
        stats = IngestStats(files=len(files), skipped=len(passed_over), links_passed=len(looped))
        emit("start", "", str(len(files)))
        for f, why in looped:
            emit("passed", str(f), why)

        def fail(path: str, reason: str, size: int = 0, mtime: int = 0, sha: str | None = None) -> None:
            stats.failed += 1
            stats.errors.append((path, reason))
            with db.atomic():
                store.record_error(db, run_id, path, reason)
                store.record_file(db, path, sha, size, mtime, None, "error", reason, run_id)
            emit("error", path, reason)

        todo: list[tuple[str, str, int, int]] = []
        for f in files:
            sp = str(f)
            try:
                size, mtime = _file_key(f)
            except OSError as e:
                fail(sp, link_problem(f) or f"cannot open: {e.strerror or e}")
                continue
            why = not_a_file(f)
            if why:  # a FIFO would block the hashing below for ever
                fail(sp, why)
                continue
            known = store.known_file(db, sp)
            if not force and known and known["status"] == "ok" and known["size"] == size and known["mtime_ns"] == mtime:
                stats.unchanged += 1
                emit("unchanged", sp, None)
                continue
            try:
                sha = sha256_file(f)
            except OSError as e:
                fail(sp, f"cannot read: {e.strerror or e}", size, mtime)
                continue
            if (not force and known and known["status"] == "ok" and known["sha256"] == sha
                    and db["documents"].count_where("id = ?", [sha])):
                with db.atomic():
                    store.record_file(db, sp, sha, size, mtime, sha, "ok", None, run_id)
                stats.unchanged += 1
                emit("unchanged", sp, None)
                continue
            todo.append((sp, sha, size, mtime))

        changed: list[str] = []

        def handle(item: tuple[str, str, int, int], status: str, payload: Any) -> None:
            sp, sha, size, mtime = item
            if status != "ok":
                fail(sp, payload, size, mtime, sha)
                return
            contract, text = payload
            old = store.known_file(db, sp)
            with db.atomic():
                store.write_document(db, contract, text)
                store.record_file(db, sp, sha, size, mtime, sha, "ok", None, run_id)
                # the file's previous version is gone unless another file still holds it
                if old and old["doc_id"] != sha and store.delete_if_unheld(db, old["doc_id"]):
                    changed.append(old["doc_id"])
            changed.append(sha)
            stats.read += 1
            pm = contract["source"].get("page_methods") or []
            stats.pages += len(pm)
            stats.ocr_pages += sum(1 for p in pm if p["method"] == "ocr")
            emit("done", sp, None)

        workers = workers or max(1, min(os.cpu_count() or 1, len(todo)))
        if cluster and todo:
            # imported here: Dask is needed only by users who run a cluster (and costs a second to import)
            from pipeline import cluster as dask_cluster

            dask_cluster.run(todo, cluster, process_file, handle)
        elif workers <= 1 or len(todo) <= 1:
            for item in todo:
                handle(item, *process_file(item[0], item[1]))
        else:
            _pooled(todo, workers, handle, fail, run_dir)
        for path, doc_id in forget_vanished(db, [Path(p) for p in paths if Path(p).is_dir()], {str(f) for f in files}):
            stats.removed += 1
            if doc_id:
                changed.append(doc_id)
            emit("removed", path, None)
        # the graph tables follow the documents written in this run, and any a killed run left dirty
        changed += [r[0] for r in db.execute(f"select doc_id from {store.DIRTY_TABLE}")]
        if changed:
            rebuild(db, sorted(set(changed)))
        stats.seconds = round(time.perf_counter() - t0, 3)
        store.finish_run(db, run_id, **stats.as_dict())
        db.close()
        return stats
    except BaseException as e:  # Ctrl-C, or the store failing: say so in runs, keep what was written
        try:
            with db.atomic():
                db["runs"].update(run_id, {"finished": store._now(),
                                           "status": "interrupted" if isinstance(e, KeyboardInterrupt) else "failed"})
        except Exception:  # the store itself failed; the next ingest marks the run 'killed'
            pass
        raise


def _pooled(todo: list[tuple[str, str, int, int]], workers: int, handle: Callable[..., None],
            fail: Callable[..., None], run_dir: Path) -> None:
    """Read ``todo`` in a pool of workers, calling ``handle`` in this process for each result.

    When a worker dies (a crash in a native library, the OOM killer, a signal) the pool breaks
    and every worker is stopped. The dead worker is the one whose exit was not the pool's own
    SIGTERM (``_on_term``: exit 128 + SIGTERM); the file it held (``_work``) is blamed, and the others go on in a fresh pool. A
    worker that died holding nothing blames no file; a file held at two such unexplained
    breaks is blamed too, so the loop ends.
    """
    remaining = list(todo)
    suspect: dict[str, int] = {}
    held_dir = run_dir / "held"
    while remaining:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                                   initargs=(os.getpid(), str(run_dir)))
        procs: dict[int, Any] = {}
        broken = False
        try:
            futs = {pool.submit(_work, it[0], it[1]): it for it in remaining}
            procs = dict(getattr(pool, "_processes", None) or {})
            for fut in as_completed(futs):
                item = futs[fut]
                handle(item, *fut.result())
                remaining.remove(item)
        except BrokenProcessPool:
            broken = True
        except BaseException:  # Ctrl-C, or a failure writing the store: stop the workers now
            pool.shutdown(wait=False, cancel_futures=True)
            for p in procs.values():
                p.kill()
            raise
        finally:
            procs.update(getattr(pool, "_processes", None) or {})
            pool.shutdown(wait=True, cancel_futures=True)
        if not broken:
            break
        held = {}
        for f in held_dir.iterdir():
            try:
                held[int(f.name)] = f.read_text(encoding="utf-8")
            except (OSError, ValueError):
                pass
            f.unlink(missing_ok=True)
        dead = [pid for pid, p in procs.items() if p.exitcode not in (None, 0, -signal.SIGTERM, 128 + signal.SIGTERM)]
        _reap_children(run_dir)
        by_path = {it[0]: it for it in remaining}
        blamed = [held[pid] for pid in dead if pid in held and held[pid] in by_path]
        if not dead:  # no culprit known: every held file is suspect
            for path in held.values():
                suspect[path] = suspect.get(path, 0) + 1
                if suspect[path] >= 2 and path in by_path:
                    blamed.append(path)
        for path in dict.fromkeys(blamed):
            item = by_path[path]
            remaining.remove(item)
            fail(item[0], "the reader crashed on this file", item[2], item[3], item[1])
        if not blamed and not held and not dead:  # nothing known: the first unfinished file, as a last resort
            item = remaining.pop(0)
            fail(item[0], "the reader crashed on this file", item[2], item[3], item[1])


def _reap_children(run_dir: Path) -> None:
    """Kill what the stopped workers of a broken pool had started (Tesseract) and empty their temp folder."""
    _kill_marked(run_dir)
    shutil.rmtree(run_dir / "tmp", ignore_errors=True)
    (run_dir / "tmp").mkdir(parents=True, exist_ok=True)
