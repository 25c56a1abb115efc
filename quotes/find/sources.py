"""Who a cue names as the source: the phrase in the text, before it is resolved to a speaker.

The source of a cue verb is its subject ("Kirby said"), its agent ("was told by
officials"), the passive subject of "was quoted as saying", or the subject of the verb it
hangs on ("went on to say"); the source of "according to" is the object of "to".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes import data
from quotes.find.context import Context
from quotes.syntax import phrase

# A cue with no subject of its own borrows the subject of the verb it hangs on.
BORROW_SUBJECT_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl"}


def source_of(ctx: Context, cue: Token) -> Span | None:
    """The phrase naming who spoke: the cue's subject, agent or borrowed subject."""
    verb = cue
    for _ in range(3):
        subj = subject_of(verb)
        if subj is not None:
            return clip_source(ctx, subj)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and _names_speaker_passively(verb.head.head):
            verb = verb.head.head  # "was quoted as saying": through "as" to the verb that names the speaker
        elif verb.dep_ not in BORROW_SUBJECT_DEPS or verb.head is verb:
            return None
        else:
            verb = verb.head
    return None


def subject_of(verb: Token) -> Span | None:
    """The verb's subject phrase; for a passive, the agent, or the passive subject of
    the verbs that name their speaker that way ("was quoted as saying")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        child = subjects[0]
        if child.tag_ in ("WP", "WDT") or child.lower_ == "that":
            return phrase(verb.head) if verb.dep_ == "relcl" else None
        after = [c for c in subjects if c.i > verb.i]
        if len(subjects) > 1 and after and verb.i > 0 and verb.doc[verb.i - 1].is_punct:
            return phrase(after[0])  # "Recipients, said Lee, are ...": the subject of the inverted cue
        if len(subjects) > 1:  # "the engineer Tom Baker said" parsed as two subjects
            phrases = [phrase(c) for c in subjects]
            return verb.doc[min(p.start for p in phrases) : max(p.end for p in phrases)]
        return phrase(child)
    for child in verb.children:
        if child.dep_ == "nsubjpass" and _names_speaker_passively(verb):
            return phrase(child)
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return phrase(objs[0])
    return None


def _names_speaker_passively(verb: Token) -> bool:
    return verb.lemma_ in data.words("passive_cues.txt")


def clip_source(ctx: Context, source: Span) -> Span | None:
    """Keep the part of a source phrase in its head's paragraph and outside quotes."""
    head = source.root
    if ctx.in_quote[head.i] >= 0:
        return None
    lo, hi = ctx.same_paragraph(head.i, source.start, source.end - 1)
    for i in range(head.i - 1, lo - 1, -1):
        if ctx.in_quote[i] >= 0:
            lo = i + 1
            break
    for i in range(head.i + 1, hi + 1):
        if ctx.in_quote[i] >= 0:
            hi = i - 1
            break
    while hi > head.i and ctx.doc[hi].is_punct:
        hi -= 1
    return ctx.doc[lo : hi + 1]


def according_source(tok: Token) -> Span | None:
    """X in "according to X": the object of "to", as a child of "according" or after it."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    for to in [c for c in tok.children if c.lower_ == "to"] + (
        [nxt] if nxt is not None and nxt.lower_ == "to" else []
    ):
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if len(objs) > 1:  # "curator Elaine Gustafon" parsed as two objects: one source
            phrases = [phrase(c) for c in objs]
            return tok.doc[min(p.start for p in phrases) : max(p.end for p in phrases)]
        if objs:
            return phrase(objs[0])
    return None
