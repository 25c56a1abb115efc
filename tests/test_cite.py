"""Citing: the citations view, the CSL-JSON output format, `quotes cite`, and stable ids."""

import html
import json
import re
import sqlite3

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from click.testing import CliRunner
from conftest import SEEDS

from quotes.cli import cli
from quotes.serve import datasette

CITATION_COLUMNS = [
    "quote_id",
    "text",
    "speaker",
    "speaker_role",
    "title",
    "outlet",
    "author",
    "url",
    "published",
    "start",
    "end",
    "permalink",
    "citation",
]
# CSL 1.0.2 item types and the variables an item from this package may carry.
CSL_TYPES = {
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
}
CSL_STRINGS = {"title", "container-title", "URL", "abstract", "note", "archive_location"}
CSL_NAMES = {"author"}
CSL_DATES = {"issued"}


def assert_csl_item(item):
    """Checks an item against the CSL-JSON schema's rules for the variables used here."""
    assert isinstance(item["id"], str) and item["id"]
    assert item["type"] in CSL_TYPES
    assert set(item) <= {"id", "type"} | CSL_STRINGS | CSL_NAMES | CSL_DATES, set(item)
    for key in CSL_STRINGS & set(item):
        assert isinstance(item[key], str) and item[key] and "None" not in item[key], key
    for key in CSL_NAMES & set(item):
        assert item[key] and all(
            set(name) <= {"family", "given", "literal"}
            and all(isinstance(v, str) and v for v in name.values())
            for name in item[key]
        )
    for key in CSL_DATES & set(item):
        parts = item[key]["date-parts"]
        assert len(parts) == 1 and 1 <= len(parts[0]) <= 3
        assert all(isinstance(p, int) for p in parts[0])


def bibliography(items):
    """The items as a citation processor formats them: what a reference manager imports."""
    source = CiteProcJSON(items)
    bib = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False), source, formatter.plain
    )
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bib.bibliography()]


def quote_ids(path, where="1"):
    conn = sqlite3.connect(path)
    return [r[0] for r in conn.execute(f"select id from quotes where {where} order by id")]


# The view ---------------------------------------------------------------------------------


async def test_citations_view_has_one_row_per_quote_with_the_columns(seeds_db):
    ds = datasette(seeds_db)
    data = (await ds.client.get(f"/{seeds_db.stem}/citations.json?_size=max")).json()
    assert data["columns"] == CITATION_COLUMNS
    rows = [dict(zip(data["columns"], r)) for r in data["rows"]]
    assert sorted(r["quote_id"] for r in rows) == quote_ids(seeds_db)
    for row in rows:
        assert row["permalink"] == f"/quote/{row['quote_id']}"
        assert "None" not in row["citation"] and "\n" not in row["citation"]
        assert row["citation"].startswith(f"{row['speaker']}") if row["speaker"] else True


async def test_citation_line_has_every_known_part_in_order(dated_db):
    ds = datasette(dated_db)
    rows = (await ds.client.get(f"/{dated_db.stem}/citations.json?_shape=array&_sort=published")).json()
    assert [r["citation"] for r in rows] == [
        "Volodymyr Zelenskyy, Ukrainian President: “We will defend every village in the east” — "
        "Kyiv vows to hold the line, Kyiv Independent, 2024-11-01, https://example.com/old",
        "John Kirby, White House spokesman: “Russian and North Korean military leaders are treating "
        "these troops as expendable” — North Korean troops take heavy losses, Stars and Stripes, "
        "2024-12-27, https://example.com/kirby",
        # No URL known: left out.
        "Volodymyr Zelenskyy, Ukrainian President: “The front is holding and our soldiers are brave” — "
        "Front holds in Kursk, The Guardian, 2025-01-10",
    ]


def test_citation_leaves_out_what_is_unknown(articles, nlp, tmp_path):
    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    path = tmp_path / "plain.db"
    index_files(open_db(path), find_files([articles]), nlp)
    conn = sqlite3.connect(path)
    citations = dict(conn.execute("select text, citation from citations"))
    budget = next(c for t, c in citations.items() if t.startswith("We have balanced"))
    # A .txt file with no metadata: its headline gives the title; no outlet, date or URL.
    assert budget.startswith("Ana Ortiz")
    assert budget.endswith(
        ": “We have balanced the books without closing a single library” — Council passes budget"
    )
    storm = next(c for t, c in citations.items() if t.startswith("Nobody should travel"))
    # A Markdown heading gives the title, and only the title is known.
    assert storm.endswith("“Nobody should travel tonight” — Storm closes schools")
    assert all("None" not in c and ",," not in c and ", —" not in c for c in citations.values())


# CSL-JSON ---------------------------------------------------------------------------------


async def test_csl_of_one_quote_is_a_valid_item_with_the_fields(dated_db):
    ds = datasette(dated_db)
    name = dated_db.stem
    (quote_id,) = quote_ids(dated_db, "text like '%expendable%'")
    response = await ds.client.get(f"/{name}/citations.csl?quote_id={quote_id}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.citationstyles.csl+json")
    items = json.loads(response.text)
    assert len(items) == 1
    item = items[0]
    assert_csl_item(item)
    assert item == {
        "id": quote_id,
        "type": "article-newspaper",
        "title": "North Korean troops take heavy losses",
        "container-title": "Stars and Stripes",
        # The article's byline, one name each; the speaker is in the note, with the quote.
        "author": [{"literal": "Jane Doe"}, {"literal": "Sam Roe"}],
        "issued": {"date-parts": [[2024, 12, 27]]},
        "URL": "https://example.com/kirby",
        "abstract": "Russian and North Korean military leaders are treating these troops as expendable",
        "note": item["note"],
        "archive_location": f"http://localhost/quote/{quote_id}",
    }
    assert item["note"].startswith("John Kirby, White House spokesman: “Russian")
    assert bibliography(items) == [
        "Jane Doe and Sam Roe (2024) “North Korean troops take heavy losses”, Stars and Stripes, 27 December. "
        "Available at: https://example.com/kirby."
    ]


