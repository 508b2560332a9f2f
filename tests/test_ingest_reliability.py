"""An ingest killed at any moment, or losing a worker, leaves a sound store that a re-run
makes equal to a clean ingest; workers and their children do not outlive it."""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline import store
from pipeline.ingest import _run_root, ingest
from tests.composed import composed_plan
from processes import alive, children

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
KEHOACH = [sys.executable, "-m", "pipeline.cli"]
IMAGE = ROOT / "corpus" / "image" / "tuyenquang-2024-61-kh-ubnd-p1.png"  # a few seconds of real Tesseract

# the stored facts, without what differs between runs (times, run ids)
FACTS = {
    "documents": "select id, path, symbol, type, issuer, province, date, title, text from documents",
    "sections": "select id, doc_id, label, path, start, [end] from sections",
    "tasks": "select fid, path_str, text, area, lead, support from tasks",
    "deadlines": "select fid, kind, date, period_start, period_end from deadlines",
    "targets": "select fid, value, unit, metric from targets",
    "citations": "select fid, symbol, relation from citations",
    "assignments": "select task_fid, agency_id, role from assignments",
    "files": "select path, sha256, doc_id, status from files",
    "plan_copies": "select doc_id, plan, representative from plan_copies",
    "graph_nodes": "select id, kind, label from graph_nodes",
    "graph_edges": "select src, dst, kind, doc_id from graph_edges",
    "summary_areas": "select * from summary_areas",
    "dirty_docs": "select * from dirty_docs",
}


