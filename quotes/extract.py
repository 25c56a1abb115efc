"""spaCy component that finds the quotes in a document.

Data flows one way: :mod:`quotes.marks` pairs the quotation marks in the raw
text, this module decides which quoted stretches and which reported clauses are
quotes and finds each one's cue and source mention, and
:mod:`quotes.attribute` turns the source mentions into speakers.

Usage::

    import quotes.extract  # registers the "quotes" factory
    nlp.add_pipe("quotes")
    doc = nlp(text)
    doc._.quotes  # list[Quote], sorted by start
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.strings import hash_string
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from . import data, marks
from .attribute import Candidate, resolve
from .quote import Quote

# Characters before an opening mark that make the quote stand on its own
# rather than sit inside a sentence of the writer's ("said: “...”", ". “...”").
_STANDALONE_BEFORE = set(".!?:;,—–-([") | set(marks.DOUBLE_CLOSE) | set(marks.SINGLE_CLOSE) | {'"', "'"}
_SENTENCE_END = {".", "!", "?"}
# The first character of a line after a line break: where quote_paragraphs starts a sentence.
_LINE_START = re.compile(r"\n\s*(?=\S)")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Dependents of a cue verb that carry its reported content when it has no clause.
_OBJECT_DEPS = {"dobj", "prep", "oprd", "xcomp", "ccomp", "dative", "attr", "acomp", "npadvmod", "advmod", "pobj"}
# A cue with no subject of its own borrows the subject of the verb it hangs on.
_BORROW_SUBJECT_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl"}


@dataclass
class Settings:
    """Knobs of the component; every one has a default that suits news text."""

    window: int = 12  # tokens searched on each side of a direct quote for its cue
    min_clause_words: int = 3  # shortest reported clause kept as an indirect quote
    unattributed: bool = True  # keep full-sentence quotes that have no cue at all
    short_fragment: int = 6  # most words of a lower-case quoted fragment that may be a term, not a quote


@dataclass
class _Marked:
    """A top-level quoted stretch, with the tokens it covers."""

    span: marks.Span
    first: int  # first content token
    last: int  # last content token (inclusive)
    open_tok: int  # token holding the opening mark
    close_tok: int | None  # token holding the closing mark
    standalone: bool  # set off by punctuation, so not part of the writer's own sentence
    para: int


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
    finder = _Finder(doc, settings or Settings())
    return resolve(doc, finder.candidates())


_ACCORDING = hash_string("according")


@cache
def _cue_lemma_ids() -> frozenset[int]:
    """The string ids of the cue lemmas, as Doc.to_array gives lemmas: the same in every vocab."""
    return frozenset(hash_string(form) for cue in data.cue_verbs() for form in (cue, cue.title()))


class _Finder:
    """The state shared while one document is searched: token index, marks, paragraphs."""

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
            doc[i] for i, (_, pos, lemma, lower) in enumerate(rows)
            if lower == _ACCORDING or (pos in (VERB, AUX) and lemma in lemmas)
        ]
        self.para_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.tok_para = [bisect.bisect_right(self.para_starts, i) - 1 for i in self.starts]
        self.in_quote = [-1] * len(doc)
        self.marked: list[_Marked] = []
        for span in marks.find_spans(self.text):
            if span.level == 0:
                self._add_marked(span)

    # --- indexing -------------------------------------------------------
    def _para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def _tok(self, char: int) -> int:
        """Index of the token holding ``char`` (or the nearest one before it)."""
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def _add_marked(self, span: marks.Span) -> None:
        first, last = self._tok(span.start), self._tok(span.end - 1)
        if self.doc[first].idx + len(self.doc[first]) <= span.start:
            first += 1  # the mark and the first word are separate tokens
        if first > last:
            return
        open_tok = self._tok(span.open_at)
        close_tok = self._tok(span.close_at) if span.close_at is not None else None
        k = len(self.marked)
        for i in range(min(open_tok, first), (close_tok if close_tok is not None else last) + 1):
            self.in_quote[i] = k
        para = self._para(span.start)
        self.marked.append(_Marked(span, first, last, open_tok, close_tok, self._standalone(span, open_tok, para), para))

    def _standalone(self, span: marks.Span, open_tok: int, para: int) -> bool:
        i = span.open_at - 1
        while i >= self.para_starts[para] and self.text[i].isspace():
            i -= 1
        if i < self.para_starts[para] or self.text[i] in _STANDALONE_BEFORE:
            return True
        before = self.doc[open_tok - 1] if open_tok > 0 else None
        # he said “We ...”: a cue verb right before the mark also sets the quote off
        return before is not None and self._is_cue(before)

    def _is_cue(self, tok: Token, frames: tuple[str, ...] = ("clause", "quote")) -> bool:
        return tok.pos_ in ("VERB", "AUX") and self.cues.get(tok.lemma_.lower()) in frames and self.in_quote[tok.i] < 0

    # --- candidates -----------------------------------------------------
    def candidates(self) -> list[Candidate]:
        """Direct quotes, then reported clauses, then "according to"; sorted by start."""
        found = self._direct()
        direct = [(c.start, c.end) for c in found]
        taken: list[tuple[int, int]] = []
        for cand in self._according() + self._reported():
            # inside a direct quote: the quote itself is the finding
            if any(_share(cand.start, cand.end, s, e) > 0.5 for s, e in direct):
                continue
            # two cues for one clause ("..., according to X, Y reported"): keep the first
            if any(_share(cand.start, cand.end, s, e) > 0.8 and _share(s, e, cand.start, cand.end) > 0.8 for s, e in taken):
                continue
            found.append(cand)
            taken.append((cand.start, cand.end))
        found.sort(key=lambda c: c.start)
        return found

    def _direct(self) -> list[Candidate]:
        out: list[Candidate] = []
        previous: Candidate | None = None
        chain_cue: dict[int, tuple[Token, Span | None]] = {}
        for m in self.marked:
            if not m.standalone:
                continue
            cue = self._direct_cue(m)
            if cue is None and m.span.chain >= 0:
                cue = chain_cue.get(m.span.chain)
            if cue is not None and self._term_not_quote(m, cue[0]):
                continue  # the ministry recommending “local help desks”
            cand = None
            if cue is not None:
                tok, source = cue
                if m.span.chain >= 0:
                    chain_cue.setdefault(m.span.chain, cue)
                cand = self._candidate("direct", m.span.start, m.span.end, tok, source, "cue")
            elif self._speech_like(m):
                evidence = "continuation" if previous is not None and self._adjacent(previous, m) else "unattributed"
                if evidence == "unattributed" and not self.settings.unattributed:
                    continue
                cand = self._candidate("direct", m.span.start, m.span.end, None, None, evidence)
                cand.follows = previous
            if cand is not None:
                out.append(cand)
                previous = cand
        # a chain whose cue comes in a later part: give it to the earlier parts
        for cand in out:
            if cand.cue is None and cand.evidence != "cue":
                m = self._marked_at(cand.start)
                if m is not None and m.span.chain in chain_cue:
                    tok, source = chain_cue[m.span.chain]
                    cand.cue, cand.source, cand.evidence, cand.follows = tok, source, "cue", None
        return out

    def _term_not_quote(self, m: _Marked, cue: Token) -> bool:
        """A few quoted words inside the writer's own sentence, which no cue governs
        or which report no speech act (a bare noun phrase): a scare quote or a
        quoted term, not a direct quote."""
        content = self.text[m.span.start:m.span.end].strip()
        words = [t for t in self.doc[m.first:m.last + 1] if t.is_alpha]
        if not content or not content[0].islower() or len(words) > self.settings.short_fragment:
            return False
        if content[-1] in ".!?,":
            return False  # “... ,” he said: set off as speech
        if self._char_before(m.span.open_at, m.para) == ":":
            return False
        if cue.lower_ == "according":
            return False
        root = self.doc[m.first:m.last + 1].root
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in self.doc[m.first:m.last + 1])
        return not has_verb or _steps(root, cue) > 2

    def _marked_at(self, start: int) -> _Marked | None:
        for m in self.marked:
            if m.span.start == start:
                return m
        return None

    def _speech_like(self, m: _Marked) -> bool:
        """A quoted stretch with no cue is speech only if it reads like a sentence."""
        toks = [t for t in self.doc[m.first:m.last + 1] if not t.is_punct]
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in toks)
        ends = self.text[m.span.end - 1:m.span.end] in (".", "!", "?", ",")
        return len(toks) >= 4 and has_verb and (ends or m.span.close_mark is None)

    def _adjacent(self, prev: Candidate, m: _Marked) -> bool:
        """True when only the previous quote's own cue clause lies between it and ``m``."""
        if self._para(prev.start) < m.para - 1:
            return False
        between = self.doc[self._tok(prev.end):m.open_tok]
        words = [t for t in between if t.is_alpha]
        if not words:
            return True
        # “A,” he said. “B.” : the words between are the cue clause of A
        return prev.cue is not None and len(words) <= 12 and prev.cue.i in range(between.start, between.end + 1)

    def _direct_cue(self, m: _Marked) -> tuple[Token, Span | None] | None:
        end_char = self.text[m.span.end - 1:m.span.end]
        forward_first = end_char in (",", "?", "!", "—", "-", "–") or m.span.close_mark is None
        before = self._char_before(m.span.open_at, m.para)
        if before in (":", ","):
            forward_first = False
        order = (self._cue_after, self._cue_before) if forward_first else (self._cue_before, self._cue_after)
        for look in order:
            found = look(m)
            if found is not None:
                return found
        return None

    def _char_before(self, i: int, para: int) -> str:
        i -= 1
        while i >= self.para_starts[para] and self.text[i].isspace():
            i -= 1
        return self.text[i] if i >= self.para_starts[para] else ""

    def _cue_after(self, m: _Marked) -> tuple[Token, Span | None] | None:
        if m.close_tok is None:
            return None
        i = m.close_tok + 1
        while i < len(self.doc) and self.doc[i].is_punct and self.doc[i].text in (",", "—", "–", "-", ")"):
            i += 1
        stop = min(len(self.doc), i + self.settings.window + 8)  # room for "X, editor at the Y,"
        content_ends_sentence = self.text[m.span.end - 1:m.span.end] in _SENTENCE_END
        for j in range(i, stop):
            tok = self.doc[j]
            if self.in_quote[j] >= 0 or self.tok_para[j] != m.para or tok.text in _SENTENCE_END:
                return None
            if tok.lower_ == "according":
                source = _according_source(tok)
                return (tok, source) if source is not None else None
            if self._is_cue(tok):
                subj = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
                if subj is not None and subj.left_edge.i <= m.first <= subj.right_edge.i:
                    return None  # ‘Expendable’ troops ordered ...: the quote is part of the subject
                source = self._source(tok)
                has_clause = any(c.dep_ == "ccomp" and c.i > j and self.in_quote[c.i] < 0 for c in tok.children)
                if source is None or (content_ends_sentence and has_clause):
                    return None
                return tok, source
            if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound", "acl"):
                return None  # another clause begins: the quote is not attributed here
        return None

    def _cue_before(self, m: _Marked) -> tuple[Token, Span | None] | None:
        i = m.open_tok - 1
        while i >= 0 and self.doc[i].text in (",", ":", "—", "–", "-"):
            i -= 1
        stop = max(-1, i - self.settings.window - 3)
        for j in range(i, stop, -1):
            tok = self.doc[j]
            inside = self.in_quote[j]
            if inside >= 0 and self.marked[inside].standalone:
                return None  # another quotation: its cue is not ours
            if inside >= 0:
                continue  # told Sky News any process “must be ...”: “...”
            if self.tok_para[j] != m.para or tok.text in _SENTENCE_END:
                return None
            if self._is_cue(tok):
                source = self._source(tok)
                return (tok, source) if source is not None else None
        return None

    # --- reported clauses (indirect and mixed) --------------------------
    def _reported(self) -> list[Candidate]:
        out = []
        for tok in self.cue_words:
            if not self._is_cue(tok) or tok.pos_ != "VERB":
                continue
            frame = self.cues[tok.lemma_.lower()]
            span = self._clause_of(tok) if frame == "clause" else None
            if span is None:
                span = self._object_of(tok)
                if span is None or not self._embedded_in(*span, cue=tok):
                    continue  # without quoted words, an object is not reported speech
                if frame == "clause" and not self._quote_follows(tok):
                    continue  # "it added the words “and Emergency” to the name"
            cand = self._reported_candidate(tok, *span)
            if cand is not None:
                out.append(cand)
        return out

    def _clause_of(self, cue: Token) -> tuple[int, int] | None:
        """Token range of the clause a cue verb reports, or None."""
        comps = [c for c in cue.children if c.dep_ == "ccomp" and _finite(c)]
        if comps:
            comp = min(comps, key=lambda c: abs(c.i - cue.i))
            lo, hi = comp.left_edge.i, comp.right_edge.i
            if comp.i < cue.i:
                before_cue = self._cue_clause_start(cue) - 1
                hi = min(hi, before_cue)
                if before_cue < 0 or not self.doc[before_cue].is_punct:
                    return None  # a clause before its cue is set off by a comma: "X, Kirby said"
            else:
                lo = max(lo, cue.i + 1)
            return lo, hi
        # a misparse that makes "observers allege" the subject of the reported clause
        if cue.dep_ in _SUBJECT_DEPS and cue.head.i > cue.i and any(c.dep_ == "nsubj" for c in cue.children):
            return cue.i + 1, cue.head.right_edge.i
        # parenthetical cue after its clause: "..., The New York Times reported."
        if cue.dep_ in ("parataxis", "ccomp", "advcl", "conj") and cue.head.i < cue.i:
            sent = cue.sent
            tail = [t for t in self.doc[cue.right_edge.i + 1:sent.end] if not t.is_punct]
            left = self._cue_clause_start(cue)
            if not tail and left > sent.start and self.doc[left - 1].is_punct:
                return sent.start, left - 1
        return None

    def _cue_clause_start(self, cue: Token) -> int:
        subj = [c for c in cue.children if c.dep_ in _SUBJECT_DEPS and c.i < cue.i]
        starts = [cue.i] + [s.left_edge.i for s in subj]
        starts += [c.left_edge.i for c in cue.children if c.dep_ in ("advmod", "aux", "neg", "npadvmod") and c.i < cue.i]
        return min(starts)

    def _object_of(self, cue: Token) -> tuple[int, int] | None:
        """The run of objects right after a cue verb: compared [the “bizarre” experience to ...]."""
        right = [c for c in cue.children if c.i > cue.i]
        lo = hi = None
        for child in right:
            if child.dep_ == "punct" and self.in_quote[child.i] >= 0:
                continue  # the opening mark of the quoted object
            if child.dep_ not in _OBJECT_DEPS:
                break
            lo = child.left_edge.i if lo is None else lo
            hi = child.right_edge.i
        return None if lo is None else (lo, hi)

    def _quote_follows(self, cue: Token) -> bool:
        """True when a quoted fragment starts right after the cue or after one
        preposition: warned of “catastrophic consequences”."""
        for j in (cue.i + 1, cue.i + 2):
            if j < len(self.doc) and self.in_quote[j] >= 0:
                return True
            if j < len(self.doc) and self.doc[j].pos_ != "ADP":
                return False
        return False

    def _embedded_in(self, lo: int, hi: int, cue: Token | None = None, hops: int = 3) -> bool:
        """True when a quoted fragment sits in tokens lo..hi (and, given a cue,
        hangs on it within a few dependency steps, not deep inside some modifier)."""
        for m in self.marked:
            if m.standalone or not lo <= m.first <= hi:
                continue
            if cue is None or _steps(self.doc[m.first:m.last + 1].root, cue) <= hops:
                return True
        return False

    def _reported_candidate(self, cue: Token, lo: int, hi: int) -> Candidate | None:
        source = self._source(cue)
        if source is None:
            return None
        lo, hi = self._same_paragraph(cue.i, lo, hi)
        lo, hi = self._drop_standalone(cue, lo, hi)
        lo, hi = self._trim(lo, hi)
        if hi < lo or sum(1 for t in self.doc[lo:hi + 1] if t.is_alpha) < self.settings.min_clause_words:
            return None
        if not any(t.pos_ in ("VERB", "AUX") for t in self.doc[lo:hi + 1]) and not self._embedded_in(lo, hi):
            return None  # a bare noun phrase is not a reported clause
        start, end = self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi])
        inner = [m for m in self.marked if not m.standalone and start <= m.span.end and m.span.start <= end]
        for m in inner:  # take an embedded quote whole, closing mark included
            start = min(start, m.span.open_at)
            end = max(end, m.span.outer_end)
        kind = "mixed" if inner else "indirect"
        return self._candidate(kind, start, end, cue, source, "indirect")

    def _same_paragraph(self, anchor: int, lo: int, hi: int) -> tuple[int, int]:
        """Clip a token range to the paragraph of ``anchor``: the parser's sentences
        sometimes run over a headline or a caption."""
        para = self.tok_para[anchor]
        while lo < anchor and self.tok_para[lo] != para:
            lo += 1
        while hi > anchor and self.tok_para[hi] != para:
            hi -= 1
        return lo, hi

    def _drop_standalone(self, cue: Token, lo: int, hi: int) -> tuple[int, int]:
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

    def _trim(self, lo: int, hi: int) -> tuple[int, int]:
        doc = self.doc
        while lo <= hi and (doc[lo].is_punct or doc[lo].is_space or (doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether", "if"))):
            lo += 1
        while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
            hi -= 1
        return lo, hi

    # --- "according to X" ----------------------------------------------
    def _according(self) -> list[Candidate]:
        out = []
        for tok in self.cue_words:
            if tok.lower_ != "according" or self.in_quote[tok.i] >= 0:
                continue
            source = _according_source(tok)
            if source is None:
                continue
            lo, hi = self._according_clause(tok, source)
            lo, hi = self._same_paragraph(tok.i, lo, hi)
            lo, hi = self._drop_standalone(tok, lo, hi)
            lo, hi = self._trim(lo, hi)
            if hi < lo or sum(1 for t in self.doc[lo:hi + 1] if t.is_alpha) < self.settings.min_clause_words:
                continue
            start, end = self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi])
            inner = [m for m in self.marked if not m.standalone and start <= m.span.start and m.span.end <= end + 1]
            kind = "mixed" if inner else "indirect"
            out.append(self._candidate(kind, start, end, tok, source, "according-to"))
        return out

    def _according_clause(self, tok: Token, source: Span) -> tuple[int, int]:
        """The clause "according to X" attaches to: before it, after it, or around it."""
        sent = tok.sent
        pp_end = source.end  # the token after the source phrase
        head = tok.head if tok.head is not tok else sent.root
        if head.i < tok.i:
            return max(head.left_edge.i, sent.start), tok.i - 1
        lo = head.left_edge.i
        while lo < tok.i and (self.doc[lo].dep_ in ("mark", "punct") or self.doc[lo].is_space):
            lo += 1
        if lo >= tok.i:  # "According to X, [the clause]"
            after = self.doc[pp_end:min(head.right_edge.i, sent.end - 1) + 1]
            if any(t.pos_ in ("VERB", "AUX") and not self._is_cue(t) for t in after):
                return after.start, after.end - 1
            # "[the clause], according to X, the AP reported": only a cue follows
            return sent.start, tok.i - 1
        return max(lo, sent.start), min(head.right_edge.i, sent.end - 1)  # "The attack, according to X, killed 12"

    # --- sources ----------------------------------------------------------
    def _source(self, cue: Token) -> Span | None:
        """The phrase naming who spoke: the cue's subject, agent or borrowed subject."""
        verb = cue
        for _ in range(3):
            subj = self._subject(verb)
            if subj is not None:
                return self._clip_source(subj)
            if verb.dep_ not in _BORROW_SUBJECT_DEPS or verb.head is verb:
                return None
            verb = verb.head
        return None

    def _clip_source(self, phrase: Span) -> Span | None:
        """Keep the part of a source phrase in its head's paragraph and outside quotes."""
        head = phrase.root
        if self.in_quote[head.i] >= 0:
            return None
        lo, hi = self._same_paragraph(head.i, phrase.start, phrase.end - 1)
        for i in range(head.i - 1, lo - 1, -1):
            if self.in_quote[i] >= 0:
                lo = i + 1
                break
        for i in range(head.i + 1, hi + 1):
            if self.in_quote[i] >= 0:
                hi = i - 1
                break
        while hi > head.i and self.doc[hi].is_punct:
            hi -= 1
        return self.doc[lo:hi + 1]

    def _subject(self, verb: Token) -> Span | None:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            child = subjects[0]
            if child.tag_ in ("WP", "WDT") or child.lower_ == "that":
                return _phrase(verb.head) if verb.dep_ == "relcl" else None
            if len(subjects) > 1:  # "the engineer Tom Baker said" parsed as two subjects
                phrases = [_phrase(c) for c in subjects]
                return self.doc[min(p.start for p in phrases):max(p.end for p in phrases)]
            return _phrase(child)
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                # "was quoted as saying": the passive subject is the speaker only for these verbs
                if verb.lemma_ in ("quote", "cite"):
                    return _phrase(child)
        for child in verb.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return _phrase(objs[0])
        return None

    def _candidate(self, kind: str, start: int, end: int, cue: Token | None, source: Span | None, evidence: str) -> Candidate:
        first, last = self._tok(start), self._tok(max(end - 1, start))
        sents = self.doc[first].sent, self.doc[last].sent
        sentence = self.text[sents[0].start_char:sents[1].end_char].strip()
        return Candidate(kind=kind, start=start, end=end, cue=cue, source=source, evidence=evidence, sentence=sentence)


