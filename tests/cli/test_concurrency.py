"""What a user may run at the same time: one ingest per store (a second waits or, with
--no-wait, exits 3), and readers — CLI, library and web — during an ingest, never failing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pipeline import store
from pipeline.cli import EXIT_BUSY
from pipeline.derive import refresh
from pipeline.queries import audit as audit_query
from pipeline.queries import compare
from pipeline.web import serve
from tests.composed import composed_plan
from processes import free_port

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
KEHOACH = [sys.executable, "-m", "pipeline.cli"]


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(KEHOACH + list(args), capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=timeout)


def _corpus(folder: Path, n: int, first: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(first, first + n):
        (folder / f"plan{i}.txt").write_text(composed_plan(number=100 + i), encoding="utf-8")
    return folder


def _start_ingest(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    p = subprocess.Popen(KEHOACH + ["ingest", str(corpus), "--db", str(db), "--workers", "1", *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    deadline = time.monotonic() + 60
    while not (store.is_locked(db) and store.holder(db) == p.pid):
        assert p.poll() is None and time.monotonic() < deadline, p.stderr.read() if p.poll() is not None else ""
        time.sleep(0.02)
    return p


def test_a_second_ingest_waits_for_the_first_naming_it_and_no_wait_exits_3(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 250)
    db = tmp_path / "k.db"
    first = _start_ingest(corpus, db, "-q")
    second = subprocess.Popen(KEHOACH + ["ingest", str(corpus), "--db", str(db), "-q"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    busy = _cli("ingest", str(corpus), "--db", str(db), "--no-wait")
    assert first.poll() is None, "the first ingest ended before the --no-wait one ran: make the corpus bigger"
    assert busy.returncode == EXIT_BUSY == 3
    assert busy.stderr.strip() == f"kehoach ingest: {db}: process {first.pid} is writing this database (--no-wait: not waiting)"
    out, err = first.communicate(timeout=300)
    second_out, second_err = second.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 0, second_err
    assert second_err.strip() == f"kehoach ingest: {db}: process {first.pid} is writing this database; waiting for it to finish"
    second = subprocess.CompletedProcess(second.args, second.returncode, second_out, second_err)
    assert "Traceback" not in second.stderr + err and "locked" not in second.stderr + err
    assert "250 unchanged" in second.stdout  # it ran after the first, not beside it
    db_ = store.connect_readonly(db)
    assert db_["documents"].count == 250
    assert [r[0] for r in db_.execute("select status from runs")] == ["done", "done"]


def test_readers_from_the_cli_and_the_library_work_during_an_ingest(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 10)
    db = tmp_path / "k.db"
    assert _cli("ingest", str(corpus), "--db", str(db), "-q").returncode == 0
    symbol = store.connect_readonly(db).execute("select symbol from documents where symbol is not null").fetchone()[0]
    _corpus(corpus, 80, first=10)
    before = os.stat(db).st_mtime_ns
    port = free_port()
    web = subprocess.Popen(serve.command(db, port=port, folder=tmp_path), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    base = f"http://127.0.0.1:{port}/{db.stem}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    ingest = _start_ingest(corpus, db, "-q")
    failures, rounds = [], 0
    while ingest.poll() is None and rounds < 4:
        rounds += 1
        for q in ("documents.json?_size=5", "audit.json", "areas_per_province.json"):  # Datasette reads too
            try:
                with urllib.request.urlopen(f"{base}/{q}", timeout=30) as r:
                    json.loads(r.read())
            except OSError as e:
                failures.append((q, str(e)))
        for args in (["show", symbol, "--tasks"], ["compare", "areas", "--json"], ["compare", "leads", "--csv"],
                     ["audit", "--json"], ["graph", "--json"]):
            r = _cli(*args, "--db", str(db))
            if r.returncode != 0 or "Traceback" in r.stderr:
                failures.append((args, r.returncode, r.stderr[-500:]))
            if args[0] == "audit":
                json.loads(r.stdout)
        # the library: a read-only connection, and a writer connection whose refresh must not wait
        ro = store.connect_readonly(db)
        compare.KINDS["areas"](ro)
        audit_query.run(ro)
        ro.close()
        w = store.connect(db)
        t0 = time.monotonic()
        fresh = refresh.ensure_fresh(w)
        compare.KINDS["deadlines"](w)
        assert time.monotonic() - t0 < 5 and fresh in (True, False)
        w.close()
    assert rounds >= 1, "the ingest ended before any reader ran"
    _, err = ingest.communicate(timeout=300)
    web.terminate()
    web.wait(timeout=20)
    assert ingest.returncode == 0, err
    assert not failures, failures
    assert os.stat(db).st_mtime_ns != before  # the ingest wrote; the readers' runs are checked below
    after = os.stat(db).st_mtime_ns
    assert _cli("show", symbol, "--db", str(db)).returncode == 0
    assert os.stat(db).st_mtime_ns == after  # show changes nothing
