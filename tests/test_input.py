"""Reading files robustly: odd names, odd bytes, odd metadata, unreadable folders."""

import ctypes
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.db import open_db
from quotes.documents import Document, DocumentError, read_documents

ROOT = Path(__file__).parent.parent
PR_CAPBSET_DROP = 24


def read(*paths):
    items = list(read_documents(paths))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, DocumentError)]
    return docs, errors


def index(*args):
    return CliRunner().invoke(
        cli, ["index", *[os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args]]
    )


def ids(db_path):
    return sorted(r["id"] for r in open_db(db_path).query("select id from documents"))


# --- file names, folders and permissions -------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_indexed_and_shown_escaped(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / os.fsdecode(b"b\xff.txt")).write_text("“Fine,” said Jo Park.", encoding="utf-8")
    (folder / os.fsdecode(b"c\xfe.txt")).write_bytes(b"\x00\x01\x02\x03\x04")
    db_path = tmp_path / "q.db"
    result = index(folder, "--db", db_path)
    assert "Traceback" not in result.output, result.output
    assert [line for line in result.output.splitlines() if line.startswith("Error:")] == [
        f"Error: {folder}/c\\xfe.txt: is a binary file, not text"
    ]
    db = open_db(db_path)
    assert [(r["id"], r["path"]) for r in db.query("select id, path from documents")] == [
        ("b\\xff", f"{folder}/b\\xff.txt")
    ]
    assert db["quotes"].count == 1


def test_a_path_whose_parent_is_a_file_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    docs, errors = read(tmp_path / "a.txt" / "b.txt", tmp_path / "a.txt")
    assert [d.id for d in docs] == ["a"]
    assert errors == [f"{tmp_path}/a.txt/b.txt: no such file or folder"]


def without_override(code: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run Python ``code`` without the power to override file permissions (root's included)."""

    def drop_override() -> None:
        # CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2) let root read anything; a process
        # started without them in its bounding set sees permissions as any user does.
        if os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (1, 2):
                libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)

    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=drop_override,
    )


def test_unreadable_subfolder_and_file_are_errors_and_the_rest_indexed(tmp_path):
    """Folders and files that cannot be read are errors; the rest is indexed."""
    articles = tmp_path / "articles"
    (articles / "locked").mkdir(parents=True)
    (articles / "locked" / "hidden.txt").write_text("“Hidden,” said Jo Park.", encoding="utf-8")
    (articles / "closed.txt").write_text("“Closed,” said Jo Park.", encoding="utf-8")
    (articles / "good.txt").write_text("“Fine,” said Jo Park.", encoding="utf-8")
    (articles / "locked").chmod(0)
    (articles / "closed.txt").chmod(0)
    probe = without_override("import os; os.listdir('articles/locked'); print('readable')", tmp_path)
    if probe.stdout.strip() == "readable":
        pytest.skip("this system ignores file permissions")
    code = (
        "import sys; from quotes.cli import cli\n"
        "sys.argv = ['quotes', 'index', 'articles', 'articles/closed.txt', 'articles/locked/hidden.txt',"
        " '--db', 'q.db']\n"
        "cli()"
    )
    result = without_override(code, tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        "Error: articles/locked: cannot read the folder (Permission denied)",
        "Error: articles/closed.txt: cannot read the file (Permission denied)",
        "Error: articles/closed.txt: cannot read the file (Permission denied)",
        "Error: articles/locked/hidden.txt: cannot read (Permission denied)",
    ]
    assert ids(tmp_path / "q.db") == ["good"]


# --- bytes and encodings ------------------------------------------------------------------


def test_utf16_with_bom_cp1252_and_latin1_are_decoded(tmp_path):
    text = "“Café owners are ready,” said Zoë Müller.\n"
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "u16be.txt").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (tmp_path / "bom8.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    # A UTF-16 BOM followed by a NUL starts like a UTF-32 BOM.
    (tmp_path / "nul16.txt").write_bytes(("\x00" + text).encode("utf-16"))
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "latin.txt").write_bytes("Señor Pérez said the café was open.\n".encode("latin-1"))
    docs, errors = read(tmp_path)
    assert errors == []
    assert {d.id: d.text for d in docs} == {
        "bom8": text,
        "latin": "Señor Pérez said the café was open.\n",
        "nul16": " " + text,
        "u16": text,
        "u16be": text,
        "win": text,
    }


def test_mojibake_is_repaired_and_curly_quotes_kept(tmp_path):
    broken = "Zoë Müller’s café".encode().decode("cp1252")  # "ZoÃ« MÃ¼llerâ€™s cafÃ©"
    (tmp_path / "moji.txt").write_text(f"“It’s over,” said {broken} ﬁrst owner.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": f"“Closed,” said {broken}.", "title": broken}) + "\n", encoding="utf-8"
    )
    docs, errors = read(tmp_path)
    assert errors == []
    assert [(d.text, d.title) for d in docs] == [
        ("“Closed,” said Zoë Müller’s café.", "Zoë Müller’s café"),
        ("“It’s over,” said Zoë Müller’s café ﬁrst owner.", None),
    ]


