"""Every public error: the right class, a helpful message, the ids and positions as attributes,
and never a crashed interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import smartlib


def test_unknown_program_names_the_nearest_id(catalog: smartlib.Catalog) -> None:
    with pytest.raises(smartlib.UnknownProgramError) as caught:
        catalog.assess(["computer-labs", "wifi-acess"])
    error = caught.value
    assert str(error) == 'offers[1]: unknown program "wifi-acess" (did you mean "wifi-access"?)'
    assert (error.id, error.suggestion, error.path) == ("wifi-acess", "wifi-access", "offers[1]")
    # One class tree, and the built-in errors you would expect.
    assert isinstance(error, smartlib.ProfileError)
    assert isinstance(error, smartlib.SmartlibError)
    assert isinstance(error, KeyError) and isinstance(error, ValueError)


def test_unknown_goal(catalog: smartlib.Catalog) -> None:
    with pytest.raises(smartlib.UnknownGoalError) as caught:
        catalog.assess([], goals=["co-creator"])
    assert caught.value.suggestion == "co-creators"
    assert "goals[0]" in str(caught.value)


def test_profile_errors(catalog: smartlib.Catalog) -> None:
    with pytest.raises(smartlib.ProfileError, match="listed as offered and as planned"):
        catalog.assess(["makerspaces"], planned=["makerspaces"])
    with pytest.raises(smartlib.ProfileError, match="not a single string"):
        catalog.assess("computer-labs")  # type: ignore[arg-type]
    with pytest.raises(smartlib.ProfileError, match="expected ids as str, got int"):
        catalog.assess([1, 2])  # type: ignore[list-item]
    with pytest.raises(smartlib.ProfileError, match="constraints: unknown variant `tiny`"):
        catalog.assess([], constraints={"budget": "tiny"})
    with pytest.raises(smartlib.ProfileError, match="unknown field `money`"):
        catalog.assess([], constraints={"money": "low"})
    with pytest.raises(smartlib.ProfileError, match='^budget: "tiny" is not an amount'):
        catalog.assess([], budget="tiny")
    with pytest.raises(smartlib.UnknownProgramError, match='did you mean "makerspaces"'):
        catalog.program("makerspace")
    with pytest.raises(smartlib.UnknownProgramError, match='add\\[0\\]: unknown program "wifi"'):
        catalog.what_if(["computer-labs"], add=["wifi"])


def test_content_errors_carry_diagnostics(tmp_path: Path) -> None:
    text = 'name = "x"\nversion = "1"\nstart_message = "go"\n[[tiers]]\nid = "t"\nname = "T"\nmessage = "m"\n' \
           '[[programs]]\nid = "a"\nname = "A"\ntier = "t"\nsummary = "s"\nbuilds_on = ["b"]\n'
    with pytest.raises(smartlib.ContentError) as caught:
        smartlib.Catalog.from_str(text, "toml", "mine.toml")
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error) == 'mine.toml:13:14: programs[0].builds_on[0]: unknown program "b" (did you mean "a"?)'
    [diagnostic] = error.diagnostics
    assert diagnostic == {
        "origin": "mine.toml", "line": 13, "column": 14, "path": "programs[0].builds_on[0]",
        "kind": "unknown-reference", "message": 'unknown program "b" (did you mean "a"?)',
        "id": "b", "suggestion": "a",
    }
    assert (error.count, error.omitted) == (1, 0)
    with pytest.raises(smartlib.ContentError) as caught:
        smartlib.Catalog.load(tmp_path / "missing.toml")
    assert caught.value.diagnostics[0]["kind"] == "io"
    noise = tmp_path / "noise.json"
    noise.write_bytes(bytes(range(256)))
    with pytest.raises(smartlib.ContentError, match="not UTF-8"):
        smartlib.Catalog.load(noise)
    with pytest.raises(ValueError, match="unknown format"):
        smartlib.Catalog.from_str("{}", "xml")


def test_profile_files(catalog: smartlib.Catalog, tmp_path: Path) -> None:
    good = tmp_path / "library.yaml"
    good.write_text("name: Anytown\noffers: [computer-labs, wifi-access, digital-resources]\ngoals: [co-creators]\n")
    profile = catalog.load_profile(good)
    assert profile == {
        "name": "Anytown", "offers": ["computer-labs", "wifi-access", "digital-resources"], "piloting": [],
        "planned": [], "unknown": [], "goals": ["co-creators"], "budget": None, "staff": None, "space": None,
    }
    assert catalog.assess(**profile).reached == "getting-started"
    # The same flat shape is a row of assess_many.
    assert catalog.assess_many([profile])["level"].tolist() == [1]
    bad = tmp_path / "bad.toml"
    bad.write_text('offers = ["computer-labs", "makerspace"]\n')
    with pytest.raises(smartlib.ContentError) as caught:
        catalog.load_profile(bad)
    assert caught.value.diagnostics[0]["line"] == 1 and caught.value.diagnostics[0]["column"] == 28


def test_batch_errors_name_the_row_and_column(catalog: smartlib.Catalog) -> None:
    with pytest.raises(smartlib.UnknownProgramError) as caught:
        catalog.assess_many([["computer-labs"], ["nope"]])
    assert str(caught.value) == 'row 2, column "offers": unknown program "nope" (did you mean "makerspaces"?)'
    assert (caught.value.row, caught.value.column, caught.value.suggestion) == (2, "offers", "makerspaces")
    with pytest.raises(smartlib.ProfileError) as caught:
        catalog.assess_many([{"ofers": []}])
    assert str(caught.value) == 'column "ofers": not a program id or profile field (did you mean "offers"?)'
    assert (caught.value.row, caught.value.column, caught.value.suggestion) == (None, "ofers", "offers")
    with pytest.raises(smartlib.ProfileError, match="give budget, staff and space as columns"):
        catalog.assess_many([{"offers": [], "constraints": {"budget": "low"}}])
    with pytest.raises(ValueError, match="4 bytes of codes for 5 rows"):
        catalog._assess_table(["computer-labs"], [("codes", b"\x00\x00\x00\x00", [True])], 5, 5, "wide")
    with pytest.raises(ValueError, match="a column holds 2 values for 5 rows"):
        catalog._assess_table(["offers"], [("values", [[], []])], 5, 5, "wide")


def test_errors_never_take_the_interpreter_down() -> None:
    """A burst of bad calls in a fresh interpreter: every one raises, and it exits cleanly."""
    script = """
