"""Speakers of the index that are likely one person, with the evidence for each.

Only suggestions: the index keeps them apart (quotes.speakers joins only on strong
evidence) until the user accepts one with ``quotes speakers merge``. A pair is suggested
when the surnames are one (up to particles and the name key) or sound alike and differ by
a letter or two (Gaddafi, Qaddafi, Gadhafi; Shoigu, Shoygu), and no name either is known
by gives another first name. Rhyming is not enough: Yellen and Allen start with different
sounds and are less than 0.8 alike.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import jellyfish
import sqlite_utils

from quotes.speaker.names import first_names_agree, name_parts, spelling_match, surname_core

# Two surnames that sound alike (the same Metaphone key, or the same first sound) are
# variants when they are this close (Jaro-Winkler similarity) and at most two edits apart:
# Qaddafi/Gadhafi 0.81 and 2 edits; Yellen/Allen 0.74.
SIMILARITY = 0.8
MAX_EDITS = 2


@dataclass
class Person:
    id: int
    name: str
    quotes: int
    names: list[str]  # the name and every alias
    ref: str = ""  # how `quotes speakers merge` names it: the name, or the id when the name is shared


@dataclass
class Suggestion:
    """Two speakers that may be one; ``merge`` is folded into ``keep``."""

    keep: Person
    merge: Person
    evidence: list[str]

    @property
    def command(self) -> str:
        return f"quotes speakers merge {_quoted(self.merge)} {_quoted(self.keep)}"

    def as_dict(self) -> dict:
        return {
            "speaker": self.keep.name,
            "speaker_id": self.keep.id,
            "quotes": self.keep.quotes,
            "other": self.merge.name,
            "other_id": self.merge.id,
            "other_quotes": self.merge.quotes,
            "evidence": self.evidence,
            "command": self.command,
        }


def suggest(db: sqlite_utils.Database) -> list[Suggestion]:
    """Likely duplicate persons among the index's speakers, the most quoted first."""
    people = _persons(db)
    blocks: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        core = _core(person.name)
        if core:
            # compare only names whose surnames start with the same sound: fast on a big index
            blocks[jellyfish.metaphone(core)[:2] or core[:2]].append(person)
    found = []
    for block in blocks.values():
        for a, b in combinations(block, 2):  # a block is the few persons of one surname sound
            # the most quoted, then the fullest name, is the one kept
            keep, merge = sorted((a, b), key=lambda p: (-p.quotes, -len(p.name.split()), p.id))
            evidence = pair_evidence(keep, merge)
            if evidence:
                found.append(Suggestion(keep, merge, evidence))
    found.sort(key=lambda s: (-(s.keep.quotes + s.merge.quotes), s.keep.name, s.merge.name))
    return found


def pair_evidence(a: Person, b: Person) -> list[str]:
    """Why ``a`` and ``b`` may be one person, or [] when they are not likely to be."""
    surname = surname_evidence(_core(a.name), _core(b.name))
    if surname is None or any(_first_names_clash(x, y) for x in a.names for y in b.names):
        return []
    (ga, _), (gb, _) = name_parts(a.name), name_parts(b.name)
    if ga and gb:
        first_a, first_b = ga[0].title(), gb[0].title()
        if spelling_match(ga[0], gb[0]):
            given = f"same first name ({first_a})" if ga[0] == gb[0] else f"first names {first_a} / {first_b}"
        else:
            short, full = sorted((first_a, first_b), key=len)
            given = f"{short} is an initial or short form of {full}"
    else:
        given = f"{(a if not ga else b).name} has no first name"
    return [surname, given]


def surname_evidence(a: str, b: str) -> str | None:
    """How surnames ``a`` and ``b`` (key forms) may be one, or None."""
    if not a or not b:
        return None
    if spelling_match(a, b):
        return "same surname" if a == b else f"surnames {a} / {b} differ by a letter or two"
    ka, kb = jellyfish.metaphone(a), jellyfish.metaphone(b)
    if ka[:1] != kb[:1] or jellyfish.damerau_levenshtein_distance(a, b) > MAX_EDITS:
        return None
    if jellyfish.jaro_winkler_similarity(a, b) < SIMILARITY:
        return None
    if ka == kb:
        return f"surnames {a} / {b} sound alike (Metaphone {ka})"
    edits = jellyfish.damerau_levenshtein_distance(a, b)
    plural = "s" if edits > 1 else ""
    return f"surnames {a} / {b} are {edits} edit{plural} apart and start alike (Metaphone {ka} / {kb})"


def _first_names_clash(x: str, y: str) -> bool:
    """True when names ``x`` and ``y`` have the same surname and first names of two people."""
    (gx, sx), (gy, sy) = name_parts(x), name_parts(y)
    return bool(
        gx
        and gy
        and sx
        and sy
        and spelling_match(surname_core(sx), surname_core(sy))
        and not first_names_agree(gx[0], gy[0])
    )


def _core(name: str) -> str:
    return surname_core(name_parts(name)[1]).replace(" ", "")


def _persons(db: sqlite_utils.Database) -> list[Person]:
    aliases: dict[int, list[str]] = defaultdict(list)
    for speaker_id, alias in db.conn.execute("select speaker_id, alias from speaker_aliases"):
        aliases[speaker_id].append(alias)
    rows = db.conn.execute(
        "select s.id, s.name, count(q.id) from speakers s left join quotes q on q.speaker_id = s.id"
        " where s.kind = 'person' group by s.id order by s.id"
    )
    people = [Person(i, name, n, list(dict.fromkeys([name, *aliases[i]]))) for i, name, n in rows]
    shared = {
        name for name, n in db.conn.execute("select name, count(*) from speakers group by name") if n > 1
    }
    for person in people:
        person.ref = str(person.id) if person.name in shared else person.name
    return people


def _quoted(person: Person) -> str:
    return shlex.quote(person.ref)
