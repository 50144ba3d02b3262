"""The example notebook runs top to bottom on the real survey data, saves its figures, and the
figures show the numbers they claim without labels running into bars or into each other."""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "python" / "pls_levels.ipynb"

FIGURES = [
    "collect_this_variable.png",
    "levels_by_locale.png",
    "levels_by_population.png",
    "levels_by_state.png",
    "top_recommendation_by_action.png",
]
STANDINGS = ["level 1", "level 0: a program reported at zero", "level 0: survey values missing"]

# Run in the notebook's kernel after its last cell: the key numbers, and for every saved figure
# what it draws, measured on the canvas (boxes in pixels).
PROBE = r'''
import json as _json
from matplotlib.text import Text as _Text


def _texts(fig):
    """Every visible, non-empty text on the figure, with the box it takes."""
    found = [fig._suptitle] + list(fig.texts)
    for ax in fig.axes:
        found += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted(limits)
            for loc, label in zip(axis.get_majorticklocs(), axis.get_majorticklabels()):
                if low <= loc <= high:
                    found.append(label)
    unique = {id(t): t for t in found}  # the suptitle is among fig.texts too
    return [t for t in unique.values() if isinstance(t, _Text) and t.get_visible() and t.get_text().strip()]


def _box(artist, renderer):
    b = artist.get_window_extent(renderer)
    return [b.x0, b.y0, b.x1, b.y1]


def _figure(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes = []
    for ax in fig.axes:
        bars = []
        for container in ax.containers:
            for patch in container:
                if patch.get_width() > 0 and patch.get_height() > 0:
                    horizontal = container.orientation == "horizontal"
                    bars.append({
                        "at": round(patch.get_y() + patch.get_height() / 2 if horizontal else patch.get_x() + patch.get_width() / 2, 6),
                        "length": patch.get_width() if horizontal else patch.get_height(),
                        "box": _box(patch, renderer),
                    })
        axes.append({
            "title": ax.get_title(loc="center") or ax.get_title(loc="left"),
            "xlabel": ax.get_xlabel(),
            "ylabel": ax.get_ylabel(),
            "labels": [t.get_text() for t in ax.texts],
            "positions": len(ax.get_yticks() if ax.containers and ax.containers[0].orientation == "horizontal" else ax.get_xticks()),
            "bars": bars,
        })
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    return {
        "size": [fig.bbox.width, fig.bbox.height],
        "suptitle": fig.get_suptitle(),
        "axes": axes,
        "texts": [{"text": t.get_text(), "box": _box(t, renderer)} for t in _texts(fig)],
        "legends": [{"labels": [t.get_text() for t in leg.get_texts()], "box": _box(leg, renderer)} for leg in legends],
    }


print(_json.dumps({
    "standings": {k: int(v) for k, v in standings.items()},
    "level_max": {str(k): int(v) for k, v in libraries["level_max"].value_counts().items()},
    "collect": {k: int(v) for k, v in collect["missing in"].items()},
    "lifted": int(lifted),
    "actions": {k: int(v) for k, v in first["action"].value_counts().items()},
    "figures": {name: _figure(fig) for name, fig in saved.items()},
}, default=float))
'''


def overlap(a: list[float], b: list[float], slack: float = 0.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def counts(labels: list[str]) -> list[int]:
    """The counts written on bars: "n = 1,860", "n = 3: Wi-Fi access", "757", "1,831 (100%)"."""
    found = []
    for label in labels:
        match = re.fullmatch(r"(?:n = )?([\d,]+)(?::.*| \(\d+%\))?", label)
        if match:
            found.append(int(match.group(1).replace(",", "")))
    return found


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nbformat.NotebookNode, dict]:
    figures = tmp_path_factory.mktemp("figures")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    os.environ["SMARTLIB_FIGURES"] = str(figures)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    probe = json.loads("".join(output.get("text", "") for output in notebook.cells[-1].outputs))
    return figures, notebook, probe


