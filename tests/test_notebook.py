"""The cross-province notebook runs top to bottom on the bundled corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_compare_provinces_notebook_runs_and_plots(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHOACH_DB", str(tmp_path / "nb.db"))
    nb = nbformat.read(ROOT / "notebooks" / "compare_provinces.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if o.output_type == "display_data" and "image/png" in o.get("data", {})]
    assert len(images) >= 3  # areas, targets, citation lag
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert " files (" in text and "failed" in text and "Tuyên Quang" in text
