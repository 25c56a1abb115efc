"""Lexicons kept as data files; each loader reads its file once.

Blank lines and lines starting with ``#`` are comments.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@cache
def cue_verbs() -> dict[str, str]:
    """Cue verb lemma -> frame ('clause' or 'quote'), from cue_verbs.tsv."""
    return {row[0]: row[1] for row in _rows("cue_verbs.tsv")}


@cache
def pronouns() -> dict[str, tuple[str, frozenset[str]]]:
    """Pronoun -> (number, speaker kinds it may refer to), from pronouns.tsv."""
    return {row[0]: (row[1], frozenset(row[2].split(","))) for row in _rows("pronouns.tsv")}


@cache
def words(name: str) -> frozenset[str]:
    """A one-word-a-line list (roles.txt, determiners.txt, ...) as a set."""
    return frozenset(row[0].lower() for row in _rows(name))


@cache
def genders() -> dict[str, str]:
    """Word -> 'm' or 'f', from gender.tsv: honorifics, pronouns, gendered nouns."""
    return {row[0].lower(): row[1] for row in _rows("gender.tsv")}


@cache
def name_particles() -> dict[str, bool]:
    """Surname particle -> whether it may open a name alone, from name_particles.tsv."""
    return {row[0]: row[1] == "yes" for row in _rows("name_particles.tsv")}


@cache
def spelling_variants() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, replacement) pairs from spelling_variants.tsv, in the file's order."""
    return tuple((re.compile(row[0]), row[1]) for row in _rows("spelling_variants.tsv"))


@cache
def irregular_cues() -> dict[str, tuple[str, ...]]:
    """Cue verb lemma -> its irregular forms (said, told, ...), from irregular_cues.tsv."""
    return {row[0]: tuple(row[1].split(",")) for row in _rows("irregular_cues.tsv")}


@cache
def confidence_table() -> dict[str, float]:
    """Evidence ("cue/named") -> fitted confidence, from confidence.tsv."""
    return {row[0]: float(row[4]) for row in _rows("confidence.tsv")}


@cache
def demand_cues() -> frozenset[tuple[str, str]]:
    """(cue lemma, preposition) pairs whose prepositional object is reported, from demand_cues.tsv."""
    return frozenset((row[0], row[1]) for row in _rows("demand_cues.tsv"))


@cache
def meaning_words() -> dict[str, frozenset[str]]:
    """Role ('negation' or 'quantifier') -> the stop words with that role, from meaning_words.tsv."""
    found: dict[str, set[str]] = {}
    for word, role in _rows("meaning_words.tsv"):
        found.setdefault(role, set()).add(word)
    return {role: frozenset(words) for role, words in found.items()}
