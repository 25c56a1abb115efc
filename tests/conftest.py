import os
import sqlite3
from pathlib import Path

import pytest

from quotes import nlp as quotes_nlp

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def nlp():
    """The real model with the quotes component, loaded once for the whole run."""
    return quotes_nlp.load()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, nlp):
    """An index of the seeds, built once."""
    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    path = tmp_path_factory.mktemp("seeds") / "quotes.db"
    # Built as `make index` builds the committed quotes.db: from the repository root, so the
    # stored paths are the same relative ones.
    cwd = os.getcwd()
    os.chdir(ROOT)
    db = open_db(path)
    try:
        index_files(db, find_files([SEEDS.relative_to(ROOT)]), nlp)
    finally:
        os.chdir(cwd)
        db.close()  # folds the write-ahead log into the file: tests copy it and serve it immutable
    return path


@pytest.fixture
def articles(tmp_path):
    """A folder with two small articles written for the tests."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "budget.txt").write_text(
        "Council passes budget\n\n"
        "“We have balanced the books without closing a single library,” Mayor Ana Ortiz said on Monday.\n\n"
        "Ortiz said the city would hire 40 new teachers next year.\n",
        encoding="utf-8",
    )
    (folder / "storm.md").write_text(
        "# Storm closes schools\n\n"
        "“Nobody should travel tonight,” said Tom Reyes, the county’s emergency manager.\n",
        encoding="utf-8",
    )
    return folder


# indexed_at records when a row was written, so it is the one column that may differ.
VOLATILE = {"indexed_at"}
TABLES = ["documents", "speakers", "speaker_aliases", "quotes"]


def rows(path, table):
    """A table's rows in write order, without the volatile columns."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    found = [
        tuple(value for key, value in zip(row.keys(), row) if key not in VOLATILE)
        for row in conn.execute(f"select * from [{table}] order by rowid")
    ]
    conn.close()
    return found


def assert_same_rows(a, b):
    """Two indexes hold exactly the same rows in every table."""
    for table in TABLES:
        assert rows(a, table) == rows(b, table), table
