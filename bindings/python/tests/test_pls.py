"""The PLS crosswalk: survey columns to program statuses, on made-up rows and the real file."""

from __future__ import annotations

import pandas as pd
import pytest

import smartlib
from conftest import ROOT
from smartlib.surveys import pls

DATA = ROOT / "examples" / "data" / "pls-fy2022-libraries.csv"


def test_crosswalk_reads_positive_zero_and_missing() -> None:
    survey = pd.DataFrame(
        {"computer_sessions": [10, 0, -1], "wireless_sessions": [5, -9, 0], "e_items": [0, 3, -3], "state": ["NY", "CA", "TX"]},
        index=["a", "b", "c"],
    )
    programs = pls.to_programs(survey)
    assert list(programs.columns) == ["computer-labs", "wifi-access", "digital-resources"]
    assert programs.loc["a"].tolist() == [True, True, False]
    assert programs.loc["b", "computer-labs"] is False or programs.loc["b", "computer-labs"] == False  # noqa: E712
    assert pd.isna(programs.loc["b", "wifi-access"]) and pd.isna(programs.loc["c", "computer-labs"])


def test_crosswalk_is_data_you_can_change() -> None:
    survey = pd.DataFrame({"computer_sessions": [10], "wireless_sessions": [5], "e_items": [1], "programs": [40]})
    crosswalk = dict(pls.CROSSWALK, **{"basic-computer-training": "programs"})
    assert "basic-computer-training" in pls.to_programs(survey, crosswalk).columns
    with pytest.raises(KeyError, match="no column 'visits'"):
        pls.to_programs(survey, {"computer-labs": "visits"})


def test_the_real_survey_scores_every_library(catalog: smartlib.Catalog) -> None:
    survey = pd.read_csv(DATA, dtype={"fscs_id": str})
    assert len(survey) == 9248
    scores = catalog.assess_many(pls.to_programs(survey))
    assert scores.index.equals(survey.index)
    # Only three first-tier programs are observed, so nobody gets past level 1, and level 1
    # needs all three shown. The first tier needs 3 of 5; its other two programs, and any the
    # survey left missing, are unknown: a library could reach the top once they are known iff
    # shown + missing + 2 >= 3; otherwise it cannot even establish the first tier.
    programs = pls.to_programs(survey)
    shown = programs.fillna(False).astype(bool).sum(axis=1)
    missing = programs.isna().sum(axis=1)
    assert set(scores["level"].unique()) == {0, 1}
    assert (scores["level"] == 1).sum() == (shown == 3).sum()
    could = shown + missing + 2 >= 3
    assert (scores.loc[could, "level_max"] == 3).all()
    assert (scores.loc[~could, "level_max"] == 0).all()
    assert (~could).sum() > 0, "the data has libraries that show no first-tier program"


def test_unobserved_programs_are_to_verify_not_to_start(catalog: smartlib.Catalog) -> None:
    survey = pd.read_csv(DATA, dtype={"fscs_id": str})
    programs = pls.to_programs(survey)
    scores = catalog.assess_many(programs)
    observed = set(programs.columns)
    # A recommended program the survey never observed is one to check, not to start.
    for i in range(1, 6):
        unobserved = ~scores[f"rec_{i}"].isin(observed)
        assert (scores.loc[unobserved, f"rec_{i}_action"] == "verify").all()
    # Systems whose three observed values are all missing: everything is to verify.
    blind = programs.isna().all(axis=1)
    assert blind.sum() > 0
    assert (scores.loc[blind, "rec_1_action"] == "verify").all()
    assert (scores.loc[blind, "unknown_getting-started"] == 5).all()
    # The first tier's unknowns are its two unobserved programs plus the missing values.
    assert (scores["unknown_getting-started"] == 2 + programs.isna().sum(axis=1)).all()
