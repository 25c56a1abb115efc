"""Statements: the quotes of one speaker that report the same utterance, grouped.

A statement is a connected group of quotes of one speaker under the relation
:func:`same_utterance`: the same words up to punctuation, case, quotation marks and small
edits, or one wording an excerpt of the other (a mixed quote's quoted words count as the
speaker's words), or, when a paraphrase (indirect quote) is involved, strong evidence: a
shared run of words and most of the content words.

Every relation needs a shared run of at least ``MIN_RUN`` words (or identical words), and
every quote stores keys in ``statement_keys`` such that two quotes sharing such a run share
a key: of each two consecutive runs of five words, the one with the least hash
(winnowing), which is 30 % fewer keys than one per run of six words for about as many
candidates. Looking up a quote's keys finds every quote it can relate to, whichever came
first. Grouping is therefore the same whatever order articles arrive in, and each batch
only regroups the statements its quotes touch. An index none of whose quotes has a
statement yet (a new index, or one made before statements) is grouped all at once
(:func:`_group_all`): the same statements, read and written in key order.

A statement's id is the quote id of its first report (earliest published, then document
id, then place), so rebuilding from the same articles gives the same ids. When a batch
changes a statement's first report or merges it into another, the old id is kept in
``statement_redirects``.

The normalisation functions (:func:`normalize`, :func:`words`, :func:`quoted_fragments`,
:func:`content_words`, :func:`negated`, :func:`coverage`, :func:`keys`) are public so that a claim checker can reuse them.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import cached_property
from itertools import accumulate, combinations

from quotes import data

# spaCy's English stop words, as data: serving an index may group statements, without spaCy.
STOP_WORDS = data.words("stop_words.txt")

# Two quotes relate only when they share this many words in a row (or all their words).
MIN_RUN = 6
# Keys: of each WINDOW consecutive runs of SHINGLE words, the least hash; a run of MIN_RUN
# words holds WINDOW runs of SHINGLE words, so quotes sharing one share a key.
SHINGLE = 5
WINDOW = MIN_RUN - SHINGLE + 1
# Share of the shorter wording's words found, in order, in the longer one for an excerpt
# or a small edit ("It is clear that" / "It is clear": 20 of 21 words).
MIN_COVERAGE = 0.9
# Share of a paraphrase's content words the other wording must have for it to join:
# measured on tests/data/paraphrases.jsonl, where reports of one utterance score 0.78 or
# more and different utterances 0.71 or less (tests/test_statements.py).
MIN_PARAPHRASE = 0.75
LINK_REASON = "same words, other speaker"
BATCH = 2000

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_WORD = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*")
_FRAGMENT = re.compile(r"[\"“„«‘‹]([^\"“”„«»‹›]+?)[\"”»’›]")


# Normalisation ---------------------------------------------------------------------------


def normalize(text: str) -> str:
    """``text`` lower-cased, with Unicode compatibility forms, straight apostrophes and its
    words separated by single spaces: punctuation and quotation marks are dropped."""
    return " ".join(words(text))


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without punctuation or quotation marks.

    An apostrophe or a point inside a word stays (they're, U.S. → u.s); a comma inside a
    number goes (4,000 → 4000).
    """
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    found: list[str] = []
    for word in _WORD.findall(text):
        if "," in word:
            digits = word.replace(",", "")
            found.extend([digits] if digits.isdigit() else word.split(","))
        else:
            found.append(word)
    return found


def quoted_fragments(text: str) -> list[list[str]]:
    """The words of each stretch of ``text`` inside quotation marks (a mixed quote's own
    words), longest first."""
    fragments = [words(m.group(1)) for m in _FRAGMENT.finditer(text)]
    return sorted((f for f in fragments if f), key=len, reverse=True)


def negated(tokens: Iterable[str]) -> bool:
    """Whether the words hold a negation (not, n't, never, no, nothing...)."""
    negations = data.meaning_words()["negation"]
    return any(w in negations or w.endswith("n't") for w in tokens)


