"""Worker processes write exactly the rows a single process writes, and load the model once each."""

from click.testing import CliRunner
from conftest import DATA, SEEDS, assert_same_rows

from quotes.cli import cli
from quotes.db import open_db
from quotes.documents import Document, find_files
from quotes.index import chunked, index_files


def test_two_workers_write_the_same_rows_as_one(tmp_path, seeds_db, nlp):
    # Seeds plus a few Wikinews articles: several chunks, so results arrive from both workers.
    files = find_files([SEEDS]) + sorted((DATA / "wikinews").glob("*.txt"))[:6]
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = index_files(open_db(one), files, nlp)
    second = index_files(open_db(two), files, None, workers=2)
    assert (second.articles, second.quotes, second.speakers) == (first.articles, first.quotes, first.speakers)
    assert_same_rows(one, two)


def test_workers_option_on_the_command_line(tmp_path, articles):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert CliRunner().invoke(cli, ["index", str(articles), "--db", str(one)]).exit_code == 0
    result = CliRunner().invoke(cli, ["index", str(articles), "--db", str(two), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 articles indexed: ")
    assert_same_rows(one, two)
    # Nothing changed: no worker is started and nothing is parsed.
    again = CliRunner().invoke(cli, ["index", str(articles), "--db", str(two), "--workers", "2"])
    assert again.output.startswith("0 articles indexed, 2 unchanged: ")


def test_each_worker_loads_the_model_once(monkeypatch, tmp_path):
    import os

    from quotes import engines
    from quotes import nlp as quotes_nlp

    log = tmp_path / "loads.txt"
    real_load = quotes_nlp.load

    def logged_load(name=None):
        with open(log, "a") as f:  # forked workers inherit this wrapper; a file sees them all
            f.write(f"{os.getpid()}\n")
        return real_load(name)

    monkeypatch.setattr(quotes_nlp, "load", logged_load)
    docs = [Document(id=f"d{i}", path="x", text=f"“Fine,” said Jo Park {i}.") for i in range(40)]
    run = engines.pool_engine(None, workers=2)
    # One document per chunk: 40 tasks for 2 workers.
    results = [r for chunk in run([(d.id, d.text)] for d in docs) for r in chunk]
    assert [doc_id for doc_id, _ in results] == [d.id for d in docs]
    assert all(quotes for _, quotes in results)
    pids = log.read_text().split()
    assert len(pids) == 2 and len(set(pids)) == 2 and str(os.getpid()) not in pids


def test_chunks_keep_order_and_bound_size():
    docs = [Document(id=str(i), path="x", text="a" * 5000) for i in range(10)]
    chunks = list(chunked(docs, max_docs=8, max_chars=16_000))
    assert [d.id for c in chunks for d in c] == [d.id for d in docs]
    assert all(len(c) <= 4 for c in chunks)
