"""The pages: home, a quote in its context, a speaker; and the public serving settings."""

import re
import sqlite3

import pytest
from dated_articles import ARTICLES

from quotes.plugin import context
from quotes.serve import datasette


def one_line(html):
    return re.sub(r"\s+", " ", html)


async def test_home_page_says_what_it_is_and_links_the_search(seeds_db):
    ds = datasette(seeds_db)
    page = await ds.client.get("/")
    assert page.status_code == 200
    html = one_line(page.text)
    assert "<h1>quotes: who said what</h1>" in html
    assert "Quotes found in news articles" in html
    assert f'<form class="quotes-search" action="/{seeds_db.stem}/search_quotes" method="get">' in html
    assert 'name="q"' in html
    for link in ("search_quotes", "quote_search", "quotes_by_speaker", "speaker_index", "citations"):
        assert f'href="/{seeds_db.stem}/{link}"' in html


async def test_quote_page_shows_the_quote_in_context_with_source_and_citation(dated_db):
    ds = datasette(dated_db)
    conn = sqlite3.connect(dated_db)
    quote_id, citation = conn.execute(
        "select quote_id, citation from citations where text like '%expendable%'"
    ).fetchone()
    page = await ds.client.get(f"/quote/{quote_id}")
    assert page.status_code == 200
    html = one_line(page.text)
    # The quote marked, inside the sentences around it.
    assert (
        'North Korean troops take heavy losses “<mark class="quote" id="quote">Russian and North Korean '
        "military leaders are treating these troops as expendable,</mark>” White House spokesman John Kirby "
        "said on Friday. The Pentagon did not comment."
    ) in html
    assert "Officials expect more fighting" not in html
    assert re.search(r'<dd><a href="/speaker/\d+">John Kirby</a>', html)
    assert "<dt>Role</dt><dd>White House spokesman</dd>" in html
    assert (
        '<a href="https://example.com/kirby" rel="nofollow">North Korean troops take heavy losses</a>, Stars and Stripes, 2024-12-27'
        in html
    )
    assert f'<p id="citation" class="citation">{citation.replace("“", "“")}</p>' in html
    assert 'id="copy-citation"' in html and "Copy citation</button>" in html
    assert f'href="/{dated_db.stem}/citations.csl?quote_id={quote_id}"' in html
    assert f"http://localhost/quote/{quote_id}" in html


async def test_unknown_quote_and_speaker_are_404(seeds_db):
    ds = datasette(seeds_db)
    assert (await ds.client.get("/quote/0000000000000000")).status_code == 404
    assert (await ds.client.get("/speaker/99999")).status_code == 404
    assert (await ds.client.get("/quote/not-an-id")).status_code == 404


async def test_speaker_page_lists_quotes_and_aliases(dated_db):
    ds = datasette(dated_db)
    conn = sqlite3.connect(dated_db)
    speaker_id = conn.execute("select id from speakers where name = 'Volodymyr Zelenskyy'").fetchone()[0]
    ids = [r[0] for r in conn.execute("select id from statements where speaker_id = ?", [speaker_id])]
    page = await ds.client.get(f"/speaker/{speaker_id}")
    assert page.status_code == 200
    html = one_line(page.text)
    assert "<h1>Volodymyr Zelenskyy</h1>" in html
    assert "person · Ukrainian President · 2 statements · 2 quotes in 2 articles" in html
    assert re.search(r'<ul class="aliases">.*<li>Zelensky</li>.*</ul>', html)
    # Its statements, not its reports, newest first, each linked to its page.
    assert '<a href="/quote/' not in html
    links = re.findall(r'<a href="/statement/([0-9a-f]{16})">([^<]*)</a>', html)
    assert sorted(i for i, _ in links) == sorted(ids)
    assert [text for _, text in links] == [
        "“The front is holding and our soldiers are brave,”",
        "“We will defend every village in the east,”",
    ]


async def test_seeds_speaker_page_gathers_every_spelling(seeds_db):
    ds = datasette(seeds_db)
    conn = sqlite3.connect(seeds_db)
    speaker_id, count = conn.execute(
        "select speaker_id, count(*) from statements join speakers s on s.id = speaker_id"
        " where s.name like 'Volodymyr Zelensk%' group by speaker_id"
    ).fetchone()
    html = one_line((await ds.client.get(f"/speaker/{speaker_id}")).text)
    aliases = re.search(r'<ul class="aliases">(.*?)</ul>', html).group(1)
    assert "Zelensky" in aliases and "Zelenskyy" in aliases
    assert len(re.findall(r'<a href="/statement/', html)) == count


def test_context_is_the_sentences_around_the_quote():
    text = "One. Two is here. “Three,” he said. Four follows. Five ends."
    start = text.index("Three")
    before, quote, after = context(text, start, start + len("Three,"), sentence="“Three,” he said.")
    assert (before, quote, after) == ("Two is here. “", "Three,", "” he said. Four follows.")
    # At the edges of the article there is nothing more to show.
    assert context("“Hi,” she said.", 1, 4) == ("“", "Hi,", "” she said.")


# Serving settings -------------------------------------------------------------------------


async def test_public_settings_time_limit_row_limit_cors_and_immutable(seeds_db):
    ds = datasette(seeds_db, immutable=True)
    settings = (await ds.client.get("/-/settings.json")).json()
    assert settings["sql_time_limit_ms"] == 1500
    assert settings["max_returned_rows"] == 1000
    response = await ds.client.get(f"/{seeds_db.stem}/quotes.json?_shape=array")
    assert response.headers["access-control-allow-origin"] == "*"
    databases = (await ds.client.get("/-/databases.json")).json()
    assert [(d["name"], d["is_mutable"]) for d in databases] == [(seeds_db.stem, False)]
    # The row limit holds for arbitrary SQL too.
    rows = (
        await ds.client.get(
            f"/{seeds_db.stem}.json",
            params={
                "sql": "with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000) select i from n",
            },
        )
    ).json()
    assert len(rows["rows"]) == 1000 and rows["truncated"] is True


async def test_sql_time_limit_stops_a_long_query(seeds_db):
    ds = datasette(seeds_db, immutable=True, sql_time_limit_ms=50)
    response = await ds.client.get(
        f"/{seeds_db.stem}.json",
        params={
            "sql": "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n",
        },
    )
    assert response.status_code == 400
    assert "SQL query took too long" in response.json()["error"]


@pytest.mark.parametrize("name", list(ARTICLES))
def test_dated_articles_are_indexed(dated_db, name):
    conn = sqlite3.connect(dated_db)
    assert conn.execute("select count(*) from quotes where document_id = ?", [name[:-4]]).fetchone()[0] == 1
