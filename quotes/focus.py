"""Choosing what to parse: the paragraphs that can hold a quote, and those that can name its speaker.

Parsing is nearly all the cost of indexing, and much of a news article is narration that
holds no quote. A paragraph is parsed when it has a quotation mark or a reporting word
(said, told, according to), and so are the last paragraphs before it that name someone,
where the speaker of a "he said" is introduced. Every other paragraph is blanked: its
characters become spaces, so the parsed text keeps every offset of the article.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from quotes import data, marks

# Paragraphs that can name a speaker kept before each paragraph that can hold a quote.
NAMING_CONTEXT = 2
PARAGRAPH = re.compile(r"[^\n]+")
WORD = re.compile(r"[^\W\d_][\w’'-]*")
# Cue verbs with forms the regular endings do not make, and the other cue words.
IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "think": ("thought",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "swear": ("swore", "sworn"),
}
OTHER_CUES = ("according", "quote", "quoted", "quoting")


def focus(text: str) -> str:
    """``text`` with the paragraphs that can neither hold a quote nor name a speaker blanked."""
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)]
    quoted = _quoted_paragraphs(text, paragraphs)
    keep = [quoted[i] or _has_cue(text[a:b]) for i, (a, b) in enumerate(paragraphs)]
    naming: list[int] = []
    for i, (a, b) in enumerate(paragraphs):
        if keep[i]:
            for j in naming[-NAMING_CONTEXT:]:
                keep[j] = True
            naming = []
        elif _names_someone(text[a:b]):
            naming.append(i)
    if all(keep):
        return text
    # Joined from slices, not rebuilt from a list of characters: a long article would
    # cost 8 bytes a character more.
    parts = []
    done = 0
    for (a, b), kept in zip(paragraphs, keep):
        if not kept:
            parts += [text[done:a], " " * (b - a)]
            done = b
    parts.append(text[done:])
    return "".join(parts)


def _quoted_paragraphs(text: str, paragraphs: list[tuple[int, int]]) -> list[bool]:
    # marks pairs quotation marks within paragraphs, so a span lies in the paragraph it starts in.
    starts = [a for a, _ in paragraphs]
    quoted = [False] * len(paragraphs)
    for span in marks.find_spans(text):
        quoted[bisect.bisect_right(starts, span.start) - 1] = True
    return quoted


def _has_cue(paragraph: str) -> bool:
    return any(w.lower() in cue_forms() for w in WORD.findall(paragraph))


def _names_someone(paragraph: str) -> bool:
    # A capitalised word that is not a function word: a name, a title, an organisation.
    return any(w[0].isupper() and w.lower() not in _function_words() for w in WORD.findall(paragraph))


@cache
def _function_words() -> frozenset[str]:
    # Imported here: a re-index that parses nothing never imports spaCy.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@cache
def cue_forms() -> frozenset[str]:
    """Every form of the cue verbs (says, said, saying, ...) and the other cue words."""
    forms = set(OTHER_CUES)
    for lemma in data.cue_verbs():
        forms.update(_inflections(lemma))
        forms.update(IRREGULAR.get(lemma, ()))
    return frozenset(forms)


def _inflections(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):  # admit -> admitted, quip -> quipping
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms
