"""Searching the index from the terminal with the web's search_quotes query and ranking."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import click
from datasette.utils import escape_fts

from quotes import plugin
from quotes.views import SEARCH_QUOTES

# Only the speaker's quotes compete for the page: this joins the ranked matches before their
# limit, and finds the speaker as quotes_by_speaker does (any run of whole words of a name
# the speaker goes by, spelling-insensitive).
SPEAKER_FILTER = """and rowid in (
    select q.rowid from quotes q where q.speaker_id in (
      select a.speaker_id from speaker_aliases a
      where quotes_name_key(:speaker) != ''
        and instr(' ' || a.key || ' ', ' ' || quotes_name_key(:speaker) || ' ') > 0
    )
  )
  """
# Control characters from an article would drive the terminal (clear it, recolour it).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# What json.dumps leaves raw with ensure_ascii=False and a terminal or an encoder chokes on.
UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\ud800-\udfff]")
MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


class SearchError(Exception):
    """The index cannot be searched."""


def search_sql(speaker: bool = False) -> str:
    """The web's search_quotes query, keeping only a speaker's quotes when ``speaker``."""
    if not speaker:
        return SEARCH_QUOTES
    sql, found = re.subn(r"\border by rowid\b", SPEAKER_FILTER + "order by rowid", SEARCH_QUOTES)
    assert found == 1, "search_quotes no longer ranks its matches with 'order by rowid'"
    return sql


def connect(db_path: str | Path) -> sqlite3.Connection:
    """Open the index read-only with the SQL functions the web's queries use."""
    path = Path(db_path)
    if not path.is_file():
        raise SearchError(f"{db_path}: no such index")
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    # Datasette registers escape_fts; the plugin adds its own functions (and may replace it).
    conn.create_function("escape_fts", 1, escape_fts, deterministic=True)
    plugin.prepare_connection(conn)
    return conn


def search(db_path: str | Path, words: str, speaker: str | None = None, limit: int = 10) -> list[dict]:
    """The best ``limit`` matches for ``words`` (at most a web page's), ranked as on the web."""
    conn = connect(db_path)
    try:
        cursor = conn.execute(search_sql(speaker is not None), {"q": words, "speaker": speaker})
        return [dict(row) for row in cursor.fetchmany(limit)]
    except sqlite3.DatabaseError as e:
        raise SearchError(f"{db_path}: cannot search it as a quotes index ({e})") from None
    finally:
        conn.close()


def format_hit(row: dict) -> str:
    """One hit for the terminal: speaker, role: “snippet”, the match in bold; then outlet, date,
    id, and the statement when it has other reports."""
    name, role = printable(row["speaker"] or ""), printable(row["role"] or "")
    # The role is left out when the name says it already (one Ukrainian drone commander).
    who = ", ".join(p for p in (name, role if role.lower() not in name.lower() else "") if p)
    # The snippet is the quote's text with <mark> around the matched words; the web's query
    # may escape the text for HTML, which is undone here.
    parts = MARK.split(row["snippet"])
    snippet = "".join(
        click.style(unescape(p), bold=True) if i % 2 else unescape(p) for i, p in enumerate(parts)
    )
    # As in a citation, only direct quotes get quotation marks.
    quoted = {"direct": f"“{snippet}”", "indirect": f"{snippet} (paraphrase)"}.get(row["kind"], snippet)
    said = f"{who}: {quoted}" if who else quoted
    source = [row["outlet"], (row["published"] or "")[:10], f"quote {row['quote_id']}"]
    if (row.get("reports") or 1) > 1:
        # The other reports are on the statement's page.
        source.append(f"one of {row['reports']} reports of statement {row['statement_id']}")
    return f"{said}\n  " + printable(", ".join(p for p in source if p))


def unescape(text: str) -> str:
    """Printable ``text``, with the HTML escaping of a snippet undone."""
    return printable(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def printable(text: str) -> str:
    """``text`` with each control character, newlines included, replaced by a space."""
    return CONTROL.sub(" ", text)


def to_json(rows: list[dict]) -> str:
    """The rows as JSON, readable, and safe to print whatever the articles held."""
    text = json.dumps(rows, indent=2, ensure_ascii=False)
    return UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
