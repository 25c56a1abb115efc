"""Reading articles from files: plain text, Markdown, HTML and JSON Lines.

Every reader yields ``Document`` records whose ``text`` is exactly what quote offsets refer
to, or ``DocumentError`` records that name the file (record, field) and the problem.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import os
import re
import stat
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import charset_normalizer
import ftfy
from dateutil import parser as date_parser

from quotes.html import read_html

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
METADATA_FILE = "metadata.json"
# Notes that travel with a corpus, skipped when a folder is read (a file named outright is read).
NOT_ARTICLES = {"README", "LICENSE", "LICENCE", "NOTICE", "CHANGELOG"}
METADATA_FIELDS = ("title", "url", "published", "outlet", "author")
# The path that names standard input (read by quotes.stdin).
STDIN = Path("-")


@dataclass
class Document:
    """One article, ready to parse."""

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    # The line of a .jsonl record, for messages; not stored.
    line: int | None = field(default=None, compare=False, repr=False)
    # How the text was read, not stored: True when an HTML page's main text was not found
    # and all its visible text was kept.
    html_fallback: bool = field(default=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.text = clean_text(self.text)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def where(self) -> str:
        """The file, and the line of a .jsonl record, for messages."""
        return f"{self.path}, line {self.line}" if self.line else self.path

    def to_dict(self) -> dict:
        row = asdict(self)
        del row["line"]
        del row["html_fallback"]
        return {**row, "sha256": self.sha256}


# Unusual spaces (no-break, thin, ...) derail the tagger, and control characters (a BEL, an
# ANSI colour code) end or split names: each becomes a plain space, one character for one,
# so offsets into the stored text are those of the file. Tab, line feed and carriage return stay.
ODD_SPACES = {
    c: " "
    for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
}
CONTROLS = {chr(c): " " for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]}
SPACES = str.maketrans({**ODD_SPACES, **CONTROLS})
# A terminal escape sequence (colour, cursor, title) is blanked whole, not just its ESC.
ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def clean_text(text: str) -> str:
    """``text`` with unusual spaces, control characters and terminal escapes as plain spaces (same length)."""
    if "\x1b" in text:
        text = ANSI_ESCAPE.sub(lambda m: " " * len(m.group()), text)
    return text.translate(SPACES)


# Characters never printed raw in a message: controls (a file name may hold an escape
# sequence) and surrogates (a file name's bytes that are not UTF-8, or a lone one from JSON).
UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with control characters and surrogates written as escapes: b\\xff.txt, \\x1b."""

    def escape(match: re.Match) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by surrogateescape
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return UNPRINTABLE.sub(escape, text)


def display_path(path: str | os.PathLike) -> str:
    """A path as messages show it and the index stores it: always valid, printable text."""
    return printable(os.fspath(path))


@dataclass
class DocumentError:
    """A file, a line of one, or a field that could not be read as given.

    ``kept``: the article itself was still indexed (without the bad field).
    """

    path: str
    message: str
    kept: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def read_documents(paths: Iterable[str | os.PathLike]) -> Iterator[Document | DocumentError]:
    """Yield a ``Document`` or a ``DocumentError`` for every article under ``paths``."""
    metadata = Metadata()
    for item in find_files(paths):
        if isinstance(item, DocumentError):
            yield item
        else:
            yield from read_file(item, metadata)


def find_files(paths: Iterable[str | os.PathLike]) -> list[Path | DocumentError]:
    """The article files named by ``paths``; folders are searched recursively, in sorted order.

    A path or sub-folder that cannot be read is a ``DocumentError`` in the list.
    """
    found: list[Path | DocumentError] = []
    for path in paths:
        path = Path(path)
        if path == STDIN:
            found.append(path)
            continue
        try:
            info = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            found.append(DocumentError(display_path(path), "no such file or folder"))
            continue
        except OSError as e:
            found.append(DocumentError(display_path(path), f"cannot read ({e.strerror})"))
            continue
        if stat.S_ISDIR(info.st_mode):
            found += _folder_files(path)
        else:
            found.append(path)
    return found


def _folder_files(folder: Path) -> list[Path | DocumentError]:
    errors: list[Path | DocumentError] = []

    def unreadable(e: OSError) -> None:
        errors.append(DocumentError(display_path(e.filename), f"cannot read the folder ({e.strerror})"))

    files = []
    for root, _, names in os.walk(folder, onerror=unreadable):
        for name in names:
            path = Path(root, name)
            if path.suffix.lower() in SUFFIXES and path.stem.upper() not in NOT_ARTICLES and path.is_file():
                files.append(path)
    return errors + sorted(files)


