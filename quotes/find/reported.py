"""Reported clauses: indirect and mixed quotes hung on a cue verb.

Kirby said [the troops had suffered heavy losses].          (complement clause)
[The troops had suffered heavy losses], Kirby said.         (parenthetical cue)
Officials warned of [“catastrophic consequences”].          (quoted object: mixed)
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quotes import data
from quotes.find.context import Context
from quotes.find.sources import source_of
from quotes.syntax import SUBJECT_DEPS, finite
from quotes.types import Candidate, Found, Frame, QuoteKind

# Dependents of a cue verb that carry its reported content when it has no clause.
OBJECT_DEPS = {
    "dobj",
    "prep",
    "oprd",
    "xcomp",
    "ccomp",
    "dative",
    "attr",
    "acomp",
    "npadvmod",
    "advmod",
    "pobj",
}


def find_reported(ctx: Context) -> list[Candidate]:
    """The clause (or the quoted object) each cue verb reports, in token order of the cues."""
    out = []
    for tok in ctx.cue_words:
        if not ctx.is_cue(tok) or tok.pos_ != "VERB":
            continue
        frame = ctx.cues[tok.lemma_.lower()]
        span = clause_of(ctx, tok) if frame == Frame.CLAUSE else None
        if span is None:
            span = request_of(ctx, tok)
        demand = None if span is not None else demand_of(tok)
        if demand is not None:
            cand = reported_candidate(ctx, tok, *demand, phrase_ok=True)
            out += [cand] if cand is not None else []
            continue
        if span is None:
            span = object_of(ctx, tok)
            if span is None or not ctx.embedded_in(*span, cue=tok):
                continue  # without quoted words, an object is not reported speech
            if frame == Frame.CLAUSE and not quote_follows(ctx, tok):
                continue  # "it added the words “and Emergency” to the name"
        cand = reported_candidate(ctx, tok, *span)
        if cand is not None:
            out.append(cand)
    return out


def clause_of(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """Token range of the clause a cue verb reports, or None."""
    doc = ctx.doc
    comps = [c for c in cue.children if c.dep_ == "ccomp" and (finite(c) or subjunctive(c))]
    if comps:
        comp = min(comps, key=lambda c: abs(c.i - cue.i))
        lo, hi = comp.left_edge.i, comp.right_edge.i
        if comp.i < cue.i:
            before_cue = cue_clause_start(cue) - 1
            hi = min(hi, before_cue)
            if before_cue < 0 or not doc[before_cue].is_punct:
                return None  # a clause before its cue is set off by a comma: "X, Kirby said"
        else:
            lo = max(lo, cue.i + 1)
        return lo, hi
    # "observed that [the date ... coincided]" misparsed with "that" on a noun: the clause is still that noun's
    after = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if (
        after is not None
        and after.dep_ == "mark"
        and after.lower_ in data.words("complementizers.txt")
        and after.head.i > after.i
        and after.head.head == cue
    ):
        return cue.i + 1, after.head.right_edge.i
    # a misparse that makes "observers allege" the subject of the reported clause
    if cue.dep_ in SUBJECT_DEPS and cue.head.i > cue.i and any(c.dep_ == "nsubj" for c in cue.children):
        return cue.i + 1, cue.head.right_edge.i
    # parenthetical cue after its clause: "..., The New York Times reported."
    if cue.dep_ in ("parataxis", "ccomp", "advcl", "conj") and cue.head.i < cue.i:
        sent = cue.sent
        tail = [t for t in doc[cue.right_edge.i + 1 : sent.end] if not t.is_punct]
        left = cue_clause_start(cue)
        own_object = any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > cue.i for c in cue.children)
        if not tail and not own_object and left > sent.start and doc[left - 1].is_punct:
            return sent.start, left - 1
    # "with the Times reporting [no one was hurt]": a participle cue with its own subject and
    # no complement, before a clause the parser hung on another verb
    if cue.tag_ == "VBG" and cue.dep_ == "pcomp" and any(c.dep_ == "nsubj" for c in cue.children):
        nxt = cue.i + 1
        for verb in doc[nxt : cue.sent.end]:
            if (
                verb.dep_ in ("ccomp", "conj", "ROOT")
                and finite(verb)
                and verb.left_edge.i <= nxt <= verb.right_edge.i
            ):
                return nxt, verb.right_edge.i
    # cue set off inside its clause: "[Recipients], said Lee, [are required to ...]"
    if cue.dep_ in ("parataxis", "advcl", "ccomp") and cue.head.i > cue.i and set_off(doc, cue):
        head = cue.head
        if any(not t.is_punct for t in doc[head.left_edge.i : own_clause_start(doc, cue)]):
            return max(head.left_edge.i, cue.sent.start), min(head.right_edge.i, cue.sent.end - 1)
    return None


def set_off(doc: Doc, cue: Token) -> bool:
    """True when the cue's clause stands between punctuation: ", said Lee," or ", Lee said,"."""
    left, right = own_clause_start(doc, cue), cue.right_edge.i
    before = doc[left].is_punct or (left > 0 and doc[left - 1].is_punct)
    after = doc[right].is_punct or (right + 1 < len(doc) and doc[right + 1].is_punct)
    return before and after