def stem(word: str) -> str:
    """A crude stem, enough to match killed/killing/kills across a paraphrase."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(tokens: Iterable[str]) -> set[str]:
    """The stems of the words of ``tokens`` that carry meaning: not stop words, except
    negations and quantifiers (quotes/data/meaning_words.tsv)."""
    keep = data.meaning_words()["negation"] | data.meaning_words()["quantifier"]
    found = set()
    for word in tokens:
        if word.endswith("n't"):  # won't, didn't: the negation is what matters
            found.add("not")
            word = word[:-3]
        if word in keep or word not in STOP_WORDS:
            found.add(stem(word))
    return found


def coverage(part: list[str], whole: list[str]) -> float:
    """Share of ``part``'s words found in order within one compact stretch of ``whole``.

    1.0 means ``part`` is an excerpt of ``whole``; a word or two added, dropped or changed
    lowers it a little. Words matched far apart (more than a few words beyond ``part``'s
    length) do not count as one stretch.
    """
    return stretch(part, whole)[0]


def stretch(part: list[str], whole: list[str]) -> tuple[float, int, int]:
    """:func:`coverage`, and the stretch ``whole[start:end]`` that ``part`` is found in."""
    if not part:
        return 0.0, 0, 0
    spaced, wanted = f" {' '.join(whole)} ", f" {' '.join(part)} "
    if wanted in spaced:  # an exact excerpt, the common case
        start = spaced[: spaced.index(wanted)].count(" ")
        return 1.0, start, start + len(part)
    blocks = [b for b in SequenceMatcher(None, part, whole, autojunk=False).get_matching_blocks() if b.size]
    # The densest stretch: blocks whose span in ``whole`` stays close to ``part``'s length.
    slack = 2 + len(part) // 10
    best = (0, 0, 0)
    for i in range(len(blocks)):
        matched = 0
        for j in range(i, len(blocks)):
            end = blocks[j].b + blocks[j].size
            if end - blocks[i].b > len(part) + slack:
                break
            matched += blocks[j].size
            best = max(best, (matched, blocks[i].b, end), key=lambda m: m[0])
    return best[0] / len(part), best[1], best[2]


def paraphrase_score(kind_a: str, a: list[str], kind_b: str, b: list[str]) -> float:
    """Share of the paraphrase's content words that the other wording has too.

    The paraphrase is the quote that is not direct; between two paraphrases, the one with
    more content words (so neither may add much).
    """
    ca, cb = content_words(a), content_words(b)
    if not ca or not cb:
        return 0.0
    if kind_a == "direct" and kind_b != "direct":
        paraphrase = cb
    elif kind_b == "direct" and kind_a != "direct":
        paraphrase = ca
    else:
        paraphrase = max(ca, cb, key=len)
    return len(ca & cb) / len(paraphrase)


def _wordings(kind: str, text: str, tokens: list[str]) -> list[list[str]]:
    # A mixed quote's words inside its marks are the speaker's own, so they are a wording too.
    return [tokens] + quoted_fragments(text) if kind == "mixed" else [tokens]


def same_utterance(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two quotes, each ``(kind, text)``, report the same utterance (speakers aside).

    Identical words always do. Otherwise they must share a run of ``MIN_RUN`` words, and
    either one wording covers (``MIN_COVERAGE``) the other — an excerpt or a small edit; a
    mixed quote's quoted words are a wording of their own — or, when one is a paraphrase or
    a mixed quote, the paraphrase's content words are in the other (``MIN_PARAPHRASE``). A
    negation in one and not the other keeps them apart.
    """
    return _related(_Wording(*a), _Wording(*b))


class _Wording:
    """A quote's kind and text with what comparing it needs, computed once."""

    def __init__(self, kind: str, text: str, id: str = "", rowid: int = 0) -> None:
        self.kind, self.text, self.id, self.rowid = kind, text or "", id, rowid
        self.words = words(self.text)
        self.runs = {hash(tuple(self.words[i : i + MIN_RUN])) for i in range(len(self.words) - MIN_RUN + 1)}
        self.negated = negated(self.words)

    @cached_property
    def keys(self) -> set[int]:
        return keys(self.words)


