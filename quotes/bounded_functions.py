"""Replacements for SQLite functions whose cost one query's time limit cannot stop.

Datasette stops a query between SQLite's virtual-machine steps, but one call of a built-in
function is one step. SQLite's ``instr``, ``replace`` and two-argument ``trim`` compare every
position with the whole pattern (quadratic: ``trim(X, Y)`` of two 200 KB strings runs for
minutes), and ``printf('%.*c', 900000000, 'x')`` counts to 900 million before it notices the
result is too long. These versions are linear, and printf refuses widths past the length
limit at once, answering NULL as SQLite does past it.
"""

from __future__ import annotations

import re
import sqlite3
import threading

# A conversion of printf: flags, width, precision (either may be *), and its letter.
_CONVERSION = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d+))?(.)", re.S)
_plain = threading.local()


def _text(value) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return repr(value)


def instr(haystack, needle):
    if haystack is None or needle is None:
        return None
    if not (isinstance(haystack, bytes) and isinstance(needle, bytes)):
        haystack, needle = _text(haystack), _text(needle)
    return haystack.find(needle) + 1


def make_replace(max_length: int):
    def replace(text, old, new):
        text, old, new = _text(text), _text(old), _text(new)
        if text is None or old is None or new is None:
            return None
        if not old:
            return text
        # Count first: 8 MB of "a" with each "a" replaced by 8 MB would be 64 TB.
        if len(text) + text.count(old) * (len(new) - len(old)) > max_length:
            raise sqlite3.DataError("string or blob too big")
        return text.replace(old, new)

    return replace


def _stripped(text: str, chars: str, side: str) -> str:
    if not chars:
        return text
    # A character class tests each character once, however many characters it holds.
    leading = re.compile("[" + "".join(re.escape(c) for c in set(chars)) + "]*")
    # A pattern of a starred class matches every string (perhaps emptily).
    start = leading.match(text).end() if side in ("both", "left") else 0  # type: ignore[union-attr]
    end = len(text) - leading.match(text[::-1]).end() if side in ("both", "right") else len(text)  # type: ignore[union-attr]
    return text[start : max(start, end)]


def make_trim(side: str):
    def trim(text, chars):
        text, chars = _text(text), _text(chars)
        if text is None or chars is None:
            return None
        return _stripped(text, chars, side)

    return trim


def make_printf(max_length: int):
    def printf(fmt, *args):
        if fmt is None:
            return None
        fmt = _text(fmt)
        arg = 0
        for match in _CONVERSION.finditer(fmt):
            for size in match.group(1, 2):
                if size == "*":
                    size = args[arg] if arg < len(args) else 0
                    arg += 1
                try:
                    if size is not None and abs(int(size)) > max_length:
                        return None
                except (TypeError, ValueError):
                    pass  # SQLite reads a non-number as 0
            if match.group(3) != "%":
                arg += 1
        # SQLite's own printf on a connection of this thread's, for everything else.
        if not hasattr(_plain, "conn"):
            _plain.conn = sqlite3.connect(":memory:")
        marks = ", ".join("?" for _ in range(len(args) + 1))
        return _plain.conn.execute(f"select printf({marks})", [fmt, *args]).fetchone()[0]

    return printf


def register(conn: sqlite3.Connection, max_length: int) -> None:
    """Replace SQLite's unbounded built-ins on ``conn`` by the bounded ones."""
    conn.create_function("instr", 2, instr, deterministic=True)
    conn.create_function("replace", 3, make_replace(max_length), deterministic=True)
    for name, side in (("trim", "both"), ("ltrim", "left"), ("rtrim", "right")):
        conn.create_function(name, 2, make_trim(side), deterministic=True)
    for name in ("printf", "format"):
        conn.create_function(name, -1, make_printf(max_length), deterministic=True)
