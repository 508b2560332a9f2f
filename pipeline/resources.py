"""Where the data under ``models/`` is, and the one way its tables are read.

Why one module: gazetteers, patterns and word lists are data, kept in TSV files under
``models/`` so they can change without the code. Every loader reads them the same way here
(UTF-8, ``#`` comments and blank lines skipped, tab-separated, a header row where the file
has one), and the folder is found the same way from a checkout and from an installed copy.
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def _models_dir() -> Path:
    """``$KEHOACH_MODELS``, else the copy shipped inside the package (``pipeline/models``, put
    there by setup.py for ``pip install .`` and a wheel) as importlib.resources finds it, else
    the checkout's ``models/`` (a clone, an editable install)."""
    env = os.environ.get("KEHOACH_MODELS")
    if env:
        return Path(env)
    # an installed package is a folder on disk (pip never installs zipped): a real path
    shipped = Path(str(resources.files("pipeline") / "models"))
    if (shipped / "agencies.tsv").is_file():
        return shipped
    return Path(__file__).resolve().parent.parent / "models"


MODELS = _models_dir()


def model_path(name: str) -> Path:
    """A file under ``models/``."""
    return MODELS / name


def tsv_lines(name: str | Path, *, comments: bool = True) -> list[list[str]]:
    """Every data row of a TSV under ``models/`` as its cells (a header row included).

    Blank lines and, with ``comments``, lines opening with ``#`` are skipped; cells are not
    stripped, since some tables mean their spaces."""
    path = name if isinstance(name, Path) else MODELS / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or (comments and line.startswith("#")):
            continue
        rows.append(line.split("\t"))
    return rows


def tsv_records(name: str | Path) -> list[dict[str, str]]:
    """A TSV whose first row names its columns, as one dict per row (missing cells empty)."""
    rows = tsv_lines(name)
    if not rows:
        return []
    head = [h.strip() for h in rows[0]]
    return [dict(zip(head, r + [""] * (len(head) - len(r)))) for r in rows[1:]]
