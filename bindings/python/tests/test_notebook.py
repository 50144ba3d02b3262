"""The example notebook runs top to bottom on the real survey data and saves its figures."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "python" / "pls_levels.ipynb"


def test_the_notebook_runs(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    os.environ["SMARTLIB_FIGURES"] = str(tmp_path)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "collect_this_variable.png",
        "levels_by_locale.png",
        "levels_by_population.png",
        "levels_by_state.png",
        "top_recommendation_by_action.png",
    ]
    outputs = "".join(
        output.get("text", "") for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
    )
    assert "9,248 library systems" in outputs
    assert "every number in the reading below is checked" in outputs
