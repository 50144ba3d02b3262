"""Benchmarks the Python package: `assess_many` on a DataFrame of one bool column per program
(pandas and polars, wide and long, top 5 and levels only), against two baselines run in the same
process on the same data:

- a plain-Python loop as an analyst would write it: the rule and a sorted ranking, row by row
  (the independent reference in tests/reference, level + top 5), on the first --loop-rows rows;
- a vectorised numpy computation of the level alone, from the same pandas DataFrame: a tier is
  established when at least `established_share` of its programs are offered, and the level is
  the number of consecutive established tiers from the first.

    python bindings/python/benchmarks/bench_assess_many.py [--rows 1000000] [--repeat 5] [--loop-rows 100000]

Prints medians; checks that every side gives the same answers.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
import polars as pl

import smartlib

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "reference"))
from smartlib_reference import Reference  # noqa: E402


def frame(rows: int, ids: list[str], seed: int = 42) -> pd.DataFrame:
    """Each library offers each program with its own probability, so every level occurs."""
    rng = np.random.default_rng(seed)
    share = rng.random(rows)[:, None]
    return pd.DataFrame(rng.random((rows, len(ids))) < share, columns=ids)


def median_seconds(call: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def numpy_levels(data: pd.DataFrame, tiers: list[list[str]], share: float) -> np.ndarray:
    """The toolbox's rule, vectorised: offered programs per tier, established tiers, and the
    run of established tiers from the first."""
    established = [data[members].to_numpy().sum(axis=1) >= math.ceil(share * len(members) - 1e-9) for members in tiers]
    return np.cumprod(np.stack(established, axis=1), axis=1).sum(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--loop-rows", type=int, default=100_000, help="rows for the plain-Python loop")
    args = parser.parse_args()

    catalog = smartlib.Catalog.default()
    ids = catalog.program_ids
    data = frame(args.rows, ids)
    polars_data = pl.from_dict({column: data[column].to_numpy() for column in data.columns})
    reference = Reference(catalog.to_dict())
    tiers = [[p.id for p in catalog.programs if p.tier == tier.id] for tier in catalog.tiers]
    share = catalog.policy["established_share"]
    loop_data = data.iloc[: min(args.loop_rows, args.rows)]

    def python_loop() -> list[tuple[int, int, list[str]]]:
        out = []
        for row in loop_data.itertuples(index=False):
            offers = [program for program, offered in zip(ids, row) if offered]
            out.append(reference.summarize({"offers": offers}, 5))
        return out

    runs: dict[str, Callable[[], Any]] = {
        "pandas, top 5": lambda: catalog.assess_many(data),
        "polars, top 5": lambda: catalog.assess_many(polars_data),
        "pandas, top 5, long": lambda: catalog.assess_many(data, shape="long"),
        "polars, top 5, long": lambda: catalog.assess_many(polars_data, shape="long"),
        "pandas, top 0 (levels only)": lambda: catalog.assess_many(data, top=0),
        "polars, top 0 (levels only)": lambda: catalog.assess_many(polars_data, top=0),
        "numpy, level only (baseline)": lambda: numpy_levels(data, tiers, share),
    }
    # Interleaved rounds, so a slow spell of the machine falls on every contender alike.
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, call in runs.items():
            times[name].append(median_seconds(call, 1))
    medians = {name: statistics.median(values) for name, values in times.items()}
    loop = median_seconds(python_loop, max(1, args.repeat // 2))

    # Same answers on every row.
    wide = catalog.assess_many(data)
    assert catalog.assess_many(polars_data)["level"].to_list() == wide["level"].tolist()
    assert (numpy_levels(data, tiers, share) == wide["level"].to_numpy()).all()
    assert catalog.assess_many(data, top=0)["level"].equals(wide["level"])
    expected = python_loop()
    head = wide.iloc[: len(loop_data)]
    assert head["level"].tolist() == [level for level, _, _ in expected]
    tops = head[[f"rec_{i}" for i in range(1, 6)]].to_numpy().tolist()
    assert [[t for t in row if isinstance(t, str)] for row in tops] == [top for _, _, top in expected]

    offers = ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"]
    calls = 20_000
    per_call = median_seconds(lambda: [catalog.assess(offers) for _ in range(calls)], args.repeat) / calls
    one_row = median_seconds(lambda: [catalog.assess_many([offers]) for _ in range(200)], args.repeat) / 200

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"rows: {args.rows:,}, programs: {len(ids)}, cores: {cores}, rounds: {args.repeat} (medians)")
    for name, seconds in medians.items():
        print(f"{name + ':':40} {seconds * 1000:9.1f} ms  ({args.rows / seconds:13,.0f} rows/s)")
    print(f"{'plain-Python loop, same rule:':40} {loop * 1000:9.1f} ms  ({len(loop_data) / loop:13,.0f} rows/s, {len(loop_data):,} rows)")
    fast = medians["pandas, top 5"]
    print(f"{'pandas top 5 / Python loop (per row):':40} {(loop / len(loop_data)) / (fast / args.rows):9.1f}x")
    print(f"{'numpy level / top 0 (pandas, polars):':40} {medians['numpy, level only (baseline)'] / medians['pandas, top 0 (levels only)']:9.2f}x {medians['numpy, level only (baseline)'] / medians['polars, top 0 (levels only)']:5.2f}x  (> 1: top 0 is faster)")
    print(f"{'one assess() call from Python:':40} {per_call * 1e6:9.2f} us")
    print(f"{'assess_many() of one row (a list):':40} {one_row * 1e6:9.0f} us")


if __name__ == "__main__":
    main()
