"""Names of people: cleaning a name as written, its match key, its parts, and whether two
names can be one person. The same test decides inside an article (“Kirby” is the “John
Kirby” named above) and across articles (quotes.speakers joins a name to a speaker of the
index), where :func:`identity_evidence` says how strong the sameness is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from anyascii import anyascii

from quotes import data

if TYPE_CHECKING:  # names are matched without spaCy: the index and the web plugin use name_key
    from spacy.tokens import Span, Token

# One syllable of Hanyu Pinyin or of Korean romanisation (Revised Romanization and
# McCune-Reischauer, without breves): an initial, a vowel cluster, an optional final.
# A given name written family name first is one or two of them (Jong, Un, Jinping, Jae-in).
ROMANIZED_SYLLABLE = (
    r"(?:[bcdfghjklmnpqrstwxyz]|ch|sh|zh|kk|tt|pp|ss|jj)?(?:[aeiouy]{1,3})(?:ng|n|m|k|l|p|t|r)?"
)
GIVEN_NAME = re.compile(rf"(?:{ROMANIZED_SYLLABLE}){{1,2}}")


def clean_name(ent: Span) -> str:
    """A person entity as a name: without titles, determiners, punctuation or a possessive,
    and with the surname its last particle announces ("Ursula von der [Leyen]", when the
    tagger left "Leyen" out or read it as a place)."""
    toks = list(ent)
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s", "'", "’")):
        toks.pop()
    determiners = data.words("determiners.txt")
    while toks and (is_title(toks[0]) or toks[0].lower_ in determiners or toks[0].is_punct):
        toks.pop(0)
    if not toks:
        return ""
    end = _surname_end(toks[-1])
    return ent.doc[toks[0].i : end].text


def _surname_end(last: Token) -> int:
    """The end of a name whose last token is ``last``: past the particles and the
    capitalised word that complete a surname left open ("von der" + "Leyen")."""
    doc, particles, end = last.doc, data.name_particles(), last.i + 1
    if last.lower_ not in particles:
        return end
    for tok in doc[end : end + 3]:
        if tok.lower_ in particles and tok.is_lower:
            continue
        if tok.is_alpha and tok.text[:1].isupper():
            return tok.i + 1
        break
    return end


def is_title(tok: Token) -> bool:
    """A role word or an honorific ("President", "Mrs."), which is not part of a name."""
    word = tok.lower_.rstrip(".")
    return word in data.words("roles.txt") or word in data.words("honorifics.txt")


def fold(text: str) -> str:
    """``text`` in lower-case ASCII, whatever its script (Ł → l, ß → ss, Зеленський →
    zelens'kiy), without soft hyphens, zero-width, bidirectional or control characters."""
    kept = "".join(
        " " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf")
    )
    return anyascii(kept).lower()


def name_key(name: str) -> str:
    """A spelling-insensitive key: no script, accents, case, punctuation or transliteration variants."""
    text = fold(name)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"(?<=\w)['.](?=\w)", "", text)  # U.S. and US are one key; so are O'Brien, Zelens'kiy
    text = re.sub(r"[^\w\s-]", " ", text).replace("-", " ")
    for pattern, replacement in data.spelling_variants():
        text = pattern.sub(replacement, text)
    suffixes, articles = data.words("name_suffixes.txt"), data.words("name_articles.txt")
    tokens = [t for t in text.split() if t not in suffixes]
    while len(tokens) > 1 and tokens[0] in articles:
        tokens = tokens[1:]
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(given names, surname)`` as key words: the surname keeps its particles
    ("von der Leyen", "bin Salman", "al-Assad"), and a name written family name first
    ("Kim Jong Un", "Xi Jinping") has its first word as the surname."""
    words: list[str] = []
    glued: set[int] = set()  # positions of particles joined to the next word by a hyphen
    for word in fold(name).split():
        pieces = name_key(word.replace("-", " ")).split()
        if len(pieces) > 1 and pieces[0] in data.name_particles():
            glued.add(len(words))
        words.extend(pieces)
    if not words:
        return (), ()
    if (
        len(words) > 1
        and words[0] in data.words("family_name_first.txt")
        and len(words) <= 3
        and all(GIVEN_NAME.fullmatch(w) for w in words[1:])
    ):
        return tuple(words[1:]), (words[0],)
    particles = data.name_particles()
    start = len(words) - 1
    while start > 0 and words[start - 1] in particles:
        first = start - 1
        if first > 0 or particles[words[0]] or first in glued or start < len(words) - 1:
            start = first
        else:
            break
    return tuple(words[:start]), tuple(words[start:])


def surname_core(surname: tuple[str, ...]) -> str:
    """The surname without its particles: "assad" for "al Assad"."""
    core = [w for w in surname if w not in data.name_particles()]
    return " ".join(core or surname)


def same_person(a: str, b: str) -> bool:
    """True when names ``a`` and ``b`` can name one person: the same surname (up to its
    particles and a spelling variant) and first names that do not clash. A bare surname fits
    any first name; "J." fits "John" and "Rob" fits "Robert"; "Janet" and "Mark" are two
    people, and so are Jane Kim and Kim Jong Un."""
    return identity_evidence(a, b) is not None


def identity_evidence(a: str, b: str) -> str | None:
    """How names ``a`` and ``b`` can be one person: "same first name" (up to a spelling
    variant), "initial or short form" ("J. Kirby", "Rob Tan"), "surname only" (one of them
    has no given name), or None when they cannot be."""
    (ga, sa), (gb, sb) = name_parts(a), name_parts(b)
    if not sa or not sb or not spelling_match(surname_core(sa), surname_core(sb)):
        return None
    if not ga or not gb:
        return "surname only"
    if spelling_match(ga[0], gb[0]):
        return "same first name"
    return "initial or short form" if first_names_agree(ga[0], gb[0]) else None


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
