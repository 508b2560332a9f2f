"""``kehoach serve`` as a process: its canned queries run on a store never refreshed, and a
SIGTERM or SIGINT stops Datasette with it and removes its temp folder."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from tests.composed import composed_plan
from processes import alive, children, free_port

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("serve")
    (tmp / "plan.txt").write_text(composed_plan(number=41), encoding="utf-8")
    ingest([tmp / "plan.txt"], tmp / "kehoach.db", workers=1)
    return tmp / "kehoach.db"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_datasette_on_a_signal_and_removes_its_temp_folder(db, sig):
    port = free_port()
    p = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--db", str(db), "--port", str(port),
                          "--no-refresh"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=ENV)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                assert p.poll() is None, p.stderr.read().decode()[-2000:]
                time.sleep(0.1)
        # on a store never refreshed (--no-refresh) the canned audit query runs: no rows, no error
        with urllib.request.urlopen(base + "/kehoach/audit.json?_shape=array", timeout=10) as r:
            assert r.status == 200 and json.loads(r.read()) == []
        kids = children(p.pid)
        assert len(kids) == 1
        cmdline = Path(f"/proc/{kids[0]}/cmdline").read_bytes().split(b"\0")
        folder = Path(cmdline[cmdline.index(b"--metadata") + 1].decode()).parent
        assert folder.is_dir() and folder.name.startswith("kehoach-web-")
        p.send_signal(sig)
        assert p.wait(timeout=20) == 0
        deadline = time.monotonic() + 10
        while alive(kids[0]):
            assert time.monotonic() < deadline, "Datasette kept serving"
            time.sleep(0.05)
        assert not folder.exists()
        with pytest.raises(OSError):
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def test_datasette_dies_with_a_sigkilled_serve(db):
    port = free_port()
    p = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--db", str(db), "--port", str(port),
                          "--no-refresh"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    try:
        deadline = time.monotonic() + 30
        while not children(p.pid):
            assert time.monotonic() < deadline and p.poll() is None
            time.sleep(0.05)
        child = children(p.pid)[0]
        p.send_signal(signal.SIGKILL)
        p.wait()
        deadline = time.monotonic() + 10
        while alive(child):
            assert time.monotonic() < deadline, "Datasette outlived a SIGKILLed kehoach serve"
            time.sleep(0.05)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
