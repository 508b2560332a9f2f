"""Comparisons across provinces: lag, targets beside the national figure, areas, leads, deadlines."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from composed_plans import Plan, complete_plan
from pipeline.queries import compare
from pipeline import store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_db):
    d = store.connect(tmp_db)
    a = complete_plan("15/KH-UBND", "Hà Giang", "2021-03-11")      # 30 days after 193/QĐ-TTg
    a.task(["II", "4"], "Tập huấn cho cán bộ xã.", "nang_cao_nang_luc", ["cong_an_tinh"])
    b = complete_plan("40/KH-UBND", "Tuyên Quang", "2022-02-09")   # one year after
    b.target(80, "%", ">", "tỷ lệ giải quyết tố giác, tin báo", "Tỷ lệ giải quyết tố giác, tin báo đạt trên 80%.")
    c = Plan("2/KH-UBND", "Sơn La", "2023-06-01", "Hưởng ứng ngày 30/7")
    c.cite("1137/QĐ-TTg", "QĐ", "1137", 2023, "cites", None, "Thủ tướng Chính phủ")
    c.cite("50/KH-UBND", "KH", "50", 2023, "implements", "2023-01-01", "UBND tỉnh")  # local: not national
    c.task(["1"], "Treo băng rôn.", "phong_ngua", ["so_van_hoa"], ["cap_xa"])
    for p in (a, b, c):
        p.write(d)
    return d


def test_citation_lag_is_counted_from_the_national_document_to_the_implementing_plan(db):
    cols, rows = compare.citations(db)
    lag = {(r["province"], r["plan"]): r["lag_days"] for r in rows if r["national"] == "193/QĐ-TTg"}
    assert lag == {("Tuyên Quang", "15/KH-UBND"): 30, ("Tuyên Quang", "40/KH-UBND"): 365}
    assert not any(r["national"] == "50/KH-UBND" for r in rows)  # a provincial plan is not national
    (cited,) = [r for r in rows if r["national"] == "1137/QĐ-TTg"]
    assert cited["relation"] == "cites" and cited["lag_days"] is None


def test_grouping_by_the_province_as_issued_keeps_the_old_name(db):
    _, rows = compare.citations(db, by="issued")
    assert {r["province"] for r in rows} == {"Hà Giang", "Tuyên Quang", "Sơn La"}


def test_targets_are_matched_by_measure_with_the_national_figure_beside_them(db):
    _, rows = compare.targets(db, matched_only=True)
    solve = [r for r in rows if r["measure"] == "to_giac_giai_quyet"]
    assert sorted((r["plan"], r["value"], r["weaker"]) for r in solve) == [
        ("15/KH-UBND", 90.0, False), ("40/KH-UBND", 80.0, True), ("40/KH-UBND", 90.0, False)]
    assert all(r["national"].startswith(">90%") for r in solve)


def test_area_coverage_counts_tasks_per_area_per_province(db):
    cols, rows = compare.areas(db)
    by = {r["province"]: r for r in rows}
    assert by["Tuyên Quang"]["plans"] == 2 and by["Tuyên Quang"]["phong_ngua"] == 2
    assert by["Tuyên Quang"]["nang_cao_nang_luc"] == 1 and by["Sơn La"]["dau_tranh"] == 0
    assert cols[0] == "province" and "hop_tac" in cols


def test_leads_cross_agency_kind_and_area_per_province(db):
    _, rows = compare.leads(db, province="Sơn La")
    assert rows == [{"province": "Sơn La", "agency": "so_van_hoa", "area": "phong_ngua", "tasks": 1}]


def test_deadlines_list_reporting_cycles_per_plan(db):
    _, rows = compare.deadlines(db, year=2021)
    (r,) = rows
    assert r["recurring"] == 1 and "06-10" in r["cycles"]


def test_compare_prints_json_and_csv(db, tmp_db):
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "compare", "areas", "--db", str(tmp_db), "--csv"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["province"] for r in rows} == {"Tuyên Quang", "Sơn La"}
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "compare", "targets", "--db", str(tmp_db), "--json",
                          "--province", "Hà Giang"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert {r["plan"] for r in json.loads(out)} == {"15/KH-UBND"}
    table = subprocess.run([sys.executable, "-m", "pipeline.cli", "compare", "leads", "--db", str(tmp_db)],
                           capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert "so_van_hoa" in table
