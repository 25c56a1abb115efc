"""Mentions that point back: pronouns, role nouns, cataphora, and quotes with no cue.

"he said" -> the last person quoted, unless a person has since been the subject of a
sentence, and never a person the document shows to be of the other gender;
"they said" -> the last group or organisation; "the spokesman said" -> the last speaker
holding that role; "a spokesman said" before "spokesman John Kirby said" -> Kirby
(cataphora); a quoted paragraph after narration -> the previous speaker.
"""

from __future__ import annotations

from spacy.tokens import Span

from quotes import data
from quotes.speaker.describe import describe, description, is_role_reference
from quotes.speaker.people import Gender, People
from quotes.syntax import inside, main_subject, phrase
from quotes.types import Number, Resolved, Speaker, SpeakerKind

History = list[tuple[int, Speaker]]  # (token position of the mention, speaker), by position


def refer_back(mention: Span, history: History, people: People, quoted: list[tuple[int, int]]) -> Speaker:
    """The speaker a pronoun or a definite role noun points back to."""
    head = mention.root
    earlier = [(pos, s) for pos, s in history if pos < mention.start]
    if is_role_reference(mention):
        return role_noun_referent(mention, earlier)
    listed_number, kinds = data.pronouns()[head.lower_]
    number: Number = "plural" if listed_number == "plural" else "singular"
    compatible = [
        (pos, s)
        for pos, s in earlier
        if s.name and s.kind.value in kinds and (s.number == number or s.kind == SpeakerKind.ORGANIZATION)
    ]
    if "person" in kinds and number == "singular":
        want = data.genders().get(head.lower_)
        return (
            nearest_person(mention.start, compatible, people, quoted, want, head.i)
            or described_person(mention, quoted, want)
            or Speaker(None, SpeakerKind.UNNAMED, evidence=Resolved.NONE)
        )
    last_speaker = compatible[-1] if compatible else None
    subject = subject_before(mention, number, quoted)
    if subject is not None and (last_speaker is None or subject.start > last_speaker[0]):
        speaker = describe(subject, people)
        if speaker is not None:
            return with_evidence(speaker, Resolved.PRONOUN)
    if last_speaker is not None:
        return with_evidence(last_speaker[1], Resolved.PRONOUN)
    kind = SpeakerKind.GROUP if number == "plural" else SpeakerKind.UNNAMED
    return Speaker(None, kind, evidence=Resolved.NONE, number=number)


def role_noun_referent(mention: Span, earlier: History) -> Speaker:
    """ "the spokesman": the last speaker whose role has that word, else a description."""
    word = mention.root.lemma_.lower()
    for _, s in reversed(earlier):
        if s.role and word in s.role.lower():
            return with_evidence(s, Resolved.ROLE_NOUN)
    return description(mention)


def nearest_person(
    position: int,
    earlier: History,
    people: People,
    quoted: list[tuple[int, int]],
    want: Gender | None = None,
    skip: int = -1,
) -> Speaker | None:
    """Whom "he" or "she" at ``position`` most likely means: the last person quoted,
    unless a person has since been the subject of a sentence; else the last person named.
    ``want`` ('m' or 'f', the pronoun's gender) leaves out people the document shows
    to be of the other one."""
    earlier = [
        (pos, s)
        for pos, s in earlier
        if s.name
        and s.kind in (SpeakerKind.PERSON, SpeakerKind.UNNAMED)
        and s.number == "singular"
        and people.fits(s, want, skip)
    ]
    subjects = [
        (pos, n)
        for pos, n in people.subjects_before(position, quoted) + possessors(people, position, quoted)
        if people.fits(n, want, skip)
    ]
    subjects.sort(key=lambda pn: pn[0])
    last_speaker = earlier[-1] if earlier else None
    last_subject = subjects[-1] if subjects else None
    if last_subject is not None and (last_speaker is None or last_subject[0] > last_speaker[0]):
        full = people.full(last_subject[1])
        return Speaker(full, SpeakerKind.PERSON, None, people.aliases(full), Resolved.PRONOUN)
    if last_speaker is not None:
        return with_evidence(last_speaker[1], Resolved.PRONOUN)
    names = [(pos, n) for pos, n in people.mentions if pos < position and people.fits(n, want, skip)]
    if names:
        full = people.full(names[-1][1])
        return Speaker(full, SpeakerKind.PERSON, None, people.aliases(full), Resolved.UNRESOLVED)
    return None


