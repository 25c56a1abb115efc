"""Statements on the web: the statement page, its links from quotes and speakers, its
citation, and search_quotes giving one row per statement."""

import json
import re
import sqlite3

from quotes.plugin import word_diff
from quotes.serve import datasette


def one_line(html):
    return re.sub(r"\s+", " ", html)


def ids(path):
    """A connection to the index, and its quote ids by article (stripes, reuters, wire, early)."""
    conn = sqlite3.connect(path)
    quote = dict(conn.execute("select document_id, id from quotes"))
    quote = {doc.rsplit("/", 1)[-1].split(".")[0]: i for doc, i in quote.items()}
    return conn, quote


def test_word_diff_marks_added_and_missing_words_and_escapes_the_rest():
    assert str(word_diff("It is clear that <they> win", "It is clear <they> win big")) == (
        "It is clear <del>that</del> &lt;they&gt; win <ins>big</ins>"
    )
    assert str(word_diff("a b", "a <script>")) == "a <del>b</del> <ins>&lt;script&gt;</ins>"
    # Case and punctuation are not changes of wording: the report's own spelling is shown.
    assert str(word_diff("They “win” defenses", "they win defenses.")) == "they win defenses."


async def test_statement_page_shows_fullest_wording_first_report_and_every_report(reported_db):
    conn, quote = ids(reported_db)
    statement_id = quote["early"]
    assert (
        conn.execute("select statement_id from quotes where id = ?", [quote["reuters"]]).fetchone()[0]
        == statement_id
    )
    page = await datasette(reported_db).client.get(f"/statement/{statement_id}")
    assert page.status_code == 200
    html = one_line(page.text)
    assert "<h1>John Kirby</h1>" in html
    assert (
        '<blockquote class="statement-text" id="statement">“It is clear that Russian and North Korean '
        "military leaders are treating these troops as expendable and ordering them on hopeless assaults "
        "against Ukrainian defenses”</blockquote>"
    ) in html
    assert (
        '<dd id="first-report"><a href="http://example.com/early" rel="nofollow">Kirby: troops sent on '
        "hopeless assaults</a>, Early Bird, 2024-12-26</dd>"
    ) in html
    assert "<dt>Reports</dt><dd>3 in 3 outlets</dd>" in html
    reports = re.findall(r'<li> <a href="/quote/([0-9a-f]{16})">([^<]*)</a>, ([^:]*):', html)
    assert reports == [
        (quote["early"], "2024-12-26", "Early Bird"),
        (quote["stripes"], "2024-12-27", "Stars and Stripes"),
        (quote["reuters"], "2024-12-28", "Reuters &lt;b&gt;wire&lt;/b&gt;"),
    ]
    # Links only to web addresses: the javascript: one stays text (its title).
    assert '<a href="https://example.com/stripes" rel="nofollow">Troops treated as expendable</a>' in html
    assert "javascript:" not in html and "Reuters &lt;b&gt;wire&lt;/b&gt;: Kirby on Kursk losses" in html
    # The Reuters wording lacks "that" and "against Ukrainian defenses".
    assert (
        '<div class="wording">It is clear <del>that</del> Russian and North Korean military leaders are '
        "treating these troops as expendable and ordering them on hopeless assaults <del>against Ukrainian "
        "defenses</del></div>"
    ) in html
    assert f'href="/{reported_db.stem}/quote_search?statement_id={statement_id}"' in html


async def test_same_words_from_another_speaker_are_linked_on_both_pages(reported_db):
    conn, quote = ids(reported_db)
    ds = datasette(reported_db)
    kirby = one_line((await ds.client.get(f"/statement/{quote['early']}")).text)
    house = one_line((await ds.client.get(f"/statement/{quote['wire']}")).text)
    assert (
        f'The same words are attributed to <a href="/statement/{quote["wire"]}">the White House</a> '
        "in 1 report."
    ) in kirby
    assert (
        f'The same words are attributed to <a href="/statement/{quote["early"]}">John Kirby</a> in 3 reports.'
    ) in house


async def test_an_absorbed_statement_id_redirects_to_the_current_one(reported_db):
    conn, quote = ids(reported_db)
    # Stars and Stripes was the first report until the earlier article was indexed.
    assert conn.execute(
        "select new_id from statement_redirects where old_id = ?", [quote["stripes"]]
    ).fetchone() == (quote["early"],)
    ds = datasette(reported_db)
    response = await ds.client.get(f"/statement/{quote['stripes']}")
    assert response.status_code == 301
    assert response.headers["location"] == f"/statement/{quote['early']}"
    csl = await ds.client.get(f"/statement/{quote['stripes']}.csl")
    assert csl.status_code == 301 and csl.headers["location"] == f"/statement/{quote['early']}.csl"
    assert (await ds.client.get("/statement/0000000000000000")).status_code == 404
    assert (await ds.client.get("/statement/not-an-id")).status_code == 404


