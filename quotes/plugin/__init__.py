"""The Datasette plugin: loaded by any Datasette where the quotes package is installed.

To every database that is a quotes index it gives the descriptions, facets, search settings
and canned queries, the pages of a quote (/quote/ID) and of a speaker (/speaker/ID), the
CSL-JSON output format (.csl) for anything listing quote ids, highlighted search snippets,
and links from quote ids to their pages; to every connection, the SQL function
``quotes_name_key`` and the public limits (quotes.public). Its templates/ and static/ are
beside this file.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import weakref

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from quotes import DISTRIBUTION, cite, metadata, public, statements, views
from quotes.plugin import check as check_routes
from quotes.speakers import name_key

QUOTE_ID = r"[0-9a-f]{16}"
BASE_URL_ENV = "QUOTES_BASE_URL"
# SQLite's largest integer: a longer speaker id cannot exist.
MAX_ID = 2**63 - 1
# Where one sentence ends and the next begins: a stop (and closing marks) then space, or a
# paragraph break. Abbreviations (Mr. Smith) only make the context a sentence shorter.
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[A-Z0-9])|\n\s*")


# SQL -------------------------------------------------------------------------------------


# Last, so that this escape_fts replaces Datasette's own.
@hookimpl(trylast=True)
def prepare_connection(conn):
    # The spelling-insensitive key that speaker_aliases.key holds, for quotes_by_speaker.
    conn.create_function("quotes_name_key", 1, lambda name: name_key(name or ""), deterministic=True)
    conn.create_function("escape_fts", 1, public.escape_search, deterministic=True)
    public.limit_connection(conn)


@hookimpl
def asgi_wrapper(datasette):
    return lambda app: public.guard(app, datasette.setting("num_sql_threads"))


@hookimpl
def startup(datasette):
    async def inner():
        # A wrong base URL stops the server at once, rather than making every permalink wrong.
        configured_base_url(datasette)
        public.quiet_user_errors()
        _indexes[datasette] = await find_indexes(datasette)

    return inner


# Which databases are quotes indexes --------------------------------------------------------

# The quotes indexes of each Datasette instance, found at startup: the hooks below act on
# these databases only, whatever else the instance serves.
_indexes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


async def find_indexes(datasette) -> list[str]:
    """The attached databases that are quotes indexes, in the order they were given."""
    return [
        name
        for name, db in datasette.databases.items()
        if not name.startswith("_") and await db.table_exists("quotes") and await db.table_exists("speakers")
    ]


def indexes(datasette) -> list[str]:
    return _indexes.get(datasette, [])


@hookimpl
def get_metadata(datasette, key, database, table):
    """Titles and the description, facets and search settings of every table and view."""
    names = indexes(datasette)
    if not names:
        return {}
    return {
        "title": metadata.TITLE,
        "description": metadata.DESCRIPTION,
        "databases": {name: metadata.database_metadata() for name in names},
    }


@hookimpl
def canned_queries(datasette, database):
    if database in indexes(datasette):
        return {name: {**query, "hide_sql": True} for name, query in views.CANNED_QUERIES.items()}
    return None


# Templates, styles -----------------------------------------------------------------------

# Datasette finds this package's templates/ and static/ itself (static/ at
# /-/static-plugins/quotes-index/, after the distribution's name).


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins(DISTRIBUTION, "quotes.css")]


@hookimpl
def extra_template_vars(datasette):
    async def inner():
        return {"quotes_database": quotes_database(datasette)}

    return inner


@hookimpl
def render_cell(row, value, column, database, datasette):
    """Highlight search snippets and link quote ids and speakers to their pages."""
    if not isinstance(value, str) or database not in indexes(datasette):
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if column == "snippet" and "<mark>" in value:
        # The SQL escaped the snippet already (so the JSON is safe too): undo exactly that,
        # then escape again here, since a snippet column may come from any query.
        return highlight(value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    if column in ("quote_id", "permalink") and re.fullmatch(r"(/quote/)?" + QUOTE_ID, value):
        quote = value.rsplit("/", 1)[-1]
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(f"/quote/{quote}"), value)
    if column == "statement_id" and re.fullmatch(QUOTE_ID, value):
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(f"/statement/{value}"), value)
    if column == "speaker" and "speaker_id" in keys and row["speaker_id"] is not None:
        href = datasette.urls.path(f"/speaker/{row['speaker_id']}")
        return Markup('<a href="{}">{}</a>').format(href, value)
    return None


def highlight(snippet: str) -> Markup:
    """A snippet with <mark> around matched words: everything else escaped."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


