"""spaCy component that finds the quotes in a document and their speakers.

Data flows one way: :mod:`quotes.marks` pairs the quotation marks in the raw text,
:mod:`quotes.find` runs its rules to find quotes, their cues and source mentions, and
:mod:`quotes.speaker` turns the mentions into speakers.

Usage::

    import quotes.extract  # registers the "quotes" factory
    nlp.add_pipe("quotes")
    doc = nlp(text)
    doc._.quotes  # list[Quote], sorted by start
    doc.spans["quotes"]  # the same quotes as spans labelled with their kind

The factories are also declared as ``spacy_factories`` entry points, so an installed
package needs no import: ``spacy.blank("en").add_pipe("quotes")``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from quotes.find import find_candidates
from quotes.find.context import Settings
from quotes.quote import Quote
from quotes.speaker.resolve import resolve

# The first character of a line after a line break: where quote_paragraphs starts a sentence.
_LINE_START = re.compile(r"\n\s*(?=\S)")
SPANS_KEY = "quotes"  # doc.spans[SPANS_KEY]: one span per quote, labelled with its kind
# What the component reads from the parse, and what it writes.
REQUIRES = [
    "token.pos",
    "token.tag",
    "token.lemma",
    "token.dep",
    "token.head",
    "token.ent_iob",
    "token.ent_type",
]
ASSIGNS = ["doc.spans", "doc._.quote_records", "doc._.quotes", "span._.quote"]


@Language.factory(
    "quotes",
    assigns=ASSIGNS,
    requires=REQUIRES,
    default_config={f.name: f.default for f in dataclasses.fields(Settings)},
)
def make_quotes(
    nlp: Language, name: str, window: int, min_clause_words: int, unattributed: bool, short_fragment: int
) -> QuoteFinder:
    """Create the component: ``nlp.add_pipe("quotes")``. The settings are those of
    :class:`quotes.find.context.Settings`."""
    return QuoteFinder(Settings(window, min_clause_words, unattributed, short_fragment))


@Language.component("quote_paragraphs", assigns=["token.is_sent_start"])
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
    """Pipeline component that stores each document's quotes.

    The quotes are kept as plain data, so that ``DocBin(store_user_data=True)`` and
    ``Doc.to_json(underscore=["quote_records"])`` carry them:

    - ``doc._.quote_records``: one dict per quote (the fields of :class:`quotes.quote.Quote`);
    - ``doc.spans["quotes"]``: the same quotes as spans, labelled ``direct``, ``indirect``
      or ``mixed`` (widened to whole tokens);
    - ``doc._.quotes`` (list of :class:`Quote`) and ``span._.quote`` read them back.
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        store_quotes(doc, find_quotes(doc, self.settings))
        return doc


def register_extensions() -> None:
    """The ``doc._`` and ``span._`` attributes the component writes and reads."""
    if not Doc.has_extension("quote_records"):
        Doc.set_extension("quote_records", default=None)
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=_doc_quotes)
    if not Span.has_extension("quote"):
        Span.set_extension("quote", getter=_span_quote)


def store_quotes(doc: Doc, quotes: list[Quote]) -> None:
    """Keep ``quotes`` on ``doc`` as plain records and as labelled spans."""
    doc._.quote_records = [q.to_dict() for q in quotes]
    doc.spans[SPANS_KEY] = [_span_of(doc, q.start, q.end, q.kind) for q in quotes]


def _span_of(doc: Doc, start: int, end: int, kind: str) -> Span:
    span = doc.char_span(start, end, label=kind, alignment_mode="expand")
    if span is None:  # no token overlaps the stretch (only spaces): the token before it
        first = max(bisect.bisect_right([t.idx for t in doc], start) - 1, 0)
        span = Span(doc, first, first + 1, label=kind)
    return span


def _doc_quotes(doc: Doc) -> list[Quote] | None:
    records = doc._.quote_records
    return None if records is None else [Quote.from_dict(r) for r in records]


def _span_quote(span: Span) -> Quote | None:
    for record in span.doc._.quote_records or ():
        if (
            record["kind"] == span.label_
            and _span_of(span.doc, record["start"], record["end"], record["kind"]) == span
        ):
            return Quote.from_dict(record)
    return None


def find_quotes(doc: Doc, settings: Settings | None = None) -> list[Quote]:
    """Return the quotes of a parsed document, sorted by start."""
    if not len(doc):
        return []
    return resolve(doc, find_candidates(doc, settings))