def possessors(people: People, position: int, quoted: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Person names before ``position`` whose relative or role is a sentence's subject:
    "Thomas Reed's sister said" puts Thomas Reed in focus as well ("Gloria's eczema" does not)."""
    out = []
    for pos, name in people.mentions:
        ent = people.ents.get(pos)
        if pos >= position or ent is None or inside(ent.root.idx, quoted):
            continue
        owned = ent.root.head
        if ent.root.dep_ == "poss" and main_subject(owned) and owned.lemma_.lower() in person_nouns():
            out.append((pos, name))
    return out


def person_nouns() -> frozenset[str]:
    """Nouns that describe a person: roles, relatives, what someone does."""
    return data.words("person_nouns.txt") | data.words("roles.txt") | frozenset(data.genders())


def described_person(
    mention: Span, quoted: list[tuple[int, int]], want: Gender | None, reach: int = 40
) -> Speaker | None:
    """When no one is named: the person last described shortly before a pronoun, as subject
    or object ("Police arrested the driver. ... he told them"), not one of the other gender."""
    nouns = person_nouns()
    doc = mention.doc
    for tok in reversed(doc[max(0, mention.start - reach) : mention.start]):
        if (
            tok.tag_ != "NN"
            or tok.lemma_.lower() not in nouns
            or inside(tok.idx, quoted)
            or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos")
        ):
            continue
        gender = data.genders().get(tok.lemma_.lower())
        if want is not None and gender is not None and gender != want:
            continue
        return with_evidence(description(phrase(tok)), Resolved.PRONOUN)
    return None


def subject_before(
    mention: Span, number: Number, quoted: list[tuple[int, int]], reach: int = 60
) -> Span | None:
    """The nearest group or organisation acting as a subject shortly before a pronoun."""
    doc = mention.doc
    for tok in reversed(doc[max(0, mention.start - reach) : mention.start]):
        if not main_subject(tok) or tok.pos_ not in ("NOUN", "PROPN") or inside(tok.idx, quoted):
            continue
        plural = tok.tag_ in ("NNS", "NNPS")
        if number == "plural" and (plural or tok.ent_type_ in ("ORG", "NORP")):
            return phrase(tok)
        if number == "singular" and not plural and tok.ent_type_ in ("ORG", "GPE"):
            return phrase(tok)
    return None


def link_cataphora(speakers: dict[int, Speaker]) -> None:
    """ "a White House spokesman said" before "spokesman John Kirby said": the same person,
    when exactly one named speaker of the document holds that role."""
    named: dict[str, Speaker] = {}
    for s in speakers.values():
        if s.kind == SpeakerKind.PERSON and s.role and s.name:
            named.setdefault(s.name, s)
    for k, s in speakers.items():
        if s.kind != SpeakerKind.UNNAMED or not s.role or s.evidence != Resolved.DESCRIPTION:
            continue
        word = s.role.lower()
        holders = [n for n in named.values() if n.role and word in n.role.lower().split()]
        if len(holders) == 1:
            h = holders[0]
            speakers[k] = Speaker(h.name, SpeakerKind.PERSON, h.role, list(h.aliases), Resolved.CATAPHORA)


def with_evidence(speaker: Speaker, evidence: Resolved) -> Speaker:
    """A copy of ``speaker`` resolved by ``evidence``."""
    return Speaker(speaker.name, speaker.kind, speaker.role, list(speaker.aliases), evidence, speaker.number)