def test_one_nul_byte_does_not_make_a_text_binary(tmp_path):
    (tmp_path / "nul.txt").write_bytes(b"\xe2\x80\x9cFine,\xe2\x80\x9d said Jo Park.\x00\n")
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 8)
    docs, errors = read(tmp_path)
    assert [(d.id, d.text) for d in docs] == [("nul", "“Fine,” said Jo Park. \n")]
    assert errors == [f"{tmp_path}/image.txt: is a binary file, not text"]


def test_control_characters_become_spaces_one_for_one(tmp_path):
    # \x90 is a C1 control in any encoding (unlike \x85, the "…" of cp1252 read as latin-1).
    raw = "“We are ready,” said Dan Brown.\x07 Then \x1b[31mAna Ortiz\x1b[0m spoke.\x90\tEnd\r\n"
    (tmp_path / "ctl.txt").write_text(raw, encoding="utf-8")
    [doc], errors = read(tmp_path)
    assert errors == []
    assert len(doc.text) == len(raw)
    assert doc.text == "“We are ready,” said Dan Brown.  Then      Ana Ortiz     spoke. \tEnd\r\n"


def test_speaker_after_a_control_character_keeps_the_full_name(tmp_path):
    folder = tmp_path / "ctl"
    folder.mkdir()
    (folder / "bel.txt").write_text(
        "“The bridge will reopen in May,” said Dan Brown.\x07\n\n"
        "“Nobody should travel tonight,” said \x1b[1mTom Reyes\x1b[0m, the county’s emergency manager.\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "q.db"
    assert index(folder, "--db", db_path).exit_code == 0
    names = [
        r["name"]
        for r in open_db(db_path).query(
            "select speakers.name from quotes join speakers on speakers.id = quotes.speaker_id order by start"
        )
    ]
    assert names == ["Dan Brown", "Tom Reyes"]


def test_cite_never_prints_a_control_character(tmp_path):
    db_path = tmp_path / "q.db"
    db = open_db(db_path)
    from quotes.db import write_documents
    from quotes.quote import Quote

    doc = Document(id="d", path="d.txt", text="“Ready,” said Dan Brown.", title="Bad\x1b[2J title\x85")
    quote = Quote(text="Ready,", start=1, end=7, kind="direct", speaker="Dan Brown", cue="said")
    write_documents(db, [(doc, [quote])], "test")
    # An index written by an older version may hold raw control characters.
    db.conn.execute("update documents set title = 'Bad\x1b[2J title\x85'")
    db.conn.commit()
    [quote_id] = [r["id"] for r in db.query("select id from quotes")]
    for fmt in ("text", "json", "csl"):
        result = CliRunner().invoke(cli, ["cite", quote_id, "--db", str(db_path), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) < 0xA0 for c in result.output), repr(
            result.output
        )
        assert "Bad" in result.output
        if fmt != "text":
            parsed = json.loads(result.output)
            title = parsed["title"] if fmt == "json" else parsed[0]["title"]
            assert title == "Bad\x1b[2J title\x85"
    text = CliRunner().invoke(cli, ["cite", quote_id, "--db", str(db_path)]).output
    assert "Bad\\x1b[2J title\\x85" in text


# --- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_splits_on_newlines_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "One\u2028two."}, ensure_ascii=False)
        + "\r\n"
        + json.dumps({"id": "b", "text": "Three\u0085four."}, ensure_ascii=False)
        + "\n"
        + "{broken\n",
        encoding="utf-8",
    )
    docs, errors = read(path)
    # A lone U+0085 is cp1252's "…" read as latin-1: ftfy repairs it, one character for one.
    assert [(d.id, d.text) for d in docs] == [("a", "One\u2028two."), ("b", "Three…four.")]
    assert errors == [
        f"{path}, line 3: is not valid JSON (Expecting property name enclosed in double quotes)"
    ]


