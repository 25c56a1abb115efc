"""Reading articles from standard input (the path ``-``): JSON Lines, or one plain text.

Standard input has no file name to derive ids from, so an article without an ``id`` gets
one from its text: the same text piped twice is the same article, and another text never
replaces it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from typing import BinaryIO

from quotes.documents import Document, DocumentError, NotText, decode, read_jsonl, repair_text

# How standard input is named in errors and in the documents' path column.
NAME = "<stdin>"


def read_stdin(stream: BinaryIO | None = None) -> Iterator[Document | DocumentError]:
    """Read the articles on ``stream`` (standard input by default).

    The input is JSON Lines when every non-blank line starts with ``{`` and one at least is a
    JSON object; errors then name the line ("<stdin>, line 3"). Otherwise it is one article.
    """
    try:
        raw = (stream or sys.stdin.buffer).read()
    except (AttributeError, OSError):  # closed (sys.stdin is None) or unreadable
        yield DocumentError(NAME, "cannot be read")
        return
    # Decoded as read_file decodes a file.
    try:
        content = decode(raw)
    except NotText as e:
        yield DocumentError(NAME, str(e))
        return
    if not content.strip():
        yield DocumentError(NAME, "is empty")
    elif is_json_lines(content):
        yield from read_jsonl(NAME, "stdin", with_content_ids(content))
    else:
        yield Document(id=content_id(content), path=NAME, text=repair_text(content))


def content_id(text: str) -> str:
    """A stable id for an article read from standard input: ``stdin-`` and a short hash."""
    return "stdin-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def is_json_lines(content: str) -> bool:
    """Whether ``content`` is JSON Lines rather than a text (see ``read_stdin``)."""
    lines = [line.strip() for line in content.split("\n") if line.strip()]
    return all(line.startswith("{") for line in lines) and any(_json_object(line) for line in lines)


def with_content_ids(content: str) -> str:
    """``content`` with an ``id`` from its text added to every record that has none.

    Lines that are not records with a text are left as they are, for the JSON Lines reader
    to report.
    """
    lines = content.split("\n")
    for number, line in enumerate(lines):
        record = _json_object(line)
        if record and record.get("id") in (None, "") and isinstance(record.get("text"), str):
            lines[number] = json.dumps({**record, "id": content_id(record["text"])})
    return "\n".join(lines)


def _json_object(line: str) -> dict | None:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: nesting too deep to parse
        return None
    return record if isinstance(record, dict) else None
