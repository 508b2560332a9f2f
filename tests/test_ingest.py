"""Ingest behaviour: re-runs are cheap, bad files are reported and skipped, kills leave a sound DB."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils

from pipeline.ingest import ingest
from tests.composed import composed_plan

KEHOACH = [sys.executable, "-m", "pipeline.cli"]


def _corpus(tmp_path: Path, n: int = 2) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    for i in range(n):
        (c / f"plan{i}.txt").write_text(composed_plan(number=100 + i), encoding="utf-8")
    return c


def test_ingest_stores_documents_pages_and_sections(tmp_path):
    c = _corpus(tmp_path)
    stats = ingest([c], tmp_path / "k.db", workers=1)
    assert (stats.read, stats.failed) == (2, 0)
    db = sqlite_utils.Database(tmp_path / "k.db")
    assert db["documents"].count == 2
    assert db["pages"].count == 2
    assert db["sections"].count > 0
    assert {r["symbol"] for r in db.query("select symbol from documents")} == {"100/KH-UBND", "101/KH-UBND"}
    run = next(db.query("select * from runs"))
    assert run["status"] == "done" and run["read"] == 2


def test_second_run_on_unchanged_corpus_reads_nothing(tmp_path):
    c = _corpus(tmp_path)
    ingest([c], tmp_path / "k.db", workers=1)
    stats = ingest([c], tmp_path / "k.db", workers=1)
    assert (stats.read, stats.unchanged) == (0, 2)


def test_changed_file_is_read_again_and_replaces_its_old_document(tmp_path):
    c = _corpus(tmp_path)
    ingest([c], tmp_path / "k.db", workers=1)
    (c / "plan0.txt").write_text(composed_plan(number=555), encoding="utf-8")
    stats = ingest([c], tmp_path / "k.db", workers=1)
    assert (stats.read, stats.unchanged) == (1, 1)
    db = sqlite_utils.Database(tmp_path / "k.db")
    files = {r["path"]: r["doc_id"] for r in db.query("select path, doc_id from files")}
    symbols = {r["id"]: r["symbol"] for r in db.query("select id, symbol from documents")}
    assert symbols[files[str(c / "plan0.txt")]] == "555/KH-UBND"
    assert "100/KH-UBND" not in symbols.values()  # the replaced version and its facts are gone
    graph_docs = {r["doc_id"] for r in db.query("select distinct doc_id from graph_nodes where doc_id != ''")}
    assert graph_docs <= set(symbols)


def test_a_file_taken_out_of_the_folder_leaves_the_store_at_the_next_ingest(tmp_path):
    c = _corpus(tmp_path, n=3)
    (c / "copy-of-plan1.txt").write_text((c / "plan1.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ingest([c], tmp_path / "k.db", workers=1)
    (c / "plan0.txt").unlink()
    (c / "plan1.txt").unlink()  # its text is still held by the copy
    stats = ingest([c], tmp_path / "k.db", workers=1)
    assert (stats.read, stats.unchanged, stats.removed) == (0, 2, 2)
    db = sqlite_utils.Database(tmp_path / "k.db")
    assert {r["symbol"] for r in db.query("select symbol from documents")} == {"101/KH-UBND", "102/KH-UBND"}
    assert {Path(r["path"]).name for r in db.query("select path from files")} == {"copy-of-plan1.txt", "plan2.txt"}
    graph_docs = {r["doc_id"] for r in db.query("select distinct doc_id from graph_nodes where doc_id != ''")}
    assert graph_docs <= {r["id"] for r in db.query("select id from documents")}
    assert next(db.query("select removed from runs order by id desc limit 1"))["removed"] == 2


def test_ingesting_one_file_of_a_folder_does_not_remove_the_others(tmp_path):
    c = _corpus(tmp_path, n=2)
    ingest([c], tmp_path / "k.db", workers=1)
    stats = ingest([c / "plan0.txt"], tmp_path / "k.db", workers=1)
    assert stats.removed == 0
    assert sqlite_utils.Database(tmp_path / "k.db")["documents"].count == 2


def test_touched_but_identical_file_is_not_reparsed(tmp_path):
    c = _corpus(tmp_path, 1)
    ingest([c], tmp_path / "k.db", workers=1)
    os.utime(c / "plan0.txt", ns=(1, 1))
    stats = ingest([c], tmp_path / "k.db", workers=1)
    assert (stats.read, stats.unchanged) == (0, 1)


def test_bad_files_are_reported_one_line_each_and_the_rest_is_ingested(tmp_path):
    c = _corpus(tmp_path, 1)
    (c / "empty.txt").write_bytes(b"")
    (c / "junk.pdf").write_bytes(os.urandom(4000))
    (c / "fake.docx").write_bytes(b"not a zip at all")
    (c / "noextension").write_bytes(b"\x00\x01\x02" * 500)
    (c / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    # beside the plans, files that are not documents are passed over, not reported as failures
    (c / "notes.json").write_text('{"province": "Lào Cai"}', encoding="utf-8")
    (c / "convert.py").write_text("print('x')\n", encoding="utf-8")
    r = subprocess.run(KEHOACH + ["ingest", str(c), "--db", str(tmp_path / "k.db"), "--workers", "2"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error ")]
    assert len(errors) == 5
    assert any("empty.txt: empty file" in ln for ln in errors)
    assert any("junk.pdf:" in ln and "PDF" in ln for ln in errors)
    assert any("old.doc: Word 97-2003 files are not read" in ln for ln in errors)
    assert any("noextension: binary file" in ln for ln in errors)
    db = sqlite_utils.Database(tmp_path / "k.db")
    assert db["documents"].count == 1
    assert db["errors"].count == 5
    assert "1 read" in r.stdout and "5 failed" in r.stdout and "2 files that are not documents passed over" in r.stdout


def test_all_good_files_exit_zero_and_missing_path_is_a_usage_error(tmp_path):
    c = _corpus(tmp_path, 1)
    ok = subprocess.run(KEHOACH + ["ingest", str(c), "--db", str(tmp_path / "k.db")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(KEHOACH + ["ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "k.db")],
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert "nowhere: no such file or folder" in bad.stderr


def test_sigkill_mid_ingest_leaves_a_sound_database_that_a_rerun_completes(tmp_path):
    c = _corpus(tmp_path, 150)
    db_path = tmp_path / "k.db"
    p = subprocess.Popen(KEHOACH + ["ingest", str(c), "--db", str(db_path), "--workers", "1", "-q"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    n = 0
    while time.time() < deadline and p.poll() is None:
        try:
            with sqlite3.connect(db_path, timeout=5) as conn:
                n = conn.execute("select count(*) from documents").fetchone()[0]
        except sqlite3.OperationalError:
            n = 0
        if n >= 3:
            break
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        docs = conn.execute("select count(*) from documents").fetchone()[0]
        # every stored document is whole: its sections are there too
        orphans = conn.execute(
            "select count(*) from documents d where not exists (select 1 from sections s where s.doc_id = d.id)"
        ).fetchone()[0]
    assert docs < 150 and orphans == 0
    stats = ingest([c], db_path, workers=1)
    assert stats.failed == 0 and stats.read + stats.unchanged == 150
    assert sqlite_utils.Database(db_path)["documents"].count == 150
