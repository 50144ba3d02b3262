"""Type-checked by `.ci/run python` (mypy --strict), not run: assess_many's return type follows
its input, through the overloads in `_smartlib.pyi`."""

from __future__ import annotations

import pandas as pd
import polars as pl
from typing_extensions import assert_type

import smartlib


def check(catalog: smartlib.Catalog, frame: pd.DataFrame, eager: pl.DataFrame, lazy: pl.LazyFrame) -> None:
    assert_type(catalog.assess_many(frame), pd.DataFrame)
    assert_type(catalog.assess_many(frame, top=0, shape="long"), pd.DataFrame)
    assert_type(catalog.assess_many(eager), pl.DataFrame)
    assert_type(catalog.assess_many(lazy, top=3, shape="long"), pl.DataFrame)
    assert_type(catalog.assess_many([["computer-labs"], {"offers": []}]), pd.DataFrame)
