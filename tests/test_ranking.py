"""Search ranks every match: a quote's rowid is its rank (quotes/fulltext.py)."""

from __future__ import annotations

import random
import sqlite3

import pytest

from quotes import db as quotes_db
from quotes import fulltext, statements
from quotes.check import check
from quotes.documents import Document
from quotes.quote import Quote
from quotes.search import search

WORDS = [
    "boats",
    "cargo",
    "crane",
    "dock",
    "ferry",
    "fleet",
    "freight",
    "gate",
    "hull",
    "jetty",
    "keel",
    "mast",
    "pier",
    "quay",
    "rope",
    "sail",
    "tide",
    "tug",
    "wharf",
]


def article(number: int, texts: list[str], published: str = "2024-01-01") -> tuple[Document, list[Quote]]:
    quotes, at = [], 0
    for text in texts:
        speaker = f"Speaker {number % 7}"
        quotes.append(
            Quote(
                kind="direct",
                start=at,
                end=at + len(text),
                text=text,
                speaker=speaker,
                speaker_kind="person",
                speaker_aliases=[speaker],
            )
        )
        at += len(text) + 1
    doc = Document(id=f"a{number:05d}", path=f"a{number:05d}.txt", text=" ".join(texts), published=published)
    return doc, quotes


def write(path, articles) -> None:
    db = quotes_db.open_db(path)
    for start in range(0, len(articles), 200):
        quotes_db.write_documents(db, articles[start : start + 200], "test")
    db.close()


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """One short quote about the harbour, then 2,100 longer ones, each different, indexed
    after it: more matches than any cut of the most recent would rank."""
    path = tmp_path_factory.mktemp("ranking") / "quotes.db"
    rnd = random.Random(4)
    later = [
        article(n, [f"the harbour and the ships {' '.join(rnd.choices(WORDS, k=10))} number {n}"])
        for n in range(1, 2101)
    ]
    write(path, [article(0, ["the harbour and the ships"], "2020-01-01"), *later])
    return path


def test_the_best_match_is_ranked_first_however_many_newer_ones_match(crowded):
    rows = search(crowded, "harbour", limit=50)
    assert rows[0]["quote_id"] == quotes_db.quote_id(
        "a00000", article(0, ["the harbour and the ships"])[1][0]
    )
    assert len(rows) == 50


def test_a_claim_of_common_words_finds_the_quote_among_all_matches(crowded):
    conn = sqlite3.connect(crowded)
    conn.row_factory = sqlite3.Row
    result = check(conn, "the harbour and the ships")
    assert result["verdict"] == "verbatim"
    assert result["matches"][0]["text"] == "the harbour and the ships"


def test_rowids_rank_shorter_quotes_first_then_first_indexed(tmp_path):
    path = tmp_path / "quotes.db"
    write(path, [article(1, ["one two three"]), article(2, ["one two three four five"])])
    write(path, [article(3, ["six seven eight"])])
    conn = sqlite3.connect(path)
    order = [t for (t,) in conn.execute("select text from quotes order by rowid")]
    assert order == ["one two three", "six seven eight", "one two three four five"]
    assert [r >> fulltext.ROW_BITS for (r,) in conn.execute("select rowid from quotes order by rowid")] == [
        3,
        3,
        5,
    ]


def test_an_index_numbered_in_order_of_indexing_is_renumbered_when_opened(tmp_path):
    path = tmp_path / "quotes.db"
    write(path, [article(1, ["a longer quote about the harbour today"]), article(2, ["the harbour"])])
    conn = sqlite3.connect(path)
    # As indexes were numbered before: 1, 2, ... in order of indexing.
    for new, (old,) in enumerate(conn.execute("select rowid from quotes order by rowid desc").fetchall(), 1):
        conn.execute("update quotes set rowid = ? where rowid = ?", [new, old])
    conn.execute("insert into quotes_fts (quotes_fts) values ('rebuild')")
    statements.rebuild_keys(conn)
    conn.commit()
    assert [t for (t,) in conn.execute("select text from quotes order by rowid")][0].startswith("a longer")
    conn.close()
    quotes_db.open_db(path).close()
    conn = sqlite3.connect(path)
    assert fulltext.in_search_order(conn)
    conn.execute("insert into quotes_fts (quotes_fts) values ('integrity-check')")
    # The statements' keys name their quotes by the new rowids.
    assert conn.execute(
        "select count(*) from statement_keys where quote not in (select rowid from quotes)"
    ).fetchone() == (0,)
    assert conn.execute("select count(distinct quote) from statement_keys").fetchone() == (2,)
    assert [r["snippet"] for r in search(path, "harbour")] == [
        "the <mark>harbour</mark>",
        "a longer quote about the <mark>harbour</mark> today",
    ]
