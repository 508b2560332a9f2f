"""`pip install .` as a user does it (issue 12, row 16): a wheel built from the checkout, installed
into a fresh venv, runs `kehoach extract` from another folder — models/ ships inside the package
and is found through importlib.resources, not through the checkout."""
from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "text" / "tuyenquang-2024-61-kh-ubnd.txt"


def _clean_env() -> dict[str, str]:
    """The environment without anything pointing back at the checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KEHOACH_MODELS", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # built from a copy of what the wheel is made of, so setuptools' build/ and egg-info land
    # there, not in the checkout
    src = tmp_path_factory.mktemp("src")
    for name in ("pipeline", "models"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(out)],
                       capture_output=True, text=True, timeout=300, env=_clean_env())
    assert r.returncode == 0, r.stdout + r.stderr
    (whl,) = out.glob("kehoach-*.whl")
    return whl


def test_the_wheel_carries_the_models_and_the_web_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    models = {p.relative_to(ROOT / "models").as_posix() for p in (ROOT / "models").rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert {f"pipeline/models/{m}" for m in models} <= names
    assert {"pipeline/web/metadata.json", "pipeline/web/templates/plan.html",
            "pipeline/web/plugins/kehoach_plan.py"} <= names


@pytest.mark.slow
def test_an_installed_wheel_extracts_a_plan_from_another_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    # the dependencies: this environment's site-packages as plain path entries (a .pth line is
    # added to sys.path without running the .pth files there, so the checkout's editable
    # install does not come with them); kehoach itself only from the wheel
    here = [p for p in {sysconfig.get_paths()["purelib"], *site.getsitepackages()} if Path(p).is_dir()]
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "zz_deps.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    r = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                       capture_output=True, text=True, timeout=300, env=_clean_env())
    assert r.returncode == 0, r.stdout + r.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    plan = elsewhere / "plan.txt"
    plan.write_bytes(PLAN.read_bytes())
    where = subprocess.run([str(py), "-c", "import pipeline, pipeline.resources as r; print(pipeline.__file__); "
                            "print(r.MODELS)"], cwd=elsewhere, capture_output=True, text=True, env=_clean_env(),
                           timeout=60)
    assert where.returncode == 0, where.stderr
    pkg, models = where.stdout.split()
    assert Path(pkg).is_relative_to(venv) and Path(models).is_relative_to(venv), where.stdout
    assert not Path(models).is_relative_to(ROOT)
    r = subprocess.run([str(venv / "bin" / "kehoach"), "extract", "plan.txt", "--json"], cwd=elsewhere,
                       capture_output=True, text=True, env=_clean_env(), timeout=120)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["document"]["symbol"] == "61/KH-UBND"
    assert len(got["tasks"]) >= 10 and any(t.get("area") for t in got["tasks"])  # the area model loaded
