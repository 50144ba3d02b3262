"""Browsing the catalog, the answer objects, round-trips and notebook display."""

from __future__ import annotations

import json

import pytest

import smartlib


def test_catalog_objects(catalog: smartlib.Catalog) -> None:
    assert catalog.version == smartlib.CATALOG_VERSION
    assert [t.id for t in catalog.tiers] == ["getting-started", "making-progress", "advancing-your-role"]
    assert len(catalog.programs) == 15 and catalog.program_ids[0] == "computer-labs"
    makerspaces = catalog.program("makerspaces")
    assert makerspaces.tier == "advancing-your-role"
    assert makerspaces.builds_on == []
    assert makerspaces.needs == {"budget": "high", "staff": "medium", "space": "high"}
    assert catalog.program("advanced-training").builds_on == ["basic-computer-training", "computer-labs"]
    assert {r.id for r in catalog.roles} == {"ict-users", "democratic-participants", "co-creators"}
    assert any(p.id == "swot-analysis" and p.parent == "strategic-planning" for p in catalog.processes)
    assert any(o.id == "social-media" for o in catalog.outreach)
    assert any(e.id == "chattanooga-public-library" and e.location.startswith("Chattanooga") for e in catalog.examples)
    assert catalog.policy["established_share"] == 0.6
    assert "Catalog(name='Public Libraries" in repr(catalog)


def test_assessment_attributes_and_dicts(catalog: smartlib.Catalog) -> None:
    a = catalog.assess(["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"],
                       unknown=["makerspaces"], goals=["co-creators"], constraints={"budget": "low"}, name="Anytown")
    assert (a.level, a.reached, a.reached_name, a.profile) == (1, "getting-started", "Getting started", "Anytown")
    assert (a.level_min, a.level_max) == (1, 1)
    assert a.tiers[0].established and a.tiers[0].offered == 4 and a.tiers[2].unknown == 1
    assert (a.tiers[1].id, a.tiers[1].name) == ("making-progress", "Making progress")
    ict = a.roles[0]
    assert (ict.id, ict.name) == ("ict-users", "ICT users")
    assert ict.programs == ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"]
    assert ict.program_names[0] == "Computer labs"
    assert [area.id for area in a.areas][0] == "developing-smart-citizens"
    assert a.message_key == "getting-started" and a.message
    assert len(a.to_next_level) == len(a.to_next_level_names) == 3
    first = a.recommendations[0]
    assert first.program == "advanced-training" and first.name == "Advanced training"
    assert (first.tier, first.tier_name) == ("making-progress", "Making progress")
    assert len(first.processes) == len(first.process_names) and len(first.examples) == len(first.example_names)
    assert first.example_names[0].endswith(")")  # "Name (Place)"
    assert sum(r.points for r in first.reasons) == first.score
    builds_on = next(r for r in first.reasons if r.kind == "builds-on")
    assert builds_on.ids == ["basic-computer-training", "computer-labs"]
    assert builds_on.names == ["Basic computer training", "Computer labs"]
    assert builds_on.text == (
        "builds on Basic computer training and Computer labs, which you offer: the toolbox presents advanced training"
        " as going beyond classes in computers and Microsoft software; the toolbox starts advanced training from"
        " what libraries already offer, such as computer use"
    )
    constraint = next(r for r in first.reasons if r.kind == "constraint")
    assert (constraint.resource, constraint.needs, constraint.has) == ("budget", "medium", "low")
    assert constraint.text.endswith("the two teaching robots of The Westport Library retailed at $8,000 each")
    constraint = next(r for r in catalog.assess([], budget="low").recommendations[0].reasons if r.kind == "next-tier")
    assert constraint.tier == "getting-started" and constraint.tier_name == "Getting started" and constraint.ids == []
    data = a.to_dict()
    assert data["recommendations"][0]["reasons"][1]["kind"] == "builds-on"
    assert json.loads(a.to_json()) == data
    assert first.to_dict() == data["recommendations"][0]
    assert a.content_version == smartlib.CATALOG_VERSION and a.content_fingerprint == catalog.fingerprint
    assert len(catalog.assess([], top=2).recommendations) == 2


