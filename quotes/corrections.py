"""The user's corrections to speakers: which speaker a name belongs to.

They live in a CSV file the user owns (``alias,speaker,note``), by default beside the index
(``quotes.db`` → ``quotes.corrections.csv``), so they survive deleting and rebuilding the
index. Every run compares the file with the ``speaker_corrections`` table, where the writer
consults it, re-links the articles whose speakers a changed correction touches, and records
the corrections in the same transaction, so the table holds exactly what has been applied.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
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

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path, self.problem = path, message


def default_path(db_path: str | Path) -> Path:
    """``quotes.db`` → ``quotes.corrections.csv``, beside it."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + ".corrections.csv")


def read(path: str | Path) -> dict[str, tuple[str, str, int]]:
    """``{alias: (speaker, note, line)}`` from the CSV file at ``path``; empty when it does not exist.

    Excel's "CSV UTF-8" starts the file with a byte order mark: it is not part of the header.
    """
    path = Path(path)
    if not path.exists():
        return {}
    found = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for number, row in enumerate(csv.DictReader(f), 2):
                alias, speaker = (row.get("alias") or "").strip(), (row.get("speaker") or "").strip()
                if not alias or not speaker:
                    raise CorrectionsError(f"line {number} needs both an alias and a speaker", path)
                found[alias] = (speaker, (row.get("note") or "").strip(), number)
    except (UnicodeDecodeError, csv.Error) as e:
        raise CorrectionsError(f"not a readable CSV file ({e})", path) from None
    return found


def resolve(
    corrections: dict[str, tuple[str, str]], path: str | Path, lines: dict[str, int]
) -> dict[str, tuple[str, str]]:
    """Follow chains to their end (A → B and B → C send A to C).

    A cycle (A → B → A) would swap people's quotes without a word: it raises
    CorrectionsError naming the file and the ``lines`` of its corrections. An alias naming
    itself ends a chain.
    """
    resolved = {}
    for alias, (speaker, note) in corrections.items():
        chain = [alias]
        while speaker != chain[-1] and speaker in corrections and corrections[speaker][0] != speaker:
            if speaker in chain:
                cycle = chain[chain.index(speaker) :] + [speaker]
                raise CorrectionsError(
                    f"{_where(cycle[:-1], lines)} make a cycle ({' → '.join(cycle)}), "
                    "which would swap their quotes; remove one of them",
                    path,
                )
            chain.append(speaker)
            speaker = corrections[speaker][0]
        resolved[alias] = (speaker, note)
    return resolved


def _where(aliases: list[str], lines: dict[str, int]) -> str:
    """``lines 2 and 3``; ``line 2 and the new correction`` for one not in the file yet."""
    numbers = [str(n) for n in sorted(lines[a] for a in aliases if a in lines)]
    parts = []
    if numbers:
        listed = ", ".join(numbers[:-1]) + " and " + numbers[-1] if len(numbers) > 1 else numbers[0]
        parts.append(("lines " if len(numbers) > 1 else "line ") + listed)
    if len(numbers) < len(aliases):
        parts.append("the new correction")
    return " and ".join(parts)


def save(path: str | Path, corrections: dict[str, tuple[str, str]]) -> None:
    """Write ``corrections`` to ``path``, sorted by alias."""
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(FIELDS)
        for alias, (speaker, note) in sorted(corrections.items()):
            writer.writerow([alias, speaker, note])


def add(path: str | Path, aliases: list[str], speaker: str, note: str = "") -> None:
    """Record that each of ``aliases`` names ``speaker``; a correction making a cycle is refused."""
    rows = read(path)
    corrections = {alias: (speaker, note) for alias, (speaker, note, _) in rows.items()}
    for alias in aliases:
        if alias != speaker or alias in corrections:
            corrections[alias] = (speaker, note)
    lines = {alias: line for alias, (_, _, line) in rows.items() if alias not in aliases}
    resolve(corrections, path, lines)
    save(path, corrections)


@dataclass
class Changes:
    """What the corrections file asks that the index does not hold yet."""

    wanted: dict[str, tuple[str, str]]  # every correction, chains followed
    documents: list[str]  # the ids of the articles whose speakers change
    unmatched: list[tuple[str, int]]  # new aliases no speaker in the index goes by, with their line


def changes(db: sqlite_utils.Database, path: str | Path) -> Changes | None:
    """Compare the file with the corrections the index has applied; None when they agree."""
    rows = read(path)
    lines = {alias: line for alias, (_, _, line) in rows.items()}
    wanted = resolve({alias: (speaker, note) for alias, (speaker, note, _) in rows.items()}, path, lines)
    current = {
        r["alias"]: (r["speaker"], r["note"] or "")
        for r in db.query("select alias, speaker, note from speaker_corrections")
    }
    changed = sorted(a for a in wanted.keys() | current.keys() if wanted.get(a) != current.get(a))
    if not changed:
        return None
    known = {
        a
        for a in changed
        if db.conn.execute(
            "select 1 from speaker_aliases where alias = ? union all select 1 from speakers where name = ? limit 1",
            [a, a],
        ).fetchone()
    }
    unmatched = [(a, lines[a]) for a in changed if a in wanted and a not in known]
    # The articles that name a changed alias, or its old or new speaker.
    targets = {table[a][0] for table in (wanted, current) for a in known if a in table}
    names = sorted(known | targets)
    marks = ", ".join("?" for _ in names)
    documents = (
        [
            r[0]
            for r in db.conn.execute(
                f"""select distinct q.document_id from quotes q join speakers s on s.id = q.speaker_id
            where s.name in ({marks})
               or q.speaker_id in (select speaker_id from speaker_aliases where alias in ({marks}))
            order by q.document_id""",
                names + names,
            )
        ]
        if names
        else []
    )
    return Changes(wanted, documents, unmatched)


def apply(db: sqlite_utils.Database, changes: Changes, nlp: Language | None, fingerprint: str) -> int:
    """Re-link the articles ``changes`` touches and record the corrections, in one transaction.

    The articles are parsed first; the corrections table and the re-linked rows are then
    written together, so an index never holds a correction it has not applied: a run that
    fails or is killed before the commit leaves both as they were, and the next run
    finds the same changes to make.
    """
    from quotes.index import extract

    columns = "id, path, text, title, outlet, author, url, published"
    documents = [
        Document(**row)
        for doc_id in changes.documents
        for row in db.query(f"select {columns} from documents where id = ?", [doc_id])
    ]
    if documents and nlp is None:
        raise ValueError("re-linking articles needs a loaded pipeline")
    items = list(extract(documents, nlp)) if documents and nlp is not None else []
    with quotes_db.transaction(db):
        db.conn.execute("delete from speaker_corrections")
        db.conn.executemany(
            "insert into speaker_corrections (alias, speaker, note) values (?, ?, ?)",
            [(a, s, n) for a, (s, n) in sorted(changes.wanted.items())],
        )
        quotes_db.replace_documents(db, items, fingerprint)
    return len(items)


def aliases_of(db: sqlite_utils.Database, speaker: str) -> list[str]:
    """Every alias of the speaker with id or exact name ``speaker``."""
    ids = [
        r[0]
        for r in db.conn.execute(
            "select id from speakers where name = ? or cast(id as text) = ?", [speaker, speaker]
        )
    ]
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
