"""Indexing articles from the web: URLs, --urls files and feeds, fetched politely from a
local server (a thread on 127.0.0.1) that serves the Wikinews pages in site furniture."""

import hashlib
import importlib.metadata
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import web_pages
from click.testing import CliRunner

from quotes.cli import cli
from quotes.db import open_db
from quotes.fetch import Fetcher, FetchError
from quotes.index import fingerprint, index_files
from quotes.web import WebReader, canonical_url, url_id

STEMS = ["GUM_news_asylum", "GUM_news_korea", "GUM_news_nasa"]
ARTICLES = web_pages.articles()


class Site(BaseHTTPRequestHandler):
    """A news site: articles, an AMP copy of each, a redirect, robots.txt, feeds and failures."""

    log: list = []
    hits: dict = {}
    robots = "User-agent: *\nDisallow: /private/\n"

    def do_GET(self):  # noqa: N802  (http.server's name)
        self.log.append((self.path, dict(self.headers), time.monotonic()))
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        path = self.path
        base = f"http://{self.headers['Host']}"
        if path == "/robots.txt":
            return self.send(200, self.robots, "text/plain")
        if path.startswith(("/a/", "/amp/", "/private/")):
            stem = path.rsplit("/", 1)[1].removesuffix(".html")
            if stem not in ARTICLES:
                return self.send(404, "not found", "text/plain")
            body = web_pages.page(stem, ARTICLES[stem], canonical=f"{base}/a/{stem}.html")
            etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, "", "text/html", {"ETag": etag})
            return self.send(200, body, "text/html; charset=utf-8", {"ETag": etag})
        if path.startswith("/misconfigured/"):
            stem = path.rsplit("/", 1)[1]
            return self.send(200, web_pages.page(stem, ARTICLES[stem], canonical=f"{base}/"), "text/html")
        if path.startswith("/old/"):
            return self.send(301, "", "text/html", {"Location": "/a/" + path[5:] + ".html"})
        if path == "/error":
            return self.send(500, "oops", "text/plain")
        if path == "/flaky":
            if self.hits[path] == 1:
                return self.send(503, "busy", "text/plain", {"Retry-After": "1"})
            return self.send(
                200, web_pages.page(STEMS[0], ARTICLES[STEMS[0]], f"{base}/a/{STEMS[0]}.html"), "text/html"
            )
        if path == "/slow":
            time.sleep(2)
            return self.send(200, "<p>late</p>", "text/html")
        if path == "/report.pdf":
            return self.send(200, "%PDF-1.4", "application/pdf")
        if path in ("/feed.xml", "/atom.xml"):
            items = [f"{base}/a/{stem}.html" for stem in STEMS[1:]]
            if path == "/feed.xml":
                entries = "".join(
                    f"<item><title>{s}</title><link>{u}</link></item>" for s, u in zip(STEMS, items)
                )
                feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>{entries}</channel></rss>'
            else:
                entries = "".join(
                    f'<entry><title>x</title><link href="{u}"/><id>{u}</id></entry>' for u in items
                )
                feed = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title>{entries}</feed>'
            return self.send(200, feed, "application/rss+xml")
        return self.send(404, "not found", "text/plain")

    def send(self, status, body, kind, headers=None):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if status != 304:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if status != 304:
            self.wfile.write(data)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up on /slow: expected, and not worth a traceback


