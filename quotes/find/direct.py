"""Direct quotes: a quoted stretch set off from the writer's sentence, with its cue.

“We are ready,” said Mayor Ana Ortiz.   (cue after the quote)
Ortiz said: “We are ready.”             (cue before it)
“We are ready,” she said. “We waited.”  (a continuation takes the same speaker)
A quote over several paragraphs (a chain of marks) shares the cue of any of its parts.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes.find.context import ACCORDING, SENTENCE_END, Context, Marked
from quotes.find.sources import according_source, source_of
from quotes.syntax import SUBJECT_DEPS, steps
from quotes.types import Candidate, Found, QuoteKind

Cue = tuple[Token, "Span | None"]  # a cue word and the source phrase it names


def find_direct(ctx: Context) -> list[Candidate]:
    """Every standalone quoted stretch that has a cue or reads like speech, in order."""
    out: list[Candidate] = []
    previous: Candidate | None = None
    chain_cue: dict[int, Cue] = {}
    for m in ctx.marked:
        if not m.standalone:
            continue
        cue = direct_cue(ctx, m)
        if cue is None and m.span.chain >= 0:
            cue = chain_cue.get(m.span.chain)
        if cue is not None and term_not_quote(ctx, m, cue[0]):
            m.standalone = False  # the ministry recommending “local help desks”: quoted words in its clause
            continue
        cand = None
        if cue is not None:
            tok, source = cue
            if m.span.chain >= 0:
                chain_cue.setdefault(m.span.chain, cue)
            cand = ctx.candidate(QuoteKind.DIRECT, m.span.start, m.span.end, tok, source, Found.CUE)
        elif speech_like(ctx, m):
            adjacent = previous is not None and follows_closely(ctx, previous, m)
            evidence = Found.CONTINUATION if adjacent else Found.UNATTRIBUTED
            if evidence is Found.UNATTRIBUTED and not ctx.settings.unattributed:
                continue
            cand = ctx.candidate(QuoteKind.DIRECT, m.span.start, m.span.end, None, None, evidence)
            cand.follows = previous
        if cand is not None:
            out.append(cand)
            previous = cand
    _give_chains_their_cue(ctx, out, chain_cue)
    return out


def _give_chains_their_cue(ctx: Context, found: list[Candidate], chain_cue: dict[int, Cue]) -> None:
    """A chain whose cue comes in a later part: give it to the earlier parts."""
    for cand in found:
        if cand.cue is None and cand.evidence is not Found.CUE:
            m = ctx.marked_at(cand.start)
            if m is not None and m.span.chain in chain_cue:
                tok, source = chain_cue[m.span.chain]
                cand.cue, cand.source, cand.evidence, cand.follows = tok, source, Found.CUE, None


def term_not_quote(ctx: Context, m: Marked, cue: Token) -> bool:
    """A few quoted words inside the writer's own sentence, which no cue governs
    or which report no speech act (a bare noun phrase): a scare quote or a
    quoted term, not a direct quote."""
    content = ctx.text[m.span.start : m.span.end].strip()
    words = [t for t in ctx.doc[m.first : m.last + 1] if t.is_alpha]
    if not content or not content[0].islower() or len(words) > ctx.settings.short_fragment:
        return False
    if content[-1] in ".!?,":
        return False  # “... ,” he said: set off as speech
    if ctx.char_before(m.span.open_at, m.para) == ":":
        return False
    if cue.lower_ == ACCORDING:
        return False
    root = ctx.doc[m.first : m.last + 1].root
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[m.first : m.last + 1])
    return not has_verb or steps(root, cue) > 2


def speech_like(ctx: Context, m: Marked) -> bool:
    """A quoted stretch with no cue is speech only if it reads like a sentence."""
    toks = [t for t in ctx.doc[m.first : m.last + 1] if not t.is_punct]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in toks)
    ends = ctx.text[m.span.end - 1 : m.span.end] in (".", "!", "?", ",")
    return len(toks) >= 4 and has_verb and (ends or m.span.close_mark is None)


def follows_closely(ctx: Context, prev: Candidate, m: Marked) -> bool:
    """True when only the previous quote's own cue clause lies between it and ``m``."""
    if ctx.para(prev.start) < m.para - 1:
        return False
    between = ctx.doc[ctx.tok(prev.end) : m.open_tok]
    words = [t for t in between if t.is_alpha]
    if not words:
        return True
    # “A,” he said. “B.” : the words between are the cue clause of A
    return prev.cue is not None and len(words) <= 12 and prev.cue.i in range(between.start, between.end + 1)


