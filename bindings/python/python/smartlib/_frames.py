"""Batch scoring for notebooks: hands lists, dicts or DataFrame columns to the Rust engine, which
reads every column and cell by the same rules as the CLI and scores the rows with the GIL
released; then builds the result DataFrame, with a schema that depends only on `top` and
`shape`, never on the data.

pandas columns go over as codes into each column's distinct values (`pandas.factorize`; bool
columns as they are), and the answer comes back as one buffer a column. A polars frame goes over
as one Arrow IPC file of the columns the engine reads, and the answer comes back the same way, so
polars needs neither pandas nor numpy. A `LazyFrame` is collected (only the columns read).
Nothing here decides what a value means.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

ID_KINDS = ("tier", "program", "action")


def _is_pandas(data: Any) -> bool:
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(data, pandas.DataFrame)


def _polars_module(data: Any) -> Any:
    """The polars module when `data` is a polars DataFrame or LazyFrame, else None."""
    polars = sys.modules.get("polars")
    if polars is not None and isinstance(data, (polars.DataFrame, polars.LazyFrame)):
        return polars
    return None


def _check(top: Any, shape: Any) -> None:
    if isinstance(top, bool) or not isinstance(top, int):
        raise TypeError(f"top must be an int, not {type(top).__name__}")
    if top < 0:
        raise ValueError(f"top must be 0 or more (0 gives levels only), not {top}")
    if shape not in ("wide", "long"):
        raise ValueError(f'shape must be "wide" or "long", not {shape!r}')


def assess_many(catalog: Any, data: Any, top: int = 5, shape: str = "wide") -> Any:
    """See :meth:`smartlib.Catalog.assess_many`."""
    _check(top, shape)
    polars = _polars_module(data)
    if polars is not None:
        return _assess_polars(catalog, data, top, shape, polars)
    if _is_pandas(data):
        return _assess_pandas(catalog, data, top, shape)
    rows = list(data)
    buffers = catalog._assess_rows(rows, top, shape)
    try:
        import pandas  # noqa: F401
    except ImportError as error:
        raise ImportError(
            "assess_many returns a pandas DataFrame for lists: pip install pandas, or pass a polars DataFrame"
        ) from error
    return _pandas_result(catalog, buffers, None, len(rows))


# pandas


def _pandas_column(series: Any, kind: str) -> Any:
    """One column as the engine takes it: nothing (carried), its values (id lists), or codes
    into its distinct values (statuses, amounts), 1, 2 or 4 bytes each."""
    import numpy as np
    import pandas as pd

    if kind == "carried":
        return None
    if kind == "ids":
        return ("values", series.tolist())
    if series.dtype == np.bool_:
        # Already codes: False is 0, True is 1, and nothing is missing.
        return ("codes", series.to_numpy().view(np.int8).tobytes(), [False, True])
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    width = "<i1" if len(uniques) < 2**7 else "<i2" if len(uniques) < 2**15 else "<i4"
    return ("codes", np.asarray(codes, dtype=width).tobytes(), list(uniques.tolist()))


def _with_index_label(error: BaseException, index: Any) -> None:
    """Names the DataFrame row of an error by its index label too (`error.index`)."""
    row = getattr(error, "row", None)
    if row is not None and index is not None and 0 < row <= len(index):
        error.index = index[row - 1]  # type: ignore[attr-defined]


def _assess_pandas(catalog: Any, data: Any, top: int, shape: str) -> Any:
    names = [str(column) for column in data.columns]
    kinds = catalog._column_kinds(names)
    columns = [_pandas_column(data.iloc[:, position], kind) for position, kind in enumerate(kinds)]
    try:
        buffers = catalog._assess_table(names, columns, len(data), top, shape)
    except Exception as error:
        _with_index_label(error, data.index)
        raise
    return _pandas_result(catalog, buffers, data.index, len(data))


def _categorical(codes: Any, dtype: Any) -> Any:
    import pandas as pd

    try:
        # The engine's codes are in range by construction: skip pandas' check (pandas >= 2.1).
        return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
    except TypeError:
        return pd.Categorical.from_codes(codes, dtype=dtype)


@functools.lru_cache(maxsize=8)
def _reason_tuples(kinds: tuple[str, ...]) -> Any:
    """For every set of reason kinds (by bits), the tuple of their names, as a numpy object
    array that the bits index."""
    import numpy as np

    table = np.empty(2 ** len(kinds), dtype=object)
    for bits in range(len(table)):
        table[bits] = tuple(kind for bit, kind in enumerate(kinds) if bits >> bit & 1)
    return table


def _pandas_result(catalog: Any, buffers: list[tuple[str, str, str, bytearray]], index: Any, rows: int) -> Any:
    import numpy as np
    import pandas as pd

    ids = catalog._frame_ids()
    dtypes = {kind: pd.CategoricalDtype(ids[kind]) for kind in ID_KINDS}
    columns: dict[str, Any] = {}
    positions = None
    for name, kind, dtype, data in buffers:
        values = np.frombuffer(data, dtype=dtype)
        if kind in ID_KINDS:
            columns[name] = _categorical(values, dtypes[kind])
        elif kind == "reasons":
            columns[name] = _reason_tuples(tuple(ids["reasons"]))[values]
        elif kind == "row":
            positions = values
        else:
            columns[name] = values
    if positions is None:
        labels = index if index is not None else pd.RangeIndex(rows)
    else:
        # One row per recommendation: the library's index label, once per recommendation.
        labels = index.take(positions) if index is not None else pd.Index(positions.astype(np.int64))
    # The columns are fresh: no copy into pandas' blocks.
    return pd.DataFrame(columns, index=labels, copy=False)


# polars


def _assess_polars(catalog: Any, data: Any, top: int, shape: str, pl: Any) -> Any:
    lazy = isinstance(data, pl.LazyFrame)
    names = data.collect_schema().names() if lazy else list(data.columns)
    kinds = catalog._column_kinds(names)
    read = [name for name, kind in zip(names, kinds) if kind != "carried"]
    # The long answer carries the `id` column, if there is one, next to each row's position.
    carried = [name for name, kind in zip(names, kinds) if kind == "carried" and name.strip() == "id"]
    carried = carried if shape == "long" else []
    frame = data.select(read + carried).collect() if lazy else data
    # The IPC file format: polars writes and reads it much faster than the stream format.
    ipc = frame.select(read).write_ipc(None).getvalue()
    answer, layout = catalog._assess_arrow(ipc, top, shape)
    ids = catalog._frame_ids()
    # One select, so polars types the columns in parallel: codes gather their ids.
    columns = []
    for name, kind in layout:
        if kind in ID_KINDS:
            columns.append(pl.lit(_enum_values(pl, tuple(ids[kind]))).gather(pl.col(name)).alias(name))
        elif kind == "reasons":
            columns.append(pl.lit(_reason_lists(pl, tuple(ids["reasons"]))).gather(pl.col(name)).alias(name))
        elif kind in ("count", "row"):
            columns.append(pl.col(name).cast(pl.Int64))
        else:
            columns.append(pl.col(name))
        if kind == "row" and carried:
            columns.append(pl.lit(frame[carried[0]]).gather(pl.col(name)).alias(carried[0].strip()))
    return pl.read_ipc(answer).select(columns)


@functools.lru_cache(maxsize=32)
def _enum_values(pl: Any, ids: tuple[str, ...]) -> Any:
    """The ids as a polars `Enum` series that codes gather from (a null code gives null)."""
    return pl.Series(ids, dtype=pl.Enum(ids))


@functools.lru_cache(maxsize=8)
def _reason_lists(pl: Any, kinds: tuple[str, ...]) -> Any:
    """For every set of reason kinds (by bits), the list of their names, as a polars series of
    `List(Enum)` that the bits gather from (built once: it has 2,048 entries)."""
    lists = [[kind for bit, kind in enumerate(kinds) if bits >> bit & 1] for bits in range(2 ** len(kinds))]
    return pl.Series(lists, dtype=pl.List(pl.Enum(kinds)))
