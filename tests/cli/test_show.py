"""`kehoach show`: the plan's representative copy, and symbols matched literally (issue 12, rows 1 and 15)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _kehoach(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory) -> Path:
    """A store holding the photo of page 1 of 61/KH-UBND (ingested first, so it is the first
    row) and then the full text of the same plan."""
    db = tmp_path_factory.mktemp("show") / "k.db"
    for f in ("image/tuyenquang-2024-61-kh-ubnd-p1.png", "text/tuyenquang-2024-61-kh-ubnd.txt"):
        r = _kehoach("ingest", str(CORPUS / f), "--db", str(db), "-q", "--workers", "1")
        assert r.returncode == 0, r.stderr
    return db


@pytest.mark.ocr
def test_show_by_symbol_prints_the_tasks_of_the_plans_representative_copy(two_copies):
    r = _kehoach("show", "61/KH-UBND", "--tasks", "--db", str(two_copies))
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith("61/KH-UBND ") and " 0 tasks" not in first
    n = int(first.split()[1])
    assert n >= 10, first


@pytest.mark.ocr
def test_show_json_by_symbol_is_the_full_text_copy_not_the_photo(two_copies):
    import json

    r = _kehoach("show", "61/KH-UBND", "--json", "--db", str(two_copies))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["source"]["path"].endswith("tuyenquang-2024-61-kh-ubnd.txt")


@pytest.mark.ocr
@pytest.mark.parametrize("pattern", ["%", "_", "%61%", "61/KH%", "%.txt", "_1/KH-UBND"])
def test_show_matches_wildcards_literally_and_finds_nothing(two_copies, pattern):
    r = _kehoach("show", pattern, "--db", str(two_copies))
    assert r.returncode == 1
    assert r.stderr.strip() == f"kehoach show: {pattern}: no such document in {two_copies}"


@pytest.mark.ocr
def test_show_finds_a_document_by_its_file_name_and_by_an_id_prefix(two_copies):
    import json

    r = _kehoach("show", "tuyenquang-2024-61-kh-ubnd-p1.png", "--json", "--db", str(two_copies))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["source"]["path"].endswith("-p1.png")
    r = _kehoach("show", doc["source"]["sha256"][:12], "--json", "--db", str(two_copies))
    assert r.returncode == 0 and json.loads(r.stdout)["source"]["path"].endswith("-p1.png")
