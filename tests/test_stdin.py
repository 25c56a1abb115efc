"""`quotes index -`: articles read from standard input, as JSON Lines or as one text."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quotes.cli import cli
from quotes.db import open_db

BUDGET = "“We have balanced the books without closing a single library,” Mayor Ana Ortiz said on Monday.\n"
ROOT = Path(__file__).parent.parent
STORM = "“Nobody should travel tonight,” said Tom Reyes, the county’s emergency manager.\n"


def index_stdin(db_path, data, *paths):
    """Run `quotes index - PATHS --db DB` with ``data`` (str or bytes) on standard input."""
    args = ["index", "-", *map(str, paths), "--db", str(db_path)]
    return CliRunner().invoke(cli, args, input=data)


def documents(db_path):
    return list(open_db(db_path).query("select id, path, title, text from documents order by id"))


def quotes_said(db_path):
    return {
        (r["text"], r["name"])
        for r in open_db(db_path).query(
            "select q.text, s.name from quotes q join speakers s on s.id = q.speaker_id"
        )
    }


def test_plain_text_is_one_article_with_an_id_from_its_content(tmp_path):
    db_path = tmp_path / "q.db"
    result = index_stdin(db_path, BUDGET)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 article indexed: 1 quotes")
    [doc] = documents(db_path)
    assert doc["id"] == "stdin-" + hashlib.sha256(BUDGET.encode()).hexdigest()[:12]
    assert (doc["path"], doc["text"]) == ("<stdin>", BUDGET)
    assert quotes_said(db_path) == {
        ("We have balanced the books without closing a single library,", "Ana Ortiz")
    }


def test_the_same_text_again_is_unchanged_and_another_text_is_another_article(tmp_path):
    db_path = tmp_path / "q.db"
    index_stdin(db_path, BUDGET)
    again = index_stdin(db_path, BUDGET)
    assert again.output.startswith("0 articles indexed, 1 unchanged: ")
    other = index_stdin(db_path, STORM)
    assert other.output.startswith("1 article indexed: ")
    # The second text did not replace the first: ids come from the content, not the input.
    assert len(documents(db_path)) == 2
    assert quotes_said(db_path) == {
        ("We have balanced the books without closing a single library,", "Ana Ortiz"),
        ("Nobody should travel tonight,", "Tom Reyes"),
    }


def test_json_lines_give_one_article_each(tmp_path):
    db_path = tmp_path / "q.db"
    lines = [
        json.dumps(
            {"id": "budget", "text": BUDGET, "title": "Council passes budget", "outlet": "Daily Planet"}
        ),
        "",
        json.dumps({"text": STORM}),
    ]
    result = index_stdin(db_path, "\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 articles indexed: 2 quotes")
    docs = {d["id"]: d for d in documents(db_path)}
    storm_id = "stdin-" + hashlib.sha256(STORM.encode()).hexdigest()[:12]
    assert set(docs) == {"budget", storm_id}
    assert docs["budget"]["title"] == "Council passes budget"
    assert docs["budget"]["path"] == docs[storm_id]["path"] == "<stdin>"
    assert docs[storm_id]["text"] == STORM


def test_a_bad_line_is_named_and_the_other_lines_are_indexed(tmp_path):
    db_path = tmp_path / "q.db"
    lines = [
        json.dumps({"text": BUDGET}),
        '{"text": "unterminated',
        json.dumps({"title": "no text here"}),
        json.dumps({"text": STORM}),
    ]
    result = index_stdin(db_path, "\n".join(lines))
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("Error:")] == [
        "Error: <stdin>, line 2: is not valid JSON (Unterminated string starting at)",
        'Error: <stdin>, line 3: has no "text"',
    ]
    assert "Traceback" not in result.output
    assert len(documents(db_path)) == 2


def test_text_that_is_not_all_json_objects_is_one_article(tmp_path):
    db_path = tmp_path / "q.db"
    text = '{"note": "an aside in braces"}\n\n' + BUDGET
    result = index_stdin(db_path, text)
    assert result.exit_code == 0, result.output
    [doc] = documents(db_path)
    assert doc["text"] == text


def test_stdin_and_files_together(tmp_path, articles):
    db_path = tmp_path / "q.db"
    result = index_stdin(db_path, STORM, articles / "budget.txt")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 articles indexed: ")
    assert {d["path"] for d in documents(db_path)} == {"<stdin>", str(articles / "budget.txt")}


def test_unreadable_stdin_is_a_one_line_error(tmp_path, articles):
    db_path = tmp_path / "q.db"
    for data, message in [
        (b"", "Error: <stdin>: is empty"),
        (b"  \n\n", "Error: <stdin>: is empty"),
        (b"\x00\x01binary", "Error: <stdin>: is a binary file, not text"),
    ]:
        result = index_stdin(db_path, data, articles)
        assert result.exit_code == 1
        assert [line for line in result.output.splitlines() if line.startswith("Error:")] == [message]
        assert "Traceback" not in result.output
    # The files named beside it were indexed all the same.
    assert {d["id"] for d in documents(db_path)} == {"budget", "storm"}


def test_a_pipe_into_the_command(tmp_path):
    db_path = tmp_path / "q.db"
    lines = json.dumps({"id": "storm", "text": STORM}) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "quotes", "index", "-", "--db", str(db_path)],
        input=lines.encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().startswith("1 article indexed: 1 quotes")
    assert quotes_said(db_path) == {("Nobody should travel tonight,", "Tom Reyes")}


def test_a_closed_stdin_is_a_one_line_error(tmp_path, articles):
    command = f'"{sys.executable}" -m quotes index - "{articles}" --db "{tmp_path / "q.db"}" <&-'
    done = subprocess.run(["sh", "-c", command], capture_output=True, cwd=ROOT, timeout=300)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == ["Error: <stdin>: cannot be read"]
    assert {d["id"] for d in documents(tmp_path / "q.db")} == {"budget", "storm"}
