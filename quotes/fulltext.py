"""The order in which search ranks the quotes matching a query: a quote's rowid.

``quotes_fts`` indexes ``quotes.text`` by the quote's rowid (FTS5 with an external content
table, as sqlite-utils makes it), and FTS5 reads a word's matches in rowid order. Each
quote's rowid is its rank, so a query asking for its matches in rowid order gets the best
first and stops after a page: every match is ranked, at the cost of reading one page.

The rank is BM25 with each searched word counted once per quote. Every match of a search
holds every searched word, so the words' weights (idf) add up to the same sum for all of
them, and the score, Σ idf · (k1 + 1) / (1 + k1 · (1 − b + b · |Q| / avg |Q|)), falls as
the quote's length |Q| grows: the shortest quote holding the words ranks first, the one in
which they weigh most. Counting a word once is what makes the order the same for every
query (a quote repeating a word is, for quotes, rarely the better match). Among quotes of
one length, the first indexed ranks first: a new quote goes after them, so rows are written
at the end of their length's range, and the table's pages stay full.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict

# A rowid: the quote's length in words, above ROW_BITS bits that count the quotes of one
# length in order of indexing.
ROW_BITS = 40
MAX_ROW = (1 << ROW_BITS) - 1
MAX_WORDS = (1 << (63 - ROW_BITS)) - 1
# Words as FTS5's unicode61 tokenizer splits them: runs of letters and digits.
_WORD = re.compile(r"[^\W_]+")


def length(text: str | None) -> int:
    """The length that ranks ``text``: its words, at least one and at most MAX_WORDS."""
    return min(max(len(_WORD.findall(text or "")), 1), MAX_WORDS)


def next_rowids(conn: sqlite3.Connection, texts: list[str | None]) -> list[int]:
    """The rowids of quotes of ``texts`` indexed now, in this order: each after the quotes
    as long."""
    last: dict[int, int] = {}
    rowids = []
    for text in texts:
        words = length(text)
        if words not in last:
            low = words << ROW_BITS
            found = conn.execute(
                "select max(rowid) from quotes where rowid between ? and ?", [low, low | MAX_ROW]
            )
            last[words] = found.fetchone()[0] or low - 1
        if last[words] == (words << ROW_BITS) | MAX_ROW:
            raise OverflowError(f"more than {MAX_ROW:,} quotes of {words} words")
        last[words] += 1
        rowids.append(last[words])
    return rowids


def in_search_order(conn: sqlite3.Connection) -> bool:
    """Whether every quote's rowid is its rank (an index made before is numbered in order
    of indexing)."""
    return conn.execute("select not exists (select 1 from quotes where rowid <= ?)", [MAX_ROW]).fetchone()[0]


def renumber(conn: sqlite3.Connection) -> None:
    """Give every quote its rank as rowid, keeping their order of indexing among equals,
    and rebuild the full-text index, keyed by rowid; inside the caller's transaction."""
    triggers = conn.execute(
        "select name, sql from sqlite_master where type = 'trigger' and name in ('quotes_ai', 'quotes_ad', 'quotes_au')"
    ).fetchall()
    for name, _ in triggers:  # the index is rebuilt once, not changed row by row
        conn.execute(f"drop trigger {name}")
    taken: dict[int, int] = defaultdict(int)
    moves = []
    for rowid, text in conn.execute("select rowid, text from quotes order by rowid").fetchall():
        words = length(text)
        moves.append(((words << ROW_BITS) | taken[words], rowid))
        taken[words] += 1
    conn.executemany("update quotes set rowid = ? where rowid = ?", moves)
    conn.execute("insert into quotes_fts (quotes_fts) values ('rebuild')")
    for _, sql in triggers:
        conn.execute(sql)
