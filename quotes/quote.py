"""The record every step of the pipeline passes along: one quote found in one document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("person", "organization", "group", "unnamed")


@dataclass
class Quote:
    """A quote with character offsets into the document's text.

    ``text == doc.text[start:end]`` always holds; for direct quotes the marks are excluded.
    """

    kind: str
    start: int
    end: int
    text: str
    cue: str | None = None
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_role: str | None = None
    speaker_kind: str = "unnamed"
    speaker_aliases: list[str] = field(default_factory=list)
    sentence: str | None = None
    confidence: float = 0.0
    evidence: str | None = None

    def to_dict(self) -> dict:
        """Plain data, safe to pickle or send between processes."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Quote:
        """The quote of ``to_dict``'s data, also after a trip through msgpack (lists come back as tuples)."""
        return cls(**{**data, "speaker_aliases": list(data.get("speaker_aliases") or [])})
