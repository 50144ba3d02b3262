"""Forward-compatible catalogs from Python: versions, warnings, and every problem as data."""

from pathlib import Path

import pytest

import smartlib

CATALOG = """schema_version = "{version}"
name = "Tiny"
version = "1"
start_message = "Start."
{extra}
[[tiers]]
id = "basics"
name = "Basics"
message = "Done."

[[programs]]
id = "lab"
name = "Lab"
tier = "basics"
summary = "A computer lab."
"""


def catalog_text(version: str, extra: str = "") -> str:
    return CATALOG.format(version=version, extra=extra)


def test_versions_are_module_attributes() -> None:
    assert smartlib.SCHEMA_VERSION == f"{smartlib.SCHEMA_MAJOR}.{smartlib.SCHEMA_MINOR}" == "1.0"
    assert smartlib.__version__.count(".") == 2
    assert smartlib.Catalog.default().schema_version == smartlib.SCHEMA_VERSION
    assert smartlib.Catalog.default().warnings == []


def test_a_newer_minor_version_loads_with_warnings(tmp_path: Path) -> None:
    path = tmp_path / "newer.toml"
    path.write_text(catalog_text("1.3", 'released = "2031-01-01"\nchannel = "beta"'))
    catalog = smartlib.Catalog.load(path)
    assert [p.id for p in catalog.programs] == ["lab"]
    assert catalog.schema_version == "1.3"
    assert [(w["line"], w["path"], w["id"], w["kind"]) for w in catalog.warnings] == [
        (5, "released", "released", "unknown-field"),
        (6, "channel", "channel", "unknown-field"),
    ]
    first = catalog.warnings[0]
    assert first["origin"] == str(path) and first["column"] == 1 and first["suggestion"] is None
    assert "ignored (schema_version 1.3 is newer than 1.0" in first["message"]
    assert catalog.omitted_warnings == 0
    # The warnings belong to the load, not to the data: equal catalogs, whatever they said.
    same = smartlib.Catalog.from_str(catalog.to_json(), "json")
    assert same == catalog and same.warnings == []


def test_a_newer_major_version_is_refused() -> None:
    with pytest.raises(smartlib.ContentError) as caught:
        smartlib.Catalog.from_str(catalog_text("2.0"), "toml", "next.toml")
    [diagnostic] = caught.value.diagnostics
    assert diagnostic["kind"] == "unsupported-version"
    assert diagnostic["path"] == "schema_version" and diagnostic["line"] == 1
    assert "2.0 is not supported: this engine reads 1.0 to 1.x" in str(caught.value)


def test_every_problem_is_data(tmp_path: Path) -> None:
    text = catalog_text("1.0", 'nmae = "x"\nstart_mesage = "y"')
    with pytest.raises(smartlib.ContentError) as caught:
        smartlib.Catalog.from_str(text, "toml", "typos.toml")
    error = caught.value
    assert [(d["line"], d["id"], d["suggestion"]) for d in error.diagnostics] == [
        (5, "nmae", "name"),
        (6, "start_mesage", "start_message"),
    ]
    assert (error.count, error.omitted) == (2, 0)
    assert str(error).endswith("(and 1 more problem)")

    programs = "".join(
        f'\n[[programs]]\nid = "p{n}"\nname = "P"\ntier = "basics"\nsummary = "S."\nroles = ["nobody"]\n'
        for n in range(130)
    )
    with pytest.raises(smartlib.ContentError) as caught:
        smartlib.Catalog.from_str(catalog_text("1.0") + programs, "toml", "big.toml")
    error = caught.value
    assert (len(error.diagnostics), error.omitted, error.count) == (100, 30, 130)
    assert {d["kind"] for d in error.diagnostics} == {"unknown-reference"}
