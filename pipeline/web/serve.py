"""Start Datasette on the store with kehoach's metadata, canned queries, plugin and templates.

Why a generated metadata file: Datasette keys metadata by database name (the file's stem), and
the store may be called anything; ``metadata.json`` is written for a database named
``kehoach`` and is re-keyed here for the file being served.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def metadata_for(db: str | Path) -> dict:
    meta = json.loads((HERE / "metadata.json").read_text(encoding="utf-8"))
    meta["databases"] = {Path(db).stem: meta["databases"]["kehoach"]}
    return meta


def command(db: str | Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """The datasette command line for ``db`` (the web test starts it the same way)."""
    meta = Path(tempfile.mkdtemp(prefix="kehoach-web-")) / "metadata.json"
    meta.write_text(json.dumps(metadata_for(db), ensure_ascii=False), encoding="utf-8")
    # an absolute path: a store named like an option never reaches datasette as one
    return [sys.executable, "-m", "datasette", "serve", str(Path(db).absolute()), "--metadata", str(meta),
            "--plugins-dir", str(HERE / "plugins"), "--template-dir", str(HERE / "templates"),
            "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "5000",
            "--setting", "default_page_size", "50", "--setting", "facet_time_limit_ms", "500"]


def run(db: str | Path, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Serve until interrupted; returns datasette's exit status."""
    try:
        return subprocess.call(command(db, host, port))
    except KeyboardInterrupt:
        return 0
