"""Shared fixtures: paths of the repo, the bundled corpus and the shared development set."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    return tmp_path / "k.db"
