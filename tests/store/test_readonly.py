"""Readers never write: ``store.connect_readonly``, and a read-only copy of a store."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import store
from pipeline.derive import audit, refresh
from pipeline.ingest import ingest
from pipeline.queries import compare
from tests.composed import composed_plan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("ro")
    c = tmp / "corpus"
    c.mkdir()
    for i in range(2):
        (c / f"plan{i}.txt").write_text(composed_plan(number=300 + i), encoding="utf-8")
    ingest([c], tmp / "k.db", workers=1)
    return tmp / "k.db"


def test_a_read_only_connection_refuses_writes_and_leaves_the_file_untouched(stored):
    before = os.stat(stored).st_mtime_ns
    db = store.connect_readonly(stored)
    assert store.is_readonly(db)
    assert db["documents"].count == 2
    with pytest.raises(sqlite3.OperationalError):
        db.execute("delete from documents")
    assert refresh.ensure_fresh(db) is True  # fresh after the ingest: reads only
    compare.KINDS["areas"](db)
    db.close()
    assert os.stat(stored).st_mtime_ns == before


def test_stale_derived_tables_on_a_read_only_connection_are_read_from_the_fact_tables(stored, tmp_path):
    copy = tmp_path / "k.db"
    shutil.copy(stored, copy)
    w = store.connect(copy)
    doc = w.execute("select id from documents").fetchone()[0]
    store.mark_dirty(w, [doc])
    w.conn.commit()
    w.close()
    db = store.connect_readonly(copy)
    assert refresh.stale_documents(db) == {doc}
    assert refresh.ensure_fresh(db) is False  # never writes, never waits
    _, fresh = compare.KINDS["areas"](db, fresh=True)
    _, kept = compare.KINDS["areas"](db)
    assert kept == fresh


def test_a_store_that_is_not_one_and_one_missing_give_one_line_errors(tmp_path):
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(store.StoreError, match="junk.db: cannot read the store"):
        store.connect_readonly(tmp_path / "junk.db")
    with pytest.raises(store.StoreError, match="no database"):
        store.connect_readonly(tmp_path / "none.db")


def test_a_new_store_has_the_web_tables_empty_with_the_columns_their_writers_make(tmp_path):
    db = store.connect(tmp_path / "new.db")
    assert db["audit_findings"].count == 0 and db["target_measures"].count == 0
    made = {t: dict(db[t].columns_dict) for t in ("audit_findings", "target_measures")}
    audit.save(db, [])
    compare.save_measures(db)
    assert {t: dict(db[t].columns_dict) for t in made} == made


def _freeze(paths: list[Path]) -> bool:
    """Make files and folders unwritable even for root (``chattr +i``); whether it took."""
    if os.geteuid() != 0:
        return True  # file modes are enough
    return subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True).returncode == 0


def _thaw(paths: list[Path]) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)


def test_show_and_compare_work_on_a_read_only_copy(stored, tmp_path):
    folder = tmp_path / "copy"
    folder.mkdir()
    copy = folder / "k.db"
    shutil.copy(stored, copy)
    for extra in ("-wal", "-shm"):
        if Path(str(stored) + extra).exists():
            shutil.copy(str(stored) + extra, str(copy) + extra)
    frozen = [*folder.iterdir(), folder]
    for f in frozen:
        os.chmod(f, 0o555 if f.is_dir() else 0o444)
    if not _freeze(frozen):
        os.chmod(folder, 0o755)
        pytest.skip("running as root where chattr is not allowed: no way to make a read-only copy")
    before = {f.name: f.stat().st_mtime_ns for f in folder.iterdir()}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        symbol = store.connect_readonly(stored).execute("select symbol from documents").fetchone()[0]
        for args in (["show", symbol, "--db", str(copy)], ["compare", "areas", "--db", str(copy), "--json"],
                     ["audit", "--db", str(copy), "--json"], ["graph", "--db", str(copy), "--json"]):
            r = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                               cwd=ROOT, env=env, timeout=120)
            assert r.returncode == 0, (args, r.stderr)
            assert "Traceback" not in r.stderr
        assert {f.name: f.stat().st_mtime_ns for f in folder.iterdir()} == before
    finally:
        _thaw(frozen)
        os.chmod(folder, 0o755)


def test_a_store_from_an_older_kehoach_is_upgraded_by_a_reader_only_through_the_writer_lock(stored, tmp_path):
    old = tmp_path / "k.db"
    shutil.copy(stored, old)
    w = store.connect(old)
    w.execute("drop table audit_findings")
    w.execute("drop table target_measures")
    w.execute("update meta set value = '2' where key = 'schema_version'")
    w.conn.commit()
    w.close()
    with pytest.raises(store.StoreError, match="older kehoach .*run kehoach ingest"):
        store.connect_readonly(old)  # the library's reader never migrates
    symbol = store.connect_readonly(stored).execute("select symbol from documents").fetchone()[0]
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "show", symbol, "--db", str(old)], capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert r.returncode == 0, r.stderr  # the CLI upgrades it, the lock being free
    assert store.connect_readonly(old)["audit_findings"].count == 0
