"""SQL views and canned queries over the index: searching, browsing and citing quotes.

The views live in the database file, so ``sqlite3 quotes.db`` and any other SQLite client
see them too. The canned queries use ``escape_fts`` (registered by Datasette) and
``quotes_name_key`` (registered by this package's Datasette plugin), so they run in Datasette.
"""

from __future__ import annotations

import sqlite_utils

# A quote's page in Datasette, relative to the instance's root (see quotes.plugin).
PERMALINK = "'/quote/' || q.id"


def _join(*parts: str, sep: str = ", ") -> str:
    """SQL for ``parts`` joined by ``sep``, leaving out the NULL and empty ones."""
    pieces = " || ".join(f"coalesce('{sep}' || nullif({p}, ''), '')" for p in parts)
    return f"nullif(substr({pieces}, {len(sep) + 1}), '')"


# The role, unless the name already says it (one Ukrainian drone commander, commander).
ROLE = "case when instr(lower(coalesce(s.name, '')), lower(q.speaker_role)) > 0 then null else q.speaker_role end"

# One line: speaker, role: “quote” — title, outlet, date, URL. Unknown parts are left out.
# Only direct quotes get quotation marks: a mixed quote carries its own around the quoted
# words, and an indirect one is the article's paraphrase, never the speaker's words.
CITATION = f"""
    coalesce({_join("s.name", ROLE)} || ': ', '')
    || case q.kind
        when 'direct' then '“' || {{text}} || '”'
        when 'indirect' then {{text}} || ' (paraphrase)'
        else {{text}}
       end
    || coalesce(' — ' || {_join("d.title", "d.outlet", "substr(d.published, 1, 10)", "d.url")}, '')
""".format(
    # One line, and without the comma that ends a quote followed by "he said".
    text="rtrim(trim(replace(replace(q.text, char(13), ''), char(10), ' ')), ',;: ')"
)

VIEWS = {
    "citations": f"""
select
  q.id as quote_id,
  q.text,
  s.name as speaker,
  q.speaker_role,
  d.title,
  d.outlet,
  d.author,
  d.url,
  d.published,
  q.start,
  q."end",
  {PERMALINK} as permalink,
  {CITATION.strip()} as citation
from quotes q
join documents d on d.id = q.document_id
left join speakers s on s.id = q.speaker_id
""",
    # Datasette searches a view through fts_table/fts_pk, so this one carries the FTS rowid.
    "quote_search": f"""
select
  q.id as quote_id,
  q.text,
  s.name as speaker,
  q.speaker_role,
  q.kind,
  d.outlet,
  d.published,
  d.title,
  q.speaker_id,
  q.document_id,
  {PERMALINK} as permalink,
  q.statement_id,
  q.rowid as fts_rowid
from quotes q
join documents d on d.id = q.document_id
left join speakers s on s.id = q.speaker_id
""",
}

# A results page: the best matches, and the newest quotes of a speaker. Rows past these are
# a click away in the paginated quote_search view and quotes table.
PAGE = 50
# The best this many reports are grouped into statements: a page of statements even when
# the best matches are several reports of one statement; snippets are made for these only.
CANDIDATES = 2 * PAGE

SEARCH_QUOTES = f"""
-- An empty or punctuation-only query escapes to '' (an FTS5 syntax error) or to a phrase
-- of no words: '""' matches nothing, without an error.
with query as (select coalesce(nullif(escape_fts(:q), ''), '""') as words),
hits as (
  -- A quote's rowid is its rank (quotes/fulltext.py): the best matches of all come first,
  -- and only they are read. The article's text is escaped for HTML, and only the matched
  -- words marked up: the JSON is as safe to insert into a page as the HTML table.
  select rowid, replace(replace(replace(replace(replace(
           snippet(quotes_fts, 0, char(2), char(3), '…', 40),
           '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), char(2), '<mark>'), char(3), '</mark>') as snippet
  from quotes_fts
  where quotes_fts match (select words from query)
  order by rowid
  limit {CANDIDATES}
),
-- One row per statement: its best-ranked report (SQLite takes the other columns from the
-- row holding the min).
best as (
  select min(hits.rowid) as rowid, hits.snippet
  from hits join quotes q on q.rowid = hits.rowid
  group by coalesce(q.statement_id, q.id)
)
select
  q.id as quote_id,
  best.snippet,
  s.name as speaker,
  q.speaker_role as role,
  d.outlet,
  d.published,
  q.kind,
  d.title,
  q.speaker_id,
  q.statement_id,
  coalesce(st.reports, 1) as reports,
  coalesce(st.first_published, d.published) as first_published
from best
join quotes q on q.rowid = best.rowid
join documents d on d.id = q.document_id
left join speakers s on s.id = q.speaker_id
left join statements st on st.id = q.statement_id
order by best.rowid
limit {PAGE}
"""

