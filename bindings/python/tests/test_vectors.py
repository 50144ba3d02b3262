"""The shared vectors (tests/vectors/*.json) give exactly the answers Rust gives."""

from __future__ import annotations

import pytest

import smartlib
from conftest import VECTORS, load_vectors

VECTOR_LIST = load_vectors()


def catalog_for(vector: dict) -> smartlib.Catalog:
    if vector["catalog"] == "default":
        catalog = smartlib.Catalog.default()
    else:
        path = VECTORS / "catalogs" / f"{vector['catalog']}.json"
        catalog = smartlib.Catalog.from_str(path.read_text(), "json", str(path))
    if "policy" in vector:
        catalog = catalog.with_policy(**vector["policy"])
    return catalog


def test_there_are_enough_vectors() -> None:
    assert len(VECTOR_LIST) >= 20


@pytest.mark.parametrize("vector", VECTOR_LIST, ids=[v["name"] for v in VECTOR_LIST])
def test_vector(vector: dict) -> None:
    catalog = catalog_for(vector)
    profile = vector["profile"]
    kwargs = {key: profile[key] for key in ("piloting", "planned", "unknown", "goals", "constraints", "name") if key in profile}
    assessment = catalog.assess(profile.get("offers", []), **kwargs)
    kwargs.pop("name", None)
    recommendations = catalog.recommend(profile.get("offers", []), **kwargs)
    got = {
        "level": assessment.level,
        "reached": assessment.reached,
        "level_range": [assessment.level_min, assessment.level_max],
        "to_next_level": assessment.to_next_level,
        "recommendations": [r.program for r in recommendations],
        "scores": [r.score for r in recommendations],
        "actions": [r.action for r in recommendations],
        "to_confirm": assessment.to_confirm,
        "reason_kinds": [[reason.kind for reason in r.reasons] for r in recommendations],
    }
    assert got == vector["expect"]


@pytest.mark.parametrize("vector", VECTOR_LIST, ids=[v["name"] for v in VECTOR_LIST])
def test_vector_through_assess_many(vector: dict) -> None:
    """The batch path agrees with the one-by-one path on level, range and the top programs."""
    catalog = catalog_for(vector)
    profile = {k: v for k, v in vector["profile"].items() if k not in ("name", "constraints")}
    profile.update(vector["profile"].get("constraints", {}))  # a row holds budget, staff, space flat
    frame = catalog.assess_many([profile], top=3)
    expect = vector["expect"]
    assert int(frame["level"].iloc[0]) == expect["level"]
    assert (int(frame["level_min"].iloc[0]), int(frame["level_max"].iloc[0])) == tuple(expect["level_range"])
    top = [frame[f"rec_{i}"].iloc[0] for i in (1, 2, 3)]
    assert [t for t in top if isinstance(t, str)] == expect["recommendations"][:3]
