"""Start Datasette on the store with kehoach's metadata, canned queries, plugin and templates.

Why a generated metadata file: Datasette keys metadata by database name (the file's stem), and
the store may be called anything; ``metadata.json`` is written for a database named
``kehoach`` and is re-keyed here for the file being served, in a temp folder that ``run``
removes when it stops.

Why ``run`` forwards signals: ``kehoach serve`` is a parent of the Datasette process; a
SIGTERM (a service manager, ``kill``) or SIGINT to the parent alone left Datasette serving.
The parent now passes the signal on, waits for Datasette to stop (killing it after a grace
period) and removes its temp folder. Datasette opens the store read-only for its queries,
so serving during an ingest works (WAL).
"""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.lifecycle import term_with_parent

HERE = Path(__file__).resolve().parent
GRACE_S = 10  # how long Datasette gets to stop before it is killed


def metadata_for(db: str | Path) -> dict:
    meta = json.loads((HERE / "metadata.json").read_text(encoding="utf-8"))
    meta["databases"] = {Path(db).stem: meta["databases"]["kehoach"]}
    return meta


def command(db: str | Path, host: str = "127.0.0.1", port: int = 8001, folder: str | Path | None = None) -> list[str]:
    """The datasette command line for ``db`` (the web test starts it the same way); its
    metadata file goes in ``folder`` (default: a new temp folder the caller removes)."""
    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="kehoach-web-"))
    meta = folder / "metadata.json"
    meta.write_text(json.dumps(metadata_for(db), ensure_ascii=False), encoding="utf-8")
    # an absolute path: a store named like an option never reaches datasette as one
    return [sys.executable, "-m", "datasette", "serve", str(Path(db).absolute()), "--metadata", str(meta),
            "--plugins-dir", str(HERE / "plugins"), "--template-dir", str(HERE / "templates"),
            "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "5000",
            "--setting", "default_page_size", "50", "--setting", "facet_time_limit_ms", "500"]


def run(db: str | Path, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Serve until interrupted (SIGINT, SIGTERM, SIGHUP); returns 0 when stopped by one of
    those, else Datasette's exit status. Datasette stops with it; the temp folder is removed."""
    folder = tempfile.mkdtemp(prefix="kehoach-web-")
    stopped: list[int] = []
    proc: subprocess.Popen | None = None

    def stop(signum, frame):  # noqa: ARG001
        stopped.append(signum)
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGINT if signum == signal.SIGINT else signal.SIGTERM)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        # its own session: a Ctrl-C in the terminal reaches kehoach, which passes it on once
        proc = subprocess.Popen(command(db, host, port, folder), start_new_session=True,
                                preexec_fn=term_with_parent)  # SIGTERMed when serve dies, even by SIGKILL
        if stopped:  # a signal came while it was starting
            stop(stopped[0], None)
        deadline = None
        while True:
            try:
                code = proc.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if stopped:
                    deadline = deadline or time.monotonic() + GRACE_S
                    if time.monotonic() > deadline:
                        proc.kill()
            except BaseException:
                stop(signal.SIGTERM, None)
                raise
        return 0 if stopped else code
    finally:
        if proc is not None and proc.poll() is None:
            try:
                proc.wait(timeout=GRACE_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for s, h in previous.items():
            signal.signal(s, h)
        shutil.rmtree(folder, ignore_errors=True)
