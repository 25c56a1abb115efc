"""Names of people: cleaning a name as written, its match key, and whether two names can
be one person. The same test decides inside an article (“Kirby” is the “John Kirby” named
above) and across articles (quotes.speakers joins a name to a speaker of the index).
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from quotes import data

if TYPE_CHECKING:  # names are matched without spaCy: the index and the web plugin use name_key
    from spacy.tokens import Span, Token


def clean_name(ent: Span) -> str:
    """A person entity as a name: without titles, determiners, punctuation or a possessive."""
    toks = list(ent)
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s", "'", "’")):
        toks.pop()
    determiners = data.words("determiners.txt")
    while toks and (is_title(toks[0]) or toks[0].lower_ in determiners or toks[0].is_punct):
        toks.pop(0)
    if not toks:
        return ""
    return ent.doc[toks[0].i:toks[-1].i + 1].text


def is_title(tok: Token) -> bool:
    """A role word or an honorific ("President", "Mrs."), which is not part of a name."""
    word = tok.lower_.rstrip(".")
    return word in data.words("roles.txt") or word in data.words("honorifics.txt")


def name_key(name: str) -> str:
    """A spelling-insensitive key: no accents, case, punctuation or transliteration variants."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. and US are one key
    text = re.sub(r"[^\w\s-]", " ", text).replace("-", " ")
    for pattern, replacement in data.spelling_variants():
        text = pattern.sub(replacement, text)
    suffixes, articles = data.words("name_suffixes.txt"), data.words("name_articles.txt")
    tokens = [t for t in text.split() if t not in suffixes]
    while len(tokens) > 1 and tokens[0] in articles:
        tokens = tokens[1:]
    return " ".join(tokens)


def same_person(a: str, b: str) -> bool:
    """True when names ``a`` and ``b`` can name one person: the same surname (up to a
    spelling variant) and first names that do not clash. A bare surname fits any first
    name; "J." fits "John" and "Rob" fits "Robert"; "Janet" and "Mark" are two people."""
    ta, tb = a.split(), b.split()
    if not ta or not tb or not spelling_match(ta[-1], tb[-1]):
        return False
    if len(ta) > 1 and len(tb) > 1:
        return first_names_agree(ta[0], tb[0])
    return True


def first_names_agree(a: str, b: str) -> bool:
    """One first name written two ways: an initial or a short form of the other, or a spelling variant."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a) or spelling_match(a, b)


def spelling_match(a: str, b: str) -> bool:
    """One name word, or one spelling with a letter or two changed: Zelensky, Zelenskyy, Zelenskiy."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 2:
        return False
    return a[:5] == b[:5] and edit_distance(a[5:], b[5:]) <= 2


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two short strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
