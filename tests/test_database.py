"""The index under faults: read-only or damaged files, readers and writers at the same time."""
import multiprocessing
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.db import open_db


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_index_commits_while_a_reader_holds_a_long_read(tmp_path, articles):
    db_path = tmp_path / "q.db"
    assert run("index", articles, "--db", db_path).exit_code == 0
    (articles / "late.txt").write_text("“We will reopen the bridge,” said Dana Lee.\n", encoding="utf-8")
    # A reader in the middle of a slow query (quotes serve --no-immutable) holds a snapshot.
    reader = sqlite3.connect(db_path)
    reader.execute("begin")
    before = reader.execute("select count(*) from quotes").fetchone()[0]
    result = run("index", articles, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 article indexed, 2 unchanged: ")
    # The reader still sees its snapshot; its next transaction sees the new article.
    assert reader.execute("select count(*) from quotes").fetchone()[0] == before
    reader.rollback()
    assert reader.execute("select count(*) from quotes").fetchone()[0] == before + 1
    reader.close()


def _open_together(path: str, barrier, errors) -> None:
    barrier.wait()
    try:
        open_db(path).close()
    except Exception as e:  # reported to the test, which names it
        errors.put(f"{type(e).__name__}: {e}")


def test_runs_starting_together_on_a_new_file_all_open_it(tmp_path):
    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    for attempt in range(4):
        path = str(tmp_path / f"new{attempt}.db")
        barrier = context.Barrier(6)
        processes = [context.Process(target=_open_together, args=(path, barrier, errors)) for _ in range(6)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(60)
        assert [p.exitcode for p in processes] == [0] * 6
        found = []
        while not errors.empty():
            found.append(errors.get())
        assert found == []
        conn = sqlite3.connect(path)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) from sqlite_master where name = 'quotes_fts'").fetchone()[0] == 1
        conn.close()