def test_jsonl_bad_records_and_fields_are_named(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        '{"id": "s", "text": "Lone \\ud800 surrogate."}',
        '{"id": "n", "text": 42}',
        '{"id": "e", "text": "   "}',
        '{"id": {"x": 1}, "text": "Object id.", "title": {"nested": 1}}',
        '{"id": "f", "text": "Flags.", "outlet": false, "author": NaN, "published": "Fri, 01 Nov 2024 10:00:00 +0000"}',
        '{"id": 7, "text": "Number id.", "published": "soon", "url": "https://example.org/7"}',
        '{"id": "d", "text": "Date only.", "published": "2024-11-01", "title": "Bad \\ud800 title"}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = read(path)
    assert [(d.id, d.title, d.outlet, d.author, d.published, d.url) for d in docs] == [
        ("feed-4", None, None, None, None, None),
        ("f", None, None, None, "2024-11-01T10:00:00+00:00", None),
        ("7", None, None, None, None, "https://example.org/7"),
        ("d", None, None, None, "2024-11-01", None),
    ]
    assert errors == [
        f'{path}, line 1: "text" holds a lone surrogate (\\ud800), which is not valid Unicode; skipped',
        f'{path}, line 2: "text" is a number, not a string; skipped',
        f'{path}, line 3: "text" is empty; skipped',
        f'{path}, line 4: "id" is an object, not a string; indexed as "feed-4"',
        f'{path}, line 4: "title" is an object, not a string; indexed without it',
        f'{path}, line 5: "outlet" is false, not a string; indexed without it',
        f'{path}, line 5: "author" is NaN, not a string; indexed without it',
        f'{path}, line 6: "published" is not a date ("soon"); indexed without it',
        f'{path}, line 7: "title" holds a lone surrogate (\\ud800), which is not valid Unicode; indexed without it',
    ]


def test_duplicate_jsonl_id_names_both_lines(tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(
        '{"id": "x", "text": "“First,” said Jo Park."}\n\n{"id": "x", "text": "“Second,” said Jo Park."}\n',
        encoding="utf-8",
    )
    result = index(folder, "--db", tmp_path / "q.db")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("Error:")] == [
        f"Error: {folder}/feed.jsonl, line 3: has the same id 'x' as {folder}/feed.jsonl, line 1; skipped"
    ]


def test_bad_jsonl_text_does_not_stop_the_run(tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(
        '{"id": "s", "text": "\\ud800 said nobody."}\n{"id": "ok", "text": "“Fine,” said Jo Park."}\n',
        encoding="utf-8",
    )
    db_path = tmp_path / "q.db"
    result = index(folder, "--db", db_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert ids(db_path) == ["ok"]
    assert "1 article indexed, 1 failed" in result.output


# --- metadata -----------------------------------------------------------------------------


def test_metadata_json_errors_name_file_record_and_field(tmp_path):
    good, bad, broken = tmp_path / "good", tmp_path / "bad", tmp_path / "broken"
    for folder in (good, bad, broken):
        folder.mkdir()
        (folder / "a.txt").write_text("Text.", encoding="utf-8")
    (good / "b.txt").write_text("More.", encoding="utf-8")
    (good / "metadata.json").write_text(
        json.dumps(
            {
                "a.txt": {
                    "title": {"nested": 1},
                    "outlet": "  Daily\x07 Planet ",
                    "author": False,
                    "published": "Fri, 01 Nov 2024 10:00:00 +0000",
                },
                "b.txt": "not an object",
            }
        ),
        encoding="utf-8",
    )
    (bad / "metadata.json").write_text("[1, 2]", encoding="utf-8")
    (broken / "metadata.json").write_text("{oops", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert [(d.id, d.title, d.outlet, d.author, d.published) for d in docs] == [
        ("a", None, None, None, None),
        ("a", None, None, None, None),
        ("a", None, "Daily Planet", None, "2024-11-01T10:00:00+00:00"),
        ("b", None, None, None, None),
    ]
    assert errors == [
        f"{bad}/metadata.json: is a list, not an object mapping file names to metadata; its articles are indexed without it",
        f"{broken}/metadata.json: is not valid JSON (Expecting property name enclosed in double quotes); "
        "its articles are indexed without it",
        f'{good}/metadata.json, "a.txt": "title" is an object, not a string; indexed without it',
        f'{good}/metadata.json, "a.txt": "author" is false, not a string; indexed without it',
        f'{good}/metadata.json, "b.txt": is a string, not an object; indexed without it',
    ]


def test_published_dates_are_iso_8601(tmp_path):
    dates = {
        "a.txt": "Fri, 01 Nov 2024 10:00:00 +0000",
        "b.txt": "2024-11-01",
        "c.txt": "November 3, 2024",
        "d.txt": "2024-11-05T08:30:00",
        "e.txt": "2024-11-06T08:30:00-05:00",
        "f.txt": "November 2024",
    }
    for name in dates:
        (tmp_path / name).write_text("Text.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(
        json.dumps({name: {"published": value} for name, value in dates.items()}), encoding="utf-8"
    )
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.published for d in docs] == [
        "2024-11-01T10:00:00+00:00",
        "2024-11-01",
        "2024-11-03",
        "2024-11-05T08:30:00",
        "2024-11-06T08:30:00-05:00",
        "2024-11",
    ]


def test_bad_metadata_is_reported_and_the_article_indexed(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("“Fine,” said Jo Park.", encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps({"a.txt": {"title": {"x": 1}}}), encoding="utf-8")
    db_path = tmp_path / "q.db"
    result = index(folder, "--db", db_path)
    assert result.exit_code == 1
    assert "1 article indexed:" in result.output and "failed" not in result.output
    assert ids(db_path) == ["a"]


# --- plain-text titles and bylines -------------------------------------------------------


def test_headline_and_byline_of_a_text_file(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Council passes budget after long night\n\nBy Lois Lane and Clark Kent\n\n"
        "“We have balanced the books,” Mayor Ana Ortiz said.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Subscribe\n‘Expendable’ troops ordered on futile missions\n\nFORUM Staff\n\nBody text here.\n",
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_text(
        "The council passed the budget after a long night of talks on Monday, officials said.\n",
        encoding="utf-8",
    )
    (tmp_path / "d.txt").write_text(
        "Storm\n\nBy the time it ended, the roads were closed.\n", encoding="utf-8"
    )
    docs, errors = read(tmp_path)
    assert errors == []
    assert [(d.id, d.title, d.author) for d in docs] == [
        ("a", "Council passes budget after long night", "Lois Lane and Clark Kent"),
        ("b", "‘Expendable’ troops ordered on futile missions", "FORUM Staff"),
        ("c", None, None),
        ("d", None, None),
    ]


def test_metadata_overrides_the_headline(tmp_path):
    (tmp_path / "a.txt").write_text("Council passes budget after long night\n\nBody.\n", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(
        json.dumps({"a.txt": {"title": "The real title"}}), encoding="utf-8"
    )
    [doc], _ = read(tmp_path)
    assert doc.title == "The real title"


def test_seeds_have_the_titles_and_outlets_they_print(seeds_db):
    rows = {r["id"]: r for r in open_db(seeds_db).query("select id, title, outlet, author from documents")}
    assert {k: (r["title"], r["outlet"], r["author"]) for k, r in rows.items()} == {
        # 000 and 001 print no headline; only 000 names its outlet.
        "000_b1205d662c358023": (None, "Stars and Stripes", None),
        "001_90a43850ede0f87a": (None, None, None),
        "002_0cd70d5b161d91d4": (
            "‘Expendable’ North Korean troops ordered on futile missions in Russia’s illegal war",
            None,
            "FORUM Staff",
        ),
        "003_3ac09adc4176e191": ("Is North Korea starting to regret its Ukraine war gambit?", None, None),
    }
    for row in rows.values():
        text = (ROOT / "seeds" / f"{row['id']}.txt").read_text("utf-8")
        assert all(value in text for value in (row["title"], row["outlet"], row["author"]) if value)


# --- ids ------------------------------------------------------------------------------------


def test_two_files_with_the_same_name_never_share_an_id(tmp_path):
    for name, speaker in (("a", "Jo Park"), ("b", "Ana Ortiz")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(f"“Report {name},” said {speaker}.", encoding="utf-8")
    db_path = tmp_path / "q.db"
    assert index(tmp_path / "a", "--db", db_path).exit_code == 0
    result = index(tmp_path / "b", "--db", db_path)
    assert result.exit_code == 0, result.output
    [derived] = [i for i in ids(db_path) if i != "report"]
    assert derived.startswith("report-") and len(derived) == len("report-") + 8
    assert (
        f"Note: {tmp_path}/b/report.txt: indexed as '{derived}', since 'report' is {tmp_path}/a/report.txt"
        in result.output
    )
    # Both kept, both stable: a re-run changes nothing, in either order.
    again = index(tmp_path / "b", tmp_path / "a", "--db", db_path)
    assert again.output.startswith("0 articles indexed, 2 unchanged"), again.output
    paths = dict(open_db(db_path).execute("select id, path from documents").fetchall())
    assert paths == {"report": f"{tmp_path}/a/report.txt", derived: f"{tmp_path}/b/report.txt"}


def test_same_name_twice_in_one_run(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(f"Report {name}.", encoding="utf-8")
    db_path = tmp_path / "q.db"
    result = index(tmp_path, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert len(ids(db_path)) == 2 and "report" in ids(db_path)


def test_seed_ids_do_not_change(seeds_db):
    assert ids(seeds_db) == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


def test_a_moved_file_keeps_its_id(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_text("Report.", encoding="utf-8")
    db_path = tmp_path / "q.db"
    index(tmp_path / "a", "--db", db_path)
    (tmp_path / "a").rename(tmp_path / "b")
    result = index(tmp_path / "b", "--db", db_path)
    assert result.exit_code == 0
    assert result.output.startswith("0 articles indexed, 1 unchanged")
    paths = open_db(db_path).execute("select id, path from documents").fetchall()
    assert paths == [("report", f"{tmp_path}/b/report.txt")]