async def test_quote_page_links_its_statement_and_the_other_reports(reported_db):
    conn, quote = ids(reported_db)
    html = one_line((await datasette(reported_db).client.get(f"/quote/{quote['reuters']}")).text)
    assert (
        f'<a href="/statement/{quote["early"]}" id="statement-link">every report of this statement</a>'
        in html
    )
    assert re.search(
        rf'<dt>Also reported by</dt> <dd><ul class="also-reported"><li><a href="/quote/{quote["early"]}">Early Bird</a>, 2024-12-26</li>'
        rf'<li><a href="/quote/{quote["stripes"]}">Stars and Stripes</a>, 2024-12-27</li></ul></dd>',
        html,
    )
    alone = one_line((await datasette(reported_db).client.get(f"/quote/{quote['wire']}")).text)
    assert "Also reported by" not in alone and f'href="/statement/{quote["wire"]}"' in alone


async def test_speaker_page_lists_statements_not_reports(reported_db):
    conn, quote = ids(reported_db)
    speaker_id = conn.execute("select id from speakers where name = 'John Kirby'").fetchone()[0]
    html = one_line((await datasette(reported_db).client.get(f"/speaker/{speaker_id}")).text)
    assert "1 statement · 3 quotes in 3 articles" in html
    assert re.findall(r'<a href="/(quote|statement)/([0-9a-f]{16})">', html) == [
        ("statement", quote["early"])
    ]
    assert "first 2024-12-26, 3 reports" in html


async def test_search_gives_one_row_per_statement_with_its_reports(reported_db):
    conn, quote = ids(reported_db)
    ds = datasette(reported_db)
    rows = (await ds.client.get(f"/{reported_db.stem}/search_quotes.json?q=expendable&_shape=array")).json()
    assert sorted((r["statement_id"], r["reports"], r["first_published"]) for r in rows) == sorted(
        [
            (quote["early"], 3, "2024-12-26"),
            (quote["wire"], 1, "2024-12-29"),
        ]
    )
    kirby = next(r for r in rows if r["statement_id"] == quote["early"])
    assert kirby["quote_id"] in {quote["early"], quote["stripes"], quote["reuters"]}
    assert "<mark>expendable</mark>" in kirby["snippet"]
    html = (await ds.client.get(f"/{reported_db.stem}/search_quotes?q=expendable")).text
    assert (
        f'<td class="col-statement_id"><a href="/statement/{quote["early"]}">{quote["early"]}</a></td>'
        in html
    )
    # Every report, a click away.
    every = (
        await ds.client.get(
            f"/{reported_db.stem}/quote_search.json?statement_id={quote['early']}&_shape=array"
        )
    ).json()
    assert sorted(r["quote_id"] for r in every) == sorted(
        [quote["early"], quote["stripes"], quote["reuters"]]
    )


async def test_statement_cites_its_first_report(reported_db, tmp_path):
    conn, quote = ids(reported_db)
    ds = datasette(reported_db)
    items = json.loads((await ds.client.get(f"/statement/{quote['early']}.csl")).text)
    assert [(i["id"], i["container-title"], i["issued"], i["URL"]) for i in items] == [
        (quote["early"], "Early Bird", {"date-parts": [[2024, 12, 26]]}, "http://example.com/early")
    ]
    assert items[0]["author"] == [{"literal": "Ann Poe"}]
    html = one_line((await ds.client.get(f"/statement/{quote['early']}")).text)
    citation = conn.execute("select citation from citations where quote_id = ?", [quote["early"]]).fetchone()[
        0
    ]
    assert f'<p id="citation" class="citation">{citation}</p>' in html


def test_quotes_cite_of_a_statement_cites_its_first_report(reported_db):
    from click.testing import CliRunner

    from quotes.cli import cli

    conn, quote = ids(reported_db)
    citation = conn.execute("select citation from citations where quote_id = ?", [quote["early"]]).fetchone()[
        0
    ]
    result = CliRunner().invoke(cli, ["cite", quote["early"], "--db", str(reported_db)])
    assert result.exit_code == 0 and result.output.splitlines()[0] == citation
