"""The ``quotes.db`` schema and the writing of one article's rows."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from quotes import fulltext, speakers, statements, views
from quotes.documents import Document
from quotes.quote import Quote

DOCUMENTS = {
    "id": str,
    "path": str,
    "title": str,
    "outlet": str,
    "author": str,
    "url": str,
    "published": str,
    "text": str,
    "sha256": str,
    "fingerprint": str,
    "indexed_at": str,
    "language": str,
}
SPEAKERS = {"id": int, "name": str, "kind": str, "description": str}
ALIASES = {"speaker_id": int, "alias": str, "key": str}
QUOTES = {
    "id": str,
    "document_id": str,
    "speaker_id": int,
    "speaker_mention": str,
    "speaker_role": str,
    "kind": str,
    "text": str,
    "start": int,
    "end": int,
    "cue": str,
    "sentence": str,
    "confidence": float,
}

# A speaker's newest quotes are picked from these alone, without reading any quote's text.
COVERING_INDEXES = (
    ("quotes", ["speaker_id", "document_id", "start"]),
    ("documents", ["id", "published"]),
)


# How long a writer waits for another one (a batch, a schema creation) before giving up.
BUSY_TIMEOUT_S = 30.0


def open_db(path) -> sqlite_utils.Database:
    """Open (creating if needed) an index at ``path`` with the full schema in place.

    The index is put in WAL mode, so readers (``quotes serve --no-immutable``, ``quotes
    cite``) never block a run's commits, and a writer waits for a concurrent one rather
    than failing with "database is locked". A file that cannot be written to is opened
    read-only. Close it (``db.close()``) when done: the last connection folds the
    write-ahead log back into the file, which is then a single self-contained SQLite file.
    """
    db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S))
    db.conn.execute("pragma foreign_keys = on")
    try:
        _use_wal(db.conn)
    except sqlite3.OperationalError as e:
        if "readonly" not in str(e):
            raise
        # WAL needs a writable folder even to read; a file this user cannot write is one
        # only its owner changes, so read it as it stands.
        db.close()
        uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
        return sqlite_utils.Database(sqlite3.connect(uri, uri=True))
    ensure_schema(db)
    return db


def _use_wal(conn: sqlite3.Connection) -> None:
    # Switching a new file to WAL fails at once, without the busy timeout, when another
    # run is switching it too: wait for that one as for any other writer.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("pragma journal_mode = wal")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction: all of it is committed, or none of it (error, signal, kill).

    ``begin immediate`` takes the write lock at the start, waiting for a concurrent writer,
    so a transaction that has read never has to fail on upgrading to a write.
    """
    db.conn.execute("begin immediate")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables, foreign keys, indexes and full-text search if they are missing.

    One process at a time: two runs starting on a new file would otherwise both see a
    table missing and both create it.
    """
    with transaction(db):
        _create_missing(db)


def _create_missing(db: sqlite_utils.Database) -> None:
    if "documents" not in db.table_names():
        db.table("documents").create(DOCUMENTS, pk="id")
        db.table("documents").create_index(["published"])
        db.table("documents").create_index(["outlet"])
    elif "language" not in db["documents"].columns_dict:
        # An index written before languages were detected: its articles are re-read anyway,
        # since the extractor's fingerprint changed with it.
        db.table("documents").add_column("language", str)
    if "speakers" not in db.table_names():
        db.table("speakers").create(SPEAKERS, pk="id")
        db.table("speakers").create_index(["name"])
    if "speaker_aliases" not in db.table_names():
        db.table("speaker_aliases").create(
            ALIASES, pk=("speaker_id", "alias"), foreign_keys=[("speaker_id", "speakers", "id")]
        )
        db.table("speaker_aliases").create_index(["alias"])
        db.table("speaker_aliases").create_index(["key"])
    if "quotes" not in db.table_names():
        db.table("quotes").create(
            QUOTES,
            pk="id",
            foreign_keys=[("document_id", "documents", "id"), ("speaker_id", "speakers", "id")],
        )
        db.table("quotes").create_index(["document_id"])
        db.table("quotes").create_index(["kind"])
    for table, columns in COVERING_INDEXES:
        db.table(table).create_index(columns, if_not_exists=True)
    if "quotes_fts" not in db.table_names():
        db.table("quotes").enable_fts(["text"], create_triggers=True, tokenize="porter")
    elif not fulltext.in_search_order(db.conn):
        fulltext.renumber(db.conn)
        statements.rebuild_keys(db.conn)  # keys name their quote by rowid
    _index_text_updates_only(db.conn)
    speakers.ensure_corrections_table(db)
    statements.ensure_statements(db.conn)
    views.ensure_views(db)


def _index_text_updates_only(conn: sqlite3.Connection) -> None:
    # sqlite-utils' trigger rewrites a quote's full-text row on any update, so grouping
    # (which sets quotes.statement_id) would rewrite the full-text index of every quote it
    # groups: only a change of text needs it.
    row = conn.execute(
        "select sql from sqlite_master where type = 'trigger' and name = 'quotes_au'"
    ).fetchone()
    if row and (narrow := row[0].replace("AFTER UPDATE ON", 'AFTER UPDATE OF "text" ON', 1)) != row[0]:
        conn.execute("drop trigger quotes_au")
        conn.execute(narrow)


def quote_id(document_id: str, quote: Quote) -> str:
    """A stable id: the same quote of the same article text always gets the same id."""
    key = f"{document_id}\x1f{quote.start}\x1f{quote.end}\x1f{quote.kind}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def is_current(db: sqlite_utils.Database, doc: Document, fingerprint: str) -> bool:
    """Whether ``doc`` is already indexed with this text by this version of the extractor."""
    rows = list(db.query("select sha256, fingerprint from documents where id = ?", [doc.id]))
    return bool(rows) and rows[0]["sha256"] == doc.sha256 and rows[0]["fingerprint"] == fingerprint


def write_documents(
    db: sqlite_utils.Database, items: list[tuple[Document, list[Quote]]], fingerprint: str
) -> int:
    """Replace a batch of documents and their quotes in one transaction, in order.

    One commit per batch rather than per article: a commit costs a disk sync, which would
    outweigh the writing itself. An interrupted run still leaves every article either
    complete or as it was.
    """
    with transaction(db):
        return replace_documents(db, items, fingerprint)


def replace_documents(
    db: sqlite_utils.Database, items: list[tuple[Document, list[Quote]]], fingerprint: str
) -> int:
    """Replace documents and their quotes, in order, inside the caller's transaction."""
    indexed_at = datetime.now(UTC).isoformat(timespec="seconds")
    # Plain SQL on one connection: sqlite-utils' write helpers commit on their own, which
    # would split the transaction.
    quote_rows: dict[str, list[dict]] = {}
    previous: list[int] = []
    written = 0
    for doc, quotes in items:
        previous += _replace_document(db, doc, fingerprint, indexed_at)
        quote_rows[doc.id] = _quote_rows(db, doc.id, quotes)
        written += len(quote_rows[doc.id])
    _insert_quotes(db, [row for rows in quote_rows.values() for row in rows])
    speakers.remove_orphans(db, list(dict.fromkeys(previous)))
    # The statements these articles touched are regrouped in the same transaction.
    statements.update(db.conn)
    return written


