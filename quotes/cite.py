"""Citing quotes: rows of the ``citations`` view, as a line of text or as CSL-JSON items.

CSL-JSON is the format Zotero, Mendeley, Pandoc and citeproc processors import. The one-line
citation itself is written in SQL by the view (quotes.views), so the database, the web pages
and the command line all give the same line.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from quotes.public import is_web_url

CSL_CONTENT_TYPE = "application/vnd.citationstyles.csl+json; charset=utf-8"
# Longest title made from the quote itself, for an article with no headline.
TITLE_FROM_QUOTE = 120
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# "By Jane Doe and Sam Roe", "Jane Doe, Sam Roe & Al Poe": one name between each.
_BY = re.compile(r"^\s*by\s+", re.I)
_NAME_SEPARATOR = re.compile(r"\s*(?:;|,|&|\band\b)\s*", re.I)


def citation_rows(conn: sqlite3.Connection, ids: Iterable[str]) -> list[dict]:
    """The ``citations`` rows of the quotes ``ids``, in the order given; unknown ids are skipped."""
    ids = list(dict.fromkeys(str(i) for i in ids if i is not None))
    if not ids:
        return []
    found: dict[str, dict] = {}
    # SQLite allows 999 parameters in older builds: ask in chunks.
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
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


def byline_names(author: str | None) -> list[dict]:
    """CSL names of a byline ("By Jane Doe and Sam Roe"), each a ``literal`` name, since
    splitting a name into given and family names goes wrong for names like Kim Jong Un."""
    names = _NAME_SEPARATOR.split(_BY.sub("", author or ""))
    return [{"literal": name} for name in names if name.strip()]


def csl_item(row: dict, base_url: str | None = None) -> dict:
    """A CSL-JSON item for one ``citations`` row: the article, with the quote in it.

    As citation managers expect, the item is the article: its byline is the author, the
    outlet the container, the publication date the date issued. The speaker and the quote go
    in ``note`` (the citation line) and ``abstract``, where Zotero keeps such detail, so a
    default style prints a correct reference to the article. Unknown fields are left out, as
    CSL-JSON expects.
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
    authors = byline_names(row.get("author"))
    if authors:
        item["author"] = authors
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
