"""assess_many with pandas: DataFrames and lists in, DataFrames out, index kept, same answers as
assess, actions and unknown counts, the long shape, levels only, and a schema that does not
depend on the data. (polars: test_polars.py, which runs without pandas and numpy too.)"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import smartlib

IDS = smartlib.Catalog.default().program_ids
TIERS = [tier.id for tier in smartlib.Catalog.default().tiers]
ACTIONS = {"not-offered": "start", "piloting": "make-permanent", "planned": "carry-out-plan", "unknown": "verify"}
WIDE = ["level", "reached", "level_min", "level_max", *(f"unknown_{t}" for t in TIERS)]


def wide_columns(top: int) -> list[str]:
    return WIDE + [name for i in range(1, top + 1) for name in (f"rec_{i}", f"rec_{i}_action")]


def random_frame(rows: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    share = rng.random(rows)[:, None]
    data = rng.random((rows, len(IDS))) < share
    return pd.DataFrame(data, columns=IDS, index=[f"lib-{i}" for i in range(rows)])


def random_statuses(rows: int, seed: int = 2) -> pd.DataFrame:
    """Every status, as words, with some programs left out (unknown) and some cells missing."""
    rng = np.random.default_rng(seed)
    words = np.array(["yes", "no", "piloting", "planned", "unknown", None], dtype=object)
    columns = IDS[:12]
    data = words[rng.integers(0, len(words), size=(rows, len(columns)))]
    frame = pd.DataFrame(data, columns=columns, index=pd.Index(range(100, 100 + rows), name="fscs"))
    frame["goals"] = rng.choice(["co-creators", "", "ict-users;co-creators"], size=rows)
    frame["budget"] = rng.choice(["low", "high", ""], size=rows)
    return frame


def statuses_of(row: pd.Series) -> dict[str, str]:
    """Each program's status in a row of `random_statuses` (a program without a column is unknown)."""
    status = {program: "unknown" for program in IDS}
    named = {"yes": "offered", "no": "not-offered", "piloting": "piloting", "planned": "planned", "unknown": "unknown"}
    for program in IDS[:12]:
        status[program] = named.get(row[program], "unknown")
    return status


def assess_row(catalog: smartlib.Catalog, row: pd.Series, top: int = 5) -> smartlib.Assessment:
    status = statuses_of(row)
    listed = {kind: [p for p, s in status.items() if s == kind] for kind in ("offered", "piloting", "planned", "unknown")}
    return catalog.assess(
        listed["offered"],
        piloting=listed["piloting"],
        planned=listed["planned"],
        unknown=listed["unknown"],
        goals=[goal for goal in row["goals"].split(";") if goal],
        budget=row["budget"] or None,
        top=top,
    )


def test_bool_columns_match_one_by_one_assessment(catalog: smartlib.Catalog) -> None:
    frame = random_frame(200)
    result = catalog.assess_many(frame)
    assert list(result.index) == list(frame.index)
    assert list(result.columns) == wide_columns(5)
    for library, row in frame.iterrows():
        offers = [program for program in IDS if row[program]]
        expected = catalog.assess(offers)
        got = result.loc[library]
        assert got["level"] == expected.level
        assert (got["reached"] if isinstance(got["reached"], str) else None) == expected.reached
        recs = [got[f"rec_{i}"] for i in range(1, 6) if isinstance(got[f"rec_{i}"], str)]
        assert recs == [r.program for r in expected.recommendations]
        # Every program has a column: nothing is unknown, and every step is a start.
        assert [got[f"unknown_{t}"] for t in TIERS] == [0, 0, 0]
        assert {got[f"rec_{i}_action"] for i in range(1, len(recs) + 1)} <= {"start"}


def test_actions_and_unknown_counts_follow_each_row(catalog: smartlib.Catalog) -> None:
    frame = random_statuses(300)
    result = catalog.assess_many(frame, top=4)
    assert list(result.columns) == wide_columns(4)
    assert result.index.equals(frame.index)
    for library, row in frame.iterrows():
        expected = assess_row(catalog, row, top=4)
        status = statuses_of(row)
        got = result.loc[library]
        assert [got["level_min"], got["level_max"]] == [expected.level_min, expected.level_max]
        assert [got[f"unknown_{t.id}"] for t in expected.tiers] == [t.unknown for t in expected.tiers]
        for i, recommendation in enumerate(expected.recommendations, start=1):
            assert got[f"rec_{i}"] == recommendation.program
            assert got[f"rec_{i}_action"] == ACTIONS[status[recommendation.program]]


def test_long_shape_lists_each_recommendation_with_score_and_reason_kinds(catalog: smartlib.Catalog) -> None:
    frame = random_statuses(150, seed=5)
    long = catalog.assess_many(frame, top=3, shape="long")
    assert list(long.columns) == ["rank", "program", "tier", "action", "score", "reasons"]
    assert long.index.name == "fscs"
    assert {str(long[c].dtype) for c in ("program", "tier", "action")} == {"category"}
    assert (long["score"].dtype, long["rank"].dtype) == (np.float64, np.int64)
    wide = catalog.assess_many(frame, top=3)
    for library, row in frame.iterrows():
        expected = assess_row(catalog, row, top=3).recommendations
        got = long.loc[[library]]
        assert got["rank"].tolist() == list(range(1, len(expected) + 1))
        assert got["program"].tolist() == [r.program for r in expected]
        assert got["tier"].tolist() == [r.tier for r in expected]
        assert got["score"].tolist() == [r.score for r in expected]
        # Reason kinds, once each, in the order recommendations list their reasons.
        assert got["reasons"].tolist() == [tuple(dict.fromkeys(reason.kind for reason in r.reasons)) for r in expected]
        assert got["action"].tolist() == [wide.loc[library, f"rec_{i}_action"] for i in range(1, len(expected) + 1)]


