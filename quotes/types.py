"""The names every step of the extractor shares: kinds of quotes and speakers, the evidence
behind each, and the records passed from finding quotes (quotes.find) to deciding their
speakers (quotes.speaker). No module here imports its consumer: both packages import this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class QuoteKind(str, Enum):
    """What a quote is: the speaker's own words, a paraphrase, or a paraphrase with quoted words."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class SpeakerKind(str, Enum):
    """Who a speaker is: a named person, a named body, several people, or a description."""

    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"
    UNNAMED = "unnamed"


class Found(str, Enum):
    """How a quote was found: the first half of its evidence."""

    CUE = "cue"  # a quoted stretch next to its cue
    ACCORDING_TO = "according-to"
    INDIRECT = "indirect"  # a reporting verb and its clause
    CONTINUATION = "continuation"  # a quoted sentence following an attributed quote
    PREVIOUS_SPEAKER = "previous-speaker"  # a quoted sentence after narration
    UNATTRIBUTED = "unattributed"


class Resolved(str, Enum):
    """How a quote's speaker was decided: the second half of its evidence."""

    NAMED = "named"
    SHORT_NAME = "short-name"
    ORGANIZATION = "organization"
    DESCRIPTION = "description"
    DOCUMENT = "document"  # the author of a statement, report or letter
    PRONOUN = "pronoun"
    ROLE_NOUN = "role-noun"
    CATAPHORA = "cataphora"
    NEAREST = "nearest"  # no cue at all: the person last quoted or written about
    UNRESOLVED = "unresolved"
    NONE = "none"


class Frame(str, Enum):
    """What a cue verb may report (the second column of data/cue_verbs.tsv)."""

    CLAUSE = "clause"  # reported content of its own, and direct quotes
    QUOTE = "quote"  # only quoted material
    NONE = "none"  # listed, not used


Number = Literal["singular", "plural"]


@dataclass
class Candidate:
    """A quote as quotes.find found it, before its speaker is known."""

    kind: QuoteKind
    start: int
    end: int
    cue: Token | None
    source: Span | None  # the mention of the source, as written
    evidence: Found
    sentence: str = ""
    follows: Candidate | None = None  # the quote a cue-less quote continues


@dataclass
class Speaker:
    """Who said a quote, as one document tells it."""

    name: str | None
    kind: SpeakerKind = SpeakerKind.UNNAMED
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    evidence: Resolved = Resolved.NONE
    number: Number = "singular"