def facts(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as conn:
        return {k: sorted(map(repr, conn.execute(q).fetchall())) for k, q in FACTS.items()}


def _gone(pids: list[int], within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while any(alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, list], float]:
    tmp = tmp_path_factory.mktemp("kill")
    c = tmp / "corpus"
    c.mkdir()
    for i in range(40):
        (c / f"plan{i:02d}.txt").write_text(composed_plan(number=500 + i), encoding="utf-8")
    t0 = time.monotonic()
    r = subprocess.run(KEHOACH + ["ingest", str(c), "--db", str(tmp / "clean.db"), "--workers", "2", "-q"],
                       capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=300)
    assert r.returncode == 0, r.stderr
    return c, facts(tmp / "clean.db"), time.monotonic() - t0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_at_a_seeded_random_moment_leaves_a_store_a_rerun_makes_equal_to_a_clean_ingest(corpus, tmp_path, seed):
    c, clean, seconds = corpus
    db = tmp_path / "k.db"
    moment = random.Random(seed).uniform(0.3, max(0.5, seconds * 0.8))
    p = subprocess.Popen(KEHOACH + ["ingest", str(c), "--db", str(db), "--workers", "2", "-q"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    time.sleep(moment)
    workers = children(p.pid)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert _gone(workers), f"workers {workers} outlived the killed ingest"
    if db.exists():
        with sqlite3.connect(db) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert not store.is_locked(db)
    stats = ingest([c], db, workers=2)
    assert stats.failed == 0 and stats.read + stats.unchanged == 40
    assert facts(db) == clean
    statuses = [r[0] for r in sqlite3.connect(db).execute("select status from runs order by id")]
    # the killed run is marked so by the re-run (or was done, when the moment fell after its end)
    assert statuses[-1] == "done" and set(statuses[:-1]) <= {"killed", "done"} and len(statuses) <= 2
    assert not _run_root(db).exists() or not any(_run_root(db).iterdir())  # run folders reaped


def _held(db: Path, timeout: float = 60) -> dict[int, str]:
    """Wait until a worker holds the image; the files the workers hold, by worker pid."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        root = _run_root(db)
        runs = list(root.iterdir()) if root.exists() else []
        held = {}
        for run in runs:
            for f in (run / "held").glob("*"):
                try:
                    held[int(f.name)] = f.read_text(encoding="utf-8")
                except (OSError, ValueError):
                    pass
        if any(v.endswith(".png") for v in held.values()):
            return held
        time.sleep(0.02)
    raise AssertionError("no worker took the image")


@pytest.mark.ocr
@pytest.mark.parametrize("victim", ["idle", "reading"])
def test_a_killed_worker_blames_its_own_file_only_and_leaves_no_children(tmp_path, victim):
    c = tmp_path / "corpus"
    c.mkdir()
    shutil.copy(IMAGE, c / "a-scan.png")
    for i in range(3):
        (c / f"plan{i}.txt").write_text(composed_plan(number=700 + i), encoding="utf-8")
    db = tmp_path / "k.db"
    events: list[tuple] = []
    result: dict = {}
    t = threading.Thread(target=lambda: result.setdefault("stats", ingest(
        [c], db, workers=2, on_event=lambda *e: events.append(e))))
    t.start()
    reader = next(pid for pid, path in _held(db).items() if path.endswith(".png"))
    deadline = time.monotonic() + 30
    while not children(reader) or sum(e[0] == "done" for e in events) < 3:  # Tesseract runs; texts are read
        assert time.monotonic() < deadline, "the image's worker started no Tesseract, or the texts were not read"
        time.sleep(0.02)
    tesseract = children(reader)
    if victim == "idle":
        idle = [p for p in children(os.getpid()) if p != reader]
        assert len(idle) == 1 and idle[0] not in _held(db)
        os.kill(idle[0], signal.SIGKILL)
    else:
        os.kill(reader, signal.SIGKILL)
    t.join(timeout=120)
    stats = result["stats"]
    errors = {e[1]: e[2] for e in events if e[0] == "error"}
    if victim == "idle":
        assert errors == {} and stats.read == 4  # the file being read is read again, not blamed
    else:
        assert errors == {str(c / "a-scan.png"): "the reader crashed on this file"} and stats.read == 3
    assert _gone(tesseract, within=5), "Tesseract outlived its worker"
    assert not _run_root(db).exists() or not any(_run_root(db).iterdir())  # temp folders removed


def _ingest_until_tesseract(tmp_path, stderr) -> tuple[subprocess.Popen, Path, Path, list[int], list[int]]:
    """``kehoach ingest`` of two scanned images with two workers, started and watched until a
    worker runs Tesseract: (the process, the corpus, the store, its workers, their Tesseracts)."""
    c = tmp_path / "corpus"
    c.mkdir()
    shutil.copy(IMAGE, c / "a-scan.png")
    shutil.copy(IMAGE, c / "b-scan.png")
    db = tmp_path / "k.db"
    p = subprocess.Popen(KEHOACH + ["ingest", str(c), "--db", str(db), "--workers", "2", "-q"],
                         stdout=subprocess.DEVNULL, stderr=stderr, text=True, cwd=ROOT, env=ENV)
    deadline = time.monotonic() + 60
    while True:
        workers = children(p.pid)
        tesseract = [t for w in workers for t in children(w)]
        if tesseract:
            return p, c, db, workers, tesseract
        assert time.monotonic() < deadline and p.poll() is None, "no Tesseract started"
        time.sleep(0.02)


@pytest.mark.ocr
def test_a_sigkilled_ingest_takes_its_workers_tesseract_runs_and_a_rerun_reaps_its_folder(tmp_path):
    p, c, db, workers, tesseract = _ingest_until_tesseract(tmp_path, subprocess.DEVNULL)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert _gone(workers + tesseract, within=5), "workers or Tesseract outlived the killed ingest"
    assert any(_run_root(db).iterdir())  # its run folder is left ...
    stats = ingest([c], db, workers=2)
    assert stats.read == 2 and stats.failed == 0
    assert not any(_run_root(db).iterdir())  # ... until the next ingest of the store


@pytest.mark.ocr
def test_ctrl_c_stops_an_ingest_at_once_with_its_workers_and_marks_the_run_interrupted(tmp_path):
    p, _, db, workers, tesseract = _ingest_until_tesseract(tmp_path, subprocess.PIPE)
    p.send_signal(signal.SIGINT)  # to kehoach alone (a terminal's Ctrl-C reaches the workers too)
    p.communicate(timeout=30)
    assert p.returncode != 0
    assert _gone(workers + tesseract, within=5)
    assert [r[0] for r in sqlite3.connect(db).execute("select status from runs")] == ["interrupted"]
    assert not store.is_locked(db)