def read_file(path: Path, metadata: Metadata | None = None) -> Iterator[Document | DocumentError]:
    """Read one file; ``.jsonl`` files give one document per line.

    ``metadata`` reads each folder's ``metadata.json`` once for a whole run.
    """
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        yield DocumentError(name, f"cannot read the file ({e.strerror})")
        return
    try:
        content = decode(raw)
    except NotText as e:
        yield DocumentError(name, str(e))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(name, printable(path.stem), content)
        return
    if not content.strip():
        yield DocumentError(name, "is empty")
        return
    fields, problems = (metadata or Metadata()).for_file(path)
    yield from problems
    content = repair_text(content)
    fallback = False
    if suffix in (".html", ".htm"):
        page = read_html(content)
        text, fallback = page.text, page.fallback
        found, problems = clean_fields(page.fields, name)
        yield from problems
        fields = {**found, **fields}
        if not text.strip():
            yield DocumentError(name, "has no text outside its HTML markup")
            return
    else:
        text = content
        if "title" not in fields:
            title = markdown_heading(text) if suffix == ".md" else headline(text)
            if title:
                fields["title"] = title
        if "author" not in fields:
            author = byline(text)
            if author:
                fields["author"] = author
    yield Document(id=printable(path.stem), path=name, text=text, html_fallback=fallback, **fields)


# --- bytes to text ------------------------------------------------------------------------


class NotText(ValueError):
    """The bytes of a file are not text in an encoding we read."""


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Legacy encodings tried when a file is not UTF-8: the Western single-byte ones news files
# come in. Guessing among more (cp1250, cp1251, ...) mistakes short Western texts for them.
LEGACY_ENCODINGS = ["cp1252", "latin_1"]
BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(raw: bytes) -> str:
    """The text of a file's bytes: UTF-8 (BOM or not), UTF-16/32 with a BOM, or cp1252/latin-1.

    Raises ``NotText`` for a binary file or bytes in no encoding we read.
    """
    bad_bom = None
    for bom, encoding, label in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError as e:  # a UTF-16 BOM and a NUL look like a UTF-32 BOM
                bad_bom = bad_bom or NotText(f"is not valid {label} (byte {e.start})")
    else:
        if bad_bom:
            raise bad_bom
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            best = charset_normalizer.from_bytes(raw, cp_isolation=LEGACY_ENCODINGS).best()
            if best is None:
                if _looks_binary(raw.decode("latin-1")):
                    raise NotText("is a binary file, not text") from None
                raise NotText(
                    f"is not UTF-8 (byte {e.start}), UTF-16 with a BOM, cp1252 or latin-1 text"
                ) from None
            text = str(best)
    if _looks_binary(text):
        raise NotText("is a binary file, not text")
    return text


