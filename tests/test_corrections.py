"""The corrections file: applied exactly once, whatever fails, and read as the user meant it."""

import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner
from conftest import ROOT

from quotes.cli import cli
from quotes.db import open_db


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def speaker_names(db_path):
    return sorted(r[0] for r in open_db(db_path).execute("select name from speakers"))


def quoted_by(db_path):
    """Each article's speakers, by name."""
    return sorted(
        open_db(db_path)
        .execute("select q.document_id, s.name from quotes q join speakers s on s.id = q.speaker_id")
        .fetchall()
    )


def tan_articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "“The bridge will open in May,” said Robert Tan, the city engineer.\n", "utf-8"
    )
    (folder / "b.txt").write_text("“Traffic will be light,” said Bob Tan, a transport official.\n", "utf-8")
    db_path = tmp_path / "q.db"
    assert run("index", folder, "--db", db_path).exit_code == 0
    assert quoted_by(db_path) == [("a", "Robert Tan"), ("b", "Bob Tan")]
    return folder, db_path


def write_corrections(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "q.corrections.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_a_correction_whose_relinking_failed_is_applied_on_the_next_run(tmp_path):
    folder, db_path = tan_articles(tmp_path)
    result = run("speakers", "merge", "Bob Tan", "Robert Tan", "--db", db_path, "--model", "no_such_model")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot load spaCy model 'no_such_model'")
    assert quoted_by(db_path) == [("a", "Robert Tan"), ("b", "Bob Tan")]
    # The correction is in the file but not in the index yet: the next run applies it.
    result = run("index", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Applied speaker corrections to 2 articles\n")
    assert quoted_by(db_path) == [("a", "Robert Tan"), ("b", "Robert Tan")]
    assert run("index", folder, "--db", db_path).output.startswith("0 articles indexed, 2 unchanged")


def test_a_correction_killed_while_relinking_is_applied_on_the_next_run(tmp_path):
    folder, db_path = tan_articles(tmp_path)
    merge = subprocess.Popen(
        [sys.executable, "-m", "quotes", "speakers", "merge", "Bob Tan", "Robert Tan", "--db", str(db_path)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    corrections_file = tmp_path / "q.corrections.csv"
    deadline = time.monotonic() + 60
    while not corrections_file.exists():  # saved: the re-linking (loading the model) begins
        assert time.monotonic() < deadline and merge.poll() is None
        time.sleep(0.01)
    time.sleep(0.1)
    merge.send_signal(signal.SIGKILL)
    merge.wait(60)
    result = run("index", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert quoted_by(db_path) == [("a", "Robert Tan"), ("b", "Robert Tan")]


def test_a_cycle_is_rejected_naming_the_lines_and_the_rest_is_indexed(tmp_path):
    folder, db_path = tan_articles(tmp_path)
    path = write_corrections(tmp_path, "alias,speaker,note\nBob Tan,Robert Tan,\nRobert Tan,Bob Tan,\n")
    (folder / "c.txt").write_text("“We are ready,” said Mayor Ana Ortiz.\n", "utf-8")
    result = run("index", folder, "--db", db_path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {path}: lines 2 and 3 make a cycle (Bob Tan → Robert Tan → Bob Tan), "
        "which would swap their quotes; remove one of them",
        "1 article indexed, 2 unchanged, 1 failed: 1 quotes, 3 speakers in "
        + result.output.split(" in ")[-1].strip(),
    ]
    assert quoted_by(db_path) == [("a", "Robert Tan"), ("b", "Bob Tan"), ("c", "Ana Ortiz")]


def test_a_correction_that_would_make_a_cycle_is_refused(tmp_path):
    path = write_corrections(tmp_path, "alias,speaker,note\nBob Tan,Robert Tan,\n")
    result = run("speakers", "move-alias", "Robert Tan", "Bob Tan", "--db", tmp_path / "q.db")
    assert (result.exit_code, result.output) == (
        1,
        (
            f"Error: {path}: line 2 and the new correction make a cycle (Bob Tan → Robert Tan → Bob Tan), "
            "which would swap their quotes; remove one of them\n"
        ),
    )
    assert path.read_text("utf-8") == "alias,speaker,note\nBob Tan,Robert Tan,\n"


def test_a_chain_of_corrections_is_followed_to_its_end(tmp_path):
    folder, db_path = tan_articles(tmp_path)
    write_corrections(tmp_path, "alias,speaker,note\nBob Tan,Robert Tan,\nRobert Tan,Robert K. Tan,\n")
    result = run("index", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert quoted_by(db_path) == [("a", "Robert K. Tan"), ("b", "Robert K. Tan")]
    assert speaker_names(db_path) == ["Robert K. Tan"]


def test_an_alias_that_matches_nobody_is_kept_for_later_not_applied(tmp_path):
    folder, db_path = tan_articles(tmp_path)
    result = run("speakers", "move-alias", "Bobby Tan", "Robert Tan", "--db", db_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "q.corrections.csv"
    assert result.output == (
        f"Note: {path}, line 2: no speaker named 'Bobby Tan' in the index; kept for later\n"
    )
    assert path.read_text("utf-8").splitlines()[1] == "Bobby Tan,Robert Tan,"
    # An article that names him later gets the correction.
    (folder / "c.txt").write_text("“Slow down,” said Bobby Tan.\n", "utf-8")
    assert run("index", folder, "--db", db_path).exit_code == 0
    assert quoted_by(db_path) == [("a", "Robert Tan"), ("b", "Bob Tan"), ("c", "Robert Tan")]


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    folder, db_path = tan_articles(tmp_path)
    write_corrections(
        tmp_path, "alias,speaker,note\r\nBob Tan,Robert Tan,same person\r\n", encoding="utf-8-sig"
    )
    result = run("index", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert quoted_by(db_path) == [("a", "Robert Tan"), ("b", "Robert Tan")]
