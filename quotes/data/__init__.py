"""Lexicons kept as data files; each loader reads its file once.

Blank lines and lines starting with ``#`` are comments.
"""
from __future__ import annotations

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
    """A one-word-a-line list (roles.txt, source_nouns.txt, organizations.txt) as a set."""
    return frozenset(row[0].lower() for row in _rows(name))


@cache
def genders() -> dict[str, str]:
    """Word -> 'm' or 'f', from gender.tsv: honorifics, pronouns, gendered nouns."""
    return {row[0].lower(): row[1] for row in _rows("gender.tsv")}


@cache
def meaning_words() -> dict[str, frozenset[str]]:
    """Role ('negation' or 'quantifier') -> the stop words with that role, from meaning_words.tsv."""
    found: dict[str, set[str]] = {}
    for word, role in _rows("meaning_words.tsv"):
        found.setdefault(role, set()).add(word)
    return {role: frozenset(words) for role, words in found.items()}
