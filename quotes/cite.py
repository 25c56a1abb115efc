"""Citing quotes: rows of the ``citations`` view, as a line of text or as CSL-JSON items.

CSL-JSON is the format Zotero, Mendeley, Pandoc and citeproc processors import. The one-line
citation itself is written in SQL by the view (quotes.views), so the database, the web pages
and the command line all give the same line.
"""
from __future__ import annotations

import re
import sqlite3
from typing import Iterable

from quotes.public import is_web_url

CSL_CONTENT_TYPE = "application/vnd.citationstyles.csl+json; charset=utf-8"
# Longest title made from the quote itself, for an article with no headline.
TITLE_FROM_QUOTE = 120
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def citation_rows(conn: sqlite3.Connection, ids: Iterable[str]) -> list[dict]:
    """The ``citations`` rows of the quotes ``ids``, in the order given; unknown ids are skipped."""
    ids = list(dict.fromkeys(str(i) for i in ids if i is not None))
    if not ids:
        return []
    found: dict[str, dict] = {}
    # SQLite allows 999 parameters in older builds: ask in chunks.
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        cursor = conn.execute(
            f"select * from citations where quote_id in ({', '.join('?' for _ in chunk)})", chunk
        )
        columns = [c[0] for c in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(columns, values))
            found[row["quote_id"]] = row
    return [found[i] for i in ids if i in found]


def absolute(permalink: str, base_url: str | None) -> str | None:
    """``permalink`` (a path such as /quote/ID) on the instance at ``base_url``, if one is given."""
    if not base_url:
        return None
    return base_url.rstrip("/") + permalink


def date_parts(published: str | None) -> list[int] | None:
    """[year, month, day] (as far as known) of an ISO 8601 date, or None."""
    match = _DATE.match(published or "")
    if not match:
        return None
    return [int(part) for part in match.groups() if part]


def csl_item(row: dict, base_url: str | None = None) -> dict:
    """A CSL-JSON item for one ``citations`` row: the quote, cited from its article.

    The speaker is the item's author: the quote is their words. The speaker's name goes in as
    a ``literal`` name, since splitting it into given and family names goes wrong for names like
    Kim Jong Un. Unknown fields are left out, as CSL-JSON expects.
    """
    text = " ".join((row.get("text") or "").split()).rstrip(",;: ")
    permalink = absolute(row["permalink"], base_url)
    item: dict = {
        "id": row["quote_id"],
        "type": "article-newspaper",
        "title": row.get("title") or _shorten(text, TITLE_FROM_QUOTE),
        "abstract": text,
        "note": row["citation"],
    }
    if row.get("outlet"):
        item["container-title"] = row["outlet"]
    if row.get("speaker"):
        item["author"] = [{"literal": row["speaker"]}]
    parts = date_parts(row.get("published"))
    if parts:
        item["issued"] = {"date-parts": [parts]}
    # The article's address; the quote's own page where the article has none.
    url = row.get("url") if is_web_url(row.get("url")) else permalink
    if url:
        item["URL"] = url
    if permalink:
        item["archive_location"] = permalink
    return item


def csl_items(rows: Iterable[dict], base_url: str | None = None) -> list[dict]:
    return [csl_item(row, base_url) for row in rows]


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
