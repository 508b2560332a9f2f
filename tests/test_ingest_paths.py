"""Hostile file names and links met by an ingest (issue 12, rows 10 and 11): a file named like an
option is read as a file; dangling links and link loops are reported, never silently dropped."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.ingest import collect, ingest
from tests.composed import composed_plan

ROOT = Path(__file__).resolve().parent.parent
PHOTO = ROOT / "corpus" / "image" / "tuyenquang-2024-61-kh-ubnd-p1.png"


def _kehoach(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)


def _linked_folder(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    (c / "sub").mkdir(parents=True)
    (c / "plan0.txt").write_text(composed_plan(number=100), encoding="utf-8")
    (c / "sub" / "plan1.txt").write_text(composed_plan(number=101), encoding="utf-8")
    os.symlink(c / "gone.txt", c / "dangling.txt")  # its target never existed
    os.symlink(c / "loop_b.txt", c / "loop_a.txt")  # a → b → a
    os.symlink(c / "loop_a.txt", c / "loop_b.txt")
    os.symlink("..", c / "sub" / "up")  # a folder link back to an ancestor: a loop
    os.symlink("sub", c / "alias")  # a second way into a folder already walked
    return c


def test_folder_links_are_followed_once_and_broken_links_are_listed_as_files(tmp_path):
    c = _linked_folder(tmp_path)
    looped: list[tuple[Path, str]] = []
    files = collect([c], [], looped)
    names = sorted(str(f.relative_to(c)) for f in files)
    # plan1 once, through the real folder sub/ (not alias/ nor sub/up/sub/), and the broken
    # links as files to report
    assert "plan0.txt" in names and "sub/plan1.txt" in names
    assert {"dangling.txt", "loop_a.txt", "loop_b.txt"} <= set(names)
    assert len(names) == 5
    assert sorted(str(p.relative_to(c)) for p, _ in looped) == ["alias", "sub/up"]
    assert all("already walked" in why for _, why in looped)


def test_dangling_links_and_loops_are_failed_with_their_reason_and_the_plans_are_read(tmp_path):
    c = _linked_folder(tmp_path)
    stats = ingest([c], tmp_path / "k.db", workers=1)
    assert stats.read == 2 and stats.failed == 3 and stats.links_passed >= 1
    reasons = dict((Path(p).name, r) for p, r in stats.errors)
    assert reasons["dangling.txt"].startswith("dangling symbolic link")
    assert "gone.txt" in reasons["dangling.txt"]
    assert reasons["loop_a.txt"].startswith("symbolic link loop")
    stored = dict(sqlite3.connect(tmp_path / "k.db").execute("select path, reason from errors").fetchall())
    assert stored[str(c / "dangling.txt")] == reasons["dangling.txt"]


def test_the_ingest_summary_names_each_broken_link_and_the_passed_over_folder_links(tmp_path):
    c = _linked_folder(tmp_path)
    r = _kehoach("ingest", str(c), "--db", str(tmp_path / "k.db"), "--workers", "1", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "2 read" in r.stdout and "3 failed" in r.stdout and "links to folders already walked passed over" in r.stdout
    out = r.stdout + r.stderr
    assert f"{c / 'dangling.txt'}: dangling symbolic link" in out
    assert f"passed over {c / 'sub' / 'up'}: symbolic link to a folder already walked" in out


@pytest.mark.ocr
def test_an_image_named_like_an_option_is_read_as_a_file_not_passed_as_one(tmp_path):
    shutil.copy(PHOTO, tmp_path / "--version")
    r = _kehoach("ingest", "--db", "k.db", "--workers", "1", "--", "--version", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 read" in r.stdout and "1 OCR'd" in r.stdout
    r = _kehoach("extract", "--json", "--", "--version", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "61/KH-UBND" in r.stdout


def test_a_fifo_in_the_folder_or_named_alone_fails_with_its_reason_and_never_blocks(tmp_path):
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "plan0.txt").write_text(composed_plan(number=100), encoding="utf-8")
    os.mkfifo(c / "pipe.txt")
    os.mkfifo(tmp_path / "alone")
    stats = ingest([c, tmp_path / "alone"], tmp_path / "k.db", workers=1)
    assert stats.read == 1 and stats.failed == 2
    assert {Path(p).name: r for p, r in stats.errors} == {"pipe.txt": "not a regular file (a FIFO): not read",
                                                          "alone": "not a regular file (a FIFO): not read"}
    r = _kehoach("extract", str(tmp_path / "alone"), cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.strip().endswith("not a regular file (a FIFO): not read")