def _related(a: _Wording, b: _Wording) -> bool:
    if a.words == b.words:
        return bool(a.words)
    if a.runs.isdisjoint(b.runs):
        return False
    for pa in _wordings(a.kind, a.text, a.words):
        for pb in _wordings(b.kind, b.text, b.words):
            short, long_ = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
            if len(short) < MIN_RUN or not _may_cover(short, long_):
                continue
            share, start, end = stretch(short, long_)
            # "it is clear" inside "it is not clear" is not an excerpt; inside "we do not
            # know much, but it is clear" it is.
            if share >= MIN_COVERAGE and negated(short) == negated(long_[start:end]):
                return True
    if a.negated != b.negated:
        return False
    if "indirect" in (a.kind, b.kind) or "mixed" in (a.kind, b.kind):
        return paraphrase_score(a.kind, a.words, b.kind, b.words) >= MIN_PARAPHRASE
    return False


def _may_cover(short: list[str], long_: list[str]) -> bool:
    # Cheap bound before aligning: enough of the short wording's words occur at all.
    present = set(long_)
    return sum(w in present for w in short) >= MIN_COVERAGE * len(short)


# Keys ------------------------------------------------------------------------------------


def keys(tokens: list[str]) -> set[int]:
    """A quote's keys: a hash of its whole wording (for short quotes) and, of each
    ``WINDOW`` consecutive runs of ``SHINGLE`` words, the least hash (winnowing). Two
    quotes that share a run of ``MIN_RUN`` words share its ``WINDOW`` runs of ``SHINGLE``
    words, hence that least hash: two quotes that may report the same utterance share a
    key."""
    encoded = " ".join(tokens).encode("utf-8")
    found = {-1 - zlib.crc32(encoded)}
    # Each run is a slice of the encoded wording: where each word starts and ends in it.
    ends = list(accumulate(len(t.encode("utf-8")) + 1 for t in tokens))
    starts = [0, *ends]
    hashes = [
        zlib.crc32(encoded[starts[i] : ends[i + SHINGLE - 1] - 1]) for i in range(len(tokens) - SHINGLE + 1)
    ]
    found.update(min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1))
    return found


# Schema ----------------------------------------------------------------------------------

_STATEMENT_ID_INDEX = "create index if not exists quotes_statement_id on quotes (statement_id)"
SCHEMA = [
    """create table if not exists statements (
        id text primary key, speaker_id integer, text text, kind text, first_published text,
        first_document_id text, reports integer, outlets integer)""",
    "create index if not exists statements_speaker_id on statements (speaker_id)",
    "create index if not exists statements_first_published on statements (first_published)",
    """create table if not exists statement_links (
        statement_id text, other_id text, reason text, primary key (statement_id, other_id)
    ) without rowid""",
    "create index if not exists statement_links_other_id on statement_links (other_id)",
    "create table if not exists statement_redirects (old_id text primary key, new_id text)",
    # A quote's keys; ``quote`` is its rowid, which keeps this table small.
    """create table if not exists statement_keys (
        key integer, quote integer, primary key (key, quote)) without rowid""",
    # Quotes deleted or changed since the last update(): their statements need regrouping.
    "create table if not exists statement_dirty (quote_id text, statement_id text, text text, quote integer)",
    """create trigger if not exists statements_quote_deleted after delete on quotes begin
        insert into statement_dirty values (old.id, old.statement_id, old.text, old.rowid);
    end""",
    """create trigger if not exists statements_quote_changed
    after update of speaker_id, kind, text on quotes begin
        insert into statement_dirty values (old.id, old.statement_id, old.text, old.rowid);
        update quotes set statement_id = null where id = new.id;
    end""",
    _STATEMENT_ID_INDEX,
]


