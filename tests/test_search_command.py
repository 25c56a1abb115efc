"""`quotes search`: the web's search_quotes from the terminal, same rows, same ranking."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from quotes import views
from quotes.cli import cli
from quotes.db import open_db, write_documents
from quotes.documents import Document
from quotes.quote import Quote
from quotes.serve import datasette

BOLD, RESET = "\x1b[1m", "\x1b[0m"


def search(*args, color=False):
    return CliRunner().invoke(cli, ["search", *map(str, args)], color=color)


def write_index(path, items):
    """A real index at ``path`` holding ``items``: (Document, [Quote]) pairs, written as indexing writes."""
    db = open_db(path)
    write_documents(db, items, "test")
    db.close()
    return path


async def web_rows(db_path, q):
    """The rows the web's search_quotes gives for ``q``."""
    response = await datasette(db_path).client.get(
        f"/{db_path.stem}/search_quotes.json", params={"q": q, "_shape": "array"}
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("q", ["expendable", "North Korean troops", '"human wave"', "casualty"])
async def test_json_rows_are_the_webs_rows_in_the_webs_order(seeds_db, q):
    result = search(q, "--db", seeds_db, "--json", "--limit", views.PAGE)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and rows == await web_rows(seeds_db, q)


async def test_limit_keeps_the_best_matches(seeds_db):
    result = search("North", "Korean", "troops", "--db", seeds_db, "--json", "--limit", 3)
    assert json.loads(result.stdout) == (await web_rows(seeds_db, "North Korean troops"))[:3]
    assert len(json.loads(search("troops", "--db", seeds_db, "--json").stdout)) == 10  # the default


def test_text_shows_one_block_per_hit_with_the_match_in_bold(seeds_db):
    conn = sqlite3.connect(seeds_db)
    [(quote_id, statement_id)] = conn.execute(
        "select q.id, q.statement_id from quotes q join speakers s on s.id = q.speaker_id"
        " where s.name = 'John Kirby' and q.speaker_role = 'White House national security spokesperson'"
        " and q.text like '%expendable%'"
    ).fetchall()
    result = search("expendable", "--db", seeds_db, color=True)
    assert result.exit_code == 0, result.output
    blocks = result.stdout.strip().split("\n\n")
    # One block per statement.
    assert (
        len(blocks)
        == conn.execute(
            "select count(distinct statement_id) from quotes where text like '%expendable%'"
        ).fetchone()[0]
    )
    [kirby] = [b for b in blocks if quote_id in b]
    assert kirby.splitlines() == [
        "John Kirby, White House national security spokesperson: “It is clear Russian and North Korean"
        f" military leaders are treating these troops as {BOLD}expendable{RESET} and ordering them on"
        " hopeless assaults against Ukrainian defenses.”",
        f"  quote {quote_id}, one of 3 reports of statement {statement_id}",
    ]


def test_only_direct_quotes_get_quotation_marks(seeds_db):
    # As in a citation: a paraphrase is marked so, a mixed quote carries its own marks.
    rows = json.loads(search("troops", "--db", seeds_db, "--json", "--limit", views.PAGE).stdout)
    blocks = search("troops", "--db", seeds_db, "--limit", views.PAGE).stdout.strip().split("\n\n")
    assert {r["kind"] for r in rows} == {"direct", "indirect", "mixed"} and len(blocks) == len(rows)
    for row, block in zip(rows, blocks):
        said = block.splitlines()[0].split(": ", 1)[1]
        if row["kind"] == "direct":
            assert said.startswith("“") and said.endswith("”")
        elif row["kind"] == "indirect":
            assert said.endswith(" (paraphrase)") and not said.startswith("“")


def test_text_names_the_outlet_and_date_when_known(tmp_path):
    text = "“Nobody should travel tonight,” said Tom Reyes."
    doc = Document(
        id="storm", path="storm.txt", text=text, outlet="Daily Planet", published="2024-11-01T09:30:00Z"
    )
    path = write_index(
        tmp_path / "q.db",
        [(doc, [Quote("direct", 1, 30, text[1:30], speaker="Tom Reyes", speaker_kind="person")])],
    )
    [quote_id] = [r[0] for r in sqlite3.connect(path).execute("select id from quotes")]
    assert search("travel", "--db", path).stdout.splitlines() == [
        "Tom Reyes: “Nobody should travel tonight,”",
        f"  Daily Planet, 2024-11-01, quote {quote_id}",
    ]


def test_text_without_colour_has_no_escape_codes(seeds_db):
    result = search("expendable", "--db", seeds_db)
    assert "\x1b" not in result.stdout
    assert "treating these troops as expendable and" in result.stdout


@pytest.mark.parametrize("spelling", ["Zelenskyy", "zelensky", "Volodymyr Zelensky"])
async def test_speaker_keeps_that_speakers_matches_in_rank_order(seeds_db, spelling):
    result = search("North Korean", "--speaker", spelling, "--db", seeds_db, "--json", "--limit", views.PAGE)
    rows = json.loads(result.stdout)
    expected = [r for r in await web_rows(seeds_db, "North Korean") if r["speaker"] == "Volodymyr Zelenskyy"]
    assert len(expected) >= 2
    assert rows == expected


def test_speaker_that_matches_nobody(seeds_db):
    for speaker in ["Nobody Atall", "", "!!!"]:
        result = search("troops", "--speaker", speaker, "--db", seeds_db)
        assert (result.exit_code, result.stdout) == (0, "No quotes match\n")


@pytest.fixture
def crowded_db(tmp_path):
    """More than a page of matches for "troops", the one by Tom Reyes ranked below them all."""
    # Each different, so that they are more than a page of statements.
    texts = [("Ann Lee", f"The troops of unit {i} are ready.") for i in range(views.PAGE + 5)] + [
        (
            "Tom Reyes",
            "We spoke at length about the budget, the schools, the roads and, in passing, the troops.",
        ),
    ]
    items = []
    for i, (speaker, text) in enumerate(texts):
        doc = Document(id=f"a{i:03d}", path=f"a{i:03d}.txt", text=text)
        items.append((doc, [Quote("direct", 0, len(text), text, speaker=speaker, speaker_kind="person")]))
    return write_index(tmp_path / "crowded.db", items)


async def test_speaker_finds_matches_below_the_first_page(crowded_db):
    assert "Tom Reyes" not in {r["speaker"] for r in await web_rows(crowded_db, "troops")}
    rows = json.loads(search("troops", "--speaker", "Reyes", "--db", crowded_db, "--json").stdout)
    assert [(r["speaker"], r["quote_id"]) for r in rows] == [
        (
            "Tom Reyes",
            sqlite3.connect(crowded_db)
            .execute("select id from quotes where document_id = 'a055'")
            .fetchone()[0],
        )
    ]


@pytest.mark.parametrize("q", ["nosuchwordanywhere", "!!!", '""', "   "])
def test_no_match_is_a_message_not_an_error(seeds_db, q):
    result = search(q, "--db", seeds_db)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No quotes match\n", "")
    as_json = search(q, "--db", seeds_db, "--json")
    assert (as_json.exit_code, json.loads(as_json.stdout)) == (0, [])


def test_an_unusable_index_is_a_one_line_error(tmp_path):
    not_sqlite = tmp_path / "bad.db"
    not_sqlite.write_text("this is not sqlite", encoding="utf-8")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)")
    for path, message in [
        (tmp_path / "nope.db", f"Error: {tmp_path / 'nope.db'}: no such index\n"),
        (not_sqlite, f"Error: {not_sqlite}: cannot search it as a quotes index (file is not a database)\n"),
        (other, f"Error: {other}: cannot search it as a quotes index (no such table: quotes_fts)\n"),
    ]:
        result = search("troops", "--db", path)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert not (tmp_path / "nope.db").exists()  # searching creates nothing


def test_control_characters_in_the_index_are_not_printed(tmp_path):
    text = "“Stay \x1b[2J calm & <b>carry</b> on\x07,” said Ann Lee."
    end = text.index("”")
    path = write_index(
        tmp_path / "old.db",
        [
            (
                Document(id="a", path="a.txt", text=text),
                [
                    Quote("direct", 1, end, text[1:end], speaker="Ann \x1b[31mLee", speaker_kind="person"),
                ],
            )
        ],
    )
    out = search("calm", "--db", path, color=True).stdout
    assert out.startswith(f"Ann  [31mLee: “Stay  [2J {BOLD}calm{RESET} & <b>carry</b> on ,”")
    assert "\x07" not in out and out.count("\x1b") == 2  # only the bold and its reset
    as_json = search("calm", "--db", path, "--json").stdout
    assert "\x1b" not in as_json and "\x07" not in as_json
    assert json.loads(as_json)[0]["speaker"] == "Ann \x1b[31mLee"  # escaped, not lost