def direct_cue(ctx: Context, m: Marked) -> Cue | None:
    """The cue of a quoted stretch, looked for first on the side its punctuation points to."""
    end_char = ctx.text[m.span.end - 1 : m.span.end]
    forward_first = end_char in (",", "?", "!", "—", "-", "–") or m.span.close_mark is None
    before = ctx.char_before(m.span.open_at, m.para)
    if before in (":", ","):
        forward_first = False
    order = (cue_after, cue_before) if forward_first else (cue_before, cue_after)
    for look in order:
        found = look(ctx, m)
        if found is not None:
            return found
    return None


def cue_after(ctx: Context, m: Marked) -> Cue | None:
    """“...,” said X / “...,” X, editor at the Y, said / “...,” according to X."""
    if m.close_tok is None:
        return None
    doc = ctx.doc
    i = m.close_tok + 1
    while i < len(doc) and doc[i].is_punct and doc[i].text in (",", "—", "–", "-", ")"):
        i += 1
    stop = min(len(doc), i + ctx.settings.window + 8)  # room for "X, editor at the Y,"
    content_ends_sentence = ctx.text[m.span.end - 1 : m.span.end] in SENTENCE_END
    for j in range(i, stop):
        tok = doc[j]
        if ctx.in_quote[j] >= 0 or ctx.tok_para[j] != m.para or tok.text in SENTENCE_END:
            return None
        if tok.lower_ == ACCORDING:
            source = according_source(tok)
            return (tok, source) if source is not None else None
        if ctx.is_cue(tok):
            subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and subj.left_edge.i <= m.first <= subj.right_edge.i:
                return None  # ‘Expendable’ troops ordered ...: the quote is part of the subject
            source = source_of(ctx, tok)
            has_clause = any(c.dep_ == "ccomp" and c.i > j and ctx.in_quote[c.i] < 0 for c in tok.children)
            if source is None or (content_ends_sentence and (has_clause or introduces_quote(ctx, tok))):
                return None
            return tok, source
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound", "acl"):
            return None  # another clause begins: the quote is not attributed here
    return None


def introduces_quote(ctx: Context, cue: Token) -> bool:
    """True when a quote set off by punctuation follows the cue: “...” Ali said, “...”."""
    i = cue.i + 1
    while i < len(ctx.doc) and ctx.doc[i].text in (",", ":"):
        i += 1
    return i < len(ctx.doc) and ctx.in_quote[i] >= 0 and ctx.marked[ctx.in_quote[i]].standalone


def cue_before(ctx: Context, m: Marked) -> Cue | None:
    """X said: “...” / X told Sky News any process “must be ...”: “...”."""
    doc = ctx.doc
    i = m.open_tok - 1
    while i >= 0 and doc[i].text in (",", ":", "—", "–", "-"):
        i -= 1
    stop = max(-1, i - ctx.settings.window - 3)
    for j in range(i, stop, -1):
        tok = doc[j]
        inside = ctx.in_quote[j]
        if inside >= 0 and ctx.marked[inside].standalone:
            return None  # another quotation: its cue is not ours
        if inside >= 0:
            continue  # told Sky News any process “must be ...”: “...”
        if ctx.tok_para[j] != m.para or tok.text in SENTENCE_END:
            return None
        if ctx.is_cue(tok):
            source = source_of(ctx, tok)
            return (tok, source) if source is not None else None
    return None