# CSL-JSON output -------------------------------------------------------------------------


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "csl", "render": render_csl, "can_render": can_render_csl}


def quote_id_column(columns, table) -> str | None:
    """The column holding quote ids: quote_id anywhere, or id of the quotes table."""
    if "quote_id" in columns:
        return "quote_id"
    if table == "quotes" and "id" in columns:
        return "id"
    return None


def can_render_csl(columns, table):
    return quote_id_column(columns, table) is not None


async def render_csl(datasette, request, database, table, columns, rows):
    column = quote_id_column(columns, table)
    if column is None:
        return Response.text("No quote ids here: CSL-JSON needs a quote_id column", status=400)
    ids = [row[column] for row in rows]
    db = datasette.get_database(database)
    found = await db.execute_fn(lambda conn: cite.citation_rows(conn, ids))
    items = cite.csl_items(found, base_url(datasette, request))
    return Response(
        json.dumps(items, indent=2, ensure_ascii=False),
        content_type=cite.CSL_CONTENT_TYPE,
    )


def configured_base_url(datasette) -> str | None:
    """The public root URL set in the plugin's config (base_url) or $QUOTES_BASE_URL."""
    url = (datasette.plugin_config("quotes") or {}).get("base_url") or os.environ.get(BASE_URL_ENV)
    return public.check_base_url(url) if url else None


def base_url(datasette, request) -> str:
    """The instance's root URL for absolute permalinks: the configured one, else the one the
    client asked for (its Host header, which it may set to anything)."""
    return configured_base_url(datasette) or datasette.absolute_url(request, datasette.urls.path("/")).rstrip(
        "/"
    )


# Pages -----------------------------------------------------------------------------------


@hookimpl
def register_routes():
    return [
        (rf"^/quote/(?P<quote_id>{QUOTE_ID})$", quote_page),
        (r"^/speaker/(?P<speaker_id>\d+)$", speaker_page),
        (r"^/check$", check_page),
        (r"^/check\.json$", check_json),
        (rf"^/statement/(?P<statement_id>{QUOTE_ID})(?P<format>\.csl)?$", statement_page),
    ]


def quotes_database(datasette) -> str | None:
    """The name of the first attached database that is a quotes index."""
    return next(iter(indexes(datasette)), None)


async def check_page(datasette, request):
    return await check_routes.check_page(datasette, request, quotes_database(datasette))


async def check_json(datasette, request):
    return await check_routes.check_json(datasette, request, quotes_database(datasette))


