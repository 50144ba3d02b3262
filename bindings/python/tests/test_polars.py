"""assess_many with polars: native in and out, with neither pandas nor numpy. This file imports
neither, and CI also runs it in a venv that has only smartlib and polars (`.ci/run python`)."""

from __future__ import annotations

import datetime
import random
import subprocess
import sys

import pytest

import smartlib

pl = pytest.importorskip("polars", reason="polars is an optional dependency")

CATALOG = smartlib.Catalog.default()
IDS = CATALOG.program_ids
TIERS = [tier.id for tier in CATALOG.tiers]
ACTIONS = ["start", "make-permanent", "carry-out-plan", "verify"]
WORDS = {"yes": "offered", "no": "not-offered", "piloting": "piloting", "planned": "planned", "unknown": "unknown", None: "unknown"}


def random_frame(rows: int, seed: int = 1) -> pl.DataFrame:
    """Twelve program columns of status words (three left out: unknown), ids, goals, budgets."""
    rng = random.Random(seed)
    data: dict[str, list[object]] = {"id": [f"lib-{i}" for i in range(rows)]}
    for program in IDS[:12]:
        data[program] = [rng.choice(list(WORDS)) for _ in range(rows)]
    data["goals"] = [rng.choice(["co-creators", "", "ict-users;co-creators"]) for _ in range(rows)]
    data["budget"] = [rng.choice(["low", "high", None]) for _ in range(rows)]
    strings = {name: pl.String for name in ["id", *IDS[:12], "goals", "budget"]}
    return pl.DataFrame(data, schema_overrides=strings)


def assess_row(row: dict[str, object], top: int) -> smartlib.Assessment:
    status = {program: WORDS[row.get(program)] if program in row else "unknown" for program in IDS}  # type: ignore[index]
    listed = {kind: [p for p, s in status.items() if s == kind] for kind in ("offered", "piloting", "planned", "unknown")}
    goals = [goal for goal in str(row["goals"]).split(";") if goal]
    return CATALOG.assess(
        listed["offered"], piloting=listed["piloting"], planned=listed["planned"], unknown=listed["unknown"],
        goals=goals, budget=row["budget"], top=top,
    )


def test_wide_answers_match_one_by_one_assessment() -> None:
    frame = random_frame(300)
    result = CATALOG.assess_many(frame, top=4)
    assert isinstance(result, pl.DataFrame) and result.height == frame.height
    for row, got in zip(frame.iter_rows(named=True), result.iter_rows(named=True)):
        expected = assess_row(row, top=4)
        assert (got["level"], got["level_min"], got["level_max"]) == (expected.level, expected.level_min, expected.level_max)
        assert got["reached"] == expected.reached
        assert [got[f"unknown_{t.id}"] for t in expected.tiers] == [t.unknown for t in expected.tiers]
        for i, recommendation in enumerate(expected.recommendations, start=1):
            assert got[f"rec_{i}"] == recommendation.program
            assert got[f"rec_{i}_action"] == {"not-offered": "start", "piloting": "make-permanent", "planned": "carry-out-plan", "unknown": "verify"}[
                WORDS[row[recommendation.program]] if recommendation.program in row else "unknown"
            ]


def test_long_answers_carry_the_row_and_id() -> None:
    frame = random_frame(120, seed=4)
    long = CATALOG.assess_many(frame, top=3, shape="long")
    assert long.columns == ["index", "id", "rank", "program", "tier", "action", "score", "reasons"]
    rows = frame.to_dicts()
    for got in long.iter_rows(named=True):
        row = rows[got["index"]]
        assert got["id"] == row["id"]
        expected = assess_row(row, top=3).recommendations[got["rank"] - 1]
        assert (got["program"], got["tier"], got["score"]) == (expected.program, expected.tier, expected.score)
        assert got["reasons"] == list(dict.fromkeys(reason.kind for reason in expected.reasons))
    assert long["index"].n_unique() == sum(1 for row in rows if assess_row(row, top=3).recommendations)