def _looks_binary(text: str) -> bool:
    # Text may hold a stray NUL or BEL (they become spaces); a binary file is full of them.
    controls = len(BINARY_CONTROLS.findall(text, 0, 1 << 20))
    return controls > max(1, min(len(text), 1 << 20) // 20)


# Repair encoding mistakes only (mojibake such as "donâ€™t"): curly quotes, ligatures,
# widths, HTML entities and line breaks are the author's and stay as they are.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def repair_text(text: str) -> str:
    """``text`` with mojibake repaired by ftfy, and nothing else changed."""
    if text.isascii():
        return text
    return ftfy.fix_text(text, FTFY_CONFIG)


# --- metadata -----------------------------------------------------------------------------


def _kind(value) -> str:
    """What a JSON value is, for messages: "an object", "false", "NaN"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "Infinity"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a string"


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _string_problem(value) -> str | None:
    """Why a JSON value cannot be a text field, or None when it can."""
    if not isinstance(value, str):
        return f"is {_kind(value)}, not a string"
    surrogate = LONE_SURROGATE.search(value)
    if surrogate:
        return f"holds a lone surrogate ({printable(surrogate.group())}), which is not valid Unicode"
    return None


def clean_fields(record: dict, where: str) -> tuple[dict, list[DocumentError]]:
    """The metadata fields of ``record`` as clean one-line strings, and an error for each bad one.

    A bad field is left out and the article still indexed; ``published`` becomes ISO 8601.
    """
    fields: dict[str, str] = {}
    errors: list[DocumentError] = []
    for key in METADATA_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        problem = _string_problem(value)
        if problem is None:
            value = " ".join(clean_text(repair_text(value)).split())
            if value and key == "published":
                iso = iso_date(value)
                if iso is None:
                    problem = f'is not a date ("{printable(value[:40])}")'
                value = iso
        if problem:
            errors.append(DocumentError(where, f'"{key}" {problem}; indexed without it', kept=True))
        elif value:
            fields[key] = value
    return fields, errors


# Two defaults that differ in every part: a part the text does not give differs between them.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 1, 1))


def iso_date(text: str) -> str | None:
    """``text`` as an ISO 8601 date, as precise as the text is, or None if it is no date.

    "Fri, 01 Nov 2024 10:00:00 +0000" → 2024-11-01T10:00:00+00:00; "1 Nov 2024" → 2024-11-01;
    "November 2024" → 2024-11.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown time zone name: the time stays local
            a, b = (date_parser.parse(text, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year:
        return None
    if a.month != b.month:
        return f"{a.year:04d}"
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    if a.hour != b.hour:
        return a.date().isoformat()
    return a.isoformat(timespec="seconds")


class Metadata:
    """The ``metadata.json`` files beside the articles of one run, each read and reported once."""

    def __init__(self) -> None:
        self.folders: dict[Path, dict] = {}

    def for_file(self, path: Path) -> tuple[dict, list[DocumentError]]:
        """The metadata fields of the article ``path``, and what was wrong with them."""
        folder = path.parent.resolve()
        meta_path = path.parent / METADATA_FILE
        problems: list[DocumentError] = []
        if folder not in self.folders:
            self.folders[folder], problem = _load_metadata(meta_path)
            if problem:
                problems.append(problem)
        entry = self.folders[folder].get(os.fsdecode(path.name))
        if entry is None:
            return {}, problems
        where = f'{display_path(meta_path)}, "{printable(path.name)}"'
        if not isinstance(entry, dict):
            problems.append(
                DocumentError(where, f"is {_kind(entry)}, not an object; indexed without it", kept=True)
            )
            return {}, problems
        fields, errors = clean_fields(entry, where)
        return fields, problems + errors


def _load_metadata(path: Path) -> tuple[dict, DocumentError | None]:
    if not path.exists():
        return {}, None

    def problem(message: str) -> tuple[dict, DocumentError]:
        return {}, DocumentError(
            display_path(path), f"{message}; its articles are indexed without it", kept=True
        )

    try:
        loaded = json.loads(decode(path.read_bytes()))
    except OSError as e:
        return problem(f"cannot read the file ({e.strerror})")
    except NotText as e:
        return problem(str(e))
    except json.JSONDecodeError as e:
        return problem(f"is not valid JSON ({e.msg})")
    if not isinstance(loaded, dict):
        return problem(f"is {_kind(loaded)}, not an object mapping file names to metadata")
    return loaded, None


# --- plain text: headline and byline --------------------------------------------------------

MAX_HEADLINE = 150
# "By Lois Lane", "By Lois Lane and Clark Kent", "By Jean de la Fontaine, Reuters"
BYLINE = re.compile(
    r"^By\s+([A-Z][\w.'’-]*(?:(?:\s+|,\s*)(?:[A-Z][\w.'’-]*|and|&|de|da|del|la|le|van|von|der|bin))*)$"
)
# "FORUM Staff", "Reuters Staff"
STAFF_LINE = re.compile(r"^[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,5}\s+Staff$")


def markdown_heading(text: str) -> str | None:
    """The first ``# heading`` of a Markdown text."""
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    return heading.group(1).strip() if heading else None


def headline(text: str) -> str | None:
    """The headline of a plain text: among its first lines, a short one that is no sentence.

    Lines too short to be one (a "Subscribe" link) are passed over; the first line that reads
    like body text (long, or ending in a full stop) ends the search.
    """
    for line in _first_lines(text, 5):
        if len(line) > MAX_HEADLINE or line.endswith((".", ",", ";", ":")):
            return None
        if BYLINE.match(line) or STAFF_LINE.match(line):
            return None
        if 3 <= len(line.split()) <= 20 and not line[0].islower():
            return line
    return None


def byline(text: str) -> str | None:
    """The author named by a "By …" or "… Staff" line near the top of a plain text."""
    for line in _first_lines(text, 8):
        by = BYLINE.match(line)
        if by:
            return by.group(1).rstrip(",")
        if STAFF_LINE.match(line):
            return line
    return None


def _first_lines(text: str, count: int) -> list[str]:
    lines = (" ".join(line.split()) for line in text[:5000].split("\n"))
    return [line for line in lines if line][:count]


# --- JSON Lines ---------------------------------------------------------------------------


def read_jsonl(name: str, stem: str, content: str) -> Iterator[Document | DocumentError]:
    """The articles of JSON Lines ``content`` read from ``name``; ids default to ``stem``-LINE."""
    seen = 0
    # JSON strings may hold U+2028 or U+0085 (str.splitlines would split there): records
    # end at line feeds only.
    for number, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{name}, line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield DocumentError(where, f"is not valid JSON ({e.msg})")
            continue
        except RecursionError:
            yield DocumentError(where, "is nested too deeply to read as JSON")
            continue
        if not isinstance(record, dict):
            yield DocumentError(where, "is not a JSON object")
            continue
        text = record.get("text")
        if text is None:
            yield DocumentError(where, 'has no "text"')
            continue
        problem = _string_problem(text) or (None if text.strip() else "is empty")
        if problem:
            yield DocumentError(where, f'"text" {problem}; skipped')
            continue
        seen += 1
        fields, errors = clean_fields(record, where)
        doc_id = f"{stem}-{number}"
        given = record.get("id")
        if isinstance(given, int) and not isinstance(given, bool):
            given = str(given)
        if given is not None:
            problem = _string_problem(given) or (None if str(given).strip() else "is empty")
            if problem:
                errors.insert(0, DocumentError(where, f'"id" {problem}; indexed as "{doc_id}"', kept=True))
            else:
                doc_id = str(given)
        yield from errors
        yield Document(id=doc_id, path=name, text=repair_text(text), line=number, **fields)
    if not seen and not content.strip():
        yield DocumentError(name, "is empty")