def test_the_notebook_runs_and_saves_its_figures(run: tuple[Path, nbformat.NotebookNode, dict]) -> None:
    figures, notebook, probe = run
    assert sorted(p.name for p in figures.glob("*.png")) == FIGURES
    assert sorted(probe["figures"]) == FIGURES
    outputs = "".join(
        output.get("text", "") for cell in notebook.cells[:-1] if cell.cell_type == "code" for output in cell.get("outputs", [])
    )
    assert "9,248 library systems" in outputs
    assert "every number in the reading below is checked" in outputs


def test_the_key_numbers(run: tuple[Path, nbformat.NotebookNode, dict]) -> None:
    probe = run[2]
    assert probe["standings"] == dict(zip(STANDINGS, [6_836, 581, 1_831]))
    assert probe["level_max"] == {"3": 9_246, "0": 2}  # missing values give 3, never 0
    assert probe["collect"] == {"WIFISESS": 1_831, "PITUSR": 76, "ELECCOLL": 74}
    assert probe["lifted"] == 1_755
    assert probe["actions"] == {"verify": 9_245, "start": 3}


@pytest.mark.parametrize(
    ("name", "share", "n"),
    [
        ("levels_by_state.png", True, [51, 5]),  # states and DC, then the five territories
        ("levels_by_locale.png", True, [12]),
        ("levels_by_population.png", True, [5]),
        ("top_recommendation_by_action.png", False, [4]),
        ("collect_this_variable.png", False, [3]),
    ],
)
def test_every_bar_carries_its_count(run: tuple[Path, nbformat.NotebookNode, dict], name: str, share: bool, n: list[int]) -> None:
    figure = run[2]["figures"][name]
    assert [ax["positions"] for ax in figure["axes"]] == n
    for ax in figure["axes"]:
        assert len(counts(ax["labels"])) == ax["positions"], f"{name}: a bar without its count in {ax['labels']}"
        stacks: dict[float, float] = {}
        for bar in ax["bars"]:
            stacks[bar["at"]] = stacks.get(bar["at"], 0) + bar["length"]
        if share:  # stacked shares fill each bar that has systems
            assert all(math.isclose(total, 1) for total in stacks.values()), f"{name}: {stacks}"
        else:  # bars as long as the count they are labelled with
            drawn = [round(total) for _, total in sorted(stacks.items())]
            assert drawn == [c for c in counts(ax["labels"]) if c > 0], name
    total = sum(sum(counts(ax["labels"])) for ax in figure["axes"])
    if share or name.startswith("top_recommendation"):
        assert total == 9_248, f"{name}: the counts add up to {total}"


@pytest.mark.parametrize("name", FIGURES)
def test_the_figure_reads_cleanly(run: tuple[Path, nbformat.NotebookNode, dict], name: str) -> None:
    figure = run[2]["figures"][name]
    width, height = figure["size"]
    assert figure["suptitle"] or all(ax["title"] for ax in figure["axes"]), f"{name}: no title"
    assert any(ax["xlabel"] for ax in figure["axes"]) and any(ax["ylabel"] for ax in figure["axes"]), f"{name}: axis labels"
    texts = figure["texts"]
    for text in texts:
        x0, y0, x1, y1 = text["box"]
        assert x0 >= -1 and y0 >= -1 and x1 <= width + 1 and y1 <= height + 1, f"{name}: {text['text']!r} runs off the figure"
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert not overlap(a["box"], b["box"]), f"{name}: {a['text']!r} runs into {b['text']!r}"
    bars = [bar["box"] for ax in figure["axes"] for bar in ax["bars"]]
    for text in texts:  # a count sits beside its bar, not on it
        if counts([text["text"]]):
            assert not any(overlap(text["box"], bar) for bar in bars), f"{name}: {text['text']!r} lies on a bar"
    for legend in figure["legends"]:
        assert not any(overlap(legend["box"], bar) for bar in bars), f"{name}: the legend covers a bar"
        assert not any(overlap(legend["box"], text["box"]) for text in texts), f"{name}: the legend covers a label"
    if name.startswith("levels_by"):  # missing and reported zero kept apart, in the legend as in the bars
        assert [legend["labels"] for legend in figure["legends"]] == [STANDINGS]
