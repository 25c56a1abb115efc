"""Finding quotes: each pattern family is a rule, run in the order of :data:`RULES`.

A rule is a function ``(Context) -> list[Candidate]``. Direct quotes come first and are
always kept; a later rule's candidate is dropped when it lies inside a direct quote
(the quote itself is the finding) or repeats a clause an earlier rule already took
("..., according to X, Y reported": two cues for one clause, the first wins).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from quotes.find.according import find_according
from quotes.find.context import Context, Settings
from quotes.find.direct import find_direct
from quotes.find.reported import find_reported
from quotes.syntax import share
from quotes.types import Candidate, QuoteKind

Rule = Callable[[Context], list[Candidate]]
RULES: tuple[Rule, ...] = (find_direct, find_according, find_reported)

__all__ = ["RULES", "Context", "Settings", "find_candidates"]


def find_candidates(doc: Doc, settings: Settings | None = None) -> list[Candidate]:
    """Every quote the rules find in a parsed document, sorted by start, speakers not yet known."""
    ctx = Context(doc, settings or Settings())
    found: list[Candidate] = []
    direct: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []
    for rule in RULES:
        for cand in rule(ctx):
            if cand.kind is QuoteKind.DIRECT:
                found.append(cand)
                direct.append((cand.start, cand.end))
                continue
            if any(share(cand.start, cand.end, s, e) > 0.5 for s, e in direct):
                continue
            if any(
                share(cand.start, cand.end, s, e) > 0.8 and share(s, e, cand.start, cand.end) > 0.8
                for s, e in taken
            ):
                continue
            found.append(cand)
            taken.append((cand.start, cand.end))
    found.sort(key=lambda c: c.start)
    return found
