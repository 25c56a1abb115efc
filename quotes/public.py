"""Limits that make an instance safe to serve in public.

A visitor may run any read-only SQL, so what one query can build, return and occupy is
bounded here: the size of any value (SQLite's length limit), the size of one query's rows,
the time arbitrary SQL may run, and how many arbitrary queries run at once, so that the
canned searches always find a thread. Requests that no route can answer (``..`` in the path)
get a 404, and a search of nothing but quotation marks finds nothing instead of an FTS5
syntax error.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import urllib.parse
import weakref

from quotes import bounded_functions

# The longest string or blob any expression may build or any query may read. Articles are
# far shorter; printf('%.*c', 900000000, 'x') answers NULL and zeroblob an error instead of
# a 900 MB value.
MAX_VALUE_BYTES = 8 * 2**20
# The most bytes the values of one query's rows may take in JSON: max_returned_rows values
# of MAX_VALUE_BYTES each would otherwise be gigabytes.
MAX_RESULT_BYTES = 16 * 2**20
# Arbitrary SQL (?sql= or ?_where=) stops sooner than the canned queries and table pages.
ARBITRARY_SQL_TIME_LIMIT_MS = 1000
# Query-string parameters that carry SQL written by the visitor.
ARBITRARY_SQL_PARAMETERS = ("sql", "_where")


class ResultTooLarge(sqlite3.DataError):
    """A query's rows hold more than MAX_RESULT_BYTES."""


def limit_connection(conn: sqlite3.Connection) -> None:
    """Bound the size of any value ``conn`` builds and of the rows any one query returns."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    bounded_functions.register(conn, MAX_VALUE_BYTES)
    make_row = conn.row_factory or (lambda cursor, row: row)
    # Datasette runs one query at a time on a connection: count the current cursor's rows.
    current: dict = {"cursor": lambda: None, "size": 0}

    def counted_row(cursor, row):
        if current["cursor"]() is not cursor:
            current["cursor"], current["size"] = weakref.ref(cursor), 0
        current["size"] += sum(json_size(v) for v in row)
        if current["size"] > MAX_RESULT_BYTES:
            raise ResultTooLarge(
                f"the results hold more than {MAX_RESULT_BYTES // 2**20} MB: "
                "ask for fewer rows (_size=, limit) or shorter values (substr)"
            )
        return make_row(cursor, row)

    conn.row_factory = counted_row


def json_size(value) -> int:
    """About how many bytes ``value`` takes in Datasette's JSON."""
    if isinstance(value, str):
        # A control character is six bytes in JSON (\u0001), a non-ASCII one up to twelve.
        return len(value) if value.isascii() and value.isprintable() else len(json.dumps(value))
    if isinstance(value, bytes):
        return len(value) * 4 // 3 + 4  # base64
    return 8


def escape_search(query: str) -> str:
    """Datasette's escape_fts, except that a query of only quotation marks finds nothing.

    escape_fts turns ``"`` or ``""`` into an empty string, an FTS5 syntax error; ``""`` is
    a phrase of no words, which matches nothing.
    """
    from datasette.utils import escape_fts  # here: the command line need not load Datasette

    return escape_fts(query) or '""'


class BaseUrlError(ValueError):
    """A configured base URL that is not an absolute http(s) address."""


def check_base_url(url: str) -> str:
    """``url`` without its trailing slash, if it is an http(s) address with a host."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise BaseUrlError(
            f"{url!r} is not a base URL: give the scheme and host the public sees, "
            "e.g. https://quotes.example.org"
        )
    return url.strip().rstrip("/")


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is an absolute http(s) address, the only kind that becomes a link."""
    if not url or any(ord(c) <= 32 or c == "\x7f" for c in url):
        # Browsers drop controls and spaces from an href, so java\tscript: is javascript:.
        return False
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def is_arbitrary_sql(query: dict[str, list[str]]) -> bool:
    return any(query.get(name, [""])[0].strip() for name in ARBITRARY_SQL_PARAMETERS)


def quiet_user_errors() -> None:
    """Stop Datasette printing a traceback with every local variable for each error.

    When rich is installed (spaCy brings it), Datasette's error handler prints one for every
    400 and 404 too, in the event loop: seconds of CPU per hostile query, during which no
    other request is answered. Unexpected errors (500) still print a plain traceback.
    """
    import datasette.handle_exception

    datasette.handle_exception.rich = None


def has_dot_segment(path: str) -> bool:
    return any(segment in (".", "..") for segment in urllib.parse.unquote(path).split("/"))


async def not_found(send) -> None:
    body = b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>"
    await send(
        {
            "type": "http.response.start",
            "status": 404,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def with_query(scope: dict, query: dict[str, list[str]]) -> dict:
    return {**scope, "query_string": urllib.parse.urlencode(query, doseq=True).encode("ascii")}


def guard(app, sql_threads: int):
    """ASGI middleware: 404 for dot segments; arbitrary SQL with its own time limit, and at
    most ``sql_threads - 1`` such requests at once, so a thread is always left for the rest."""
    arbitrary = None  # made on first use, inside the server's event loop

    async def guarded(scope, receive, send):
        nonlocal arbitrary
        if scope["type"] != "http":
            return await app(scope, receive, send)
        raw_path = scope.get("raw_path") or scope["path"].encode()
        if has_dot_segment(scope["path"]) or has_dot_segment(raw_path.decode("latin-1")):
            return await not_found(send)
        query = urllib.parse.parse_qs(
            scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True
        )
        given = query.get("_timelimit", [""])[0]
        if not is_arbitrary_sql(query):
            if given and not given.isdigit():  # Datasette would answer 500
                del query["_timelimit"]
                scope = with_query(scope, query)
            return await app(scope, receive, send)
        # Datasette takes the lower of _timelimit and sql_time_limit_ms.
        limit = min(
            int(given) if given.isdigit() and int(given) > 0 else ARBITRARY_SQL_TIME_LIMIT_MS,
            ARBITRARY_SQL_TIME_LIMIT_MS,
        )
        query["_timelimit"] = [str(limit)]
        scope = with_query(scope, query)
        if arbitrary is None:
            arbitrary = asyncio.Semaphore(max(1, sql_threads - 1))
        async with arbitrary:
            return await app(scope, receive, send)

    return guarded
