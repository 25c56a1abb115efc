"""What every rule that finds quotes reads: one document, indexed once.

A :class:`Context` is built per document and passed to each rule. It holds the token
offsets, the paragraphs, the quoted stretches (:class:`Marked`) and the cue words, and
answers the small questions rules share: which token holds a character, is this token
a cue, clip a token range to a paragraph or out of a direct quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from quotes import data, marks
from quotes.syntax import steps
from quotes.types import Candidate, Found, Frame, QuoteKind

# Characters before an opening mark that make the quote stand on its own
# rather than sit inside a sentence of the writer's ("said: “...”", ". “...”").
STANDALONE_BEFORE = set(".!?:;,—–-([") | set(marks.DOUBLE_CLOSE) | set(marks.SINGLE_CLOSE) | {'"', "'"}
SENTENCE_END = {".", "!", "?"}
ACCORDING = "according"
_ACCORDING_ID = hash_string(ACCORDING)


@dataclass
class Settings:
    """Knobs of the component; every one has a default that suits news text."""

    window: int = 12  # tokens searched on each side of a direct quote for its cue
    min_clause_words: int = 3  # shortest reported clause kept as an indirect quote
    unattributed: bool = True  # keep full-sentence quotes that have no cue at all
    short_fragment: int = 6  # most words of a lower-case quoted fragment that may be a term, not a quote


@dataclass
class Marked:
    """A top-level quoted stretch, with the tokens it covers."""

    span: marks.Span
    first: int  # first content token
    last: int  # last content token (inclusive)
    open_tok: int  # token holding the opening mark
    close_tok: int | None  # token holding the closing mark
    standalone: bool  # set off by punctuation, so not part of the writer's own sentence
    para: int


@cache
def _cue_lemma_ids() -> frozenset[int]:
    """The string ids of the cue lemmas, as Doc.to_array gives lemmas: the same in every vocab."""
    return frozenset(hash_string(form) for cue in data.cue_verbs() for form in (cue, cue.title()))


class Context:
    """One parsed document, indexed for the rules: tokens, paragraphs, quoted stretches, cues."""

    def __init__(self, doc: Doc, settings: Settings):
        self.doc = doc
        self.settings = settings
        self.text = doc.text
        self.cues = data.cue_verbs()
        # Read from arrays: a spaCy Token object per token per pass would cost more than
        # the rest of the search.
        rows = doc.to_array([IDX, POS, LEMMA, LOWER]).tolist()
        self.starts = [row[0] for row in rows]
        lemmas = _cue_lemma_ids()
        self.cue_words = [  # verbs with a cue lemma, and "according"
            doc[i]
            for i, (_, pos, lemma, lower) in enumerate(rows)
            if lower == _ACCORDING_ID or (pos in (VERB, AUX) and lemma in lemmas)
        ]
        self.para_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.tok_para = [bisect.bisect_right(self.para_starts, i) - 1 for i in self.starts]
        self.in_quote = [-1] * len(doc)  # the index in self.marked of the stretch holding each token
        self.marked: list[Marked] = []
        for span in marks.find_spans(self.text):
            if span.level == 0:
                self._add_marked(span)

    # --- where things are ------------------------------------------------
    def para(self, char: int) -> int:
        """The paragraph holding character ``char``."""
        return bisect.bisect_right(self.para_starts, char) - 1

    def tok(self, char: int) -> int:
        """Index of the token holding ``char`` (or the nearest one before it)."""
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def char_before(self, i: int, para: int) -> str:
        """The last non-space character before index ``i - 1`` in paragraph ``para``, or ''."""
        i -= 1
        while i >= self.para_starts[para] and self.text[i].isspace():
            i -= 1
        return self.text[i] if i >= self.para_starts[para] else ""

    def marked_at(self, start: int) -> Marked | None:
        """The quoted stretch starting at character ``start``."""
        for m in self.marked:
            if m.span.start == start:
                return m
        return None

    def is_cue(self, tok: Token, frames: tuple[Frame, ...] = (Frame.CLAUSE, Frame.QUOTE)) -> bool:
        """A cue verb of one of ``frames``, outside any quoted stretch."""
        return (
            tok.pos_ in ("VERB", "AUX")
            and self.cues.get(tok.lemma_.lower()) in frames
            and self.in_quote[tok.i] < 0
        )

    def alpha_words(self, lo: int, hi: int) -> int:
        """How many word tokens lie in tokens lo..hi."""
        return sum(1 for t in self.doc[lo : hi + 1] if t.is_alpha)

    # --- clipping a token range -------------------------------------------
    def same_paragraph(self, anchor: int, lo: int, hi: int) -> tuple[int, int]:
        """Clip a token range to the paragraph of ``anchor``: the parser's sentences
        sometimes run over a headline or a caption."""
        para = self.tok_para[anchor]
        while lo < anchor and self.tok_para[lo] != para:
            lo += 1
        while hi > anchor and self.tok_para[hi] != para:
            hi -= 1
        return lo, hi

    def drop_standalone(self, lo: int, hi: int) -> tuple[int, int]:
        """Cut direct quotes out of a reported clause, keeping the side away from them.

        “[reports of suicides], “likely out of fear,” Kirby said” is an indirect
        quote followed by a direct one, not one mixed quote.
        """
        for m in self.marked:
            if not m.standalone or m.last < lo or m.first > hi:
                continue
            end_tok = m.close_tok if m.close_tok is not None else m.last
            if m.open_tok <= lo and end_tok >= hi:
                return hi + 1, hi  # all of it is quoted: the direct quote covers it
            if m.first - lo >= hi - m.last:
                hi = m.open_tok - 1
            else:
                lo = end_tok + 1
        return lo, hi

    def trim(self, lo: int, hi: int) -> tuple[int, int]:
        """Drop punctuation at both ends and a complementizer ("that") at the start."""
        doc, complementizers = self.doc, data.words("complementizers.txt")
        while lo <= hi and (
            doc[lo].is_punct
            or doc[lo].is_space
            or (doc[lo].dep_ == "mark" and doc[lo].lower_ in complementizers)
        ):
            lo += 1
        while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
            hi -= 1
        return lo, hi

    def embedded_in(self, lo: int, hi: int, cue: Token | None = None, hops: int = 3) -> bool:
        """True when a quoted fragment sits in tokens lo..hi (and, given a cue,
        hangs on it within a few dependency steps, not deep inside some modifier)."""
        for m in self.marked:
            if m.standalone or not lo <= m.first <= hi:
                continue
            if cue is None or steps(self.doc[m.first : m.last + 1].root, cue) <= hops:
                return True
        return False

    # --- the record a rule returns ------------------------------------------
    def candidate(
        self, kind: QuoteKind, start: int, end: int, cue: Token | None, source: Span | None, evidence: Found
    ) -> Candidate:
        """A :class:`Candidate` for characters start..end, with its sentence(s)."""
        first, last = self.tok(start), self.tok(max(end - 1, start))
        sents = self.doc[first].sent, self.doc[last].sent
        sentence = self.text[sents[0].start_char : sents[1].end_char].strip()
        return Candidate(
            kind=kind, start=start, end=end, cue=cue, source=source, evidence=evidence, sentence=sentence
        )

    # --- building the index ---------------------------------------------------
    def _add_marked(self, span: marks.Span) -> None:
        first, last = self.tok(span.start), self.tok(span.end - 1)
        if self.doc[first].idx + len(self.doc[first]) <= span.start:
            first += 1  # the mark and the first word are separate tokens
        if first > last:
            return
        open_tok = self.tok(span.open_at)
        close_tok = self.tok(span.close_at) if span.close_at is not None else None
        k = len(self.marked)
        for i in range(min(open_tok, first), (close_tok if close_tok is not None else last) + 1):
            self.in_quote[i] = k
        para = self.para(span.start)
        self.marked.append(
            Marked(span, first, last, open_tok, close_tok, self._standalone(span, open_tok, para), para)
        )

    def _standalone(self, span: marks.Span, open_tok: int, para: int) -> bool:
        i = span.open_at - 1
        while i >= self.para_starts[para] and self.text[i].isspace():
            i -= 1
        if i < self.para_starts[para] or self.text[i] in STANDALONE_BEFORE:
            return True
        before = self.doc[open_tok - 1] if open_tok > 0 else None
        # he said “We ...”: a cue verb right before the mark also sets the quote off
        return before is not None and self.is_cue(before)
