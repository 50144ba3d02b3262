"""Benchmarks the Python package: `assess_many` on a 100,000-row DataFrame against a plain-Python
loop implementing the same rule (the independent reference in tests/reference, level + top 5),
and the overhead of one `assess` call.

    python bindings/python/benchmarks/bench_assess_many.py [--rows 100000] [--repeat 5]

Prints medians and the ratio; checks that both sides give the same answers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import smartlib

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "reference"))
from smartlib_reference import Reference  # noqa: E402


def frame(rows: int, ids: list[str], seed: int = 42) -> pd.DataFrame:
    """Each library offers each program with its own probability, so every level occurs."""
    rng = np.random.default_rng(seed)
    share = rng.random(rows)[:, None]
    return pd.DataFrame(rng.random((rows, len(ids))) < share, columns=ids)


def median_seconds(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    catalog = smartlib.Catalog.default()
    ids = catalog.program_ids
    data = frame(args.rows, ids)
    reference = Reference(catalog.to_dict())

    def python_loop() -> list[tuple[int, int, list[str]]]:
        out = []
        for row in data.itertuples(index=False):
            offers = [program for program, offered in zip(ids, row) if offered]
            out.append(reference.summarize({"offers": offers}, 5))
        return out

    fast = median_seconds(lambda: catalog.assess_many(data), args.repeat)
    slow = median_seconds(python_loop, max(1, args.repeat // 2))

    # Same answers on every row.
    result = catalog.assess_many(data)
    expected = python_loop()
    assert result["level"].tolist() == [level for level, _, _ in expected]
    tops = result[[f"rec_{i}" for i in range(1, 6)]].to_numpy().tolist()
    assert [[t for t in row if isinstance(t, str)] for row in tops] == [top for _, _, top in expected]

    offers = ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"]
    calls = 20_000
    per_call = median_seconds(lambda: [catalog.assess(offers) for _ in range(calls)], args.repeat) / calls
    per_call_batch_of_one = median_seconds(lambda: [catalog.assess_many([offers]) for _ in range(200)], args.repeat) / 200

    print(f"rows: {args.rows:,}, programs: {len(ids)}, repeats: {args.repeat} (medians)")
    print(f"assess_many (Rust, GIL released):      {fast * 1000:9.1f} ms  ({args.rows / fast:,.0f} rows/s)")
    print(f"plain-Python loop, same rule:          {slow * 1000:9.1f} ms  ({args.rows / slow:,.0f} rows/s)")
    print(f"ratio:                                 {slow / fast:9.1f}x   (target >= 50x at 100,000 rows)")
    print(f"one assess() call from Python:         {per_call * 1e6:9.2f} us  (target < 20 us)")
    print(f"assess_many() of one row (DataFrame):  {per_call_batch_of_one * 1e6:9.0f} us")


if __name__ == "__main__":
    main()
