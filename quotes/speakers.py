"""One speaker row per real source, across every article in the index.

A quote arrives with the name its article resolved (``Quote.speaker``) and the surface
names seen for it (``Quote.speaker_aliases``). Here that name is matched to a row of
``speakers``: by the user's corrections first, then by spelling-insensitive full name,
then by the one person of that surname for whom the evidence is strong: the same first
name, or, for a bare surname, the same role. Nothing the person is known by may contradict
the name (Jane Kim never joins a Kim Jong Un also known as "Kim"). An initial, a short
form or a spelling variant beyond the name key only gives a suggestion
(quotes.suggest). Whether two names can be one person is decided by
quotes.speaker.names.identity_evidence, the test an article uses to join "Kirby" to "John
Kirby".
"""

from __future__ import annotations

import sqlite_utils

from quotes import data
from quotes.quote import Quote
from quotes.speaker.names import fold, identity_evidence, name_key, name_parts, surname_core

__all__ = [
    "AMBIGUOUS_SURNAME_CONFIDENCE",
    "ambiguous_surname",
    "correction_for",
    "ensure_corrections_table",
    "find",
    "name_key",
    "remove_orphans",
    "speaker_id",
]

# The confidence of a quote whose speaker is known only by a surname that another person of
# the index also has, and which no evidence joined to them: as likely theirs as not.
AMBIGUOUS_SURNAME_CONFIDENCE = 0.5


def speaker_id(db: sqlite_utils.Database, quote: Quote) -> int:
    """The id of ``quote``'s speaker, creating the row, and recording its aliases."""
    corrected = correction_for(db, quote.speaker)
    name = corrected or quote.speaker or ""
    # A corrected name goes to the speaker the user named, or to a new one: never to
    # whichever speaker the alias was wrongly attached to before.
    existing = (
        _by_name(db, corrected)
        if corrected
        else find(db, name, quote.speaker_kind, quote.speaker_role, quote.speaker_aliases)
    )
    if existing is None:
        cursor = db.conn.execute(
            "insert into speakers (name, kind, description) values (?, ?, ?)",
            [name, quote.speaker_kind, quote.speaker_role],
        )
        assert cursor.lastrowid is not None
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


def find(
    db: sqlite_utils.Database,
    name: str,
    kind: str,
    role: str | None = None,
    aliases: list[str] | tuple[str, ...] = (),
) -> int | None:
    """The speaker that ``name`` refers to, or None when there is none, several, or the
    evidence is weak. ``role`` and ``aliases`` are what the name's own article says of it."""
    key = name_key(name)
    if not key:
        return None
    rows = db.conn.execute(
        "select distinct a.speaker_id, s.kind from speaker_aliases a join speakers s on s.id = a.speaker_id"
        " where a.key = ?",
        [key],
    ).fetchall()
    if kind == "person" and not name_parts(name)[0]:
        # a bare surname is one person's only while their roles do not clash
        rows = [r for r in rows if not _roles_clash(db, r[0], role)]
    # The same name is the same source whatever kind one article took it for, unless the
    # index already holds it under several kinds: then the kind decides.
    same_kind = [r[0] for r in rows if r[1] == kind]
    if len({r[0] for r in rows}) == 1:
        return rows[0][0]
    if rows:
        return same_kind[0] if len(same_kind) == 1 else None
    if kind not in ("person", "unnamed") or not _looks_like_a_name(name):
        return None
    strong = [s for s in _same_surname(db, name) if _strong_evidence(db, s, name, role, aliases)]
    return strong[0] if len(strong) == 1 else None


def ambiguous_surname(db: sqlite_utils.Database, speaker: int, quote: Quote) -> bool:
    """Whether ``quote``'s speaker, row ``speaker``, is a person named by a bare surname that
    another person of the index shares (Kim, beside Jane Kim): a separate speaker on weak
    evidence."""
    if quote.speaker_kind != "person":
        return False
    # The row's name: a surname joined to a full name on evidence is not in doubt.
    row = db.conn.execute("select name from speakers where id = ?", [speaker]).fetchone()
    name = row[0] if row else ""
    if name_parts(name)[0] or not _looks_like_a_name(name):
        return False
    return any(other != speaker for other in _same_surname(db, name))


def _same_surname(db: sqlite_utils.Database, name: str) -> list[int]:
    """The persons of the index known by a name with the surname of ``name``."""
    core = surname_core(name_parts(name)[1]).split()[-1]
    rows = db.conn.execute(
        "select distinct a.speaker_id from speaker_aliases a join speakers s on s.id = a.speaker_id"
        " where s.kind = 'person' and (a.key = ? or a.key like ? or a.key like ?) order by a.speaker_id",
        [core, "% " + core, core + " %"],
    ).fetchall()
    return [r[0] for r in rows]


def _strong_evidence(
    db: sqlite_utils.Database, speaker: int, name: str, role: str | None, aliases: list[str] | tuple[str, ...]
) -> bool:
    """True when ``name`` (known in its article also as ``aliases``, with ``role``) is
    speaker ``speaker``: no name of either contradicts the other, and they share a first
    name, or, where one of them has only a surname, a role."""
    known = [
        r[0]
        for r in db.conn.execute(
            "select name from speakers where id = ? union select alias from speaker_aliases where speaker_id = ?",
            [speaker, speaker],
        )
    ]
    evidence = [
        identity_evidence(mine, theirs) for mine in dict.fromkeys([name, *aliases]) for theirs in known
    ]
    if None in evidence:
        return False
    if "same first name" in evidence:
        return True
    return "initial or short form" not in evidence and bool(_role_words(role) & _roles_of(db, speaker))


def _roles_of(db: sqlite_utils.Database, speaker: int) -> set[str]:
    """The role words (data/roles.txt) of every role a speaker has been given."""
    found: set[str] = set()
    for (role,) in db.conn.execute(
        "select description from speakers where id = ? union select speaker_role from quotes where speaker_id = ?",
        [speaker, speaker],
    ):
        found |= _role_words(role)
    return found


def _roles_clash(db: sqlite_utils.Database, speaker: int, role: str | None) -> bool:
    """True when ``role`` and the speaker's roles are both known and share no role word."""
    mine, theirs = _role_words(role), _roles_of(db, speaker)
    return bool(mine and theirs and not mine & theirs)


def _role_words(role: str | None) -> set[str]:
    return set(fold(role or "").replace(",", " ").split()) & data.words("roles.txt")


def _looks_like_a_name(name: str) -> bool:
    """Capitalised words, but for a surname's particles (Ursula von der Leyen, Bashar al-Assad)."""
    words = name.split()
    particles = data.name_particles()
    return bool(words) and all(w[:1].isupper() or w.split("-")[0].lower() in particles for w in words)


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
    # One index lookup per speaker: "id not in (select speaker_id from quotes)" would read
    # the speaker of every quote in the index, each time an article is re-indexed.
    where = "not exists (select 1 from quotes q where q.speaker_id = speakers.id)"
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
        db.table("speaker_corrections").create({"alias": str, "speaker": str, "note": str}, pk="alias")


def correction_for(db: sqlite_utils.Database, name: str | None) -> str | None:
    """The speaker name the user assigned to ``name``, if they did."""
    if not name:
        return None
    row = db.conn.execute("select speaker from speaker_corrections where alias = ?", [name]).fetchone()
    return row[0] if row else None


def _is_corrected(db: sqlite_utils.Database, name: str) -> bool:
    return (
        db.conn.execute("select 1 from speaker_corrections where speaker = ? limit 1", [name]).fetchone()
        is not None
    )
