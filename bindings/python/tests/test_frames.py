"""assess_many: DataFrames and lists in, DataFrames out, index kept, same answers as assess."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import smartlib

IDS = smartlib.Catalog.default().program_ids


def random_frame(rows: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    share = rng.random(rows)[:, None]
    data = rng.random((rows, len(IDS))) < share
    return pd.DataFrame(data, columns=IDS, index=[f"lib-{i}" for i in range(rows)])


def test_bool_columns_match_one_by_one_assessment(catalog: smartlib.Catalog) -> None:
    frame = random_frame(200)
    result = catalog.assess_many(frame)
    assert list(result.index) == list(frame.index)
    assert list(result.columns) == ["level", "reached", "level_min", "level_max", "rec_1", "rec_2", "rec_3", "rec_4", "rec_5"]
    for library, row in frame.iterrows():
        offers = [program for program in IDS if row[program]]
        expected = catalog.assess(offers)
        got = result.loc[library]
        assert got["level"] == expected.level
        assert (got["reached"] if isinstance(got["reached"], str) else None) == expected.reached
        recs = [got[f"rec_{i}"] for i in range(1, 6) if isinstance(got[f"rec_{i}"], str)]
        assert recs == [r.program for r in expected.recommendations]


def test_missing_columns_and_values_are_unknown(catalog: smartlib.Catalog) -> None:
    frame = pd.DataFrame(
        {"computer-labs": [True, True, None], "wifi-access": [1, 1.0, np.nan], "digital-resources": ["yes", "", "no"]},
        index=pd.Index([10, 20, 30], name="fscs"),
    )
    result = catalog.assess_many(frame, top=2)
    assert result.index.name == "fscs" and list(result.index) == [10, 20, 30]
    # Row 10 offers three first-tier programs; the twelve without a column are unknown.
    assert result.loc[10, ["level", "level_min", "level_max"]].tolist() == [1, 1, 3]
    # Row 20's digital resources are unknown ("" is blank): 2 offered, up to 3.
    assert result.loc[20, ["level", "level_max"]].tolist() == [0, 3]
    expected = catalog.assess(["digital-resources"][:0], unknown=[p for p in IDS if p not in ("digital-resources",)])
    assert result.loc[30, "level"] == expected.level
    assert list(result.columns)[-2:] == ["rec_1", "rec_2"]


def test_offers_column_of_lists_and_plain_lists(catalog: smartlib.Catalog) -> None:
    frame = pd.DataFrame({"offers": [["computer-labs", "wifi-access", "digital-resources"], []]}, index=["a", "b"])
    result = catalog.assess_many(frame)
    assert result.loc["a", "reached"] == "getting-started" and result.loc["b", "level"] == 0
    from_lists = catalog.assess_many([["computer-labs", "wifi-access", "digital-resources"], []])
    assert from_lists["level"].tolist() == [1, 0]
    from_dicts = catalog.assess_many([{"offers": ["computer-labs"], "unknown": ["wifi-access", "digital-resources"], "goals": ["co-creators"]}])
    assert from_dicts[["level_min", "level_max"]].iloc[0].tolist() == [0, 1]


def test_bad_cells_are_refused_naming_row_column_and_index(catalog: smartlib.Catalog) -> None:
    frame = pd.DataFrame({"computer-labs": ["yes", "maybe"]}, index=["x", "y"])
    with pytest.raises(smartlib.ProfileError, match='^row 2, column "computer-labs": "maybe" is not a status') as caught:
        catalog.assess_many(frame)
    assert (caught.value.row, caught.value.column, caught.value.index) == (2, "computer-labs", "y")
    # Survey codes and counts are not statuses, whatever their dtype.
    for values in ([1, -1], [1.0, 2.0], ["1", "-1"]):
        with pytest.raises(smartlib.ProfileError, match='^row 2, column "wifi-access": (-1|2) is not a status'):
            catalog.assess_many(pd.DataFrame({"wifi-access": values}))
    with pytest.raises(smartlib.ProfileError, match='"none" is not a status'):
        catalog.assess_many(pd.DataFrame({"wifi-access": ["none"]}))
    with pytest.raises(smartlib.ProfileError, match='^no "offers" column'):
        catalog.assess_many(pd.DataFrame({"state": ["NY"]}))
    with pytest.raises(smartlib.ProfileError, match='^column "digital-resource": .*did you mean "digital-resources"'):
        catalog.assess_many(pd.DataFrame({"computer-labs": [True], "digital-resource": [True]}))
    with pytest.raises(ValueError, match="top must be at least 1"):
        catalog.assess_many([[]], top=0)


def test_polars(catalog: smartlib.Catalog) -> None:
    pl = pytest.importorskip("polars", reason="polars is an optional dependency")
    frame = pl.DataFrame({"computer-labs": [True, False], "wifi-access": [True, None], "digital-resources": [True, True]})
    result = catalog.assess_many(frame)
    assert isinstance(result, pl.DataFrame)
    assert result["level"].to_list() == [1, 0]
    assert result["level_max"].to_list() == [3, 3]