async def quote_page(datasette, request):
    quote_id = request.url_vars["quote_id"]
    name = quotes_database(datasette)
    if name is None:
        raise NotFound("No quotes index here")
    db = datasette.get_database(name)
    rows = (
        await db.execute(
            """select q.*, c.citation, c.permalink, c.speaker, d.title, d.outlet, d.url,
                  d.published, d.author, d.text as document_text
           from quotes q join citations c on c.quote_id = q.id
           join documents d on d.id = q.document_id
           where q.id = ?""",
            [quote_id],
        )
    ).rows
    if not rows:
        raise NotFound(f"No quote {quote_id}")
    quote = dict(rows[0])
    before, text, after = context(quote.pop("document_text"), quote["start"], quote["end"], quote["sentence"])
    others = [r for r in await statement_reports(db, quote["statement_id"]) if r["id"] != quote_id]
    permalink = base_url(datasette, request) + quote["permalink"]
    return Response.html(
        await datasette.render_template(
            "quote.html",
            {
                "quote": quote,
                "database": name,
                "before": before,
                "text": text,
                "after": after,
                "permalink": permalink,
                # Only a web address becomes a link: javascript: and the like stay text.
                "source_url": quote["url"] if public.is_web_url(quote["url"]) else None,
                "others": others,
                "csl_url": datasette.urls.path(f"/{name}/citations.csl?quote_id={quote_id}"),
                "json_url": datasette.urls.path(f"/{name}/citations.json?quote_id={quote_id}&_shape=array"),
            },
            request=request,
        )
    )


async def speaker_page(datasette, request):
    speaker_id = int(request.url_vars["speaker_id"])
    name = quotes_database(datasette)
    if name is None:
        raise NotFound("No quotes index here")
    if speaker_id > MAX_ID:
        raise NotFound(f"No speaker {speaker_id}")
    db = datasette.get_database(name)
    speakers = (await db.execute("select * from speakers where id = ?", [speaker_id])).rows
    if not speakers:
        raise NotFound(f"No speaker {speaker_id}")
    aliases = [
        r["alias"]
        for r in (
            await db.execute(
                "select alias from speaker_aliases where speaker_id = ? order by alias", [speaker_id]
            )
        ).rows
    ]
    quotes = [
        dict(r)
        for r in (
            await db.execute(
                """select q.id, q.text, q.kind, q.speaker_role, q.speaker_mention, d.title, d.outlet,
                  d.published, d.url, q.document_id
           from quotes q join documents d on d.id = q.document_id
           where q.speaker_id = ? order by d.published desc, q.document_id, q.start""",
                [speaker_id],
            )
        ).rows
    ]
    roles = sorted({q["speaker_role"] for q in quotes if q["speaker_role"]})
    said = [
        dict(r)
        for r in (
            await db.execute(
                """select id, text, kind, reports, outlets, first_published from statements
           where speaker_id = ? order by first_published desc, id""",
                [speaker_id],
            )
        ).rows
    ]
    return Response.html(
        await datasette.render_template(
            "speaker.html",
            {
                "speaker": dict(speakers[0]),
                "aliases": aliases,
                "roles": roles,
                "quotes": quotes,
                "statements": said,
                "database": name,
                "articles": len({q["document_id"] for q in quotes}),
            },
            request=request,
        )
    )


async def statement_reports(db, statement_id: str | None) -> list[dict]:
    """Every report of a statement, the first (whose id the statement bears) first, then by date."""
    if statement_id is None:
        return []
    return [
        dict(r)
        for r in (
            await db.execute(
                """select q.id, q.text, q.kind, q.speaker_role, q.speaker_mention, d.title, d.outlet,
                  d.published, d.url, q.document_id
           from quotes q join documents d on d.id = q.document_id
           where q.statement_id = ?
           order by q.id = ? desc, d.published, q.document_id, q.start""",
                [statement_id, statement_id],
            )
        ).rows
    ]


async def current_statement(db, statement_id: str) -> str | None:
    """The id that now names the statement ``statement_id`` named, following redirects."""
    seen = set()
    while statement_id not in seen:
        seen.add(statement_id)
        if (await db.execute("select 1 from statements where id = ?", [statement_id])).rows:
            return statement_id
        rows = (
            await db.execute("select new_id from statement_redirects where old_id = ?", [statement_id])
        ).rows
        if not rows:
            return None
        statement_id = rows[0]["new_id"]
    return None