QUOTES_BY_SPEAKER = f"""
with wanted as (select quotes_name_key(:speaker) as k),
-- Any run of whole words of a name the speaker goes by, spelling-insensitive: Zelenskyy,
-- zelensky and Volodymyr Zelensky all find Volodymyr Zelensky. A speaker's name is always
-- one of its aliases.
who as (
  select distinct a.speaker_id from speaker_aliases a, wanted
  where wanted.k != '' and instr(' ' || a.key || ' ', ' ' || wanted.k || ' ') > 0
),
-- The page is chosen from the covering indexes alone; only its rows are read in full.
newest as (
  select q.rowid, d.published, q.document_id, q.start
  from quotes q join documents d on d.id = q.document_id
  where q.speaker_id in (select speaker_id from who)
  order by d.published desc, q.document_id, q.start
  limit {PAGE}
)
select
  q.id as quote_id,
  q.text,
  q.kind,
  s.name as speaker,
  q.speaker_mention as as_written,
  q.speaker_role as role,
  d.outlet,
  d.published,
  d.title,
  q.speaker_id
from newest
join quotes q on q.rowid = newest.rowid
join speakers s on s.id = q.speaker_id
join documents d on d.id = q.document_id
order by newest.published desc, newest.document_id, newest.start
"""

SPEAKER_INDEX = """
select
  s.id as speaker_id,
  s.name as speaker,
  s.kind,
  (select group_concat(role, '; ') from (
     select distinct speaker_role as role from quotes
     where speaker_id = s.id and coalesce(speaker_role, '') != '' order by role
  )) as roles,
  (select group_concat(alias, '; ') from (
     select alias from speaker_aliases where speaker_id = s.id and alias != s.name order by alias
  )) as aliases,
  count(q.id) as quotes,
  count(distinct q.document_id) as articles,
  substr(min(d.published), 1, 10) as first_date,
  substr(max(d.published), 1, 10) as last_date
from speakers s
join quotes q on q.speaker_id = s.id
join documents d on d.id = q.document_id
group by s.id
order by quotes desc, s.name
"""

CANNED_QUERIES = {
    "search_quotes": {
        "title": "Search quotes",
        "description": (
            f"The {PAGE} statements that best match the words of q, ranked among every match: "
            "the shortest quote holding the words first (BM25 counting each word once), then the "
            "first indexed; each as its best report: the matched words highlighted, with speaker, role, outlet, "
            "date, the number of reports and the first date; statement_id links to the statement's "
            "page with every report. Words are matched in any order and by stem (losses finds "
            'loss); "a phrase" in double quotes matches as a phrase. For every matching report, '
            "narrowed by speaker, outlet, kind, date or statement, search the quote_search view "
            "with ?_search= and its facets."
        ),
        "sql": SEARCH_QUOTES.strip(),
    },
    "quotes_by_speaker": {
        "title": "Quotes by speaker",
        "description": (
            f"The newest {PAGE} quotes of the speakers whose name or any alias contains speaker as "
            "whole words, whatever the spelling (Zelenskyy finds Volodymyr Zelensky). The speaker "
            "column links to the speaker's page, which lists all of their quotes."
        ),
        "sql": QUOTES_BY_SPEAKER.strip(),
    },
    "speaker_index": {
        "title": "Speaker index",
        "description": (
            "Every speaker with their kind, the roles the articles give them, other names they "
            "appear under, how many quotes and articles, and the first and last dates."
        ),
        "sql": SPEAKER_INDEX.strip(),
    },
}


def ensure_views(db: sqlite_utils.Database) -> None:
    """Create the views, replacing any older definition, so an index always has the current ones."""
    for name, sql in VIEWS.items():
        # create_view(replace=True) drops and recreates only when the SQL differs.
        db.create_view(name, sql.strip(), replace=True)
