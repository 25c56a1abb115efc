"""spaCy component that finds the quotes in a document and their speakers.

Data flows one way: :mod:`quotes.marks` pairs the quotation marks in the raw text,
:mod:`quotes.find` runs its rules to find quotes, their cues and source mentions, and
:mod:`quotes.speaker` turns the mentions into speakers.

Usage::

    import quotes.extract  # registers the "quotes" factory
    nlp.add_pipe("quotes")
    doc = nlp(text)
    doc._.quotes  # list[Quote], sorted by start
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from quotes.find import find_candidates
from quotes.find.context import Settings
from quotes.quote import Quote
from quotes.speaker.resolve import resolve

# The first character of a line after a line break: where quote_paragraphs starts a sentence.
_LINE_START = re.compile(r"\n\s*(?=\S)")


@Language.factory(
    "quotes",
    default_config={"window": 12, "min_clause_words": 3, "unattributed": True},
)
def make_quotes(nlp: Language, name: str, window: int, min_clause_words: int, unattributed: bool) -> "QuoteFinder":
    """Create the component: ``nlp.add_pipe("quotes")``."""
    return QuoteFinder(Settings(window, min_clause_words, unattributed))


@Language.component("quote_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at each new line, so that the parser never joins a headline
    or a caption to the next paragraph. Optional; add it before the parser:
    ``nlp.add_pipe("quote_paragraphs", before="parser")``."""
    starts = doc.to_array("IDX").tolist()
    for line in _LINE_START.finditer(doc.text):
        i = bisect.bisect_left(starts, line.end())
        if 0 < i < len(starts) and starts[i] == line.end():
            doc[i].is_sent_start = True
    return doc


class QuoteFinder:
    """Pipeline component that sets ``doc._.quotes``."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        if not Doc.has_extension("quotes"):
            Doc.set_extension("quotes", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, self.settings)
        return doc


def find_quotes(doc: Doc, settings: Settings | None = None) -> list[Quote]:
    """Return the quotes of a parsed document, sorted by start."""
    if not len(doc):
        return []
    return resolve(doc, find_candidates(doc, settings))
