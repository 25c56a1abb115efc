"""The user's corrections to speakers: which speaker a name belongs to.

They live in a CSV file the user owns (``alias,speaker,note``), by default beside the index
(``quotes.db`` → ``quotes.corrections.csv``), so they survive deleting and rebuilding the
index. Every run loads the file into the ``speaker_corrections`` table, where the writer
consults it, and re-links the articles whose speakers a changed correction touches.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from quotes import db as quotes_db
from quotes.documents import Document

if TYPE_CHECKING:
    from spacy.language import Language

FIELDS = ("alias", "speaker", "note")


class CorrectionsError(Exception):
    """The corrections file cannot be read or names no speaker."""


def default_path(db_path: str | Path) -> Path:
    """``quotes.db`` → ``quotes.corrections.csv``, beside it."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + ".corrections.csv")


def load(path: str | Path) -> dict[str, tuple[str, str]]:
    """``{alias: (speaker, note)}`` from the CSV file at ``path``; empty when it does not exist."""
    path = Path(path)
    if not path.exists():
        return {}
    found = {}
    try:
        with path.open(encoding="utf-8", newline="") as f:
            for number, row in enumerate(csv.DictReader(f), 2):
                alias, speaker = (row.get("alias") or "").strip(), (row.get("speaker") or "").strip()
                if not alias or not speaker:
                    raise CorrectionsError(f"{path}: line {number} needs both an alias and a speaker")
                found[alias] = (speaker, (row.get("note") or "").strip())
    except (UnicodeDecodeError, csv.Error) as e:
        raise CorrectionsError(f"{path}: not a readable CSV file ({e})") from None
    return found


def save(path: str | Path, corrections: dict[str, tuple[str, str]]) -> None:
    """Write ``corrections`` to ``path``, sorted by alias."""
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(FIELDS)
        for alias, (speaker, note) in sorted(corrections.items()):
            writer.writerow([alias, speaker, note])


def add(path: str | Path, aliases: list[str], speaker: str, note: str = "") -> None:
    """Record that each of ``aliases`` names ``speaker``."""
    corrections = load(path)
    for alias in aliases:
        if alias != speaker or alias in corrections:
            corrections[alias] = (speaker, note)
    save(path, corrections)


def sync(db: sqlite_utils.Database, path: str | Path) -> list[str]:
    """Load the file into ``speaker_corrections``; return the ids of documents it changes."""
    wanted = load(path)
    current = {
        r["alias"]: (r["speaker"], r["note"] or "")
        for r in db.query("select alias, speaker, note from speaker_corrections")
    }
    changed = {a for a in wanted.keys() | current.keys() if wanted.get(a) != current.get(a)}
    if not changed:
        return []
    names = sorted(changed | {speaker for speaker, _ in wanted.values()} | {s for s, _ in current.values()})
    marks = ", ".join("?" for _ in names)
    affected = [r[0] for r in db.conn.execute(
        f"""select distinct q.document_id from quotes q join speakers s on s.id = q.speaker_id
            where s.name in ({marks})
               or q.speaker_id in (select speaker_id from speaker_aliases where alias in ({marks}))
            order by q.document_id""",
        names + names,
    )]
    with db.conn:
        db.conn.execute("delete from speaker_corrections")
        db.conn.executemany(
            "insert into speaker_corrections (alias, speaker, note) values (?, ?, ?)",
            [(a, s, n) for a, (s, n) in sorted(wanted.items())],
        )
    return affected


def relink(db: sqlite_utils.Database, document_ids: list[str], nlp: "Language", fingerprint: str) -> int:
    """Re-extract the stored articles ``document_ids`` so their speakers follow the corrections."""
    from quotes.index import extract

    columns = "id, path, text, title, outlet, author, url, published"
    documents = [
        Document(**row)
        for doc_id in document_ids
        for row in db.query(f"select {columns} from documents where id = ?", [doc_id])
    ]
    return quotes_db.write_documents(db, list(extract(documents, nlp)), fingerprint)


def aliases_of(db: sqlite_utils.Database, speaker: str) -> list[str]:
    """Every alias of the speaker with id or exact name ``speaker``."""
    ids = [r[0] for r in db.conn.execute(
        "select id from speakers where name = ? or cast(id as text) = ?", [speaker, speaker]
    )]
    if not ids:
        raise CorrectionsError(f"no speaker named {speaker!r} in the index")
    marks = ", ".join("?" for _ in ids)
    rows = db.conn.execute(
        f"select alias from speaker_aliases where speaker_id in ({marks}) order by alias", ids
    )
    names = [r[0] for r in db.conn.execute(f"select name from speakers where id in ({marks})", ids)]
    return list(dict.fromkeys(names + [r[0] for r in rows]))


def speaker_name(db: sqlite_utils.Database, speaker: str) -> str:
    """The name of the speaker with id or name ``speaker``; a new name is taken as it is."""
    row = db.conn.execute(
        "select name from speakers where cast(id as text) = ? or name = ? limit 1", [speaker, speaker]
    ).fetchone()
    return row[0] if row else speaker
