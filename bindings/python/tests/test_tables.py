"""The table vectors (tests/vectors/tables/*.json: cells exactly as spreadsheets hold them) give
the same answers, and the same errors, through every Python path as through the CLI: lists of
dicts, pandas frames read from CSV (every cell as text, and with pandas' own type inference),
polars frames, and one row at a time with `row_profile` + `assess`."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Callable

import pandas as pd
import pytest

import smartlib
from conftest import VECTORS

TABLES = [json.loads(path.read_text()) for path in sorted((VECTORS / "tables").glob("*.json"))]


def catalog_for(vector: dict) -> smartlib.Catalog:
    path = VECTORS / "catalogs" / f"{vector['catalog']}.json"
    return smartlib.Catalog.from_str(path.read_text(), "json", str(path))


def csv_text(vector: dict, rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(vector["columns"])
    writer.writerows(rows)
    return out.getvalue()


def answers(frame: Any) -> list[dict]:
    top = [column for column in frame.columns if re.fullmatch(r"rec_\d+", column)]
    rows = frame.to_dicts() if hasattr(frame, "to_dicts") else frame.to_dict("records")
    return [
        {
            "level": int(row["level"]),
            "level_range": [int(row["level_min"]), int(row["level_max"])],
            "recommendations": [row[c] for c in top if isinstance(row[c], str)],
        }
        for row in rows
    ]


# Each way of handing a table to assess_many: rows (as strings) -> what assess_many takes.
def as_dicts(vector: dict, rows: list[list[str]]) -> Any:
    return [dict(zip(vector["columns"], row)) for row in rows]


def as_pandas_text(vector: dict, rows: list[list[str]]) -> Any:
    # Every cell as written: no type inference, and no NA words of pandas' own.
    return pd.read_csv(io.StringIO(csv_text(vector, rows)), dtype=str, keep_default_na=False)


def as_pandas_inferred(vector: dict, rows: list[list[str]]) -> Any:
    # pandas' own type inference (bool, int, float columns); only blank cells are missing,
    # because pandas' default NA words include "None", which smartlib refuses as a status.
    return pd.read_csv(io.StringIO(csv_text(vector, rows)), keep_default_na=False, na_values=[""])


def as_polars(vector: dict, rows: list[list[str]]) -> Any:
    pl = pytest.importorskip("polars")
    return pl.read_csv(io.StringIO(csv_text(vector, rows)))


READERS: dict[str, Callable[[dict, list[list[str]]], Any]] = {
    "dicts": as_dicts,
    "pandas-text": as_pandas_text,
    "pandas-inferred": as_pandas_inferred,
    "polars": as_polars,
}


def test_there_are_table_vectors() -> None:
    assert len(TABLES) >= 6
    assert {"polars"} <= set(READERS)


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("vector", TABLES, ids=[v["name"] for v in TABLES])
def test_assess_many(vector: dict, reader: str) -> None:
    catalog = catalog_for(vector)
    expect = vector["expect"]
    read = READERS[reader]
    if "error" in expect:
        with pytest.raises(smartlib.ProfileError) as caught:
            catalog.assess_many(read(vector, vector["rows"]), top=vector["top"])
        assert str(caught.value) == expect["error"]
        return
    errors = [row["error"] for row in expect["rows"] if "error" in row]
    if errors:
        # The first bad row, in row order, is the one raised.
        with pytest.raises(smartlib.SmartlibError) as caught:
            catalog.assess_many(read(vector, vector["rows"]), top=vector["top"])
        assert str(caught.value) == errors[0]
    good = [i for i, row in enumerate(expect["rows"]) if "error" not in row]
    frame = catalog.assess_many(read(vector, [vector["rows"][i] for i in good]), top=vector["top"])
    assert answers(frame) == [expect["rows"][i] for i in good]


@pytest.mark.parametrize("vector", TABLES, ids=[v["name"] for v in TABLES])
def test_one_row_at_a_time(vector: dict) -> None:
    catalog = catalog_for(vector)
    expect = vector["expect"]
    for number, row in enumerate(vector["rows"], start=1):
        values = dict(zip(vector["columns"], row))
        wanted = expect["error"] if "error" in expect else expect["rows"][number - 1].get("error")
        if wanted is not None:
            with pytest.raises(smartlib.SmartlibError) as caught:
                catalog.row_profile(values, row=number)
            assert str(caught.value) == wanted
            continue
        profile = catalog.row_profile(values, row=number)
        assessment = catalog.assess(**profile, top=vector["top"])
        got = {
            "level": assessment.level,
            "level_range": [assessment.level_min, assessment.level_max],
            "recommendations": [r.program for r in assessment.recommendations],
        }
        assert got == expect["rows"][number - 1], f"row {number}"