async def statement_page(datasette, request):
    statement_id = request.url_vars["statement_id"]
    suffix = request.url_vars.get("format") or ""
    name = quotes_database(datasette)
    if name is None:
        raise NotFound("No quotes index here")
    db = datasette.get_database(name)
    current = await current_statement(db, statement_id)
    if current is None:
        raise NotFound(f"No statement {statement_id}")
    if current != statement_id:
        return Response.redirect(datasette.urls.path(f"/statement/{current}{suffix}"), status=301)
    if suffix == ".csl":
        # A statement is cited as its first report, whose id it bears.
        found = await db.execute_fn(lambda conn: cite.citation_rows(conn, [current]))
        return Response(
            json.dumps(cite.csl_items(found, base_url(datasette, request)), indent=2, ensure_ascii=False),
            content_type=cite.CSL_CONTENT_TYPE,
        )
    statement = dict(
        (
            await db.execute(
                """select st.*, s.name as speaker from statements st
           left join speakers s on s.id = st.speaker_id where st.id = ?""",
                [current],
            )
        ).rows[0]
    )
    # Without the comma that ends a quote followed by "he said", as in citations.
    statement["text"] = statement["text"].rstrip(",;: ")
    reports = await statement_reports(db, current)
    for report in reports:
        report["changes"] = word_diff(statement["text"], report["text"].rstrip(",;: "))
        report["link"] = report["url"] if public.is_web_url(report["url"]) else None
    linked = [
        dict(r)
        for r in (
            await db.execute(
                """select l.other_id, l.reason, s.name as speaker, st.speaker_id, st.reports
           from statement_links l join statements st on st.id = l.other_id
           left join speakers s on s.id = st.speaker_id
           where l.statement_id = ? order by l.other_id""",
                [current],
            )
        ).rows
    ]
    citation = (await db.execute("select citation from citations where quote_id = ?", [current])).rows
    return Response.html(
        await datasette.render_template(
            "statement.html",
            {
                "statement": statement,
                "reports": reports,
                "linked": linked,
                "citation": citation[0]["citation"] if citation else None,
                "database": name,
                "permalink": base_url(datasette, request) + f"/statement/{current}",
                "csl_url": datasette.urls.path(f"/statement/{current}.csl"),
                "reports_url": datasette.urls.path(f"/{name}/quote_search?statement_id={current}"),
            },
            request=request,
        )
    )


def word_diff(fullest: str, wording: str) -> Markup:
    """``wording`` against the statement's ``fullest`` wording, word by word: the words it
    adds in <ins>, the words it lacks in <del>, all text escaped. Words are compared as
    statements compares them (case, punctuation and quotation marks aside)."""
    a, b = fullest.split(), wording.split()
    keys_a, keys_b = [statements.normalize(t) for t in a], [statements.normalize(t) for t in b]
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(b[j1:j2])))
            continue
        if i2 > i1:
            parts.append(Markup("<del>{}</del>").format(" ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(Markup("<ins>{}</ins>").format(" ".join(b[j1:j2])))
    return Markup(" ").join(parts)


def context(
    text: str, start: int, end: int, sentence: str | None = None, around: int = 1
) -> tuple[str, str, str]:
    """The quote ``text[start:end]`` with the text of its sentences and ``around`` more each side.

    Returns (before, quote, after), so a page can mark the quote.
    """
    # The quote's own sentence(s), as the extractor found them; else the quote alone.
    first, last = start, end
    if sentence:
        at = text.rfind(sentence, 0, end + len(sentence))
        if at != -1 and at <= start and at + len(sentence) >= end:
            first, last = at, at + len(sentence)
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    starts = [0] + ends
    begin = max([s for s in starts if s <= first] or [0])
    for _ in range(around):
        earlier = [s for s in starts if s < begin]
        begin = max(earlier) if earlier else 0
    finish = min([e for e in ends if e >= last] or [len(text)])
    for _ in range(around):
        later = [e for e in ends if e > finish]
        finish = min(later) if later else len(text)
    return text[begin:start].lstrip(), text[start:end], text[end:finish].rstrip()