def _replace_document(
    db: sqlite_utils.Database, doc: Document, fingerprint: str, indexed_at: str
) -> list[int]:
    """Write the document's row and delete its quotes; the speakers they named."""
    row = doc.to_dict()
    row["fingerprint"] = fingerprint
    row["indexed_at"] = indexed_at
    previous = [
        r[0]
        for r in db.conn.execute(
            "select distinct speaker_id from quotes where document_id = ? and speaker_id is not null",
            [doc.id],
        )
    ]
    db.conn.execute("delete from quotes where document_id = ?", [doc.id])
    _upsert(db, "documents", row)
    return previous


def _quote_rows(db: sqlite_utils.Database, document_id: str, quotes: list[Quote]) -> list[dict]:
    rows: dict[str, dict] = {}
    for quote in quotes:
        quote_row = _quote_row(db, document_id, quote)
        rows.setdefault(quote_row["id"], quote_row)
    return list(rows.values())


def _insert_quotes(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """Insert a batch's quotes, each with its rowid: its rank among the matches of any
    search (quotes.fulltext).

    In order of rowid, in few statements: FTS5 writes what it holds in memory to disk at
    the end of each statement and whenever a rowid is lower than the last, so inserting
    quotes one by one or out of order would write a segment of the full-text index per quote.
    """
    for row, rowid in zip(rows, fulltext.next_rowids(db.conn, [r["text"] for r in rows])):
        row["rowid"] = rowid
    rows.sort(key=lambda r: r["rowid"])
    for start in range(0, len(rows), 500):
        _upsert_many(db, "quotes", rows[start : start + 500])


def _quote_row(db: sqlite_utils.Database, document_id: str, quote: Quote) -> dict:
    speaker = speakers.speaker_id(db, quote) if quote.speaker else None
    confidence = quote.confidence
    if speaker is not None and speakers.ambiguous_surname(db, speaker, quote):
        confidence = min(confidence, speakers.AMBIGUOUS_SURNAME_CONFIDENCE)
    return {
        "id": quote_id(document_id, quote),
        "document_id": document_id,
        "speaker_id": speaker,
        "speaker_mention": quote.speaker_mention,
        "speaker_role": quote.speaker_role,
        "kind": quote.kind,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "cue": quote.cue,
        "sentence": quote.sentence,
        "confidence": round(confidence, 3),
    }


def _upsert(db: sqlite_utils.Database, table: str, row: dict) -> None:
    _upsert_many(db, table, [row])


def _upsert_many(db: sqlite_utils.Database, table: str, rows: list[dict]) -> None:
    columns = ", ".join(f'"{c}"' for c in rows[0])
    marks = ", ".join(f"({', '.join('?' for _ in rows[0])})" for _ in rows)
    values = [value for row in rows for value in row.values()]
    db.conn.execute(f"insert or replace into {table} ({columns}) values {marks}", values)
