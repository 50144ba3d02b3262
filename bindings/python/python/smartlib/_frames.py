"""Batch scoring for notebooks: turns lists or DataFrames into status codes, lets the Rust
kernel score them with the GIL released, and builds the result DataFrame."""

from __future__ import annotations

import sys
from typing import Any

NOT_OFFERED, OFFERED, PILOTING, PLANNED, UNKNOWN = 0, 1, 2, 3, 4

# Cell values understood in program columns (case-insensitive text).
_TEXT_CODES = {
    "true": OFFERED, "1": OFFERED, "yes": OFFERED, "y": OFFERED, "offered": OFFERED,
    "false": NOT_OFFERED, "0": NOT_OFFERED, "no": NOT_OFFERED, "n": NOT_OFFERED, "not-offered": NOT_OFFERED,
    "piloting": PILOTING, "planned": PLANNED,
    "": UNKNOWN, "unknown": UNKNOWN, "?": UNKNOWN, "na": UNKNOWN, "n/a": UNKNOWN, "nan": UNKNOWN, "none": UNKNOWN,
}


def _is_pandas(data: Any) -> bool:
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(data, pandas.DataFrame)


def _is_polars(data: Any) -> bool:
    polars = sys.modules.get("polars")
    return polars is not None and isinstance(data, polars.DataFrame)


def _column_codes(values: Any, name: str) -> Any:
    """One program column (a Series, or an array) as status codes; missing values are unknown.
    Errors name the row by the frame's own index label."""
    import numpy as np
    import pandas as pd

    series = pd.Series(values)
    missing = series.isna().to_numpy()
    if series.dtype == bool or pd.api.types.is_bool_dtype(series.dtype):
        codes = np.where(series.fillna(False).to_numpy(dtype=bool), OFFERED, NOT_OFFERED)
    elif pd.api.types.is_numeric_dtype(series.dtype):
        codes = np.where(series.fillna(0).to_numpy() != 0, OFFERED, NOT_OFFERED)
    else:
        text = series.astype(str).str.strip().str.lower()
        mapped = text.map(_TEXT_CODES)
        bad = mapped.isna() & ~missing
        if bad.any():
            from smartlib.errors import ProfileError

            row = series.index[bad.to_numpy().argmax()]
            raise ProfileError(
                f"column {name!r}, row {row!r}: {series[row]!r} is not a status "
                "(use True/False, 1/0, yes/no, offered, piloting, planned, not-offered, or leave it empty)"
            )
        codes = mapped.fillna(UNKNOWN).to_numpy()
    return np.where(missing, UNKNOWN, codes).astype(np.uint8)


def _frame_codes(catalog: Any, frame: Any) -> Any:
    """A rows × programs uint8 matrix from one column per program id (absent column: unknown)."""
    import numpy as np

    ids = catalog.program_ids
    codes = np.full((len(frame), len(ids)), UNKNOWN, dtype=np.uint8)
    for j, program in enumerate(ids):
        if program in frame.columns:
            codes[:, j] = _column_codes(frame[program], program)
    return codes


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


def assess_many(catalog: Any, data: Any, top: int = 5) -> Any:
    """See :meth:`smartlib.Catalog.assess_many`."""
    if top < 1:
        raise ValueError("top must be at least 1")
    if _is_polars(data):
        if "offers" in data.columns:
            rows = data["offers"].to_list()
            return _result(catalog, catalog._summarize_profiles(rows, top), len(rows), top, None, True)
        import numpy as np

        ids = catalog.program_ids
        codes = np.full((data.height, len(ids)), UNKNOWN, dtype=np.uint8)
        for j, program in enumerate(ids):
            if program in data.columns:
                codes[:, j] = _column_codes(data[program].to_numpy(), program)
        buffers = catalog._summarize_codes(codes.tobytes(), data.height, top)
        return _result(catalog, buffers, data.height, top, None, True)
    if _is_pandas(data):
        if "offers" in data.columns:
            rows = [list(value) if value is not None else [] for value in data["offers"]]
            return _result(catalog, catalog._summarize_profiles(rows, top), len(rows), top, data.index, False)
        known = [c for c in data.columns if c in set(catalog.program_ids)]
        if not known:
            raise ValueError(
                "the DataFrame has neither an 'offers' column nor a column named after a program id "
                "(see Catalog.program_ids)"
            )
        codes = _frame_codes(catalog, data)
        buffers = catalog._summarize_codes(codes.tobytes(), len(data), top)
        return _result(catalog, buffers, len(data), top, data.index, False)
    rows = list(data)
    buffers = catalog._summarize_profiles(rows, top)
    try:
        import pandas  # noqa: F401
    except ImportError as error:
        raise ImportError("assess_many returns a DataFrame: pip install pandas (or polars)") from error
    return _result(catalog, buffers, len(rows), top, None, False)
