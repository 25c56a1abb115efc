"""The Dask engine writes exactly the rows the single-process path writes."""
import sqlite3

import pytest

from quotes.db import open_db
from quotes.documents import find_files
from quotes.index import index_files

from conftest import SEEDS

distributed = pytest.importorskip("distributed")

VOLATILE = {"indexed_at"}
TABLES = ["documents", "speakers", "speaker_aliases", "quotes"]


def rows(path, table):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    found = [
        tuple(value for key, value in zip(row.keys(), row) if key not in VOLATILE)
        for row in conn.execute(f"select * from [{table}] order by rowid")
    ]
    conn.close()
    return found


def test_dask_engine_writes_the_same_rows(tmp_path, seeds_db):
    path = tmp_path / "dask.db"
    summary = index_files(open_db(path), find_files([SEEDS]), None, engine="dask", workers=1)
    assert summary.articles == 4 and not summary.errors
    for table in TABLES:
        assert rows(path, table) == rows(seeds_db, table), table


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
    for table in TABLES:
        assert rows(path, table) == rows(local, table), table