def _finite(verb: Token) -> bool:
    """A clause with a tensed verb or an auxiliary: "troops firing rifles" reports nothing."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)


def _steps(tok: Token, ancestor: Token) -> int:
    """Dependency steps from ``tok`` up to ``ancestor`` (a large number if it is not one)."""
    for n in range(12):
        if tok == ancestor:
            return n
        if tok.head is tok:
            break
        tok = tok.head
    return 99


def _according_source(tok: Token) -> Span | None:
    for to in tok.children:
        if to.lower_ == "to":
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return _phrase(objs[0])
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        if objs:
            return _phrase(objs[0])
    return None


def _phrase(head: Token) -> Span:
    """The noun phrase headed by ``head``, without relative clauses or trailing commas."""
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    for child in head.children:
        if child.i > head.i and child.dep_ in ("relcl", "acl") and not _is_agentive(child):
            hi = min(hi, child.left_edge.i - 1)
    while hi > head.i and (doc[hi].is_punct or doc[hi].lower_ in ("who", "which", "that")):
        hi -= 1
    while lo < head.i and doc[lo].is_punct:
        lo += 1
    return doc[lo:hi + 1]


def _is_agentive(acl: Token) -> bool:
    """“a statement issued by Zelensky”: keep the participle that names the author."""
    return any(c.dep_ == "agent" for c in acl.children)


def _share(a0: int, a1: int, b0: int, b1: int) -> float:
    """The share of range a that lies inside range b."""
    inter = min(a1, b1) - max(a0, b0)
    return inter / max(1, a1 - a0) if inter > 0 else 0.0
