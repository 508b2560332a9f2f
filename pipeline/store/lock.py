"""One writer at a time: an OS file lock beside the store.

Why ``fcntl.flock`` on ``<store>-lock``: SQLite serialises single transactions, not a whole
ingest (hundreds of transactions, then a rebuild); two ingests interleaving their transactions
ran into "database is locked" and each other's derived rows. The kernel releases a flock
when its holder dies, however it dies (SIGKILL included), so a killed ingest never leaves the
store locked and no stale-lock protocol is needed. The holder writes its pid into the file so
the one waiting can say whom it waits for. The file is never deleted (deleting a lock file
lets two processes each lock a different file).

Within one process the lock is re-entrant for the thread holding it (a count per store), so a
library call that writes (``derive.refresh.ensure_fresh``) under an ingest's lock does not wait
for itself; another thread of the same process waits (or is told it is busy) like another process.
"""
from __future__ import annotations

import errno
import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

_held: dict[str, tuple[int, int]] = {}  # resolved lock path → (fd, depth) held by this process
_threads: dict[str, threading.RLock] = {}  # resolved lock path → the lock between this process's threads
_guard = threading.Lock()


class StoreBusy(Exception):
    """Another process is writing this store (``pid`` when it could be read)."""

    def __init__(self, path: str | Path, pid: int | None):
        self.path, self.pid = str(path), pid
        who = f"process {pid}" if pid else "another process"
        super().__init__(f"{path}: {who} is writing this store")


def lock_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + "-lock")


def holder(db_path: str | Path) -> int | None:
    """The pid written by the process holding (or that last held) the store's lock."""
    try:
        text = lock_path(db_path).read_text(encoding="ascii").strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None


def is_locked(db_path: str | Path) -> bool:
    """Whether a writer holds the store now (this process included)."""
    key = str(lock_path(db_path).resolve())
    if key in _held:
        return True
    try:
        fd = os.open(lock_path(db_path), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def _drop_inherited() -> None:
    """In a forked child (an ingest's worker): close the lock descriptors copied from the
    parent, so a worker that outlives its parent cannot keep the store locked."""
    for fd, _ in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()
    _threads.clear()


os.register_at_fork(after_in_child=_drop_inherited)


@contextmanager
def writer(db_path: str | Path, wait: bool = True,
           on_wait: Callable[[int | None], None] | None = None) -> Iterator[None]:
    """Hold the store's writer lock for the ``with`` block.

    When another process (or another thread of this one) holds it: ``wait=False`` raises
    ``StoreBusy`` at once; otherwise ``on_wait(pid)`` is called once and this blocks until the
    holder finishes or dies. The thread holding it may take it again (re-entrant).
    """
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.resolve())
    with _guard:
        in_process = _threads.setdefault(key, threading.RLock())
    if not in_process.acquire(blocking=False):  # another thread of this process writes the store
        if not wait:
            raise StoreBusy(db_path, os.getpid())
        if on_wait:
            on_wait(os.getpid())
        in_process.acquire()
    try:
        if key in _held:  # this thread holds it already
            fd, depth = _held[key]
            _held[key] = (fd, depth + 1)
            try:
                yield
            finally:
                _held[key] = (fd, _held[key][1] - 1)
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                pid = holder(db_path)
                if not wait:
                    raise StoreBusy(db_path, pid) from None
                if on_wait:
                    on_wait(pid)
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
            _held[key] = (fd, 1)
            try:
                yield
            finally:
                _held.pop(key, None)
                try:
                    os.ftruncate(fd, 0)
                except OSError:
                    pass
        finally:
            os.close(fd)  # closing the only descriptor releases the flock
    finally:
        in_process.release()
