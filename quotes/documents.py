"""Reading articles from files: plain text, Markdown, HTML and JSON Lines.

Every reader yields ``Document`` records whose ``text`` is exactly what quote offsets refer
to, or ``DocumentError`` records that name the file and the problem.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

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

    def __post_init__(self) -> None:
        self.text = normalise_spaces(self.text)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        return {**asdict(self), "sha256": self.sha256}


# Unusual spaces (no-break, thin, ...) derail the tagger; each becomes a plain space, one
# character for one, so offsets into the stored text are those of the file.
ODD_SPACES = str.maketrans({c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"})


def normalise_spaces(text: str) -> str:
    """``text`` with every unusual space replaced by a plain one (same length)."""
    return text.translate(ODD_SPACES)


@dataclass
class DocumentError:
    """A file, or a line of one, that could not be read as an article."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def read_documents(paths: Iterable[str | os.PathLike]) -> Iterator[Document | DocumentError]:
    """Yield a ``Document`` or a ``DocumentError`` for every article under ``paths``."""
    for item in find_files(paths):
        if isinstance(item, DocumentError):
            yield item
        else:
            yield from read_file(item)


def find_files(paths: Iterable[str | os.PathLike]) -> list[Path | DocumentError]:
    """The article files named by ``paths``; folders are searched recursively, in sorted order."""
    found: list[Path | DocumentError] = []
    for path in paths:
        path = Path(path)
        if path == STDIN:
            found.append(path)
        elif path.is_dir():
            found += sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and p.stem.upper() not in NOT_ARTICLES and p.is_file()
            )
        elif path.exists():
            found.append(path)
        else:
            found.append(DocumentError(str(path), "no such file or folder"))
    return found


def read_file(path: Path) -> Iterator[Document | DocumentError]:
    """Read one file; ``.jsonl`` files give one document per line."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        yield DocumentError(str(path), f"cannot read the file ({e.strerror})")
        return
    if b"\x00" in raw:
        yield DocumentError(str(path), "is a binary file, not text")
        return
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield DocumentError(str(path), f"is not valid UTF-8 (byte {e.start})")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, content)
        return
    if not content.strip():
        yield DocumentError(str(path), "is empty")
        return
    fields = _metadata_for(path)
    if suffix in (".html", ".htm"):
        text, found = html_to_text(content)
        fields = {**found, **fields}
        if not text.strip():
            yield DocumentError(str(path), "has no text outside its HTML markup")
            return
    else:
        text = content
        if suffix == ".md" and "title" not in fields:
            heading = re.search(r"^#\s+(.+)$", text, re.M)
            if heading:
                fields["title"] = heading.group(1).strip()
    yield Document(id=path.stem, path=str(path), text=text, **fields)


def _read_jsonl(path: Path, content: str) -> Iterator[Document | DocumentError]:
    seen = 0
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield DocumentError(where, f"is not valid JSON ({e.msg})")
            continue
        if not isinstance(record, dict):
            yield DocumentError(where, "is not a JSON object")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield DocumentError(where, 'has no "text"')
            continue
        seen += 1
        fields = {k: _as_str(record.get(k)) for k in METADATA_FIELDS}
        doc_id = _as_str(record.get("id")) or f"{path.stem}-{number}"
        yield Document(id=doc_id, path=str(path), text=text, **fields)
    if not seen and not content.strip():
        yield DocumentError(str(path), "is empty")


def _as_str(value) -> str | None:
    return None if value is None else str(value)


_metadata_cache: dict[Path, dict] = {}


def _metadata_for(path: Path) -> dict:
    """Title, url, published, outlet, author for ``path`` from a ``metadata.json`` beside it."""
    folder = path.parent.resolve()
    if folder not in _metadata_cache:
        meta_path = folder / METADATA_FILE
        try:
            loaded = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        except (OSError, ValueError):
            loaded = {}
        _metadata_cache[folder] = loaded if isinstance(loaded, dict) else {}
    entry = _metadata_cache[folder].get(path.name)
    if not isinstance(entry, dict):
        return {}
    return {k: _as_str(entry[k]) for k in METADATA_FIELDS if entry.get(k) is not None}


class _TextExtractor(HTMLParser):
    """Collects visible text, one paragraph per block element, and a few meta fields."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "br",
              "article", "section", "header", "footer", "tr", "figcaption", "pre"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    META = {"author": "author", "article:author": "author", "og:site_name": "outlet",
            "article:published_time": "published", "date": "published", "og:url": "url",
            "og:title": "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.fields: dict[str, str] = {}
        self.skipping = 0
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skipping += 1
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key in self.META and attrs.get("content"):
                self.fields.setdefault(self.META[key], attrs["content"].strip())
        elif tag == "link" and (attrs.get("rel") or "").lower() == "canonical" and attrs.get("href"):
            self.fields.setdefault("url", attrs["href"])
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        if tag == "title":
            self.in_title = False
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dict]:
    """Visible text of an HTML page, paragraphs separated by blank lines, and its metadata."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    paragraphs = [p.strip() for p in re.split(r"\s*\n\s*", text)]
    fields = dict(parser.fields)
    if parser.title.strip():
        fields.setdefault("title", " ".join(parser.title.split()))
    return "\n\n".join(p for p in paragraphs if p), fields
