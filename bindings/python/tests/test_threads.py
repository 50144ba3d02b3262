"""One catalog shared by many threads gives the same answers as one thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import smartlib
from test_frames import random_frame


def test_many_threads_on_one_catalog(catalog: smartlib.Catalog) -> None:
    ids = catalog.program_ids
    profiles = [ids[: (i % len(ids)) + 1][::2] for i in range(300)]
    expected = [catalog.assess(p).to_json() for p in profiles]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda p: catalog.assess(p).to_json(), profiles))
    assert got == expected


def test_batch_in_threads_releases_the_gil_and_agrees(catalog: smartlib.Catalog) -> None:
    frame = random_frame(5_000, seed=7)
    expected = catalog.assess_many(frame)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: catalog.assess_many(frame), range(8)))
    for result in results:
        assert result.equals(expected)
