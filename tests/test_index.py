from click.testing import CliRunner

from quotes.cli import cli
from quotes.db import open_db


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


def test_index_writes_documents_quotes_and_speakers(tmp_path, articles):
    db_path = tmp_path / "q.db"
    result = run("index", articles, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 articles indexed: ")
    db = open_db(db_path)
    assert [r["id"] for r in db.query("select id from documents order by id")] == ["budget", "storm"]
    assert (
        db.query("select title from documents where id = 'storm'").__next__()["title"]
        == "Storm closes schools"
    )
    rows = list(
        db.query(
            "select quotes.text, speakers.name, quotes.kind from quotes "
            "join speakers on speakers.id = quotes.speaker_id order by quotes.document_id, quotes.start"
        )
    )
    texts = [(r["text"], r["name"]) for r in rows]
    assert ("We have balanced the books without closing a single library,", "Ana Ortiz") in texts
    assert ("Nobody should travel tonight,", "Tom Reyes") in texts


def test_offsets_point_at_the_quote_text(tmp_path, articles, seeds_db):
    for path in (seeds_db,):
        db = open_db(path)
        rows = list(
            db.query(
                'select quotes.text, quotes.start, quotes."end", documents.text as doc '
                "from quotes join documents on documents.id = quotes.document_id"
            )
        )
        assert rows
        for row in rows:
            assert row["doc"][row["start"] : row["end"]] == row["text"]


def test_reindex_skips_unchanged_and_replaces_changed(tmp_path, articles):
    db_path = tmp_path / "q.db"
    run("index", articles, "--db", db_path)
    db = open_db(db_path)
    before = {r["id"]: r for r in db.query("select * from quotes")}
    storm_indexed = db.execute("select indexed_at from documents where id = 'storm'").fetchone()

    result = run("index", articles, "--db", db_path)
    assert result.output.startswith("0 articles indexed, 2 unchanged: ")

    budget = articles / "budget.txt"
    budget.write_text(budget.read_text("utf-8") + "\n“Taxes will not rise,” Ortiz said.\n", encoding="utf-8")
    result = run("index", articles, "--db", db_path)
    assert result.output.startswith("1 article indexed, 1 unchanged: ")
    after = {r["id"]: r for r in db.query("select * from quotes")}
    assert "Taxes will not rise," in [r["text"] for r in after.values()]
    # The other article's rows are untouched, and unchanged quotes keep their ids.
    assert {k: v for k, v in before.items() if v["document_id"] == "storm"} == {
        k: v for k, v in after.items() if v["document_id"] == "storm"
    }
    assert set(before) <= set(after)
    assert db.execute("select indexed_at from documents where id = 'storm'").fetchone() == storm_indexed


def test_full_text_search_stays_in_sync(tmp_path, articles):
    db_path = tmp_path / "q.db"
    run("index", articles, "--db", db_path)
    db = open_db(db_path)
    hits = [r["text"] for r in db["quotes"].search("library")]
    assert hits == ["We have balanced the books without closing a single library,"]
    (articles / "budget.txt").write_text("“No comment,” the mayor said.\n", encoding="utf-8")
    run("index", articles, "--db", db_path)
    assert list(db["quotes"].search("library")) == []
    assert [r["text"] for r in db["quotes"].search("comment")] == ["No comment,"]


def test_foreign_keys_are_declared():
    db = open_db(":memory:")
    fks = {(fk.column, fk.other_table) for fk in db["quotes"].foreign_keys}
    assert fks == {("document_id", "documents"), ("speaker_id", "speakers"), ("statement_id", "statements")}
    assert {fk.other_table for fk in db["speaker_aliases"].foreign_keys} == {"speakers"}
    indexed = {tuple(i.columns) for i in db["quotes"].indexes}
    assert {("document_id",), ("speaker_id", "document_id", "start")} <= indexed
    assert ("id", "published") in {tuple(i.columns) for i in db["documents"].indexes}


def test_bad_input_names_the_file_and_indexes_the_rest(tmp_path, articles):
    (articles / "empty.txt").write_text("", encoding="utf-8")
    (articles / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (articles / "latin.txt").write_bytes("Zażółć gęślą jaźń, powiedział.".encode("cp1250"))
    (articles / "feed.jsonl").write_text('{"text": "“Fine,” said Jo Park."}\n{oops\n', encoding="utf-8")
    db_path = tmp_path / "q.db"
    result = CliRunner().invoke(
        cli, ["index", str(articles), str(tmp_path / "nope.txt"), "--db", str(db_path)]
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {articles / 'blob.txt'}: is a binary file, not text",
        f"Error: {articles / 'empty.txt'}: is empty",
        f"Error: {articles / 'feed.jsonl'}, line 2: is not valid JSON (Expecting property name enclosed in double quotes)",
        f"Error: {articles / 'latin.txt'}: is not UTF-8 (byte 2), UTF-16 with a BOM, cp1252 or latin-1 text",
        f"Error: {tmp_path / 'nope.txt'}: no such file or folder",
    ]
    assert "Traceback" not in result.output
    db = open_db(db_path)
    assert sorted(r["id"] for r in db.query("select id from documents")) == ["budget", "feed-1", "storm"]


def test_a_failed_run_keeps_what_was_indexed(tmp_path, articles):
    db_path = tmp_path / "q.db"
    run("index", articles, "--db", db_path)
    count = open_db(db_path)["quotes"].count
    (articles / "budget.txt").write_bytes(b"\x00\x01\x02\x03 binary")
    result = run("index", articles, "--db", db_path)
    assert result.exit_code == 1
    # The unreadable version does not erase the article's earlier rows.
    assert open_db(db_path)["quotes"].count == count


def test_not_a_database_is_a_clear_error(tmp_path, articles):
    bad = tmp_path / "bad.db"
    bad.write_text("this is not sqlite", encoding="utf-8")
    result = run("index", articles, "--db", bad)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}: cannot open as a quotes index")
    assert "Traceback" not in result.output


def test_unknown_model_is_a_clear_error(tmp_path, articles):
    result = run("index", articles, "--db", tmp_path / "q.db", "--model", "no_such_model")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot load spaCy model 'no_such_model'")


def test_every_command_has_help():
    for command in ("index", "serve", "eval"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Usage: cli " + command in result.output or f"Usage: quotes {command}" in result.output
