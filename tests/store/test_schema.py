"""The store's schema: one list of migrations, applied once, in order, by a writer."""
from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from pipeline import store
from pipeline.store import schema


def test_a_new_store_reaches_the_current_version(tmp_path):
    db = store.connect(tmp_path / "k.db")
    assert schema.stored_version(db) == schema.SCHEMA_VERSION == len(schema.MIGRATIONS)
    assert {"documents", "tasks", "deadlines", "sections", "runs", "errors"} <= set(db.table_names())


def test_a_version_1_store_gains_the_deadline_period_columns_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db["meta"].create({"key": str, "value": str}, pk="key")
    schema.MIGRATIONS[0](db)
    db.execute("alter table deadlines drop column period_start")
    db.execute("alter table deadlines drop column period_end")
    db["meta"].insert({"key": "schema_version", "value": "1"})
    db["deadlines"].insert({"fid": "d:0", "doc_id": "d", "ord": 0, "kind": "period", "start": "2024-01-01",
                            "end": "2024-06-30", "spans": '[{"start": 5, "end": 9}]'})
    db.conn.close()
    db = store.connect(path)
    row = db.execute("select period_start, period_end, start, [end] from deadlines").fetchone()
    assert row == ("2024-01-01", "2024-06-30", 5, 9)
    assert schema.stored_version(db) == schema.SCHEMA_VERSION


def test_a_store_from_a_newer_kehoach_is_refused(tmp_path):
    path = tmp_path / "new.db"
    store.connect(path)["meta"].upsert({"key": "schema_version", "value": str(schema.SCHEMA_VERSION + 1)}, pk="key")
    with pytest.raises(RuntimeError, match="newer"):
        store.connect(path)


def test_opening_a_current_store_writes_nothing(tmp_path):
    path = tmp_path / "k.db"
    store.connect(path).conn.close()
    conn = sqlite3.connect(path)
    before = conn.total_changes
    schema.migrate(sqlite_utils.Database(conn))
    assert conn.total_changes == before
