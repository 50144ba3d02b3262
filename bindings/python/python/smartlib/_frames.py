"""Batch scoring for notebooks: hands lists, dicts or DataFrame columns to the Rust engine, which
reads every column and cell by the same rules as the CLI and scores the rows with the GIL
released; then builds the result DataFrame.

Nothing here decides what a value means: each column is passed as it is, factorized (its
distinct values once, and a code a row) where that is cheaper.
"""

from __future__ import annotations

import sys
from typing import Any


def _is_pandas(data: Any) -> bool:
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(data, pandas.DataFrame)


def _is_polars(data: Any) -> bool:
    polars = sys.modules.get("polars")
    return polars is not None and isinstance(data, polars.DataFrame)


def _pandas_column(series: Any, kind: str) -> Any:
    """One column as the engine takes it: nothing (carried), its values (id lists), or codes
    into its distinct values (statuses, amounts)."""
    import numpy as np
    import pandas as pd

    if kind == "carried":
        return None
    if kind == "ids":
        return ("values", series.tolist())
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return ("codes", np.asarray(codes, dtype="<i4").tobytes(), list(uniques.tolist()))


def _polars_column(series: Any, kind: str) -> Any:
    import numpy as np
    import polars as pl

    if kind == "carried":
        return None
    if kind == "ids":
        return ("values", series.to_list())
    uniques = series.drop_nulls().unique(maintain_order=True)
    codes = series.replace_strict(
        uniques, pl.Series(range(len(uniques)), dtype=pl.Int32), default=-1, return_dtype=pl.Int32
    )
    return ("codes", np.asarray(codes.to_numpy(), dtype="<i4").tobytes(), uniques.to_list())


def _result(catalog: Any, buffers: Any, rows: int, top: int, index: Any, as_polars: bool) -> Any:
    import numpy as np

    levels_bytes, maxima_bytes, tops_bytes = buffers
    levels = np.frombuffer(levels_bytes, dtype="<u4").astype(np.int64)
    maxima = np.frombuffer(maxima_bytes, dtype="<u4").astype(np.int64)
    tops = np.frombuffer(tops_bytes, dtype="<i4").reshape(rows, top)
    tier_ids = [t.id for t in catalog.tiers]
    program_ids = catalog.program_ids
    if as_polars:
        import polars as pl

        tiers = np.array([None, *tier_ids], dtype=object)
        programs = np.array([*program_ids, None], dtype=object)  # -1 picks the None
        data: dict[str, Any] = {"level": levels, "reached": list(tiers[levels]), "level_min": levels, "level_max": maxima}
        for slot in range(top):
            data[f"rec_{slot + 1}"] = list(programs[tops[:, slot]])
        return pl.DataFrame(data)
    import pandas as pd

    # Categoricals: ids are a small fixed set, and building them from codes is cheap
    # (-1 becomes missing).
    tiers = pd.CategoricalDtype(tier_ids)
    programs = pd.CategoricalDtype(program_ids)
    columns: dict[str, Any] = {
        "level": levels,
        "reached": pd.Categorical.from_codes(levels - 1, dtype=tiers),
        "level_min": levels,
        "level_max": maxima,
    }
    for slot in range(top):
        columns[f"rec_{slot + 1}"] = pd.Categorical.from_codes(tops[:, slot], dtype=programs)
    return pd.DataFrame(columns, index=index)


def _with_index_label(error: BaseException, index: Any) -> None:
    """Names the DataFrame row of an error by its index label too (`error.index`)."""
    row = getattr(error, "row", None)
    if row is not None and index is not None and 0 < row <= len(index):
        error.index = index[row - 1]  # type: ignore[attr-defined]


def assess_many(catalog: Any, data: Any, top: int = 5) -> Any:
    """See :meth:`smartlib.Catalog.assess_many`."""
    if top < 1:
        raise ValueError("top must be at least 1")
    if _is_polars(data) or _is_pandas(data):
        as_polars = _is_polars(data)
        names = [str(column) for column in data.columns]
        kinds = catalog._column_kinds(names)
        to_engine = _polars_column if as_polars else _pandas_column
        columns = [to_engine(data[column], kind) for column, kind in zip(data.columns, kinds)]
        rows = data.height if as_polars else len(data)
        index = None if as_polars else data.index
        try:
            buffers = catalog._summarize_table(names, columns, rows, top)
        except Exception as error:
            _with_index_label(error, index)
            raise
        return _result(catalog, buffers, rows, top, index, as_polars)
    rows = list(data)
    buffers = catalog._summarize_rows(rows, top)
    try:
        import pandas  # noqa: F401
    except ImportError as error:
        raise ImportError("assess_many returns a DataFrame: pip install pandas (or polars)") from error
    return _result(catalog, buffers, len(rows), top, None, False)
