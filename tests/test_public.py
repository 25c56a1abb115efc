"""Safe to serve in public: hostile articles, hostile queries, hostile requests, live indexing."""

import asyncio
import html
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT

from quotes.serve import datasette

HOSTILE_URLS = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
]
SCRIPT_ARTICLE = {
    "id": "hostile",
    "title": "Council <b>votes</b>",
    "text": (
        "Council votes\n\n"
        "“The <script>alert(1)</script> budget is expendable & final,” said Mayor Ana Ortiz.\n"
    ),
}


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, nlp):
    """An index of an article whose text holds markup; its url is set by each test."""
    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    root = tmp_path_factory.mktemp("hostile")
    (root / "articles.jsonl").write_text(json.dumps(SCRIPT_ARTICLE) + "\n", encoding="utf-8")
    path = root / "hostile.db"
    index_files(open_db(path), find_files([root / "articles.jsonl"]), nlp)
    return path


def set_url(path, url):
    # Set in the file, as any index may hold it: serving must be safe whatever was read.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("update documents set url = ?", [url])
    conn.close()


def is_web_or_local(href):
    """Whether a link goes to a web page or to this site, as a browser reads it."""
    target = re.sub(r"[\x00-\x20]", "", href).lower()
    if target.startswith("//"):  # another site, whatever the scheme
        return False
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", target)
    return scheme is None or scheme.group(1) in ("http", "https")


def quote_of(path):
    conn = sqlite3.connect(path)
    return conn.execute("select id, speaker_id from quotes").fetchone()


# 12. Only http(s) URLs become links ---------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS)
async def test_a_url_that_is_not_http_is_never_a_link_nor_a_csl_url(hostile_db, url):
    set_url(hostile_db, url)
    quote_id, speaker_id = quote_of(hostile_db)
    ds = datasette(hostile_db)
    name = hostile_db.stem
    pages = [
        f"/quote/{quote_id}",
        f"/speaker/{speaker_id}",
        f"/{name}/citations",
        f"/{name}/documents/hostile",
    ]
    for path in pages:
        response = await ds.client.get(path)
        assert response.status_code == 200, path
        hrefs = [html.unescape(h) for h in re.findall(r'(?:href|src|action)="([^"]*)"', response.text)]
        assert all(is_web_or_local(h) for h in hrefs), (path, hrefs)
        assert "<script>alert" not in response.text, path
    # The address is still shown, as text.
    page = (await ds.client.get(f"/quote/{quote_id}")).text
    assert "Council &lt;b&gt;votes&lt;/b&gt;" in page
    (item,) = json.loads((await ds.client.get(f"/{name}/citations.csl?quote_id={quote_id}")).text)
    assert item["URL"] == f"http://localhost/quote/{quote_id}"


async def test_an_http_url_is_a_link_and_the_csl_url(hostile_db):
    set_url(hostile_db, "https://example.com/budget?a=1&b=2")
    quote_id, _ = quote_of(hostile_db)
    ds = datasette(hostile_db)
    page = (await ds.client.get(f"/quote/{quote_id}")).text
    assert '<a href="https://example.com/budget?a=1&amp;b=2" rel="nofollow">' in page
    (item,) = json.loads((await ds.client.get(f"/{hostile_db.stem}/citations.csl?quote_id={quote_id}")).text)
    assert item["URL"] == "https://example.com/budget?a=1&b=2"


# 13. Snippets are escaped text with highlight marks --------------------------------------


async def test_search_snippets_are_escaped_text_with_only_the_marks(hostile_db):
    ds = datasette(hostile_db)
    name = hostile_db.stem
    rows = (await ds.client.get(f"/{name}/search_quotes.json?q=budget&_shape=array")).json()
    (snippet,) = [r["snippet"] for r in rows]
    assert (
        snippet == "The &lt;script&gt;alert(1)&lt;/script&gt; <mark>budget</mark> is expendable &amp; final,"
    )
    # The HTML page shows the same text, escaped once, not twice.
    html = (await ds.client.get(f"/{name}/search_quotes?q=script")).text
    cell = re.search(r'<td class="col-snippet[^"]*">(.*?)</td>', html, re.S).group(1).strip()
    assert (
        cell
        == "The &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; budget is expendable &amp; final,"
    )


