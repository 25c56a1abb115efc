"""Interrupted runs: SIGTERM stops cleanly, and kill -9 at any moment loses nothing indexed."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA, ROOT, assert_same_rows

from quotes.db import open_db
from quotes.documents import find_files
from quotes.index import index_files

WIKINEWS = DATA / "wikinews"
# CI kills a few runs; `QUOTES_CRASH_RUNS=50 make crash` kills many more.
CRASH_RUNS = int(os.environ.get("QUOTES_CRASH_RUNS", "3"))


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory, nlp):
    """The Wikinews articles indexed by one run that nobody stopped."""
    path = tmp_path_factory.mktemp("uninterrupted") / "q.db"
    db = open_db(path)
    index_files(db, find_files([WIKINEWS]), nlp)
    db.close()
    return path


def start_index(db_path: Path, workers: int) -> subprocess.Popen:
    """``quotes index`` of the Wikinews articles in a process group of its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quotes",
            "index",
            str(WIKINEWS),
            "--db",
            str(db_path),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )


def indexed_count(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is still being created
        return 0
    finally:
        conn.close()


def wait_for(db_path: Path, process: subprocess.Popen, documents: int) -> None:
    """Wait until ``documents`` articles are committed (or the run is over)."""
    deadline = time.monotonic() + 120
    while indexed_count(db_path) < documents and process.poll() is None:
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.02)


def quote_ids(db_path: Path) -> dict[str, set[str]]:
    conn = sqlite3.connect(db_path)
    found = {doc_id: set() for (doc_id,) in conn.execute("select id from documents")}
    for doc_id, quote_id in conn.execute("select document_id, id from quotes"):
        found[doc_id].add(quote_id)
    conn.close()
    return found


def assert_consistent(db_path: Path, uninterrupted: Path) -> None:
    """The file, its full-text index and every article in it are whole."""
    conn = sqlite3.connect(db_path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.execute("insert into quotes_fts(quotes_fts) values('integrity-check')")  # raises if out of sync
    conn.close()
    # An article is there with all its quotes, or not at all.
    expected, found = quote_ids(uninterrupted), quote_ids(db_path)
    assert {doc_id: expected[doc_id] for doc_id in found} == found


def group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_sigterm_with_two_workers_is_one_line_and_keeps_whole_articles(tmp_path, uninterrupted):
    db_path = tmp_path / "q.db"
    process = start_index(db_path, workers=2)
    wait_for(db_path, process, 1)
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 143
    assert output == (
        "Error: interrupted (SIGTERM): every article is either fully indexed or as it was; "
        "run again to index the rest\n"
    )
    deadline = time.monotonic() + 10
    while not group_is_gone(process.pid):  # the workers end with it
        assert time.monotonic() < deadline, "a worker outlived the run"
        time.sleep(0.05)
    assert_consistent(db_path, uninterrupted)


def test_kill_9_at_random_moments_loses_nothing(tmp_path, uninterrupted, nlp):
    """Runs killed (with their workers) while loading, parsing or writing; then one to finish."""
    rng = random.Random(9)
    db_path = tmp_path / "q.db"
    for run in range(CRASH_RUNS):
        process = start_index(db_path, workers=1 + run % 2)
        if rng.random() < 0.3:
            time.sleep(rng.uniform(0.2, 5.0))  # anywhere from schema creation to parsing
        else:
            wait_for(db_path, process, indexed_count(db_path) + rng.randint(1, 6))
            time.sleep(rng.uniform(0.0, 0.3))  # most likely inside the next batch
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        if db_path.exists():
            assert_consistent(db_path, uninterrupted)
    index_files(open_db(db_path), find_files([WIKINEWS]), nlp)
    assert_consistent(db_path, uninterrupted)
    assert_same_rows(db_path, uninterrupted)
