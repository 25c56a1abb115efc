"""Articles from the web: URLs, lists of URLs and RSS/Atom feeds read as documents.

A page's canonical URL (its ``<link rel=canonical>``, else where its redirects ended) is the
document's ``url`` and gives its id, so an article reached by several URLs is indexed once.
Each URL's ETag and Last-Modified are kept in the ``fetches`` table; a re-run asks the
server whether the page changed, and a 304 skips it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import sqlite_utils

from quotes.documents import Document, DocumentError, NotText, clean_fields, decode, repair_text
from quotes.fetch import Fetcher, FetchError, Response
from quotes.html import read_html

FETCHES = {
    "url": str,
    "document_id": str,
    "sha256": str,
    "etag": str,
    "last_modified": str,
    "fetched_at": str,
}
HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_:.-]+)""", re.I)


@dataclass
class Skipped:
    """A URL not indexed again: its page is unchanged, or an article already read in this run."""

    url: str
    reason: str  # "unchanged" or "duplicate"


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web page rather than a file."""
    return text.startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """``url`` without its fragment, with scheme and host in lower case."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def url_id(url: str) -> str:
    """A document id derived from a canonical URL: its host and a hash, the same on every run."""
    return f"{urlsplit(url).hostname}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def read_url_list(path: str | Path) -> tuple[list[str], list[DocumentError]]:
    """The URLs in a file of one URL a line (blank lines and # comments skipped)."""
    try:
        lines = Path(path).read_text("utf-8-sig").splitlines()
    except FileNotFoundError:
        return [], [DocumentError(str(path), "no such file")]
    except (OSError, UnicodeDecodeError) as e:
        return [], [DocumentError(str(path), f"cannot read the file ({getattr(e, 'strerror', None) or e})")]
    urls, errors = [], []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            urls.append(line)
        else:
            errors.append(DocumentError(f"{path}, line {number}", "is not an http:// or https:// URL"))
    return urls, errors


class WebReader:
    """Reads URLs and feeds into documents for one indexing run."""

    def __init__(self, db: sqlite_utils.Database, fetcher: Fetcher, fingerprint: str) -> None:
        self.db = db
        self.fetcher = fetcher
        self.fingerprint = fingerprint
        self.seen: dict[str, str] = {}  # document id → the URL that gave it, in this run
        if "fetches" not in db.table_names():
            db.table("fetches").create(FETCHES, pk="url")

    def feed_urls(self, feed: str) -> tuple[list[str], list[DocumentError]]:
        """The article links of the RSS or Atom feed at ``feed``."""
        import feedparser

        try:
            response = self.fetcher.get(feed)
        except FetchError as e:
            return [], [DocumentError(feed, str(e))]
        parsed = feedparser.parse(response.content)
        if not parsed.entries:
            return [], [DocumentError(feed, "is not an RSS or Atom feed with entries")]
        urls, errors = [], []
        for number, entry in enumerate(parsed.entries, 1):
            link = entry.get("link")
            if link and is_url(urljoin(response.url, link)):
                urls.append(urljoin(response.url, link))
            else:
                errors.append(DocumentError(f"{feed}, entry {number}", "has no http(s) link"))
        return list(dict.fromkeys(urls)), errors

    def read(self, url: str) -> Iterator[Document | DocumentError | Skipped]:
        """Fetch ``url`` and yield its document, a ``Skipped``, or a ``DocumentError``."""
        previous = self._previous_fetch(url)
        headers = {}
        if previous:
            if previous["etag"]:
                headers["If-None-Match"] = previous["etag"]
            if previous["last_modified"]:
                headers["If-Modified-Since"] = previous["last_modified"]
        try:
            response = self.fetcher.get(url, headers)
        except FetchError as e:
            yield DocumentError(url, str(e))
            return
        if response.status == 304 and previous:
            yield self._skip(url, previous["document_id"]) or Skipped(url, "unchanged")
            return
        try:
            doc = self._document(url, response)
        except ValueError as e:
            yield DocumentError(url, str(e))
            return
        skipped = self._skip(url, doc.id)
        if skipped:
            yield skipped
            return
        self._remember(url, doc, response)
        yield doc

    def _document(self, url: str, response: Response) -> Document:
        kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
        if kind not in HTML_TYPES:
            raise ValueError(f"is not an HTML page ({kind})")
        page = read_html(repair_text(decode_html(response)), url=response.url)
        if not page.text.strip():
            raise ValueError("has no text")
        canonical = canonical_url(response.url)
        found = page.fields.get("url")
        if found:
            declared = canonical_url(urljoin(response.url, found))
            # A canonical link to the site's home page from an article is a site's mistake,
            # and would make every article one duplicate of the first.
            if is_url(declared) and (urlsplit(declared).path != "/" or urlsplit(canonical).path == "/"):
                canonical = declared
        # The page's own fields, cleaned as a file's are; one that is no date is left out.
        fields, _ = clean_fields(page.fields, url)
        fields.pop("url", None)
        return Document(
            id=url_id(canonical),
            path=url,
            text=page.text,
            url=canonical,
            html_fallback=page.fallback,
            **fields,
        )

    def _skip(self, url: str, doc_id: str) -> Skipped | None:
        # The same article reached again in this run (a duplicate URL, a redirect to it).
        if doc_id in self.seen:
            return Skipped(url, "duplicate")
        self.seen[doc_id] = url
        return None

    def _previous_fetch(self, url: str) -> dict | None:
        """This URL's last fetch, when the article it gave is indexed as it was then."""
        rows = list(
            self.db.query(
                "select f.document_id, f.etag, f.last_modified from fetches f join documents d "
                "on d.id = f.document_id and d.sha256 = f.sha256 where f.url = ? and d.fingerprint = ?",
                [url, self.fingerprint],
            )
        )
        return rows[0] if rows else None

    def _remember(self, url: str, doc: Document, response: Response) -> None:
        with self.db.conn:
            self.db.conn.execute(
                "insert or replace into fetches (url, document_id, sha256, etag, last_modified, fetched_at) "
                "values (?, ?, ?, ?, ?, ?)",
                [
                    url,
                    doc.id,
                    doc.sha256,
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ],
            )


def decode_html(response: Response) -> str:
    """The page's text: in the charset its headers or its ``<meta charset>`` name, else UTF-8."""
    declared = re.search(r"charset=([\w.:-]+)", response.headers.get("content-type", ""), re.I)
    sniffed = _META_CHARSET.search(response.content[:4096])
    for charset in (declared and declared.group(1), sniffed and sniffed.group(1).decode(), "utf-8"):
        if not charset:
            continue
        try:
            return response.content.decode("utf-8-sig" if charset.lower() in ("utf-8", "utf8") else charset)
        except (LookupError, UnicodeDecodeError):
            continue
    # Not valid UTF-8 and no charset named: detected as a file's bytes are.
    try:
        return decode(response.content)
    except NotText:
        return response.content.decode("cp1252", "replace")