async def test_a_snippet_column_from_arbitrary_sql_is_escaped(hostile_db):
    ds = datasette(hostile_db)
    html = (
        await ds.client.get(
            f"/{hostile_db.stem}",
            params={
                "sql": "select '<script>alert(1)</script> &amp; <mark>x</mark>' as snippet",
            },
        )
    ).text
    cell = re.search(r'<td class="col-snippet[^"]*">(.*?)</td>', html, re.S).group(1).strip()
    assert cell == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>x</mark>"


# 14. What one query can build and return is bounded -----------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "select printf('%.*c', 900000000, 'x') as v",
        "select zeroblob(900000000) as v",
        "select replace(printf('%.*c', 9000000, 'x'), 'x', 'xxxxxxxxxx') as v",
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 200)"
        " select group_concat(printf('%.*c', 1000000, 'x'), '') as v from n",
    ],
)
async def test_no_query_builds_a_huge_value(seeds_db, sql):
    ds = datasette(seeds_db)
    response = await ds.client.get(f"/{seeds_db.stem}.json", params={"sql": sql, "_shape": "array"})
    assert len(response.content) < 1000
    if response.status_code == 200:  # printf answers NULL past the limit
        assert response.json() == [{"v": None}]
    else:
        assert response.status_code == 400
        assert "string or blob too big" in response.json()["error"]


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("instr(printf('%.*c', 4000000, 'a'), printf('%.*c', 2000000, 'a') || 'b')", 0),
        ("instr('abcabc', 'ca')", 3),
        ("instr(x'00010203', x'0203')", 3),
        ("length(replace(printf('%.*c', 4000000, 'a'), printf('%.*c', 2000000, 'a') || 'b', ''))", 4_000_000),
        ("replace('a-b-c', '-', '+')", "a+b+c"),
        ("length(trim(printf('%.*c', 4000000, 'a') || 'c', printf('%.*c', 2000000, 'b') || 'a'))", 1),
        ("trim('xxhixx', 'x') || ltrim('xxhi', 'x') || rtrim('hixx', 'x') || trim('  hi  ')", "hihihihi"),
        ("printf('%.*c', 900000000, 'x')", None),
        ("format('%900000000d', 1)", None),
        ("printf('%05.1f|%s|%d%%|%*d', 3.14159, 'ok', 7, 3, 4)", "003.1|ok|7%|  4"),
    ],
)
async def test_functions_answer_at_once_whatever_their_arguments(seeds_db, expression, expected):
    ds = datasette(seeds_db)
    started = time.perf_counter()
    response = await ds.client.get(
        f"/{seeds_db.stem}.json", params={"sql": f"select {expression} as v", "_shape": "array"}
    )
    assert time.perf_counter() - started < 3
    assert response.json() == [{"v": expected}]


async def test_no_query_returns_more_than_the_result_budget(seeds_db):
    from quotes.public import MAX_RESULT_BYTES

    ds = datasette(seeds_db)
    # 1,000 rows of 1 MB each: 1 GB unless the rows are counted.
    response = await ds.client.get(
        f"/{seeds_db.stem}.json",
        params={
            "sql": (
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000)"
                " select printf('%.*c', 1000000, 'x') as v from n"
            )
        },
    )
    assert response.status_code == 400
    assert len(response.content) < 2000
    error = response.json()["error"]
    assert f"more than {MAX_RESULT_BYTES // 2**20} MB" in error
    # Within the budget all is as usual.
    rows = (
        await ds.client.get(
            f"/{seeds_db.stem}.json",
            params={
                "sql": (
                    "with recursive n(i) as (select 1 union all select i + 1 from n where i < 5)"
                    " select printf('%.*c', 1000000, 'x') as v from n"
                ),
                "_shape": "array",
            },
        )
    ).json()
    assert [len(r["v"]) for r in rows] == [1_000_000] * 5
    # Counted as they are sent: a control character takes six bytes in JSON.
    response = await ds.client.get(
        f"/{seeds_db.stem}.json",
        params={
            "sql": f"select printf('%.*c', {MAX_RESULT_BYTES // 4}, char(1)) as v",
        },
    )
    assert response.status_code == 400 and len(response.content) < 2000


