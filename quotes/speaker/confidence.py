"""How far each kind of evidence is trusted. The confidence of a quote is the product of
the entry for how it was found and the entry for how its speaker was resolved."""
from __future__ import annotations

from quotes.types import Found, Resolved

QUOTE_EVIDENCE: dict[Found, float] = {
    Found.CUE: 0.95,
    Found.ACCORDING_TO: 0.9,
    Found.INDIRECT: 0.85,
    Found.CONTINUATION: 0.85,
    Found.PREVIOUS_SPEAKER: 0.5,  # a quoted sentence after narration: probably the last speaker
    Found.UNATTRIBUTED: 0.3,
}
SPEAKER_EVIDENCE: dict[Resolved, float] = {
    Resolved.NAMED: 1.0,
    Resolved.SHORT_NAME: 0.97,
    Resolved.ORGANIZATION: 0.95,
    Resolved.DESCRIPTION: 0.9,
    Resolved.DOCUMENT: 0.9,
    Resolved.PRONOUN: 0.85,
    Resolved.ROLE_NOUN: 0.8,
    Resolved.CATAPHORA: 0.75,
    Resolved.NEAREST: 0.8,
    Resolved.UNRESOLVED: 0.4,
    Resolved.NONE: 0.3,
}


def confidence(found: Found, resolved: Resolved) -> float:
    """How likely a quote found by ``found`` and given a speaker by ``resolved`` is right."""
    return round(QUOTE_EVIDENCE[found] * SPEAKER_EVIDENCE[resolved], 3)