def test_roadmap_and_what_if(catalog: smartlib.Catalog) -> None:
    roadmap = catalog.roadmap(["computer-labs"])
    assert [p.number for p in roadmap.phases] == list(range(1, len(roadmap.phases) + 1))
    assert roadmap.phases[-1].level_after == 3
    placed = [r.program for p in roadmap.phases for r in p.programs]
    for phase_number, phase in enumerate(roadmap.phases):
        for recommendation in phase.programs:
            for prerequisite in catalog.program(recommendation.program).builds_on:
                if prerequisite in placed:
                    assert any(prerequisite in [r.program for r in earlier.programs] for earlier in roadmap.phases[:phase_number])
    change = catalog.what_if(["computer-labs", "wifi-access"], add=["digital-resources", "public-meeting-spaces"])
    assert (change.level_before, change.level_after) == (0, 1)
    assert change.roles_gained == ["democratic-participants"]
    assert change.added_names == ["Digital resources", "Spaces for public meetings and discussion"]
    [tier] = change.tiers
    assert (tier.id, tier.name, tier.offered_before, tier.offered_after) == ("getting-started", "Getting started", 2, 4)
    assert (tier.established_before, tier.established_after) == (False, True)
    assert change.after.level == 1 and change.to_dict()["added"] == ["digital-resources", "public-meeting-spaces"]
    assert change.before.level == 0 and change.reached_after == "getting-started"
    assert (change.reached_before_name, change.reached_after_name) == (None, "Getting started")


def test_round_trips_and_policy(catalog: smartlib.Catalog) -> None:
    for format in ("json", "toml"):
        again = smartlib.Catalog.from_str(catalog.to_json(format), format)
        assert again.fingerprint == catalog.fingerprint
    assert catalog.to_dict()["programs"][0]["id"] == "computer-labs"
    strict = catalog.with_policy(established_share=1.0, weights={"goal": 50})
    assert strict.policy["weights"]["goal"] == 50 and strict.policy["weights"]["next_tier"] == 100
    assert strict.assess(["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"]).level == 0
    assert catalog.assess(["computer-labs", "wifi-access", "digital-resources"]).level == 1


def test_notebook_display(catalog: smartlib.Catalog) -> None:
    html = catalog.assess(["computer-labs", "wifi-access", "digital-resources"], name="<Anytown>")._repr_html_()
    assert html.startswith("<div") and "<table>" in html and "&lt;Anytown&gt;" in html
    assert "Advanced training" in html
    assert catalog._repr_html_().count("<tr>") == 16  # header + 15 programs


def test_every_answer_class_has_exactly_the_views_fields() -> None:
    """The same fields under the same names as the core's views (and Kotlin and Swift)."""
    classes = {
        "Assessment": smartlib.Assessment, "TierStatus": smartlib.TierStatus, "Coverage": smartlib.Coverage,
        "Advice": smartlib.Advice,
        "Recommendation": smartlib.Recommendation, "Reason": smartlib.Reason, "Roadmap": smartlib.Roadmap,
        "Phase": smartlib.Phase, "WhatIf": smartlib.WhatIf, "TierChange": smartlib.TierChange,
    }
    contract = dict(smartlib._smartlib._view_fields())
    assert set(contract) == set(classes)
    for name, cls in classes.items():
        attributes = {key for key, value in vars(cls).items() if type(value).__name__ in ("getset_descriptor", "member_descriptor")}
        assert attributes == set(contract[name]), name


def test_schema() -> None:
    schema = smartlib.schema("profile")
    assert schema["type"] == "object" and "offers" in schema["properties"]