async def test_pages_and_search_work_within_the_limits(seeds_db):
    ds = datasette(seeds_db)
    name = seeds_db.stem
    documents = (await ds.client.get(f"/{name}/documents.json?_shape=array&_size=max")).json()
    assert len(documents) == 4 and all(len(d["text"]) > 1000 for d in documents)
    rows = (await ds.client.get(f"/{name}/search_quotes.json?q=expendable&_shape=array")).json()
    assert len(rows) >= 2


# 15. Arbitrary SQL cannot starve the canned searches --------------------------------------

SLOW_SQL = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"


async def test_slow_arbitrary_queries_leave_a_thread_for_the_searches(seeds_db):
    from quotes.public import ARBITRARY_SQL_TIME_LIMIT_MS

    ds = datasette(seeds_db, num_sql_threads=2)
    name = seeds_db.stem

    async def slow():
        start = time.perf_counter()
        response = await ds.client.get(f"/{name}.json", params={"sql": SLOW_SQL})
        assert response.status_code == 400 and "too long" in response.json()["error"]
        return time.perf_counter() - start

    slow_ones = [asyncio.create_task(slow()) for _ in range(4)]
    await asyncio.sleep(0.2)  # they hold whatever threads they may have
    searches = []
    for _ in range(3):
        start = time.perf_counter()
        response = await ds.client.get(f"/{name}/search_quotes.json?q=expendable&_shape=array")
        assert response.status_code == 200
        searches.append(time.perf_counter() - start)
    durations = await asyncio.gather(*slow_ones)
    # The arbitrary queries waited for each other (one at a time on two threads) ...
    assert max(durations) >= 3 * ARBITRARY_SQL_TIME_LIMIT_MS / 1000
    # ... while every search found a thread at once.
    assert max(searches) < ARBITRARY_SQL_TIME_LIMIT_MS / 1000 / 2, searches


async def test_arbitrary_sql_has_a_lower_time_limit_than_canned_queries(seeds_db, capfd):
    from quotes.public import ARBITRARY_SQL_TIME_LIMIT_MS

    ds = datasette(seeds_db)
    settings = (await ds.client.get("/-/settings.json")).json()
    assert settings["sql_time_limit_ms"] > ARBITRARY_SQL_TIME_LIMIT_MS
    start = time.perf_counter()
    response = await ds.client.get(f"/{seeds_db.stem}.json", params={"sql": SLOW_SQL})
    took = time.perf_counter() - start
    assert response.status_code == 400
    assert ARBITRARY_SQL_TIME_LIMIT_MS / 1000 <= took < settings["sql_time_limit_ms"] / 1000
    # A visitor's mistake is answered, not logged with a traceback (which costs seconds).
    assert "Traceback" not in capfd.readouterr().out


# 16. A configured base URL decides permalinks -------------------------------------------


async def test_configured_base_url_decides_permalinks_whatever_the_host(dated_db):
    conn = sqlite3.connect(dated_db)
    (quote_id,) = conn.execute("select id from quotes where text like '%expendable%'").fetchone()
    headers = {"Host": "evil.example", "X-Forwarded-Proto": "gopher"}
    ds = datasette(dated_db, base_url="https://quotes.example.org/")
    page = (await ds.client.get(f"/quote/{quote_id}", headers=headers)).text
    assert f'<link rel="canonical" href="https://quotes.example.org/quote/{quote_id}">' in page
    assert "evil.example" not in page
    (item,) = json.loads(
        (await ds.client.get(f"/{dated_db.stem}/citations.csl?quote_id={quote_id}", headers=headers)).text
    )
    assert item["archive_location"] == f"https://quotes.example.org/quote/{quote_id}"