@pytest.fixture
def site():
    """The base URL of a fresh site; its request log is ``Site.log``."""
    Site.log, Site.hits, Site.robots = [], {}, "User-agent: *\nDisallow: /private/\n"
    server = Server(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def index(*args):
    return CliRunner().invoke(cli, ["index", *map(str, args), "--delay", "0", "--timeout", "0.5"])


def test_urls_are_indexed_once_each_and_failures_named(site, tmp_path):
    db_path = tmp_path / "q.db"
    a, b = (f"{site}/a/{stem}.html" for stem in STEMS[:2])
    result = index(
        a,
        f"{site}/amp/{STEMS[0]}.html",
        f"{site}/old/{STEMS[1]}",
        f"{site}/error",
        f"{site}/slow",
        f"{site}/private/{STEMS[2]}.html",
        f"{site}/a/nothing.html",
        f"{site}/report.pdf",
        "--db",
        db_path,
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"Error: {site}/error: HTTP 500 Internal Server Error",
        f"Error: {site}/slow: timed out after 0.5s",
        f"Error: {site}/private/{STEMS[2]}.html: disallowed by the site's robots.txt",
        f"Error: {site}/a/nothing.html: HTTP 404 Not Found",
        f"Error: {site}/report.pdf: is not an HTML page (application/pdf)",
    ]
    assert result.stdout.startswith("2 articles indexed, 1 duplicate, 5 failed: ")
    db = open_db(db_path)
    docs = list(
        db.query(
            "select id, path, url, title, outlet, author, published, language from documents order by path"
        )
    )
    # The redirect and the AMP copy lead to the canonical pages: one document each.
    assert [(d["id"], d["url"]) for d in docs] == [(url_id(a), a), (url_id(b), b)]
    assert docs[0]["path"] == a and docs[1]["path"] == f"{site}/old/{STEMS[1]}"
    assert docs[0]["outlet"] == "The Morning Ledger" and docs[0]["author"] == "Wikinews contributors"
    assert docs[0]["published"] == "2015-05-18" and docs[0]["language"] == "en"
    assert docs[0]["title"] == ARTICLES[STEMS[0]].split("\n")[0]
    assert db.execute("select count(*) from quotes").fetchone()[0] > 0
    # Polite: a named user agent, robots.txt read once, a 500 retried with backoff then given up.
    assert all(
        headers["User-Agent"].startswith(f"quotes/{importlib.metadata.version('quotes-index')} ")
        for _, headers, _ in Site.log
    )
    assert Site.hits["/robots.txt"] == 1
    assert Site.hits["/error"] == 4
    assert f"/private/{STEMS[2]}.html" not in Site.hits


def test_rerun_asks_whether_pages_changed_and_skips_them(site, tmp_path):
    db_path = tmp_path / "q.db"
    urls = [f"{site}/a/{stem}.html" for stem in STEMS[:2]]
    assert index(*urls, "--db", db_path).exit_code == 0
    Site.log.clear()
    result = index(*urls, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("0 articles indexed, 2 unchanged: ")
    conditional = [h.get("If-None-Match") for path, h, _ in Site.log if path.startswith("/a/")]
    assert len(conditional) == 2 and all(conditional)


def test_feeds_and_url_files(site, tmp_path):
    db_path = tmp_path / "q.db"
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# today\n{site}/a/{STEMS[0]}.html\n\nnot a url\n", encoding="utf-8")
    result = index(
        "--urls",
        listed,
        "--feed",
        f"{site}/feed.xml",
        "--feed",
        f"{site}/atom.xml",
        "--feed",
        f"{site}/a/{STEMS[0]}.html",
        "--db",
        db_path,
    )
    assert result.stderr.splitlines() == [
        f"Error: {listed}, line 4: is not an http:// or https:// URL",
        f"Error: {site}/a/{STEMS[0]}.html: is not an RSS or Atom feed with entries",
    ]
    assert result.stdout.startswith("3 articles indexed, 2 failed: ")
    urls = [r[0] for r in open_db(db_path).execute("select url from documents order by url")]
    assert urls == sorted(f"{site}/a/{stem}.html" for stem in STEMS)


def test_retry_after_and_per_host_delay_are_honoured(site):
    fetcher = Fetcher(delay=0.3, timeout=5)
    started = time.monotonic()
    response = fetcher.get(f"{site}/flaky")
    assert response.status == 200 and time.monotonic() - started >= 1.0
    fetcher.get(f"{site}/a/{STEMS[0]}.html")
    times = [t for _, _, t in Site.log]
    # Received at least the delay apart, less the jitter of a first connection.
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:])), times
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        fetcher.get(f"{site}/missing")


def test_a_crawl_delay_in_robots_txt_spaces_requests(site):
    Site.robots = "User-agent: quotes\nCrawl-delay: 1\n"
    fetcher = Fetcher(delay=0)
    for stem in STEMS[:2]:
        fetcher.get(f"{site}/a/{stem}.html")
    times = [t for path, _, t in Site.log if path.startswith("/a/")]
    assert times[1] - times[0] >= 0.95


def test_a_canonical_link_to_the_home_page_is_not_trusted(site, tmp_path, nlp):
    db = open_db(tmp_path / "q.db")
    urls = [f"{site}/misconfigured/{stem}" for stem in STEMS[:2]]
    reader = WebReader(db, Fetcher(delay=0), fingerprint(nlp))
    summary = index_files(db, urls, nlp, web=reader)
    assert (summary.articles, summary.duplicates) == (2, 0)
    assert [r[0] for r in db.execute("select url from documents order by url")] == urls


def test_canonical_url_and_id_are_stable():
    assert canonical_url("HTTPS://Example.COM/news/a?id=3#comments") == "https://example.com/news/a?id=3"
    assert url_id("https://example.com/news/a") == url_id("https://example.com/news/a")
    assert url_id("https://example.com/news/a").startswith("example.com-")
    assert url_id("https://example.com/news/a") != url_id("https://example.com/news/b")


def test_pages_are_decoded_in_the_charset_they_name():
    from httpx import Headers

    from quotes.fetch import Response
    from quotes.web import decode_html

    text = "<p>“Ça va,” said Zoë.</p>"

    def decoded(content, content_type="text/html"):
        return decode_html(Response("http://x/", 200, Headers({"content-type": content_type}), content))

    assert decoded(text.encode("utf-8")) == text
    assert decoded(text.encode("cp1252"), "text/html; charset=windows-1252") == text
    meta = '<meta charset="iso-8859-15"><p>Zoë</p>'
    assert decoded(meta.encode("iso-8859-15")) == meta
    # No charset named and not UTF-8: the web's usual legacy encoding.
    assert decoded(text.encode("cp1252")) == text
