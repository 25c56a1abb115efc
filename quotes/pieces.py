"""Cutting a long article into pieces the parser can take, every offset kept.

spaCy refuses a text over ``nlp.max_length`` (error E088), and below it the parser's memory
grows with the text: about 3 MB per 1,000 characters parsed at once. An article longer than
``PIECE_CHARS`` is parsed piece by piece; each piece is a slice ``text[start:end]``, so a
quote found at ``i`` in a piece is at ``start + i`` in the article.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# Longer than nearly every news article (those are parsed whole, as before), and small
# enough that one piece parses in about 150 MB.
PIECE_CHARS = 50_000
# The end of a sentence: a stop, any closing marks or brackets, and the space after them.
_SENTENCE_END = re.compile(r"[.!?][\"'”’»›)\]]*\s+")


def split(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` ranges that cover ``text`` in order, none longer than ``size``.

    Each cut is at the last paragraph break that fits, else the last sentence end, else the
    last whitespace, else (a run of ``size`` characters with no space) at ``size``.
    """
    ranges = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = _last_cut(text, start, end)
        ranges.append((start, cut))
        start = cut
    if start < len(text):
        ranges.append((start, len(text)))
    return ranges


def _last_cut(text: str, start: int, end: int) -> int:
    """Where to end a piece that starts at ``start`` and may not pass ``end``."""
    line = text.rfind("\n", start, end)
    if line >= start:
        return line + 1
    sentence = None
    for sentence in _SENTENCE_END.finditer(text, start, end):  # noqa: B007  the last one
        pass
    if sentence is not None:
        return sentence.end()
    for i in range(end - 1, start, -1):
        if text[i].isspace():
            return i + 1
    return end


def extract(nlp: Language, text: str, size: int = PIECE_CHARS) -> list[dict]:
    """The quotes of ``text``, parsed one piece of at most ``size`` characters at a time,
    as plain dicts with offsets into ``text``."""
    found = []
    for start, end in split(text, size):
        piece = text[start:end]
        if piece.isspace():  # paragraphs that quotes.focus blanked
            continue
        for quote in nlp(piece)._.quotes or []:
            quote.start += start
            quote.end += start
            found.append(quote.to_dict())
    return found
