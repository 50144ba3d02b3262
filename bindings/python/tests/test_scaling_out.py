"""Scaling out: catalogs sent to other processes (multiprocessing with spawn, a Dask cluster of
processes) give the in-process answers, as the README's "Scaling out" section shows."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import smartlib
from conftest import ROOT
from smartlib.surveys import pls
from test_frames import random_frame
from test_pickle import catalogs

DATA = ROOT / "examples" / "data" / "pls-fy2022-libraries.csv"
# 9,248 library systems 108 times over: 998,784 rows.
REPEAT = 108


def assess_in_worker(catalog: smartlib.Catalog, offers: list[str]) -> tuple[str, smartlib.Assessment]:
    """Runs in a spawned process: the catalog arrived pickled, the answer goes back pickled."""
    return catalog.fingerprint, catalog.assess(offers, unknown=["makerspaces"], goals=["co-creators"])


def assert_same_frame(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """`DataFrame.equals` (same values, dtypes and index), which takes milliseconds at a
    million rows where `assert_frame_equal` takes half a minute; that one only to say where."""
    if not (got.equals(expected) and got.dtypes.equals(expected.dtypes)):
        pd.testing.assert_frame_equal(got, expected)


def score_in_worker(catalog: smartlib.Catalog, frame: pd.DataFrame) -> pd.DataFrame:
    return catalog.assess_many(frame)


def test_multiprocessing_with_spawn_receives_catalogs() -> None:
    ids = [id for id in smartlib.Catalog.default().program_ids if id != "makerspaces"]
    profiles = [ids[i:i + 4] for i in range(0, len(ids), 3)]
    frame = random_frame(2_000, seed=5)
    every = catalogs()
    jobs = [(catalog, offers) for catalog in every.values() for offers in profiles]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        answers = pool.starmap(assess_in_worker, jobs)
        frames = pool.starmap(score_in_worker, [(catalog, frame) for catalog in every.values()])
    for (catalog, offers), (fingerprint, answer) in zip(jobs, answers):
        assert fingerprint == catalog.fingerprint
        assert answer == catalog.assess(offers, unknown=["makerspaces"], goals=["co-creators"])
    for catalog, scores in zip(every.values(), frames):
        assert_same_frame(scores, catalog.assess_many(frame))


def pls_programs(repeat: int) -> pd.DataFrame:
    survey = pd.read_csv(DATA, dtype={"fscs_id": str})
    return pd.concat([pls.to_programs(survey)] * repeat, ignore_index=True)


def test_dask_map_partitions_on_a_local_cluster_of_processes() -> None:
    """The PLS data repeated to about a million rows, in 8 partitions, on 2 worker processes,
    equals the in-process answer. The catalog has its own policy, so a worker that fell back to
    the embedded catalog would answer differently (checked below)."""
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    catalog = smartlib.Catalog.default().with_policy(established_share=0.4)
    programs = pls_programs(REPEAT)
    assert len(programs) == 9_248 * REPEAT
    expected = catalog.assess_many(programs)
    assert not expected["level"].equals(smartlib.Catalog.default().assess_many(programs)["level"])
    started = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            frame = dd.from_pandas(programs, npartitions=8)
            assert frame.npartitions >= 4
            scores = frame.map_partitions(catalog.assess_many).compute()
    print(f"dask: {len(programs):,} rows on a 2-process LocalCluster in {time.perf_counter() - started:.1f} s")
    assert_same_frame(scores, expected)


def test_dask_threads_scheduler_tokenizes_the_catalog() -> None:
    """Dask's default scheduler for DataFrames (threads) must tokenize the catalog: its
    fingerprint."""
    import dask.dataframe as dd

    catalog = catalogs()["custom"]
    # Dask turns a str index into pyarrow strings; the answers are what is compared.
    frame = random_frame(4_000, seed=9).reset_index(drop=True)
    scores = dd.from_pandas(frame, npartitions=4).map_partitions(catalog.assess_many)
    assert_same_frame(scores.compute(scheduler="threads"), catalog.assess_many(frame))


@pytest.mark.parametrize("kind", ["default", "custom"])
def test_pickling_a_catalog_is_cheap(kind: str) -> None:
    """Sending a catalog costs little: well under a millisecond for the embedded one (a
    reference), a few milliseconds at most for another (its text, parsed and validated)."""
    import pickle

    catalog = catalogs()[kind]
    started = time.perf_counter()
    for _ in range(20):
        again = pickle.loads(pickle.dumps(catalog))
    each = (time.perf_counter() - started) / 20
    assert again == catalog
    assert each < (0.001 if kind == "default" else 0.05), each


def readme_examples() -> list[str]:
    """The Python code blocks of the README's "Scaling out" section, Spark's left out."""
    text = (ROOT / "bindings" / "python" / "README.md").read_text()
    section = text.split("\n## Scaling out\n", 1)[1].split("\n## ", 1)[0]
    blocks = [block.split("```", 1)[0] for block in section.split("```python\n")[1:]]
    return [block for block in blocks if "pyspark" not in block]


@pytest.mark.parametrize("example", readme_examples(), ids=["multiprocessing", "dask"])
def test_the_readme_examples_run(example: str, tmp_path: Path) -> None:
    script = tmp_path / "example.py"
    script.write_text(example)
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
