"""Ingest through a real Dask cluster: a scheduler and worker processes on localhost, started
by the test (``dask scheduler`` / ``dask worker``) and stopped after it."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.ingest import ingest
from processes import free_port

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DASK = Path(sys.executable).with_name("dask")


def _wait_for_workers(address: str, n: int, timeout: float = 60) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as c:
        c.wait_for_workers(n, timeout=timeout)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded worker processes; yields (address, worker procs)."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0", "--no-show"], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    workers = [subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1",
                                 "--no-nanny", "--dashboard-address", ":0", "--local-directory", str(tmp_path / f"w{i}")],
                                env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for i in range(2)]
    procs += workers
    try:
        _wait_for_workers(address, 2)
        yield address, workers
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def _facts(db_path: Path) -> dict:
    """Every document's contract, keyed by the file's name (the folder differs between runs)."""
    db = sqlite_utils.Database(db_path)
    out = {}
    for path, doc_id in db.execute("select path, doc_id from files where status = 'ok'"):
        (contract,) = db.execute("select contract from documents where id = ?", [doc_id]).fetchone()
        c = json.loads(contract)
        c["source"].pop("path")
        out[Path(path).name] = c
    return out


def test_a_cluster_ingest_stores_the_same_facts_as_a_local_one(cluster, tmp_path):
    address, _ = cluster
    files = tmp_path / "in"
    shutil.copytree(CORPUS / "text", files)
    shutil.copy(CORPUS / "docx" / "cantho-2024-126-kh-ubnd.docx", files)
    (files / "empty.txt").write_bytes(b"")
    local = ingest([files], tmp_path / "local.db", workers=1)
    remote = ingest([files], tmp_path / "remote.db", cluster=address)
    assert (remote.read, remote.failed) == (local.read, local.failed) == (6, 1)
    assert [p for p, _ in remote.errors] == [str(files / "empty.txt")]  # the bad file fails alone
    assert _facts(tmp_path / "remote.db") == _facts(tmp_path / "local.db")
    again = ingest([files], tmp_path / "remote.db", cluster=address)
    assert (again.read, again.unchanged) == (0, 6)  # unchanged files are skipped before anything is sent


def test_killing_a_worker_mid_ingest_loses_nothing(cluster, tmp_path):
    address, workers = cluster
    files = tmp_path / "in"
    files.mkdir()
    # scanned pages keep the workers busy long enough to lose one of them mid-file
    for i in range(3):
        shutil.copy(CORPUS / "scanned" / "news-2021-ct-pcmbn.scan.pdf", files / f"scan{i}.pdf")
        (files / f"scan{i}.pdf").write_bytes((files / f"scan{i}.pdf").read_bytes() + b"\n%" + bytes([i]))
    for f in (CORPUS / "text").glob("*.txt"):
        shutil.copy(f, files)
    started = threading.Event()

    def on_event(kind, path, detail):
        if kind == "done":
            started.set()

    def kill_one():
        started.wait(120)
        time.sleep(0.5)
        workers[0].send_signal(signal.SIGKILL)

    killer = threading.Thread(target=kill_one)
    killer.start()
    stats = ingest([files], tmp_path / "k.db", cluster=address, on_event=on_event)
    killer.join()
    assert workers[0].poll() is not None  # the worker really died
    assert (stats.read, stats.failed) == (8, 0), stats.errors
    db = sqlite_utils.Database(tmp_path / "k.db")
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("select count(*) from documents").fetchone()[0] == 8