async def test_csl_renders_tables_views_and_queries_with_quote_ids(seeds_db):
    ds = datasette(seeds_db)
    name = seeds_db.stem
    search = (await ds.client.get(f"/{name}/search_quotes.json?q=expendable&_shape=array")).json()
    items = json.loads((await ds.client.get(f"/{name}/search_quotes.csl?q=expendable")).text)
    assert [i["id"] for i in items] == [r["quote_id"] for r in search]  # same order: best first
    table = json.loads((await ds.client.get(f"/{name}/quotes.csl?_size=max")).text)
    assert sorted(i["id"] for i in table) == quote_ids(seeds_db)
    for item in table:
        assert_csl_item(item)
    entries = bibliography(table)
    assert len(entries) == len(table)
    # The seeds name no byline: no speaker is passed off as the article's author.
    assert not any("John Kirby" in e for e in entries)
    assert sum(i["note"].startswith("John Kirby") for i in table) >= 5
    # A table without quote ids offers no CSL.
    page = (await ds.client.get(f"/{name}/documents")).text
    assert ".csl" not in page
    refused = await ds.client.get(f"/{name}/documents.csl")
    assert refused.status_code == 400
    assert "quote_id" in refused.text


async def test_csl_link_is_offered_where_quote_ids_are(seeds_db):
    ds = datasette(seeds_db)
    page = (await ds.client.get(f"/{seeds_db.stem}/citations")).text
    assert f'href="/{seeds_db.stem}/citations.csl' in page


# The command line -------------------------------------------------------------------------


def test_cli_cite_prints_text_json_and_csl(dated_db):
    (quote_id,) = quote_ids(dated_db, "text like '%village%'")
    runner = CliRunner()
    text = runner.invoke(cli, ["cite", quote_id, "--db", str(dated_db)])
    assert text.exit_code == 0, text.output
    assert text.output == (
        "Volodymyr Zelenskyy, Ukrainian President: “We will defend every village in the east” — "
        "Kyiv vows to hold the line, Kyiv Independent, 2024-11-01, https://example.com/old\n"
    )
    row = json.loads(runner.invoke(cli, ["cite", quote_id, "--db", str(dated_db), "--format", "json"]).output)
    assert list(row) == CITATION_COLUMNS
    assert (row["speaker"], row["outlet"], row["permalink"]) == (
        "Volodymyr Zelenskyy",
        "Kyiv Independent",
        f"/quote/{quote_id}",
    )
    csl = runner.invoke(
        cli,
        [
            "cite",
            quote_id[:6],
            "--db",
            str(dated_db),
            "--format",
            "csl",
            "--base-url",
            "https://quotes.example.org/",
        ],
    )
    assert csl.exit_code == 0, csl.output
    (item,) = json.loads(csl.output)
    assert_csl_item(item)
    assert item["archive_location"] == f"https://quotes.example.org/quote/{quote_id}"
    assert item["issued"] == {"date-parts": [[2024, 11, 1]]}
    assert "author" not in item  # the article names no byline: the style puts the outlet first
    assert bibliography([item]) == [
        "Kyiv Independent (2024) “Kyiv vows to hold the line”, Kyiv Independent, 1 November. "
        "Available at: https://example.com/old."
    ]


def test_cli_cite_uses_the_permalink_when_the_article_has_no_url(dated_db):
    (quote_id,) = quote_ids(dated_db, "text like '%front is holding%'")
    result = CliRunner().invoke(
        cli,
        ["cite", quote_id, "--db", str(dated_db), "--format", "csl", "--base-url", "http://127.0.0.1:8001"],
    )
    (item,) = json.loads(result.output)
    assert item["URL"] == f"http://127.0.0.1:8001/quote/{quote_id}"
    text = CliRunner().invoke(
        cli, ["cite", quote_id, "--db", str(dated_db), "--base-url", "http://127.0.0.1:8001"]
    )
    assert text.output.splitlines()[1] == f"http://127.0.0.1:8001/quote/{quote_id}"


@pytest.mark.parametrize("given, message", [("ffffffffffffffff", "no quote"), ("", "no quote")])
def test_cli_cite_unknown_id_fails_with_a_message(dated_db, given, message):
    result = CliRunner().invoke(cli, ["cite", given or "zz", "--db", str(dated_db)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


# Stable ids -------------------------------------------------------------------------------


async def test_rebuilding_from_the_same_articles_keeps_ids_and_permalinks(seeds_db, nlp, tmp_path):
    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    rebuilt = tmp_path / "rebuilt.db"
    index_files(open_db(rebuilt), find_files([SEEDS]), nlp)
    before, after = quote_ids(seeds_db), quote_ids(rebuilt)
    assert len(before) > 20
    assert after == before
    # A permalink taken from the first index opens the same quote on the rebuilt one.
    conn = sqlite3.connect(seeds_db)
    quote_id, text = conn.execute(
        "select id, text from quotes where text like '%expendable%' limit 1"
    ).fetchone()
    page = await datasette(rebuilt).client.get(f"/quote/{quote_id}")
    assert page.status_code == 200
    assert re.sub(r"\s+", " ", text.strip()) in re.sub(r"\s+", " ", html.unescape(page.text))
