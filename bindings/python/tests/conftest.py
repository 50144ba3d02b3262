"""Shared fixtures: the repository root, the shared vectors and the default catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import smartlib

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"


def load_vectors() -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(VECTORS.glob("*.json"))]


@pytest.fixture(scope="session")
def catalog() -> smartlib.Catalog:
    return smartlib.Catalog.default()
