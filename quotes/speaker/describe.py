"""Describing a mention: the speaker a phrase names or describes, with the role split off.

"White House spokesman John Kirby" -> John Kirby, role "White House spokesman";
"Kirby" -> the fullest form of the name the document uses; "The New York Times" -> an
organisation; "one Ukrainian drone commander" -> an unnamed source; "a statement issued
by Zelensky" -> its author. A mention that only points back ("he", "the spokesman") is
left to quotes.speaker.refer.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes import data
from quotes.speaker.names import clean_name, is_title
from quotes.speaker.people import GROUP_ENTS, NAME_ENTS, People
from quotes.syntax import ents_in, phrase
from quotes.types import Resolved, Speaker, SpeakerKind


def describe(mention: Span, people: People) -> Speaker | None:
    """The speaker a mention names or describes; None when it only points back."""
    head = mention.root
    if len(mention) == 1 and head.lower_ in data.pronouns():
        return None
    if is_role_reference(mention):
        return None
    person = person_in(mention)
    if person is not None:
        return person_speaker(mention, person, people)
    if head.lemma_.lower() in data.words("source_nouns.txt"):
        inner = author_of(head)
        if inner is not None:
            speaker = describe(inner, people)
            if speaker is not None:
                speaker.evidence = Resolved.DOCUMENT
                return speaker
    if head.text[:1].isupper() and head.ent_type_ != "PERSON" and people.known(head.text):
        # a surname the tagger missed or mislabelled here but found elsewhere ("Zelenskyy said")
        return person_speaker(mention, head.doc[head.i : head.i + 1], people)
    run = name_run(mention)
    if run is not None:
        return person_speaker(mention, run, people)
    group = group_ent(mention)
    if group is not None and group.label_ != "NORP":  # "the captured North Koreans" stays a description
        return Speaker(
            group.text, SpeakerKind.ORGANIZATION, aliases=[group.text], evidence=Resolved.ORGANIZATION
        )
    return description(mention)


def person_in(mention: Span) -> Span | None:
    """The person name in a mention, preferring one that holds the mention's head."""
    ents = [e for e in ents_in(mention) if e.label_ in NAME_ENTS]
    if not ents:
        return None
    head = mention.root
    for e in ents:
        if e.start <= head.i < e.end:
            return e
    # a name beside the head counts when it is the same person: "professor Marc
    # Lamont Hill", "the chairman, John Burrows"; not "the spokesman for John Smith"
    for e in ents:
        if linked_by(e.root, head, ("appos", "compound", "conj", "nmod", "npadvmod")):
            return e
    for e in ents:  # a mention made of two parsed subjects: "the engineer Tom Baker"
        if not mention.start <= e.root.head.i < mention.end:
            return e
    return None


def linked_by(tok: Token, head: Token, deps: tuple[str, ...]) -> bool:
    """True when ``tok`` hangs on ``head`` through dependencies of the kinds ``deps`` only."""
    for _ in range(6):
        if tok == head:
            return True
        if tok.dep_ not in deps or tok.head is tok:
            return False
        tok = tok.head
    return False


def name_run(mention: Span) -> Span | None:
    """Two or more capitalised proper nouns the tagger left unlabelled, after a role
    word: "Governor of Washington Chris Gregoire"."""
    doc = mention.doc
    roles = data.words("roles.txt")
    if not any(t.lower_ in roles for t in mention):
        return None
    best = None
    i = mention.start
    while i < mention.end:
        j = i
        while (
            j < mention.end
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and doc[j].ent_type_ in ("", "PERSON")
            and doc[j].lower_ not in roles
        ):
            j += 1
        if j - i >= 2:
            best = doc[i:j]
        i = j + 1
    return best


def person_speaker(mention: Span, ent: Span, people: People) -> Speaker:
    """A named person: the fullest form of the name, its aliases, and the role around it."""
    ent = widen_name(mention, ent)
    name = clean_name(ent)
    full = people.full(name)
    role = role_of(mention, ent)
    evidence = Resolved.NAMED if len(name.split()) > 1 or full == name else Resolved.SHORT_NAME
    aliases = people.aliases(full)
    if name and name not in aliases:
        aliases.append(name)
    return Speaker(full, SpeakerKind.PERSON, role, aliases, evidence)