def test_long_shape_of_lists_and_of_libraries_with_nothing_to_recommend(catalog: smartlib.Catalog) -> None:
    long = catalog.assess_many([IDS, IDS[:2], IDS], top=2, shape="long")
    # The first and last library offer everything: no row for them.
    assert long.index.tolist() == [1, 1]
    assert long["rank"].tolist() == [1, 2]
    assert catalog.assess_many([IDS], shape="long").empty


def test_levels_only_with_top_zero(catalog: smartlib.Catalog) -> None:
    frame = random_statuses(200, seed=3)
    levels = catalog.assess_many(frame, top=0)
    assert list(levels.columns) == ["level", "reached", "level_min", "level_max"]
    full = catalog.assess_many(frame)
    assert levels.equals(full[list(levels.columns)])
    assert catalog.assess_many(frame, top=0, shape="long").empty


def test_missing_columns_and_values_are_unknown(catalog: smartlib.Catalog) -> None:
    frame = pd.DataFrame(
        {"computer-labs": [True, True, None], "wifi-access": [1, 1.0, np.nan], "digital-resources": ["yes", "", "no"]},
        index=pd.Index([10, 20, 30], name="fscs"),
    )
    result = catalog.assess_many(frame, top=2)
    assert result.index.name == "fscs" and list(result.index) == [10, 20, 30]
    # Row 10 offers three first-tier programs; the twelve without a column are unknown.
    assert result.loc[10, ["level", "level_min", "level_max"]].tolist() == [1, 1, 3]
    assert result.loc[10, [f"unknown_{t}" for t in TIERS]].tolist() == [2, 5, 5]
    # Row 20's digital resources are unknown ("" is blank): 2 offered, up to 3.
    assert result.loc[20, ["level", "level_max"]].tolist() == [0, 3]
    assert result.loc[20, "unknown_getting-started"] == 3
    expected = catalog.assess([], unknown=[p for p in IDS if p not in ("digital-resources",)])
    assert result.loc[30, "level"] == expected.level
    assert list(result.columns)[-4:] == ["rec_1", "rec_1_action", "rec_2", "rec_2_action"]


def test_categorical_and_nullable_columns(catalog: smartlib.Catalog) -> None:
    frame = pd.DataFrame(
        {
            "computer-labs": pd.Categorical(["yes", "no", None, "yes"]),
            "wifi-access": pd.array([True, None, False, True], dtype="boolean"),
            "digital-resources": pd.array([1, 0, None, 1], dtype="Int64"),
        }
    )
    result = catalog.assess_many(frame, top=1)
    rows = [dict(zip(frame.columns, values)) for values in frame.astype(object).itertuples(index=False)]
    assert result.equals(catalog.assess_many(rows, top=1))
    assert result["level"].tolist() == [1, 0, 0, 1]


def test_the_schema_does_not_depend_on_the_data(catalog: smartlib.Catalog) -> None:
    normal = catalog.assess_many(random_frame(50), top=2)
    nothing = catalog.assess_many(pd.DataFrame({program: [False] * 4 for program in IDS}), top=2)
    empty = catalog.assess_many(random_frame(0), top=2)
    assert (nothing["level"] == 0).all() and nothing["reached"].isna().all()
    assert normal.dtypes.equals(nothing.dtypes) and normal.dtypes.equals(empty.dtypes)
    assert len(empty) == 0
    assert isinstance(normal["reached"].dtype, pd.CategoricalDtype)
    assert list(normal["rec_1_action"].cat.categories) == ["start", "make-permanent", "carry-out-plan", "verify"]
    assert list(normal["reached"].cat.categories) == TIERS
    long, empty_long = (catalog.assess_many(f, top=2, shape="long") for f in (random_frame(20), random_frame(0)))
    assert long.dtypes.equals(empty_long.dtypes)


def test_offers_column_of_lists_and_plain_lists(catalog: smartlib.Catalog) -> None:
    frame = pd.DataFrame({"offers": [["computer-labs", "wifi-access", "digital-resources"], []]}, index=["a", "b"])
    result = catalog.assess_many(frame)
    assert result.loc["a", "reached"] == "getting-started" and result.loc["b", "level"] == 0
    from_lists = catalog.assess_many([["computer-labs", "wifi-access", "digital-resources"], []])
    assert from_lists["level"].tolist() == [1, 0]
    from_dicts = catalog.assess_many([{"offers": ["computer-labs"], "unknown": ["wifi-access", "digital-resources"], "goals": ["co-creators"]}])
    assert from_dicts[["level_min", "level_max"]].iloc[0].tolist() == [0, 1]
    assert from_dicts["unknown_getting-started"].tolist() == [2]


def test_bad_cells_are_refused_naming_row_column_and_index(catalog: smartlib.Catalog) -> None:
    frame = pd.DataFrame({"computer-labs": ["yes", "maybe"]}, index=["x", "y"])
    for shape in ("wide", "long"):
        with pytest.raises(smartlib.ProfileError, match='^row 2, column "computer-labs": "maybe" is not a status') as caught:
            catalog.assess_many(frame, shape=shape)
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


def test_top_and_shape_are_checked(catalog: smartlib.Catalog) -> None:
    with pytest.raises(ValueError, match="top must be 0 or more"):
        catalog.assess_many([[]], top=-1)
    with pytest.raises(TypeError):
        catalog.assess_many([[]], top="5")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match='shape must be "wide" or "long"'):
        catalog.assess_many([[]], shape="tall")