def ensure_statements(conn: sqlite3.Connection) -> None:
    """Create the statement tables; group the quotes of an index made before them.

    Inside the caller's transaction when one is open, else in one of its own.
    """
    if not conn.in_transaction:
        with conn:
            return ensure_statements_in(conn)
    ensure_statements_in(conn)


def ensure_statements_in(conn: sqlite3.Connection) -> None:
    """:func:`ensure_statements` inside the caller's transaction."""
    added = "statement_id" not in _columns(conn, "quotes")
    if added:
        conn.execute("alter table quotes add column statement_id text references statements(id)")
    # Keys of an index made before they were winnowed and named their quote by rowid.
    old_keys = "quote_id" in _columns(conn, "statement_keys")
    if old_keys:
        conn.execute("drop table statement_keys")
        conn.execute("drop trigger if exists statements_quote_deleted")
        conn.execute("drop trigger if exists statements_quote_changed")
        conn.execute("alter table statement_dirty add column quote integer")
    for statement in SCHEMA:
        conn.execute(statement)
    if old_keys:
        rebuild_keys(conn)
    if added:
        update(conn)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"pragma table_info({table})")]


def rebuild_keys(conn: sqlite3.Connection) -> None:
    """Compute every quote's keys again, inside the caller's transaction: to be called by
    whatever gives quotes new rowids (keys name their quote by rowid). Keys in the earlier
    layout are left to :func:`ensure_statements`, which replaces them."""
    if "quote" in _columns(conn, "statement_keys"):
        conn.execute("delete from statement_keys")
        _fill_keys(conn, conn.execute("select rowid, text from quotes"))


def _fill_keys(conn: sqlite3.Connection, quotes: Iterable[tuple[int, str]]) -> None:
    """Insert the keys of ``(rowid, text)`` quotes in key order: appends to the table, where
    inserting each quote's keys would write all over it."""
    conn.execute("create temp table statement_keys_unsorted (key integer, quote integer)")
    conn.executemany(
        "insert into statement_keys_unsorted values (?, ?)",
        ((key, rowid) for rowid, text in quotes for key in keys(words(text or ""))),
    )
    conn.execute(
        "insert or ignore into statement_keys select * from statement_keys_unsorted order by key, quote"
    )
    conn.execute("drop table statement_keys_unsorted")


# Grouping --------------------------------------------------------------------------------

_QUOTES = """select q.rowid, q.id, q.speaker_id, q.kind, q.text, q.statement_id, q.document_id, q.start,
                    d.published, d.outlet
             from quotes q left join documents d on d.id = q.document_id"""
_ROW = _QUOTES + " where q.id in ({})"
_KIND_RANK = {"direct": 2, "mixed": 1, "indirect": 0}


class _Quote(_Wording):
    def __init__(self, row: tuple) -> None:
        (
            rowid,
            quote_id,
            self.speaker_id,
            kind,
            text,
            self.statement_id,
            self.document_id,
            self.start,
            self.published,
            self.outlet,
        ) = row
        super().__init__(kind, text, quote_id, rowid)

    def order(self) -> tuple:
        """Reports in order of publication: the first one founds the statement."""
        return (self.published is None, self.published or "", self.document_id, self.start, self.id)