import smartlib
c = smartlib.Catalog.default()
bad = [lambda: c.assess(["x"]), lambda: c.assess(None, goals=[None]), lambda: c.assess([], constraints=[1]),
       lambda: smartlib.Catalog.from_str("\\x00" * 1000, "yaml"), lambda: smartlib.Catalog.from_str("[" * 100000, "json"),
       lambda: c._assess_table(["wifi-access"], [("codes", b"\\x09\\x00\\x00", [1])], 1, 5, "wide"), lambda: c.assess_many(object()),
       lambda: c.with_policy(established_share=2.0), lambda: c.with_policy(weights={"goal": "high"})]
raised = 0
for call in bad:
    try:
        call()
    except Exception:
        raised += 1
print(raised)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "9"


def test_a_rust_panic_is_an_exception_and_the_interpreter_goes_on() -> None:
    """A panic inside the extension (here a deliberate one) reaches Python as pyo3's
    PanicException; the interpreter and the catalog both go on working afterwards."""
    script = """
import smartlib
from smartlib import _smartlib
c = smartlib.Catalog.default()
for _ in range(3):
    try:
        _smartlib._panic_probe()
    except BaseException as panic:
        print(type(panic).__name__, "|", panic)
print(c.assess(["computer-labs", "wifi-access", "digital-resources"]).level)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[:3] == ["PanicException | a deliberate panic, to test that panics stay inside Python"] * 3
    assert lines[3] == "1"


@pytest.mark.parametrize("call", [
    lambda c: c.assess([], top=-1),
    lambda c: c.assess([], top=-(10**30)),
    lambda c: c.recommend([], limit=-1),
], ids=["top", "huge-negative-top", "limit"])
def test_negative_counts_raise_value_error_naming_the_argument(catalog: smartlib.Catalog, call: Any) -> None:
    with pytest.raises(ValueError, match=r"^(top|limit): expected a whole number from 0 up, got -"):
        call(catalog)


def test_counts_take_whole_numbers(catalog: smartlib.Catalog) -> None:
    assert catalog.assess([], top=0).recommendations == []
    assert len(catalog.assess([], top=np.int64(2)).recommendations) == 2
    assert len(catalog.recommend([], limit=3)) == 3
    assert len(catalog.assess([], top=None).recommendations) == catalog.policy["recommendations"]
    for wrong in (1.5, "2", True):
        with pytest.raises(TypeError, match="^top: expected a whole number, got"):
            catalog.assess([], top=wrong)


@pytest.mark.parametrize("changes, path", [
    ({"established_share": 2.0}, "policy.established_share"),
    ({"established_share": 0}, "policy.established_share"),
    ({"established_share": "most"}, "policy.established_share"),
    ({"established_share": float("nan")}, "policy.established_share"),
    ({"established_share": None}, "policy.established_share"),
    ({"threshold": 0.5}, "policy.threshold"),
    ({"rule": "strict"}, "policy.rule"),
    ({"count_piloting": "yes"}, "policy.count_piloting"),
    ({"recommendations": -1}, "policy.recommendations"),
    ({"weights": 5}, "policy.weights"),
    ({"weights": {"gaol": 30}}, "policy.weights.gaol"),
    ({"weights": {"goal": "high"}}, "policy.weights.goal"),
    ({"weights": {"goal": float("inf")}}, "policy.weights.goal"),
    ({"weights": {"goal": 1e300}}, "policy.weights.goal"),
    ({"weights": {"goal": {1, 2}}}, "policy.weights.goal"),
])
def test_with_policy_raises_one_error_type_naming_the_key(
    catalog: smartlib.Catalog, changes: dict[str, Any], path: str
) -> None:
    with pytest.raises(smartlib.PolicyError) as caught:
        catalog.with_policy(**changes)
    error = caught.value
    assert isinstance(error, smartlib.SmartlibError) and isinstance(error, ValueError)
    assert error.path == path and str(error).startswith(f"{path}: "), str(error)
    assert catalog.policy["established_share"] == 0.6  # the catalog itself is unchanged