def own_clause_start(doc: Doc, cue: Token) -> int:
    """Where the cue's own words start: at an inverted cue right after a comma (", said Lee"),
    whatever the parser hung on it before the comma; else at its subtree's left edge."""
    if cue.i > 0 and doc[cue.i - 1].is_punct and any(c.dep_ == "nsubj" and c.i > cue.i for c in cue.children):
        return cue.i - 1
    return cue.left_edge.i


def request_of(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """The to-infinitive after the person a request addresses: urged voters [to reject the plan]."""
    if cue.lemma_.lower() not in data.words("request_cues.txt"):
        return None
    addressed = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i]
    for comp in cue.children:
        if (
            comp.dep_ == "xcomp"
            and addressed
            and comp.i > addressed[0].i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in comp.children)
        ):
            return max(comp.left_edge.i, addressed[0].right_edge.i + 1), comp.right_edge.i
    return None


def subjunctive(verb: Token) -> bool:
    """An untensed clause with a complementizer and a subject: recommended that [schools stay open]."""
    children = list(verb.children)
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in children
    )


def demand_of(cue: Token) -> tuple[int, int] | None:
    """The object of the preposition a demand takes: called for [an immediate halt]."""
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.i > cue.i and (cue.lemma_.lower(), prep.lower_) in data.demand_cues():
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if objs:
                return objs[0].left_edge.i, objs[0].right_edge.i
    return None


def cue_clause_start(cue: Token) -> int:
    """The first token of the cue's own clause: its subject, adverbs and auxiliaries."""
    subj = [c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.i < cue.i]
    starts = [cue.i] + [s.left_edge.i for s in subj]
    starts += [
        c.left_edge.i for c in cue.children if c.dep_ in ("advmod", "aux", "neg", "npadvmod") and c.i < cue.i
    ]
    return min(starts)


def object_of(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """The run of objects right after a cue verb: compared [the “bizarre” experience to ...]."""
    lo = hi = None
    for child in (c for c in cue.children if c.i > cue.i):
        if child.dep_ == "punct" and ctx.in_quote[child.i] >= 0:
            continue  # the opening mark of the quoted object
        if child.dep_ not in OBJECT_DEPS:
            break
        lo = child.left_edge.i if lo is None else lo
        hi = child.right_edge.i
    return None if lo is None or hi is None else (lo, hi)


def quote_follows(ctx: Context, cue: Token) -> bool:
    """True when a quoted fragment starts right after the cue or after one
    preposition: warned of “catastrophic consequences”."""
    for j in (cue.i + 1, cue.i + 2):
        if j < len(ctx.doc) and ctx.in_quote[j] >= 0:
            return True
        if j < len(ctx.doc) and ctx.doc[j].pos_ != "ADP":
            return False
    return False


def reported_candidate(
    ctx: Context, cue: Token, lo: int, hi: int, phrase_ok: bool = False
) -> Candidate | None:
    """The indirect or mixed quote in tokens lo..hi, once clipped and trimmed; None when too
    short, or a bare noun phrase where ``phrase_ok`` does not allow one."""
    source = source_of(ctx, cue)
    if source is None:
        return None
    lo, hi = ctx.same_paragraph(cue.i, lo, hi)
    lo, hi = ctx.drop_standalone(lo, hi)
    lo, hi = ctx.trim(lo, hi)
    if hi < lo or ctx.alpha_words(lo, hi) < ctx.settings.min_clause_words:
        return None
    if (
        not phrase_ok
        and not any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[lo : hi + 1])
        and not ctx.embedded_in(lo, hi)
    ):
        return None  # a bare noun phrase is not a reported clause
    start, end = ctx.doc[lo].idx, ctx.doc[hi].idx + len(ctx.doc[hi])
    inner = [m for m in ctx.marked if not m.standalone and start <= m.span.end and m.span.start <= end]
    for m in inner:  # take an embedded quote whole, closing mark included
        start = min(start, m.span.open_at)
        end = max(end, m.span.outer_end)
    kind = QuoteKind.MIXED if inner else QuoteKind.INDIRECT
    return ctx.candidate(kind, start, end, cue, source, Found.INDIRECT)