async def test_base_url_from_the_environment_and_checked(dated_db, monkeypatch):
    from quotes.public import BaseUrlError, check_base_url

    monkeypatch.setenv("QUOTES_BASE_URL", "http://quotes.test")
    conn = sqlite3.connect(dated_db)
    (quote_id,) = conn.execute("select id from quotes where text like '%expendable%'").fetchone()
    page = (await datasette(dated_db).client.get(f"/quote/{quote_id}", headers={"Host": "evil.example"})).text
    assert f'<link rel="canonical" href="http://quotes.test/quote/{quote_id}">' in page
    assert check_base_url("https://quotes.example.org/") == "https://quotes.example.org"
    for bad in ("javascript:alert(1)", "quotes.example.org", "https://", "https://x.org/?a=1"):
        with pytest.raises(BaseUrlError, match="base URL"):
            check_base_url(bad)


# 17. Serving a file that is being indexed ------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_quotes_serve_shows_each_new_batch_of_a_file_being_indexed(tmp_path, nlp):
    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("“We are ready,” said Mayor Ana Ortiz.\n", encoding="utf-8")
    path = tmp_path / "live.db"
    index_files(open_db(path), find_files([folder]), nlp)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "quotes", "serve", str(path), "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port)).close()
                break
            except OSError:
                time.sleep(0.1)
        count = f"{base}/live.json?sql=select+count(*)+as+n+from+quotes&_shape=array"
        assert json.loads(get(count)[1]) == [{"n": 1}]
        for i, name in enumerate(["Tom Reyes", "Amy Tan"], start=2):
            (folder / f"{i}.txt").write_text(
                f"“Nobody should travel tonight,” said {name}.\n", encoding="utf-8"
            )
            index_files(open_db(path), find_files([folder]), nlp)
            assert json.loads(get(count)[1]) == [{"n": i}]
            quote_id = (
                sqlite3.connect(path)
                .execute("select id from quotes where document_id = ?", [str(i)])
                .fetchone()[0]
            )
            status, page = get(f"{base}/quote/{quote_id}")
            assert status == 200 and name in page
        assert json.loads(get(f"{base}/-/databases.json")[1])[0]["is_mutable"] is True
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert b"Traceback" not in server.stderr.read()


# 23. Hostile paths and searches get 404 or an empty result --------------------------------


async def asgi_get(ds, raw_path):
    """A request as a server passes it on, without the client tidying the path."""
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": raw_path,
        "raw_path": raw_path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await ds.app()(scope, receive, send)
    return sent[0]["status"]


@pytest.mark.parametrize(
    "raw_path",
    ["/..", "/../..", "/seeds/..", "/quote/..", "/speaker/..", "/seeds/../../etc/passwd", "/./seeds"],
)
async def test_dot_segments_are_404(seeds_db, raw_path):
    ds = datasette(seeds_db)
    assert await asgi_get(ds, raw_path.replace("/seeds", f"/{seeds_db.stem}")) == 404


async def test_a_speaker_id_too_large_for_sqlite_is_404(seeds_db):
    ds = datasette(seeds_db)
    assert (await ds.client.get("/speaker/" + "1" * 30)).status_code == 404


@pytest.mark.parametrize("search", ['"', '""', '" "', '"""'])
async def test_a_search_of_only_quotation_marks_finds_nothing(seeds_db, search):
    ds = datasette(seeds_db)
    response = await ds.client.get(
        f"/{seeds_db.stem}/quote_search.json", params={"_search": search, "_shape": "array"}
    )
    assert response.status_code == 200
    assert response.json() == []
    page = await ds.client.get(f"/{seeds_db.stem}/quote_search", params={"_search": search})
    assert page.status_code == 200
