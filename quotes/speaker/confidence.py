"""How far each kind of evidence is trusted.

The confidence of a quote is the share of quotes with the same evidence (how it was found,
how its speaker was resolved) that were right on the gold sets, shrunk toward a prior:
data/confidence.tsv, fitted by benchmarks/calibrate.py. Evidence the gold never showed
gets the prior, the product of the two entries below; the prior is also what the fit
shrinks toward.
"""

from __future__ import annotations

from quotes import data
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


def prior(found: Found, resolved: Resolved) -> float:
    """The confidence of an evidence before any gold is seen."""
    return round(QUOTE_EVIDENCE[found] * SPEAKER_EVIDENCE[resolved], 3)


# The speaker evidence a quote with no mention of its source usually has, for its prior.
CUELESS: dict[Found, Resolved] = {
    Found.CONTINUATION: Resolved.NAMED,
    Found.PREVIOUS_SPEAKER: Resolved.NEAREST,
    Found.UNATTRIBUTED: Resolved.NONE,
}


def key_prior(key: str) -> float:
    """The prior of an evidence as a quote records it ("cue/named", "continuation")."""
    found, _, resolved = key.partition("/")
    return prior(Found(found), Resolved(resolved) if resolved else CUELESS[Found(found)])


def evidence_key(found: Found, resolved: Resolved, mentioned: bool) -> str:
    """The evidence as a quote records it: "cue/named"; just "continuation" for a quote
    with no mention of its source, whose speaker came from another quote."""
    return f"{found.value}/{resolved.value}" if mentioned else found.value


def confidence(found: Found, resolved: Resolved, mentioned: bool = True) -> float:
    """How likely a quote found by ``found`` and given a speaker by ``resolved`` is right."""
    return data.confidence_table().get(evidence_key(found, resolved, mentioned), prior(found, resolved))
