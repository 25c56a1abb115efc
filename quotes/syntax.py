"""Reading spaCy's dependency parse: the few shapes both finding quotes and deciding
their speakers rely on. Plain functions of tokens; no rule lives here."""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes import data

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def phrase(head: Token) -> Span:
    """The noun phrase headed by ``head``, without relative clauses or trailing commas."""
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    for child in head.children:
        if child.i > head.i and child.dep_ in ("relcl", "acl") and not is_agentive(child):
            hi = min(hi, child.left_edge.i - 1)
    relatives = data.words("relative_pronouns.txt")
    while hi > head.i and (doc[hi].is_punct or doc[hi].lower_ in relatives):
        hi -= 1
    while lo < head.i and doc[lo].is_punct:
        lo += 1
    return doc[lo : hi + 1]


def is_agentive(acl: Token) -> bool:
    """“a statement issued by Zelensky”: keep the participle that names the author."""
    return any(c.dep_ == "agent" for c in acl.children)


def finite(verb: Token) -> bool:
    """A clause with a tensed verb or an auxiliary: "troops firing rifles" reports nothing."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)


def steps(tok: Token, ancestor: Token) -> int:
    """Dependency steps from ``tok`` up to ``ancestor`` (a large number if it is not one)."""
    for n in range(12):
        if tok == ancestor:
            return n
        if tok.head is tok:
            break
        tok = tok.head
    return 99


def main_subject(tok: Token) -> bool:
    """The subject of a sentence's main verb (or of a verb joined to it): someone the
    next "he" or "they" can point to. Subjects inside reported clauses are not."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def ents_in(span: Span) -> list[Span]:
    """The entities wholly inside ``span``, read off its tokens (Span.ents scans the whole doc)."""
    doc, out, start = span.doc, [], None
    for tok in span:
        if tok.ent_iob_ != "I" and start is not None:
            out.append(doc[start : tok.i])
            start = None
        if tok.ent_iob_ == "B":
            start = tok.i
    if start is not None:
        end = span.end
        if end >= len(doc) or doc[end].ent_iob_ != "I":
            out.append(doc[start:end])
    return [
        Span(doc, e.start, e.end, label=e[0].ent_type_)
        for e in out
        if e.start > span.start or e[0].ent_iob_ == "B"
    ]


def share(a0: int, a1: int, b0: int, b1: int) -> float:
    """The share of range a that lies inside range b."""
    inter = min(a1, b1) - max(a0, b0)
    return inter / max(1, a1 - a0) if inter > 0 else 0.0


def inside(char: int, ranges: list[tuple[int, int]]) -> bool:
    """True when character ``char`` lies in one of the half-open ``ranges``."""
    return any(s <= char < e for s, e in ranges)
