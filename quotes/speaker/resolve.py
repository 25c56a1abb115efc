"""The three passes that give each candidate its speaker (see the package's docstring)."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from quotes.quote import Quote
from quotes.speaker.confidence import confidence, evidence_key
from quotes.speaker.describe import describe
from quotes.speaker.people import People
from quotes.speaker.refer import History, link_cataphora, nearest_person, refer_back, with_evidence
from quotes.types import Candidate, Found, QuoteKind, Resolved, Speaker


def resolve(doc: Doc, candidates: list[Candidate]) -> list[Quote]:
    """Give each candidate its speaker and return the finished quotes, sorted by start."""
    quoted = [(c.start, c.end) for c in candidates if c.kind == QuoteKind.DIRECT]
    people = People(doc, quoted)
    speakers, history = _named_and_pointed(candidates, people, quoted)
    # pass 3 looks back over the speakers as passes 1 and 2 resolved them, before cataphora
    link_cataphora(speakers)
    history.sort(key=lambda h: h[0])
    _cueless(doc, candidates, speakers, history, people, quoted)
    text = doc.text
    return sorted((_quote(text, c, speakers.get(k)) for k, c in enumerate(candidates)), key=lambda q: q.start)


def _named_and_pointed(
    candidates: list[Candidate], people: People, quoted: list[tuple[int, int]]
) -> tuple[dict[int, Speaker], History]:
    """Passes 1 and 2: the speaker of every candidate that has a mention, by candidate
    index, and the history of mentions (position, speaker) in the order they were resolved."""
    speakers: dict[int, Speaker] = {}
    history: History = []
    pending = []
    for k, cand in enumerate(candidates):
        if cand.source is None:
            continue
        speaker = describe(cand.source, people)
        if speaker is None:
            pending.append(k)
        else:
            speakers[k] = speaker
            history.append((cand.source.start, speaker))
    for k in sorted(pending, key=lambda k: _mention_start(candidates[k])):
        mention = candidates[k].source
        assert mention is not None
        history.sort(key=lambda h: h[0])
        speakers[k] = refer_back(mention, history, people, quoted)
        history.append((mention.start, speakers[k]))
    return speakers, history


def _cueless(
    doc: Doc,
    candidates: list[Candidate],
    speakers: dict[int, Speaker],
    history: History,
    people: People,
    quoted: list[tuple[int, int]],
) -> None:
    """Pass 3: a continuation takes the speaker of the quote it follows; a quoted paragraph
    after narration, most likely the person last quoted or written about (as "he said" would)."""
    index = {id(c): k for k, c in enumerate(candidates)}
    for k, cand in enumerate(candidates):
        if cand.source is not None:
            continue
        if cand.evidence == Found.CONTINUATION:
            prev = cand.follows
            while prev is not None and prev.source is None and prev.follows is not None:
                prev = prev.follows
            if prev is not None and index.get(id(prev)) in speakers:
                speakers[k] = speakers[index[id(prev)]]
        else:
            position = _token_at(doc, cand.start)
            speaker = nearest_person(position, [h for h in history if h[0] < position], people, quoted)
            if speaker is not None:
                speakers[k] = with_evidence(speaker, Resolved.NEAREST)
                cand.evidence = Found.PREVIOUS_SPEAKER


def _mention_start(cand: Candidate) -> int:
    return cand.source.start if cand.source is not None else -1


def _token_at(doc: Doc, char: int) -> int:
    """The token holding character ``char``, or the last token."""
    starts = [t.idx + len(t) for t in doc]
    return min(bisect.bisect_right(starts, char), len(doc) - 1)


def _quote(text: str, cand: Candidate, speaker: Speaker | None) -> Quote:
    cue = None
    if cand.cue is not None:
        cue = "according to" if cand.cue.lower_ == "according" else cand.cue.lemma_.lower()
    speaker = speaker or Speaker(None)
    found, resolved = Found(cand.evidence), Resolved(speaker.evidence)
    mentioned = cand.source is not None
    return Quote(
        kind=QuoteKind(cand.kind).value,
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        cue=cue,
        speaker=speaker.name,
        speaker_mention=cand.source.text if cand.source is not None else None,
        speaker_role=speaker.role,
        speaker_kind=speaker.kind.value,
        speaker_aliases=list(speaker.aliases),
        sentence=cand.sentence,
        confidence=confidence(found, resolved, mentioned),
        evidence=evidence_key(found, resolved, mentioned),
    )