def update(conn: sqlite3.Connection) -> None:
    """Regroup what changed since the last call, inside the caller's transaction.

    Quotes deleted or changed since (``statement_dirty``, filled by triggers) and quotes
    with no statement yet are grouped with the statements they relate to; nothing else is
    read or written.
    """
    dirty = conn.execute("select quote_id, statement_id, text, quote from statement_dirty").fetchall()
    conn.execute("delete from statement_dirty")
    conn.executemany(
        "delete from statement_keys where key = ? and quote = ?",
        [(key, rowid) for _, _, text, rowid in dirty if rowid is not None for key in keys(words(text or ""))],
    )
    touched = {statement_id for _, statement_id, _, _ in dirty if statement_id}
    # A quote changed in place keeps its id: where it was says where its old statement went.
    previous = {quote_id: statement_id for quote_id, statement_id, _, _ in dirty if statement_id}
    new = [
        r[0]
        for r in conn.execute(
            "select id from quotes where statement_id is null order by rowid limit ?", [BATCH + 1]
        )
    ]
    if len(new) <= BATCH:  # a batch of articles: read each new quote once
        known: dict[str, _Quote] = {}
        _load(conn, new, known)
        _insert_keys(conn, [known[q] for q in new if q in known])
        if new or touched:
            _regroup(conn, new, touched, known, previous)
        return
    if not touched and conn.execute("select 1 from statements limit 1").fetchone() is None:
        return _group_all(conn)
    # Many new quotes beside existing statements: all keys first, so that new quotes find
    # each other whatever batch they are in, then the quotes still without a statement, a
    # batch at a time.
    after = -1
    while rows := conn.execute(
        "select rowid, id, kind, text from quotes where statement_id is null and rowid > ? order by rowid limit ?",
        [after, BATCH],
    ).fetchall():
        _insert_keys(conn, [_Wording(kind, text, quote_id, rowid) for rowid, quote_id, kind, text in rows])
        after = rows[-1][0]
    while True:
        new = [
            r[0]
            for r in conn.execute(
                "select id from quotes where statement_id is null order by rowid limit ?", [BATCH]
            )
        ]
        if not new and not touched:
            return
        _regroup(conn, new, touched, {}, previous)
        touched = set()


def _insert_keys(conn: sqlite3.Connection, quotes: list[_Wording]) -> None:
    conn.executemany(
        "insert or ignore into statement_keys (key, quote) values (?, ?)",
        sorted((key, quote.rowid) for quote in quotes for key in quote.keys),
    )


def _load(conn: sqlite3.Connection, ids: Iterable[str], known: dict[str, _Quote]) -> None:
    wanted = [i for i in ids if i not in known]
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for row in conn.execute(_ROW.format(", ".join("?" * len(chunk))), chunk):
            known[row[1]] = _Quote(row)


def _members(conn: sqlite3.Connection, statement_ids: Iterable[str]) -> list[str]:
    return [
        r[0]
        for sid in statement_ids
        for r in conn.execute("select id from quotes where statement_id = ?", [sid])
    ]


def _candidates(conn: sqlite3.Connection, quotes: list[_Quote]) -> dict[str, set[str]]:
    """For each quote, the quotes sharing one of its keys: one query per 500 keys."""
    wanted: dict[int, list[_Quote]] = defaultdict(list)
    for quote in quotes:
        for key in quote.keys:
            wanted[key].append(quote)
    shared: dict[str, set[int]] = defaultdict(set)
    needed = list(wanted)
    for start in range(0, len(needed), 500):
        chunk = needed[start : start + 500]
        for key, other in conn.execute(
            f"select key, quote from statement_keys where key in ({', '.join('?' * len(chunk))})", chunk
        ):
            for quote in wanted[key]:
                if other != quote.rowid:
                    shared[quote.id].add(other)
    # Most keys found are the quote's own: only the others' ids are read.
    rowids = list({r for others in shared.values() for r in others})
    ids: dict[int, str] = {}
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        ids.update(
            conn.execute(
                f"select rowid, id from quotes where rowid in ({', '.join('?' * len(chunk))})", chunk
            )
        )
    return {quote_id: {ids[r] for r in others if r in ids} for quote_id, others in shared.items()}


