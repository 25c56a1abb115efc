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
from quotes.db import open_db, write_documents
from quotes.documents import Document
from quotes.quote import Quote


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


@contextmanager
def unprivileged():
    """Run as an ordinary user: root writes to a read-only file anyway."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)  # nobody; the real uid stays root, so this can be undone
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def shared_tmp():
    """A folder the unprivileged user can read (pytest's own are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="quotes-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o755)
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()


def test_a_read_only_index_is_one_line_naming_it(shared_tmp, articles):
    db_path = shared_tmp / "q.db"
    assert run("index", articles, "--db", db_path).exit_code == 0
    assert sorted(p.name for p in shared_tmp.iterdir()) == ["q.db"]  # no log left beside it
    new = shared_tmp / "new.txt"
    new.write_text("“We will reopen the bridge,” said Dana Lee.\n", encoding="utf-8")
    new.chmod(0o644)
    db_path.chmod(0o444)
    with unprivileged():
        result = run("index", new, "--db", db_path)
    assert result.exit_code == 1
    assert result.output == f"Error: {db_path}: attempt to write a readonly database\n"
    with unprivileged():
        # Reading a read-only index still works.
        result = run("cite", "0", "--db", db_path)
    assert (result.exit_code, result.output) == (1, f"Error: no quote with id '0' in {db_path}\n")


def damage(db_path: Path, table: str) -> None:
    """Overwrite the first page of ``table`` with garbage, as a failing disk would."""
    conn = sqlite3.connect(db_path)
    conn.execute("pragma wal_checkpoint(truncate)")
    page_size = conn.execute("pragma page_size").fetchone()[0]
    page = conn.execute("select rootpage from sqlite_master where name = ?", [table]).fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(b"\x07garbage" * (page_size // 8))


def test_a_damaged_index_is_one_line_naming_it(tmp_path, articles):
    db_path = tmp_path / "q.db"
    assert run("index", articles, "--db", db_path).exit_code == 0
    quote_id = sqlite3.connect(db_path).execute("select id from quotes limit 1").fetchone()[0]
    damage(db_path, "documents")
    (articles / "late.txt").write_text("“We will reopen the bridge,” said Dana Lee.\n", encoding="utf-8")
    malformed = f"Error: {db_path}: database disk image is malformed\n"
    result = run("index", articles, "--db", db_path)
    assert (result.exit_code, result.output) == (1, malformed)
    result = run("cite", quote_id, "--db", db_path)
    assert (result.exit_code, result.output) == (1, malformed)
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "budget.txt", "kind": "direct", "text": "x", "match": []}\n', encoding="utf-8")
    result = run("eval", gold, "--db", db_path)
    assert (result.exit_code, result.output) == (1, malformed)


def test_an_articles_quotes_reach_the_full_text_index_in_one_write(tmp_path):
    # The full-text trigger flushes the full-text index at the end of each statement: one
    # statement per quote would write a segment per quote, and slow every write of a large index.
    db = open_db(tmp_path / "q.db")
    before = db.execute("select count(*) from quotes_fts_data").fetchone()[0]
    quotes = [
        Quote(kind="direct", start=i, end=i + 1, text=f"Words number {i} of the quote", speaker="Ann Lee")
        for i in range(10)
    ]
    write_documents(db, [(Document(id="d1", path="d1", text=""), quotes)], "test")
    assert db.execute("select count(*) from quotes_fts_data").fetchone()[0] - before == 1
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'number'").fetchone() == (10,)