def test_recommendations_carry_their_action(catalog: smartlib.Catalog) -> None:
    a = catalog.assess(["computer-labs", "wifi-access"], unknown=["digital-resources"], piloting=["advanced-training"],
                       planned=["makerspaces"], top=15)
    actions = {r.program: r.action for r in a.recommendations}
    assert actions["digital-resources"] == "verify"
    assert actions["advanced-training"] == "make-permanent"
    assert actions["makerspaces"] == "carry-out-plan"
    assert actions["public-meeting-spaces"] == "start"
    assert set(actions.values()) <= {"start", "make-permanent", "carry-out-plan", "verify"}
    assert all(r.to_dict()["action"] == r.action for r in a.recommendations)
    assert a.to_dict()["recommendations"][0]["action"] == a.recommendations[0].action
    assert {r.action for p in catalog.roadmap([], unknown=["wifi-access"]).phases for r in p.programs if r.program == "wifi-access"} == {"verify"}


def test_unknown_programs_are_to_confirm_not_to_start(catalog: smartlib.Catalog) -> None:
    unknown = ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "public-meeting-spaces",
               "technology-lending"]
    a = catalog.assess(["makerspaces", "advanced-training"], unknown=unknown, top=15)
    assert a.headline == "Level 0–1 of 3: 6 programs are unknown"
    assert (a.level_min, a.level_max) == (0, 1)
    assert len(a.to_confirm) == 3 and a.to_confirm == a.to_next_level
    assert len(a.to_confirm_names) == 3
    assert a.advice[0].kind == "fact" and a.advice[0].text.startswith("Confirm first whether you offer")
    assert not any(item.provisional for item in a.advice)
    assert {r.action for r in a.recommendations if r.program in unknown} == {"verify"}
    lending = next(r for r in a.recommendations if r.program == "technology-lending")
    kinds = {reason.kind: reason for reason in lending.reasons}
    assert "missing-prerequisites" not in kinds
    assert (kinds["builds-on-unknown"].ids, kinds["builds-on-unknown"].points) == (["digital-resources"], 0.0)
    assert kinds["builds-on-unknown"].text.startswith("builds on Digital resources, whose status is unknown")
    assert a.to_dict()["to_confirm"] == a.to_confirm
    # Settled at level 1 with unknowns above: nothing to confirm, nothing provisional.
    settled = catalog.assess(["computer-labs", "wifi-access", "digital-resources"], unknown=["makerspaces"])
    assert settled.to_confirm == [] and settled.headline == "Level 1 of 3: Getting started"


def test_assume_unknown_shows_each_end_of_the_range(catalog: smartlib.Catalog) -> None:
    unknown = ["wifi-access", "digital-resources", "public-meeting-spaces", "technology-lending"]
    offers = ["computer-labs", "basic-computer-training", "makerspaces"]
    open_range = catalog.assess(offers, unknown=unknown)
    assert (open_range.level_min, open_range.level_max) == (0, 1) and open_range.assumed_unknown is None
    high = catalog.assess(offers, unknown=unknown, assume_unknown="offered")
    low = catalog.assess(offers, unknown=unknown, assume_unknown="not-offered", top=15)
    assert (low.level, high.level) == (open_range.level_min, open_range.level_max)
    assert high.headline == "Level 1 of 3: Getting started (4 unknown programs read as offered)"
    assert (low.assumed_unknown, low.assumed) == ("not-offered", unknown)
    assert low.advice[0].text.startswith("This reads the 4 programs of unknown status as not offered")
    assert {r.action for r in low.recommendations if r.program in unknown} == {"verify"}
    assert low.to_dict()["assumed"] == {"unknown_as": "not-offered", "programs": unknown}
    with pytest.raises(ValueError, match='assume_unknown: expected "offered" or "not-offered", not "maybe"'):
        catalog.assess(offers, assume_unknown="maybe")  # type: ignore[arg-type]
    with pytest.raises(smartlib.UnknownProgramError):
        catalog.assess(offers, unknown=["wifi-acess"], assume_unknown="not-offered")