def _regroup(
    conn: sqlite3.Connection,
    new: list[str],
    touched: set[str],
    known: dict[str, _Quote],
    previous: dict[str, str],
) -> None:
    group: set[str] = set()  # the quotes being regrouped: closed under the relation
    old_statements: set[str] = set(touched)
    edges: list[tuple[str, str]] = []
    links: set[tuple[str, str]] = set()
    related: dict[tuple[str, str], bool] = {}  # each pair is compared once
    frontier = list(dict.fromkeys(new + _members(conn, touched)))
    while frontier:
        _load(conn, frontier, known)
        frontier = [q for q in frontier if q in known and q not in group]
        group.update(frontier)
        found: list[str] = []
        candidates = _candidates(conn, [known[q] for q in frontier])
        _load(conn, {c for cs in candidates.values() for c in cs}, known)
        for quote_id in frontier:
            quote = known[quote_id]
            if quote.statement_id and quote.statement_id not in old_statements:
                old_statements.add(quote.statement_id)
                found.extend(_members(conn, [quote.statement_id]))
            for other_id in sorted(candidates.get(quote_id, ())):
                other = known.get(other_id)
                if other is None or quote.speaker_id is None or other.speaker_id is None:
                    continue
                pair = (quote_id, other_id) if quote_id < other_id else (other_id, quote_id)
                if pair not in related:
                    related[pair] = _related(quote, other)
                if not related[pair]:
                    continue
                if other.speaker_id == quote.speaker_id:
                    edges.append((quote_id, other_id))
                    if other_id not in group:
                        found.append(other_id)
                else:
                    links.add((quote_id, other_id))
        frontier = [q for q in dict.fromkeys(found) if q not in group]
    _write(conn, [known[q] for q in sorted(group)], edges, links, old_statements, known, previous)


def _components(quotes: list[_Quote], edges: list[tuple[str, str]]) -> list[list[_Quote]]:
    parent = {q.id: q.id for q in quotes}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[str, list[_Quote]] = defaultdict(list)
    for quote in quotes:
        groups[root(quote.id)].append(quote)
    return [sorted(g, key=_Quote.order) for g in groups.values()]


def _statement_row(members: list[_Quote]) -> tuple:
    """A statement's row from its reports, in order of publication."""
    first = members[0]
    # The fullest wording; among equals the first reported (max keeps the first).
    fullest = max(members, key=lambda q: (_KIND_RANK.get(q.kind, 0), len(q.words)))
    return (
        first.id,
        first.speaker_id,
        fullest.text,
        fullest.kind,
        first.published,
        first.document_id,
        len(members),
        len({q.outlet or q.document_id for q in members}),
    )


def _write(
    conn: sqlite3.Connection,
    quotes: list[_Quote],
    edges: list[tuple[str, str]],
    links: set[tuple[str, str]],
    old_statements: set[str],
    known: dict[str, _Quote],
    previous: dict[str, str],
) -> None:
    statement_of: dict[str, str] = {}
    rows = []
    for members in _components(quotes, edges):
        rows.append(_statement_row(members))
        for quote in members:
            statement_of[quote.id] = members[0].id
    live = set(statement_of.values())
    conn.executemany(
        """insert into statements values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do update set
           speaker_id = excluded.speaker_id, text = excluded.text, kind = excluded.kind,
           first_published = excluded.first_published, first_document_id = excluded.first_document_id,
           reports = excluded.reports, outlets = excluded.outlets""",
        rows,
    )
    conn.executemany(
        "update quotes set statement_id = ? where id = ?",
        [(sid, q.id) for q in quotes if (sid := statement_of[q.id]) != q.statement_id],
    )
    # An old id no longer founding a statement points to where most of its reports went.
    for old in sorted(old_statements - live):
        went = [statement_of[q.id] for q in quotes if (q.statement_id or previous.get(q.id)) == old]
        conn.execute("delete from statements where id = ?", [old])
        if went:
            new_id = max(sorted(set(went)), key=went.count)
            conn.execute("insert or replace into statement_redirects values (?, ?)", [old, new_id])
            conn.execute("update statement_redirects set new_id = ? where new_id = ?", [new_id, old])
        else:
            conn.execute("delete from statement_redirects where new_id = ?", [old])
    ids = sorted(live | old_statements)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        # A live id is no redirect; links of these statements are found again below.
        conn.execute(
            f"delete from statement_redirects where old_id in ({marks}) and "
            f"exists (select 1 from statements where id = old_id)",
            chunk,
        )
        conn.execute(
            f"delete from statement_links where statement_id in ({marks}) or other_id in ({marks})",
            chunk + chunk,
        )
    pairs = set()
    for a, b in links:
        sa = statement_of.get(a) or known[a].statement_id
        sb = statement_of.get(b) or known[b].statement_id
        if sa and sb and sa != sb:
            pairs.update({(sa, sb), (sb, sa)})
    conn.executemany(
        "insert or ignore into statement_links values (?, ?, ?)",
        [(a, b, LINK_REASON) for a, b in sorted(pairs)],
    )


