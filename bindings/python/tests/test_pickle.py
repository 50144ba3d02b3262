"""Pickle, copy, equality and hashing: catalogs (embedded, custom, with another policy) and
every answer object survive a round trip equal, with the same fingerprint and answers."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any, Iterator

import pytest

import smartlib
from test_frames import random_frame

FULL = dict(unknown=["makerspaces"], piloting=["advanced-training"], planned=["open-data-portals"],
            goals=["co-creators"], budget="low", name="Anytown")
OFFERS = ["computer-labs", "wifi-access", "basic-computer-training"]


def custom_catalog() -> smartlib.Catalog:
    text = smartlib.Catalog.default().to_json("toml").replace('name = "Public Libraries', 'name = "My Public Libraries')
    return smartlib.Catalog.from_str(text, "toml", "mine.toml")


def catalogs() -> dict[str, smartlib.Catalog]:
    default = smartlib.Catalog.default()
    return {
        "default": default,
        "custom": custom_catalog(),
        # 0.1 + 0.2 is 0.30000000000000004: floats must come back bit for bit.
        "with_policy": default.with_policy(established_share=0.4, weights={"goal": 0.1 + 0.2, "unknown": 3}),
        "cumulative": custom_catalog().with_policy(rule="cumulative", count_piloting=True, recommendations=7),
    }


def round_trips(value: Any) -> Iterator[Any]:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        yield pickle.loads(pickle.dumps(value, protocol=protocol))
    yield copy.copy(value)
    yield copy.deepcopy(value)


@pytest.mark.parametrize("kind", list(catalogs()))
def test_catalogs_round_trip_with_equal_fingerprint_and_answers(kind: str) -> None:
    catalog = catalogs()[kind]
    frame = random_frame(500, seed=3)
    expected = catalog.assess_many(frame)
    for again in round_trips(catalog):
        assert type(again) is smartlib.Catalog
        assert again.fingerprint == catalog.fingerprint and again == catalog and hash(again) == hash(catalog)
        assert again.policy == catalog.policy and again.name == catalog.name
        assert again.assess(OFFERS, **FULL).to_json() == catalog.assess(OFFERS, **FULL).to_json()
        assert again.assess_many(frame).equals(expected)


def test_the_embedded_catalog_pickles_as_a_reference_to_it() -> None:
    default = smartlib.Catalog.default()
    data = pickle.dumps(default)
    assert len(data) < 150, len(data)
    assert default.with_policy() == default and len(pickle.dumps(default.with_policy())) == len(data)
    # Anything else carries its text: another policy, other content.
    assert len(pickle.dumps(default.with_policy(established_share=0.8))) > 10_000
    assert len(pickle.dumps(custom_catalog())) > 10_000
    # A pickle of the embedded catalog names its fingerprint: a smartlib that embeds other
    # content refuses it rather than answering with other data.
    function, arguments = default.__reduce__()
    assert function(*arguments) == default
    with pytest.raises(ValueError, match="use the same smartlib version on both sides"):
        function("0000000000000000")


def test_a_catalog_loaded_from_a_file_pickles(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(custom_catalog().with_policy(established_share=0.5).to_json())
    loaded = smartlib.Catalog.load(path)
    again = pickle.loads(pickle.dumps(loaded))
    assert again == loaded and again.policy["established_share"] == 0.5


def test_catalogs_compare_and_hash_by_content() -> None:
    default = smartlib.Catalog.default()
    same = smartlib.Catalog.from_str(default.to_json("json"), "json")
    assert same == default and hash(same) == hash(default) and same is not default
    stricter = default.with_policy(established_share=0.8)
    assert stricter != default and stricter.fingerprint != default.fingerprint
    assert stricter == default.with_policy(established_share=0.8)
    assert len({default, same, stricter, custom_catalog(), custom_catalog()}) == 3
    assert default != default.fingerprint and (default == object()) is False


def test_a_catalog_copies_as_itself_and_tokenizes_by_fingerprint() -> None:
    catalog = custom_catalog()
    assert copy.copy(catalog) is catalog and copy.deepcopy(catalog) is catalog
    assert catalog.__dask_tokenize__() == catalog.fingerprint
    from dask.base import tokenize

    assert tokenize(catalog) == tokenize(custom_catalog())
    assert tokenize(catalog) != tokenize(catalog.with_policy(established_share=0.8))


def every_answer_object(catalog: smartlib.Catalog) -> list[Any]:
    """One of each class the package hands out, from every call that hands them out."""
    assessment = catalog.assess(OFFERS, **FULL)
    roadmap = catalog.roadmap(OFFERS, goals=["co-creators"])
    change = catalog.what_if(OFFERS, add=["digital-resources", "advanced-training"], remove=["wifi-access"])
    recommendations = catalog.recommend(OFFERS, budget="low", limit=3)
    objects: list[Any] = [assessment, roadmap, change, change.before, change.after]
    objects += assessment.tiers + assessment.roles + assessment.areas + assessment.advice
    objects += assessment.recommendations + recommendations
    objects += [reason for r in assessment.recommendations + recommendations for reason in r.reasons]
    objects += roadmap.phases + [r for phase in roadmap.phases for r in phase.programs]
    objects += [reason for phase in roadmap.phases for r in phase.programs for reason in r.reasons]
    objects += change.tiers
    objects += catalog.tiers + catalog.programs + catalog.roles + catalog.areas
    objects += catalog.processes + catalog.outreach + catalog.examples
    return objects


@pytest.mark.parametrize("kind", ["default", "with_policy"])
def test_every_answer_object_round_trips_equal(kind: str) -> None:
    catalog = catalogs()[kind]
    objects = every_answer_object(catalog)
    classes = {name for name in smartlib.__all__ if isinstance(getattr(smartlib, name), type)
               and getattr(smartlib, name).__module__ == "smartlib" and not issubclass(getattr(smartlib, name), Exception)}
    assert {type(value).__name__ for value in objects} == classes - {"Catalog"}
    for value in objects:
        for again in round_trips(value):
            assert type(again) is type(value)
            assert again == value and hash(again) == hash(value), repr(value)
            assert repr(again) == repr(value)
            if hasattr(value, "to_json"):
                assert again.to_json() == value.to_json()
    # The attributes read back the same, the nested objects too.
    assessment = objects[0]
    again = pickle.loads(pickle.dumps(assessment))
    assert again.content_fingerprint == catalog.fingerprint
    for name in dict(smartlib._smartlib._view_fields())["Assessment"]:
        assert getattr(again, name) == getattr(assessment, name), name


def test_answers_compare_by_content() -> None:
    catalog = smartlib.Catalog.default()
    first, second = catalog.assess(OFFERS, **FULL), catalog.assess(OFFERS, **FULL)
    assert first is not second and first == second and hash(first) == hash(second)
    assert first != catalog.assess(OFFERS) and first != first.to_dict()
    # The same profile under another policy is another answer, even where the fields agree.
    other = catalog.with_policy(weights={"constraint": 10.5})
    assert catalog.assess([]).level == other.assess([]).level
    assert catalog.assess([]) != other.assess([])
    assert catalog.recommend([])[0] == catalog.recommend([])[0]
    assert len({r for r in catalog.recommend([]) + catalog.recommend([])}) == len(catalog.program_ids)


def test_answers_of_one_catalog_carry_its_text_once() -> None:
    catalog = custom_catalog()
    text = len(pickle.dumps(catalog))
    one = len(pickle.dumps(catalog.assess(OFFERS)))
    many = len(pickle.dumps([catalog.assess(OFFERS) for _ in range(50)]))
    assert many < 2 * text + 50 * (one - text), (text, one, many)
