"""Pair quotation marks in raw text.

Pure text, no spaCy: the output is a list of :class:`Span` objects giving the
character offsets of each quoted stretch (marks excluded). Everything after
this step works with those offsets.

Rules, in the order they are applied within one paragraph:

- Double marks (“ ” „ « » and straight ") are paired first. A mark's shape and
  the characters around it say whether it opens or closes; a straight mark
  that could do either takes the role the pairing needs.
- A quote opened by another convention's mark closes with that convention's mark:
  „German“ and ‚German‘, and the reversed guillemets of German and Danish (»so«, ›so‹).
  » and › open only where the text around them says so.
- A straight " that reads as closing with nothing open opens when the next mark
  of the paragraph is a straight one that can close (``communities," For
  example ... exercise".``: the opening mark typed before its space).
- An opening-shaped “ after a word or punctuation and before a space closes
  (a mark typed the wrong way round: ``decision.“ However``).
- The content is what the marks enclose without the spaces inside them (French
  typography sets guillemets off with no-break spaces: « ainsi »).
- Single marks (‘ ’ ‹ › and straight ') are paired next. A single mark between
  two letters (Russia’s, they’re), before a decade (’90s), in ’n’, or a
  possessive s’ with no single quote open is an apostrophe, never a mark.
- A double quote left open ends at the end of its paragraph. If the next
  paragraph begins with an opening mark, the quote carries on there (the
  usual way of quoting several paragraphs); the parts share a ``chain`` id.
  So it does when the next paragraph's first double mark closes a quote: the
  writer left out the opening mark of the continuation.
- An unmatched single mark is ignored: apostrophes are too easily confused
  with it to let it run to the end of a paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT = "\"'"
SINGLE = SINGLE_OPEN + SINGLE_CLOSE + "'"
# The marks that close a quote opened by each of these, besides a mark that closes by itself.
CLOSED_BY = {"„": "“”", "‚": "‘’", "«": "»", "»": "«", "‹": "›", "›": "‹"}
# Closing marks that open a quote in some languages (»so«): they open where the context says.
REVERSIBLE = "»›"

# Characters after which a mark is at the start of something (so it opens).
_OPENING_CONTEXT = set(" \t\n\r([{—–-/:") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {"\u00a0"}
_PARAGRAPH = re.compile(r"[^\n\r]+")
_DECADE = re.compile(r"\d\ds\b|\d\d\b")


@dataclass
class Span:
    """One quoted stretch: ``text[start:end]`` is the content, marks and the spaces inside them excluded."""

    start: int
    end: int
    open_mark: str
    close_mark: str | None  # None when the quote runs to the paragraph's end
    level: int = 0  # 0 for a top-level quote, 1 for a quote inside a quote
    chain: int = -1  # parts of one quote spread over paragraphs share this id
    part: int = 0  # position of this part within its chain
    open_at: int = -1  # where the opening mark is
    close_at: int | None = None  # where the closing mark is; None when there is none

    @property
    def is_double(self) -> bool:
        return self.open_mark not in SINGLE

    @property
    def outer_end(self) -> int:
        """The end of the quote with its closing mark, if it has one."""
        return self.close_at + 1 if self.close_at is not None else self.end


def find_spans(text: str) -> list[Span]:
    """Return every quoted stretch of ``text``, sorted by start."""
    spans: list[Span] = []
    open_tail: Span | None = None  # a double quote left open by the previous paragraph
    for para in _PARAGRAPH.finditer(text or ""):
        p_start, p_end = para.span()
        roles = _double_roles(text, p_start, p_end)
        continued = bool(open_tail is not None and roles and roles[0][1] == "close")
        doubles = _pair(text, p_start, p_end, roles[1:] if continued else roles, unmatched_runs=True)
        if continued:
            # the writer left out the continuation's opening mark: the paragraph break stands for it
            doubles.insert(0, _enclosed(text, p_start - 1, roles[0][0]))
            assert open_tail is not None
            doubles[0].open_mark = open_tail.open_mark
        if open_tail is not None and doubles and _starts_paragraph(text, p_start, doubles[0]):
            doubles[0].chain = open_tail.chain if open_tail.chain >= 0 else open_tail.start
            doubles[0].part = open_tail.part + 1
            open_tail.chain = doubles[0].chain
        open_tail = doubles[-1] if doubles and doubles[-1].close_mark is None else None
        singles = _pair(text, p_start, p_end, _single_roles(text, p_start, p_end), unmatched_runs=False)
        d_starts = [d.start for d in doubles]
        singles = [s for s in singles if _relation(s, doubles, d_starts) != "crosses"]
        s_starts = [s.start for s in singles]
        for s in singles:
            s.level = 1 if _relation(s, doubles, d_starts) == "inside" else 0
        for d in doubles:
            d.level = 1 if _relation(d, singles, s_starts) == "inside" else 0
        spans.extend(doubles)
        spans.extend(singles)
    spans.sort(key=lambda s: (s.start, -s.end))
    return [s for s in spans if s.end > s.start]


def _starts_paragraph(text: str, p_start: int, span: Span) -> bool:
    return not text[p_start : span.open_at].strip()


def _relation(span: Span, others: list[Span], starts: list[int]) -> str:
    """How ``span`` sits among ``others`` (sorted, non-overlapping):
    'inside' one of them, 'crosses' a boundary, or 'apart'."""
    a0, a1 = span.open_at, span.outer_end  # mark extent included
    k = bisect.bisect_right(starts, span.start)
    for o in others[max(k - 1, 0) :]:
        b0, b1 = o.open_at, o.outer_end
        if b0 >= a1:
            break
        if b1 <= a0 or (a0 <= b0 and b1 <= a1):
            continue  # before it, or wholly inside the span: no conflict
        return "inside" if b0 <= a0 and a1 <= b1 else "crosses"
    return "apart"


def _context(text: str, i: int) -> tuple[str, str]:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before, after


def _role_from_context(before: str, after: str) -> str:
    """'open', 'close' or 'either' for a mark whose shape does not say."""
    opens = before in _OPENING_CONTEXT or before.isspace()
    closes = not after.isalnum()
    if opens and not after.isspace():
        return "open"
    if closes and not before.isspace():
        return "close"
    return "either"


def _double_roles(text: str, start: int, end: int) -> list[tuple[int, str]]:
    roles = []
    for i in range(start, end):
        c = text[i]
        if c in "“‟" and _role_from_context(*_context(text, i)) == "close":
            roles.append((i, "close"))  # “... decision.“ However: typed the wrong way round
        elif c in DOUBLE_OPEN:
            roles.append((i, "open"))
        elif c in DOUBLE_CLOSE:
            roles.append((i, _closing_role(text, i)))
        elif c == '"':
            roles.append((i, _role_from_context(*_context(text, i))))
    return roles


def _single_roles(text: str, start: int, end: int) -> list[tuple[int, str]]:
    roles = []
    for i in range(start, end):
        c = text[i]
        if c not in SINGLE_OPEN and c not in SINGLE_CLOSE and c != "'":
            continue
        before, after = _context(text, i)
        if _is_apostrophe(text, i, before, after):
            continue
        if c in SINGLE_OPEN and c != "’":
            roles.append((i, "open"))
        elif c in REVERSIBLE:
            roles.append((i, _closing_role(text, i)))
        elif c in SINGLE_CLOSE and not (before in _OPENING_CONTEXT or before.isspace()):
            roles.append((i, "close"))
        else:  # straight ', or a ’ typed where an opening mark was meant
            role = _role_from_context(before, after)
            if role != "either":
                roles.append((i, role))
    return roles


def _closing_role(text: str, i: int) -> str:
    """A closing mark closes, unless it is one that opens in some languages and opens here."""
    if text[i] in REVERSIBLE and _role_from_context(*_context(text, i)) == "open":
        return "open"
    return "close"


def _is_apostrophe(text: str, i: int, before: str, after: str) -> bool:
    if before.isalnum() and after.isalnum():  # Russia’s, they’re, rock’n
        return True
    if after.isdigit() and _DECADE.match(text, i + 1):  # ’90s
        return True
    if after in "nN" and i + 2 < len(text) and text[i + 2] in "’'":  # ’n’
        return True
    # the closing mark of ’n’
    return before in "nN" and i >= 2 and text[i - 2] in "’'"


def _pair(
    text: str, p_start: int, p_end: int, roles: list[tuple[int, str]], unmatched_runs: bool
) -> list[Span]:
    """Pair opening and closing marks left to right; no nesting at one mark level."""
    spans: list[Span] = []
    open_at: int | None = None
    for i, role in roles:
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
            elif unmatched_runs and text[i] == '"' and _closes_later(text, roles, i):
                open_at = i  # communities," For example ... exercise": an opening mark typed before its space
            # any other stray closing mark with nothing open is dropped
        elif role in ("close", "either") or text[i] in CLOSED_BY.get(text[open_at], ""):
            spans.append(_enclosed(text, open_at, i))
            open_at = None
        elif unmatched_runs:
            # a new opening mark while one is open: the first was never closed
            spans.append(_enclosed(text, open_at, None, i))
            open_at = i
    if open_at is not None and unmatched_runs:
        spans.append(_enclosed(text, open_at, None, p_end))
    return spans


def _closes_later(text: str, roles: list[tuple[int, str]], i: int) -> bool:
    """True when a straight mark after ``i`` (the next mark of the paragraph) can close."""
    later = [(j, role) for j, role in roles if j > i]
    return bool(later) and text[later[0][0]] == '"' and later[0][1] in ("close", "either")


def _enclosed(text: str, open_at: int, close_at: int | None, end: int | None = None) -> Span:
    """The span between the mark at ``open_at`` and the one at ``close_at`` (or, for a quote
    never closed, ``end``), without the spaces inside the marks."""
    start = open_at + 1
    end = close_at if close_at is not None else end
    assert end is not None, "an unclosed quote needs its end"
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    close_mark = text[close_at] if close_at is not None else None
    return Span(start, end, text[open_at], close_mark, open_at=open_at, close_at=close_at)