# Grouping a whole index ------------------------------------------------------------------


def _group_all(conn: sqlite3.Connection) -> None:
    """Group an index that has no statement yet, all at once: the statements and links
    that grouping its quotes a batch at a time gives, without the cost of it.

    Candidates come from one pass over ``statement_keys`` in key order rather than a lookup
    per key, and every table is written in the order of its key (appends, not random writes
    into a table far larger than SQLite's page cache).
    """
    rows = conn.execute(_QUOTES + " order by q.rowid").fetchall()
    conn.execute("delete from statement_keys")
    conn.execute("delete from statement_links")
    _fill_keys(conn, ((row[0], row[4]) for row in rows))
    # Quotes sharing a key, as the incremental path compares them: never a quote without
    # a speaker, each pair once.
    position = {row[0]: i for i, row in enumerate(rows)}
    pairs: set[tuple[int, int]] = set()
    for (shared,) in conn.execute(
        "select group_concat(quote, ' ') from statement_keys group by key having count(*) > 1"
    ):
        members = sorted(i for q in shared.split(" ") if rows[i := position[int(q)]][2] is not None)
        pairs.update(combinations(members, 2))
    del position
    quotes: dict[int, _Quote] = {}
    parent = list(range(len(rows)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = []
    for a, b in sorted(pairs):
        qa = quotes.get(a) or quotes.setdefault(a, _Quote(rows[a]))
        qb = quotes.get(b) or quotes.setdefault(b, _Quote(rows[b]))
        if not (_related(qa, qb) if qa.id < qb.id else _related(qb, qa)):
            continue
        if qa.speaker_id == qb.speaker_id:
            parent[root(a)] = root(b)
        else:
            links.append((a, b))
    del pairs
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        components[root(i)].append(i)
    statement_rows = []
    statement_of: list[str] = [""] * len(rows)
    for members in components.values():
        if len(members) == 1:
            _, quote_id, speaker_id, kind, text, _, document_id, _, published, outlet = rows[members[0]]
            statement_rows.append((quote_id, speaker_id, text or "", kind, published, document_id, 1, 1))
            statement_of[members[0]] = quote_id
            continue
        reports = sorted((quotes[i] for i in members), key=_Quote.order)
        statement_rows.append(_statement_row(reports))
        for i in members:
            statement_of[i] = reports[0].id
    del components, quotes
    # The index on quotes.statement_id is rebuilt in one sorted pass rather than kept up to
    # date row by row.
    conn.execute("drop index if exists quotes_statement_id")
    conn.executemany("insert into statements values (?, ?, ?, ?, ?, ?, ?, ?)", sorted(statement_rows))
    conn.executemany(
        "update quotes set statement_id = ? where rowid = ?",
        ((statement_of[i], row[0]) for i, row in enumerate(rows)),
    )
    conn.execute(_STATEMENT_ID_INDEX)
    pairs_of_statements = {
        pair
        for a, b in links
        if (sa := statement_of[a]) != (sb := statement_of[b])
        for pair in ((sa, sb), (sb, sa))
    }
    conn.executemany(
        "insert into statement_links values (?, ?, ?)",
        [(a, b, LINK_REASON) for a, b in sorted(pairs_of_statements)],
    )
    conn.execute("delete from statement_redirects where old_id in (select id from statements)")