def widen_name(mention: Span, ent: Span) -> Span:
    """Take in a first name the tagger left out: "Council Enver [Solomon]"."""
    doc = mention.doc
    start = ent.start
    if start - 1 > mention.start:
        tok, before = doc[start - 1], doc[start - 2]
        # only between an organisation or title and the name: "Council Enver [Solomon]",
        # not "Minister of Education [Stefania Giannini]"
        if (
            tok.pos_ == "PROPN"
            and tok.is_title
            and not tok.ent_type_
            and not is_title(tok)
            and (before.ent_type_ in ("ORG", "GPE", "NORP") or is_title(before))
        ):
            start -= 1
    return doc[start : ent.end]


def role_of(mention: Span, ent: Span) -> str | None:
    """The words around a name that give the person's position."""
    doc = mention.doc
    determiners = data.words("determiners.txt")
    lo = mention.start
    while lo < ent.start and (doc[lo].lower_ in determiners or doc[lo].is_punct):
        lo += 1
    # titles the entity swallowed ("President Joe Biden") belong to the role too
    first = ent.start
    while first < ent.end - 1 and is_title(doc[first]):
        first += 1
    end = first
    while end > lo and doc[end - 1].lower_.rstrip(".") in data.words("honorifics.txt"):
        end -= 1
    before = doc[lo:end].text.strip(" ,")
    if before:
        return before
    for tok in doc[ent.end : mention.end]:
        if tok.dep_ == "appos" and ent.start <= tok.head.i < ent.end and tok.pos_ != "NUM":  # not an age
            appos = doc[tok.left_edge.i : tok.right_edge.i + 1]
            words = [t for t in appos if t.lower_ not in determiners or t.i != appos.start]
            text = doc[words[0].i : appos.end].text.strip(" ,") if words else ""
            return text or None
    return None


def author_of(head: Token) -> Span | None:
    """Who issued a document: "statement issued by X", "report from X", "X's statement"."""
    for tok in head.subtree:
        if tok.dep_ in ("agent", "prep") and tok.lower_ in ("by", "from", "of") and tok.head.i >= head.i:
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            if objs and objs[0].ent_type_ in ("DATE", "TIME"):
                continue
            if objs and (
                tok.lower_ != "of"
                or objs[0].ent_type_ in NAME_ENTS + GROUP_ENTS
                or objs[0].lemma_.lower() in data.words("source_nouns.txt")
            ):  # "section of the X website"
                return phrase(objs[0])
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return phrase(child)
    ents = [e for e in ents_in(head.doc[head.left_edge.i : head.i]) if e.label_ in NAME_ENTS + ("ORG",)]
    if ents:
        return ents[-1]
    return None


def group_ent(mention: Span) -> Span | None:
    """An organisation, place or group entity holding the mention's head."""
    head = mention.root
    for e in ents_in(mention):
        if e.label_ in GROUP_ENTS and e.start <= head.i < e.end:
            return e
    return None


def description(mention: Span) -> Speaker:
    """An unnamed source, described by its noun phrase: "one Ukrainian drone commander"."""
    head = mention.root
    doc = mention.doc
    hi = head.i
    # keep what follows the head only when it is part of the description ("of X", "in Kursk")
    for tok in doc[head.i + 1 : mention.end]:
        if tok.is_punct or tok.dep_ in ("appos", "relcl", "acl", "cc", "conj"):
            break
        hi = tok.i
    text = doc[mention.start : hi + 1].text
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
    if lemma in data.words("organizations.txt") or head.ent_type_ == "ORG":
        kind = SpeakerKind.ORGANIZATION
    elif lemma in data.words("source_nouns.txt"):
        kind = SpeakerKind.UNNAMED
    else:
        kind = SpeakerKind.GROUP if plural else SpeakerKind.UNNAMED
    role = head.text if lemma in data.words("roles.txt") else None
    return Speaker(text, kind, role, [text], Resolved.DESCRIPTION, "plural" if plural else "singular")


def is_role_reference(mention: Span) -> bool:
    """ "the spokesman": a definite role noun with nothing that names anyone."""
    head = mention.root
    if head.lemma_.lower() not in data.words("roles.txt") or ents_in(mention):
        return False
    return mention[0].lower_ in ("the", "this", "that") and len(mention) <= 3
