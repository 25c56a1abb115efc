"""`quotes index --json`: the run's summary as one JSON object on standard output."""

import json

from click.testing import CliRunner

from quotes.cli import cli
from quotes.db import open_db


def index_json(*args):
    return CliRunner().invoke(cli, ["index", "--json", *map(str, args)])


def test_the_summary_is_one_json_object(tmp_path, articles):
    db_path = tmp_path / "q.db"
    result = index_json(articles, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    summary = json.loads(result.stdout)
    db = open_db(db_path)
    assert {k: v for k, v in summary.items() if k != "seconds"} == {
        "articles": 2,
        "unchanged": 0,
        "failed": 0,
        "errors": [],
        "quotes": db["quotes"].count,
        "speakers": db["speakers"].count,
    }
    assert summary["quotes"] >= 2 and summary["speakers"] >= 2
    assert isinstance(summary["seconds"], float) and summary["seconds"] > 0

    again = json.loads(index_json(articles, "--db", db_path).stdout)
    assert (again["articles"], again["unchanged"], again["quotes"]) == (0, 2, 0)


def test_errors_are_in_the_json_and_on_stderr(tmp_path, articles):
    (articles / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (articles / "feed.jsonl").write_text('{"text": "“Fine,” said Jo Park."}\n{oops\n', encoding="utf-8")
    result = index_json(articles, tmp_path / "nope.txt", "--db", tmp_path / "q.db")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["errors"] == [
        {"where": str(articles / "blob.txt"), "message": "is a binary file, not text"},
        {
            "where": f"{articles / 'feed.jsonl'}, line 2",
            "message": "is not valid JSON (Expecting property name enclosed in double quotes)",
        },
        {"where": str(tmp_path / "nope.txt"), "message": "no such file or folder"},
    ]
    assert (summary["articles"], summary["failed"]) == (3, 3)
    assert result.stderr.splitlines() == [f"Error: {e['where']}: {e['message']}" for e in summary["errors"]]


def test_a_fatal_error_prints_no_json(tmp_path, articles):
    bad = tmp_path / "bad.db"
    bad.write_text("this is not sqlite", encoding="utf-8")
    result = index_json(articles, "--db", bad)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {bad}: cannot open as a quotes index")


def test_applying_corrections_keeps_stdout_json(tmp_path, articles):
    db_path = tmp_path / "q.db"
    index_json(articles, "--db", db_path)
    (tmp_path / "q.corrections.csv").write_text(
        "alias,speaker,note\nTom Reyes,Thomas Reyes,\n", encoding="utf-8"
    )
    result = index_json(articles, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unchanged"] == 2
    speakers = {r["name"] for r in open_db(db_path).query("select name from speakers")}
    assert "Thomas Reyes" in speakers
