"""One writer at a time: the OS lock beside the store (``store.writer``)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline import store
from pipeline.ingest import ingest
from tests.composed import composed_plan

ROOT = Path(__file__).resolve().parents[2]
HOLD = ("import sys, time\nfrom pipeline import store\n"
        "with store.writer(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(float(sys.argv[2]))\n")


def hold_lock(db: Path, seconds: float = 60) -> subprocess.Popen:
    """Another process holding the store's writer lock (until it ends or is killed)."""
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.stdout.readline().strip() == "held"
    return p


def test_no_wait_raises_store_busy_naming_the_holders_pid(tmp_path):
    db = tmp_path / "k.db"
    p = hold_lock(db)
    try:
        with pytest.raises(store.StoreBusy) as e:
            with store.writer(db, wait=False):
                pass
        assert e.value.pid == p.pid and str(p.pid) in str(e.value)
        plan = tmp_path / "plan.txt"
        plan.write_text(composed_plan(number=7), encoding="utf-8")
        with pytest.raises(store.StoreBusy):
            ingest([plan], db, wait=False)
    finally:
        p.kill()
        p.wait()


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path):
    db = tmp_path / "k.db"
    p = hold_lock(db)
    assert store.is_locked(db)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert not store.is_locked(db)
    with store.writer(db, wait=False):
        assert store.holder(db) == os.getpid()


def test_a_library_ingest_waits_for_the_holder_and_says_whom_it_waits_for(tmp_path):
    db = tmp_path / "k.db"
    plan = tmp_path / "plan.txt"
    plan.write_text(composed_plan(number=8), encoding="utf-8")
    p = hold_lock(db, seconds=2)
    events: list[tuple[str, str, str | None]] = []
    t0 = time.monotonic()
    stats = ingest([plan], db, on_event=lambda *e: events.append(e))
    waited = time.monotonic() - t0
    p.wait()
    assert ("wait", str(db), str(p.pid)) in events
    assert waited > 0.5 and stats.read == 1


def test_the_lock_is_reentrant_for_the_thread_holding_it(tmp_path):
    db = tmp_path / "k.db"
    with store.writer(db, wait=False):
        with store.writer(db, wait=False):  # a library call under an ingest's lock does not wait for itself
            assert store.is_locked(db)
        assert store.is_locked(db)
    assert not store.is_locked(db)


def test_a_run_left_running_by_a_dead_ingest_is_marked_killed_at_the_next_start(tmp_path):
    db_path = tmp_path / "k.db"
    db = store.connect(db_path)
    dead = store.start_run(db)  # as an ingest killed before it finished leaves it
    db.close()
    plan = tmp_path / "plan.txt"
    plan.write_text(composed_plan(number=9), encoding="utf-8")
    ingest([plan], db_path)
    rows = dict(store.connect_readonly(db_path).execute("select id, status from runs").fetchall())
    assert rows[dead] == "killed" and list(rows.values()).count("done") == 1


def test_a_library_ingest_without_a_listener_says_on_stderr_whom_it_waits_for(tmp_path, capfd):
    db = tmp_path / "k.db"
    plan = tmp_path / "plan.txt"
    plan.write_text(composed_plan(number=10), encoding="utf-8")
    p = hold_lock(db, seconds=1)
    ingest([plan], db)
    p.wait()
    err = capfd.readouterr().err
    assert err == f"kehoach: {db}: process {p.pid} is writing this database; waiting for it to finish\n"


def test_another_thread_of_the_same_process_is_kept_out_like_another_process(tmp_path):
    db = tmp_path / "k.db"
    inside, seen = threading.Event(), []
    release = threading.Event()

    def hold():
        with store.writer(db):
            inside.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    inside.wait(10)
    with pytest.raises(store.StoreBusy):
        with store.writer(db, wait=False):
            pass
    release.set()
    with store.writer(db, on_wait=seen.append):
        pass
    t.join()
