"""“According to X”: the clause it attaches to is X's, as an indirect (or mixed) quote.

[The attack killed 12], according to officials.        (after the clause)
According to officials, [the attack killed 12].        (fronted)
[The attack], according to officials, [killed 12].     (medial: the clause around it)
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes.find.context import ACCORDING, Context
from quotes.find.sources import according_source
from quotes.types import Candidate, Found, QuoteKind


def find_according(ctx: Context) -> list[Candidate]:
    """Each "according to X" outside quotes, with the clause it attaches to."""
    out = []
    for tok in ctx.cue_words:
        if tok.lower_ != ACCORDING or ctx.in_quote[tok.i] >= 0:
            continue
        source = according_source(tok)
        if source is None:
            continue
        lo, hi = according_clause(ctx, tok, source)
        lo, hi = ctx.same_paragraph(tok.i, lo, hi)
        lo, hi = ctx.drop_standalone(lo, hi)
        lo, hi = ctx.trim(lo, hi)
        if hi < lo or ctx.alpha_words(lo, hi) < ctx.settings.min_clause_words:
            continue
        start, end = ctx.doc[lo].idx, ctx.doc[hi].idx + len(ctx.doc[hi])
        inner = [
            m for m in ctx.marked if not m.standalone and start <= m.span.start and m.span.end <= end + 1
        ]
        kind = QuoteKind.MIXED if inner else QuoteKind.INDIRECT
        out.append(ctx.candidate(kind, start, end, tok, source, Found.ACCORDING_TO))
    return out


def according_clause(ctx: Context, tok: Token, source: Span) -> tuple[int, int]:
    """The clause "according to X" attaches to: before it, after it, or around it."""
    doc, sent = ctx.doc, tok.sent
    head = tok.head if tok.head is not tok else sent.root
    if head.i < tok.i:
        return max(head.left_edge.i, sent.start), tok.i - 1
    lo = head.left_edge.i
    while lo < tok.i and (doc[lo].dep_ in ("mark", "punct") or doc[lo].is_space):
        lo += 1
    if lo >= tok.i:  # "According to X, [the clause]"
        after = doc[source.end : min(head.right_edge.i, sent.end - 1) + 1]
        if any(t.pos_ in ("VERB", "AUX") and not ctx.is_cue(t) for t in after):
            return after.start, after.end - 1
        # "[the clause], according to X, the AP reported": only a cue follows
        return sent.start, tok.i - 1
    return max(lo, sent.start), min(
        head.right_edge.i, sent.end - 1
    )  # "The attack, according to X, killed 12"
