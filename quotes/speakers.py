"""One speaker row per real source, across every article in the index.

A quote arrives with the name its article resolved (``Quote.speaker``) and the surface
names seen for it (``Quote.speaker_aliases``). Here that name is matched to a row of
``speakers``: by the user's corrections first, then by spelling-insensitive full name,
then, for a bare surname, by the one person in the index with that surname. Whether two
names can be one person is decided by quotes.speaker.names.same_person, the test an
article uses to join "Kirby" to "John Kirby".
"""
from __future__ import annotations

import sqlite_utils

from quotes.quote import Quote
from quotes.speaker.names import name_key, same_person

__all__ = ["correction_for", "ensure_corrections_table", "find", "name_key", "remove_orphans", "speaker_id"]


def speaker_id(db: sqlite_utils.Database, quote: Quote) -> int:
    """The id of ``quote``'s speaker, creating the row, and recording its aliases."""
    corrected = correction_for(db, quote.speaker)
    name = corrected or quote.speaker
    # A corrected name goes to the speaker the user named, or to a new one: never to
    # whichever speaker the alias was wrongly attached to before.
    existing = _by_name(db, corrected) if corrected else find(db, name, quote.speaker_kind)
    if existing is None:
        cursor = db.conn.execute(
            "insert into speakers (name, kind, description) values (?, ?, ?)",
            [name, quote.speaker_kind, quote.speaker_role],
        )
        existing = cursor.lastrowid
    else:
        _prefer_fuller_name(db, existing, name, quote)
    if corrected:
        db.conn.execute(
            "delete from speaker_aliases where alias = ? and speaker_id != ?", [quote.speaker, existing]
        )
    for alias in dict.fromkeys([quote.speaker, name, *quote.speaker_aliases]):
        if alias:
            db.conn.execute(
                "insert or ignore into speaker_aliases (speaker_id, alias, key) values (?, ?, ?)",
                [existing, alias, name_key(alias)],
            )
    return existing


def find(db: sqlite_utils.Database, name: str, kind: str) -> int | None:
    """The speaker that ``name`` refers to, or None when there is none or several."""
    key = name_key(name)
    if not key:
        return None
    rows = db.conn.execute(
        "select distinct a.speaker_id, s.kind from speaker_aliases a join speakers s on s.id = a.speaker_id"
        " where a.key = ?",
        [key],
    ).fetchall()
    # The same name is the same source whatever kind one article took it for, unless the
    # index already holds it under several kinds: then the kind decides.
    same_kind = [r[0] for r in rows if r[1] == kind]
    if len({r[0] for r in rows}) == 1:
        return rows[0][0]
    if rows:
        return same_kind[0] if len(same_kind) == 1 else None
    if kind not in ("person", "unnamed") or not _looks_like_a_name(name):
        return None
    # A person: a surname alone matches the one person of that surname; a full name matches
    # a person known by that surname alone. Two first names mean two people.
    surname = key.split()[-1]
    rows = db.conn.execute(
        "select distinct a.speaker_id, a.key from speaker_aliases a join speakers s on s.id = a.speaker_id"
        " where s.kind = 'person' and (a.key = ? or a.key like ?)",
        [surname, "% " + surname],
    ).fetchall()
    ids = {r[0] for r in rows}
    if len(ids) != 1:
        return None
    if any(not same_person(key, r[1]) for r in rows):
        return None
    return ids.pop()


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return bool(words) and all(w[:1].isupper() for w in words)


def _by_name(db: sqlite_utils.Database, name: str) -> int | None:
    row = db.conn.execute("select id from speakers where name = ? order by id limit 1", [name]).fetchone()
    return row[0] if row else None


def _prefer_fuller_name(db: sqlite_utils.Database, speaker: int, name: str, quote: Quote) -> None:
    """Keep the most specific name a speaker is known by (Volodymyr Zelensky over Zelensky)."""
    current, description = db.conn.execute(
        "select name, description from speakers where id = ?", [speaker]
    ).fetchone()
    if len(name_key(name).split()) > len(name_key(current).split()) and not _is_corrected(db, current):
        db.conn.execute("update speakers set name = ? where id = ?", [name, speaker])
    if quote.speaker_kind in ("person", "organization"):
        # An article that names the source decides its kind over one that only described it.
        db.conn.execute(
            "update speakers set kind = ? where id = ? and kind in ('unnamed', 'group')",
            [quote.speaker_kind, speaker],
        )
    if not description and quote.speaker_role:
        db.conn.execute("update speakers set description = ? where id = ?", [quote.speaker_role, speaker])


def remove_orphans(db: sqlite_utils.Database, candidates: list[int] | None = None) -> None:
    """Delete speakers, among ``candidates`` (or all), that no quote refers to any more."""
    where = "id not in (select speaker_id from quotes where speaker_id is not null)"
    params: list = []
    if candidates is not None:
        if not candidates:
            return
        where += f" and id in ({', '.join('?' for _ in candidates)})"
        params = list(candidates)
    orphans = [r[0] for r in db.conn.execute(f"select id from speakers where {where}", params)]
    for orphan in orphans:
        db.conn.execute("delete from speaker_aliases where speaker_id = ?", [orphan])
        db.conn.execute("delete from speakers where id = ?", [orphan])


# Corrections -----------------------------------------------------------------------------

def ensure_corrections_table(db: sqlite_utils.Database) -> None:
    """``speaker_corrections(alias, speaker)``: the user's word on who an alias is."""
    if "speaker_corrections" not in db.table_names():
        db["speaker_corrections"].create({"alias": str, "speaker": str, "note": str}, pk="alias")


def correction_for(db: sqlite_utils.Database, name: str | None) -> str | None:
    """The speaker name the user assigned to ``name``, if they did."""
    if not name:
        return None
    row = db.conn.execute("select speaker from speaker_corrections where alias = ?", [name]).fetchone()
    return row[0] if row else None


def _is_corrected(db: sqlite_utils.Database, name: str) -> bool:
    return db.conn.execute(
        "select 1 from speaker_corrections where speaker = ? limit 1", [name]
    ).fetchone() is not None
