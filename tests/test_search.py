"""The canned queries: search_quotes, quotes_by_speaker, speaker_index, and the quote_search view."""

import re
import sqlite3

import pytest

from quotes import views
from quotes.serve import datasette


@pytest.fixture
def ds(seeds_db):
    return datasette(seeds_db)


async def get_rows(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


async def test_search_finds_every_quote_with_the_word_highlighted(ds, seeds_db):
    rows = await get_rows(ds, f"/{seeds_db.stem}/search_quotes.json?q=expendable&_shape=array")
    conn = sqlite3.connect(seeds_db)
    reports = dict(conn.execute("select id, statement_id from quotes where text like '%expendable%'"))
    # One row per statement, as one of its reports.
    assert sorted(r["statement_id"] for r in rows) == sorted(set(reports.values()))
    assert all(reports[r["quote_id"]] == r["statement_id"] for r in rows)
    assert len(reports) >= 3 and len(rows) >= 2
    assert sum(r["reports"] for r in rows) == len(reports)
    assert all(re.search(r"<mark>expendable</mark>", r["snippet"], re.I) for r in rows)
    assert "John Kirby" in {r["speaker"] for r in rows}
    assert {
        "quote_id",
        "snippet",
        "speaker",
        "role",
        "outlet",
        "published",
        "kind",
        "statement_id",
        "reports",
        "first_published",
    } <= set(rows[0])


async def test_search_is_ranked_shortest_match_first(ds, seeds_db):
    rows = await get_rows(ds, f"/{seeds_db.stem}/search_quotes.json?q=North+Korean+troops&_shape=array")
    assert len(rows) > 3
    conn = sqlite3.connect(seeds_db)
    found = conn.execute(
        "select q.id, q.text, bm25(quotes_fts) from quotes_fts join quotes q on q.rowid = quotes_fts.rowid"
        ' where quotes_fts match \'"North" "Korean" "troops"\''
    ).fetchall()
    text = {quote_id: t for quote_id, t, _ in found}
    score = {quote_id: bm25 for quote_id, _, bm25 in found}
    lengths = [len(re.findall(r"[^\W_]+", text[r["quote_id"]])) for r in rows]
    assert lengths == sorted(lengths) and lengths[0] < lengths[-1]
    # Where no searched word is repeated, the order is FTS5's own bm25 order (lower: better).
    once = [
        score[r["quote_id"]]
        for r in rows
        if all(
            len(re.findall(rf"\b{w}", text[r["quote_id"]], re.I)) == 1 for w in ("north", "korean", "troop")
        )
    ]
    assert len(once) >= 3 and once == sorted(once)


async def test_search_matches_stems_and_phrases(ds, seeds_db):
    name = seeds_db.stem
    stems = await get_rows(ds, f"/{name}/search_quotes.json?q=casualty&_shape=array")
    assert any("<mark>casualties</mark>" in r["snippet"] for r in stems)
    phrase = await get_rows(ds, f"/{name}/search_quotes.json?q=%22human+wave%22&_shape=array")
    assert phrase and all("<mark>human wave</mark>" in r["snippet"].lower() for r in phrase)


@pytest.mark.parametrize("q", ["", "   ", "!!!", '"', '""', "“”", "*", "-", "(", "...", "—"])
async def test_empty_or_punctuation_only_query_returns_nothing_without_error(ds, seeds_db, q):
    response = await ds.client.get(f"/{seeds_db.stem}/search_quotes.json", params={"q": q, "_shape": "array"})
    assert response.status_code == 200, response.text
    assert response.json() == []


async def test_search_page_shows_highlighted_hits_linked_to_their_quotes(ds, seeds_db):
    page = await ds.client.get(f"/{seeds_db.stem}/search_quotes?q=expendable")
    assert page.status_code == 200
    html = page.text
    assert re.search(r'<td class="col-snippet">[^<]*<mark>expendable</mark>', html)
    assert re.search(r'<td class="col-quote_id"><a href="/quote/[0-9a-f]{16}">[0-9a-f]{16}</a></td>', html)
    assert re.search(r'<td class="col-speaker"><a href="/speaker/\d+">John Kirby</a></td>', html)
    # The rest of the quote is escaped: only the <mark> tags are markup.
    assert "&lt;mark&gt;" not in html.split("<tbody>")[1]
    assert f"/{seeds_db.stem}/quote_search?_search=expendable" in html


@pytest.mark.parametrize(
    "spelling", ["Zelenskyy", "zelensky", "Volodymyr Zelensky", "ZELENSKIY", "Zelenskyy's"]
)
async def test_quotes_by_speaker_matches_any_spelling(ds, seeds_db, spelling):
    rows = await get_rows(ds, f"/{seeds_db.stem}/quotes_by_speaker.json?_shape=array&speaker={spelling}")
    conn = sqlite3.connect(seeds_db)
    expected = {
        r[0]
        for r in conn.execute(
            "select q.id from quotes q join speakers s on s.id = q.speaker_id where s.name like 'Volodymyr Zelensk%'"
        )
    }
    assert len(expected) >= 3
    assert {r["quote_id"] for r in rows} == expected


@pytest.mark.parametrize("speaker", ["", "  ", "Nobody Atall", "Volodymyr Kirby"])
async def test_quotes_by_speaker_finds_nobody_for_unknown_names(ds, seeds_db, speaker):
    rows = await get_rows(ds, f"/{seeds_db.stem}/quotes_by_speaker.json?_shape=array&speaker={speaker}")
    assert rows == []


async def test_quotes_by_speaker_lists_newest_first(dated_db):
    ds = datasette(dated_db)
    rows = await get_rows(ds, f"/{dated_db.stem}/quotes_by_speaker.json?_shape=array&speaker=Zelensky")
    assert [r["published"] for r in rows] == ["2025-01-10", "2024-11-01T09:30:00+00:00"]
    assert [r["outlet"] for r in rows] == ["The Guardian", "Kyiv Independent"]


async def test_speaker_index_counts_quotes_articles_and_dates(dated_db):
    ds = datasette(dated_db)
    rows = await get_rows(ds, f"/{dated_db.stem}/speaker_index.json?_shape=array")
    by_name = {r["speaker"]: r for r in rows}
    zelensky = by_name["Volodymyr Zelenskyy"]
    assert zelensky["kind"] == "person"
    assert (zelensky["quotes"], zelensky["articles"]) == (2, 2)
    assert (zelensky["first_date"], zelensky["last_date"]) == ("2024-11-01", "2025-01-10")
    assert zelensky["roles"] == "Ukrainian President"
    assert "Zelensky" in zelensky["aliases"].split("; ")
    kirby = by_name["John Kirby"]
    assert (kirby["quotes"], kirby["articles"], kirby["roles"]) == (1, 1, "White House spokesman")
    assert rows[0]["speaker"] == "Volodymyr Zelenskyy"  # most quoted first


async def test_speaker_index_covers_every_quoted_speaker(ds, seeds_db):
    rows = await get_rows(ds, f"/{seeds_db.stem}/speaker_index.json?_shape=array")
    conn = sqlite3.connect(seeds_db)
    counts = dict(
        conn.execute(
            "select speaker_id, count(*) from quotes where speaker_id is not null group by speaker_id"
        ).fetchall()
    )
    assert {r["speaker_id"]: r["quotes"] for r in rows} == counts
    kirby = next(r for r in rows if r["speaker"] == "John Kirby")
    assert kirby["articles"] == 4


async def test_quote_search_view_searches_and_facets(dated_db):
    ds = datasette(dated_db)
    name = dated_db.stem
    data = (await ds.client.get(f"/{name}/quote_search.json?_search=front&_extra=facet_results")).json()
    assert [row[1] for row in data["rows"]] == ["The front is holding and our soldiers are brave,"]
    facets = data["facet_results"]
    assert {f["value"]: f["count"] for f in facets["speaker"]["results"]} == {"Volodymyr Zelenskyy": 1}
    assert {f["value"] for f in facets["outlet"]["results"]} == {"The Guardian"}
    assert {f["value"] for f in facets["kind"]["results"]} == {"direct"}
    assert {f["value"] for f in facets["published"]["results"]} == {"2025-01-10"}
    narrowed = (await ds.client.get(f"/{name}/quote_search.json?_shape=array&outlet=Kyiv+Independent")).json()
    assert [r["speaker"] for r in narrowed] == ["Volodymyr Zelenskyy"]


async def test_canned_queries_have_titles_and_descriptions(ds, seeds_db):
    data = (await ds.client.get(f"/{seeds_db.stem}.json")).json()
    queries = {q["name"]: q for q in data["queries"]}
    assert set(queries) >= {"search_quotes", "quotes_by_speaker", "speaker_index"}
    assert queries["search_quotes"]["title"] == "Search quotes"
    assert all(q["description"] for q in queries.values())
    form = (await ds.client.get(f"/{seeds_db.stem}/quotes_by_speaker")).text
    assert 'name="speaker"' in form


@pytest.fixture
def crowded_db(tmp_path):
    """An index where 2,007 quotes match "budget", the best one indexed first, and reported
    again last."""
    from quotes.db import open_db, write_documents
    from quotes.documents import Document
    from quotes.quote import Quote

    best = "Budget cuts, budget cuts, budget cuts."
    # A number every few words: no two share the six words in a row that make one statement.
    others = [f"The budget for {i} roads and {i} schools passed {i} today." for i in range(MANY)]
    items = []
    for i, text in enumerate([best, *others, best]):
        doc = Document(id=f"a{i:05d}", path=f"a{i:05d}.txt", text=text, published=f"2024-01-{1 + i % 28:02d}")
        items.append((doc, [Quote("direct", 0, len(text), text, speaker="Jane Doe", speaker_kind="person")]))
    path = tmp_path / "crowded.db"
    db = open_db(path)
    write_documents(db, items, "test")
    db.close()
    return path


MANY = 2_005


async def test_search_ranks_every_match_one_row_per_statement(crowded_db):
    ds = datasette(crowded_db)
    rows = await get_rows(ds, f"/{crowded_db.stem}/search_quotes.json?q=budget&_shape=array")
    assert len(rows) == views.PAGE
    # The best quote, indexed first and reported again last, is ranked first among all
    # 2,007 matches: one statement, named after its first report, with both reports.
    first = db_id(crowded_db, "a00000")
    assert (rows[0]["statement_id"], rows[0]["reports"], rows[0]["quote_id"]) == (first, 2, first)
    assert len({r["statement_id"] for r in rows}) == views.PAGE
    narrowed = await get_rows(ds, f"/{crowded_db.stem}/search_quotes.json?q=budget+cuts&_shape=array")
    assert [(r["statement_id"], r["reports"]) for r in narrowed] == [(first, 2)]


def db_id(path, document_id: str) -> str:
    return (
        sqlite3.connect(path)
        .execute("select id from quotes where document_id = ?", [document_id])
        .fetchone()[0]
    )


async def test_a_prolific_speaker_gets_a_page_of_newest_quotes_and_all_on_their_page(crowded_db):
    ds = datasette(crowded_db)
    rows = await get_rows(ds, f"/{crowded_db.stem}/quotes_by_speaker.json?speaker=Doe&_shape=array")
    assert len(rows) == views.PAGE
    dates = [r["published"] for r in rows]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-01-28"
    total = MANY + 2
    html = re.sub(r"\s+", " ", (await ds.client.get(f"/speaker/{rows[0]['speaker_id']}")).text)
    assert f"{total - 1} statements · {total} quotes in {total} articles" in html
    assert html.count('<a href="/statement/') == total - 1
