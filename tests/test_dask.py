"""The Dask engine writes exactly the rows the single-process path writes."""

import pytest
from conftest import ROOT, SEEDS, assert_same_rows

from quotes.db import open_db
from quotes.documents import find_files
from quotes.index import index_files

distributed = pytest.importorskip("distributed")


def test_dask_engine_writes_the_same_rows(tmp_path, seeds_db, monkeypatch):
    # seeds_db stores paths relative to the repository root, as `make index` does.
    monkeypatch.chdir(ROOT)
    path = tmp_path / "dask.db"
    summary = index_files(
        open_db(path), find_files([SEEDS.relative_to(ROOT)]), None, engine="dask", workers=1
    )
    assert summary.articles == 4 and not summary.errors
    assert_same_rows(path, seeds_db)


def test_dask_engine_on_a_given_scheduler(tmp_path, articles, nlp):
    local = tmp_path / "local.db"
    index_files(open_db(local), find_files([articles]), nlp)
    # In-process workers keep the test fast; the engine only sees a scheduler address.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        path = tmp_path / "dask.db"
        summary = index_files(
            open_db(path), find_files([articles]), None, engine="dask", scheduler=cluster.scheduler_address
        )
    assert summary.articles == 2
    assert_same_rows(path, local)