def test_fixed_schema_with_enums_whatever_the_data() -> None:
    normal = CATALOG.assess_many(random_frame(40), top=2)
    nothing = CATALOG.assess_many(pl.DataFrame({program: [False] * 3 for program in IDS}), top=2)
    empty = CATALOG.assess_many(random_frame(0), top=2)
    assert nothing["reached"].null_count() == 3
    assert normal.schema == nothing.schema == empty.schema
    assert normal.schema["reached"] == pl.Enum(TIERS)
    assert normal.schema["rec_1"] == pl.Enum(IDS)
    assert normal.schema["rec_1_action"] == pl.Enum(ACTIONS)
    assert normal.schema["level"] == pl.Int64 and normal.schema["unknown_getting-started"] == pl.Int64
    assert pl.concat([normal, nothing, empty]).height == 43
    long = [CATALOG.assess_many(f, top=2, shape="long") for f in (random_frame(10), random_frame(0))]
    assert long[0].schema == long[1].schema
    assert long[0].schema["reasons"] == pl.List(pl.Enum(CATALOG._frame_ids()["reasons"]))
    levels = CATALOG.assess_many(random_frame(10), top=0)
    assert levels.columns == ["level", "reached", "level_min", "level_max"]


def test_lazy_frames_are_collected() -> None:
    frame = random_frame(100, seed=9)
    assert CATALOG.assess_many(frame.lazy()).equals(CATALOG.assess_many(frame))
    long = CATALOG.assess_many(frame.lazy(), top=2, shape="long")
    assert long.equals(CATALOG.assess_many(frame, top=2, shape="long"))


def test_column_types() -> None:
    frame = pl.DataFrame(
        {
            "computer-labs": pl.Series(["yes", "no", None, "yes"], dtype=pl.Enum(["yes", "no"])),
            "wifi-access": pl.Series(["yes", "no", "piloting", "yes"], dtype=pl.Categorical),
            "digital-resources": pl.Series([1, 0, None, 1], dtype=pl.Int8),
            "basic-computer-training": [1.0, float("nan"), 0.0, None],
            "public-meeting-spaces": [True, None, False, True],
            "book-vending-kiosks": pl.Series([None, None, None, None], dtype=pl.Null),
        }
    )
    rows = frame.to_dicts()
    assert CATALOG.assess_many(frame, top=3).equals(CATALOG.assess_many(frame.rechunk(), top=3))
    # The same answers as the dicts of the same rows.
    wide = CATALOG.assess_many(frame, top=3)
    for got, row in zip(wide.iter_rows(named=True), rows):
        one = CATALOG.assess_many(pl.DataFrame([row], schema=frame.schema), top=3).row(0, named=True)
        assert got == one
    assert wide["level"].to_list() == [1, 0, 0, 1]
    offers = pl.DataFrame({"offers": [["computer-labs", "wifi-access", "digital-resources"], [], None], "budget": ["low", None, "high"]})
    assert CATALOG.assess_many(offers)["level"].to_list() == [1, 0, 0]
    chunked = pl.concat([random_frame(30, seed=1), random_frame(30, seed=2)], rechunk=False)
    assert chunked.n_chunks() > 1
    assert CATALOG.assess_many(chunked).equals(CATALOG.assess_many(chunked.rechunk()))


def test_errors_name_the_row_and_column() -> None:
    frame = pl.DataFrame({"computer-labs": ["yes", "maybe"]})
    for shape in ("wide", "long"):
        with pytest.raises(smartlib.ProfileError, match='^row 2, column "computer-labs": "maybe" is not a status') as caught:
            CATALOG.assess_many(frame, shape=shape)
        assert (caught.value.row, caught.value.column) == (2, "computer-labs")
    with pytest.raises(smartlib.ProfileError, match='^row 1, column "computer-labs": a date is not a status'):
        CATALOG.assess_many(pl.DataFrame({"computer-labs": [datetime.date(2024, 1, 1)]}))
    with pytest.raises(ValueError, match="top must be 0 or more"):
        CATALOG.assess_many(frame, top=-1)


def test_polars_needs_neither_pandas_nor_numpy() -> None:
    """In a fresh interpreter where importing numpy or pandas fails: the polars path still works."""
    script = """
import sys
sys.modules["numpy"] = None
sys.modules["pandas"] = None
import polars as pl
import smartlib
catalog = smartlib.Catalog.default()
frame = pl.DataFrame({"computer-labs": [True, False], "wifi-access": [True, None], "digital-resources": ["yes", "no"]})
wide = catalog.assess_many(frame)
long = catalog.assess_many(frame.lazy(), shape="long")
levels = catalog.assess_many(frame, top=0)
print(wide["level"].to_list(), long.height > 0, levels.width)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[1, 0] True 4"
