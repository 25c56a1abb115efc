"""Indexing: read documents, parse them, find their quotes and write the rows."""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import spacy
import sqlite_utils
from spacy.language import Language

from quotes import db as quotes_db
from quotes.documents import Document, DocumentError, read_file
from quotes.quote import Quote

PACKAGE = Path(__file__).parent
# Modules that do not change what gets extracted, so editing them keeps an index current.
NOT_EXTRACTION = {"cli.py", "serve.py", "evaluate.py", "cite.py", "plugins.py"}


@dataclass
class Summary:
    """What one indexing run did."""

    articles: int = 0
    unchanged: int = 0
    quotes: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    seconds: float = 0.0
    speakers: int = 0

    def __str__(self) -> str:
        parts = [f"{self.articles} article{'s' * (self.articles != 1)} indexed"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.errors:
            parts.append(f"{len(self.errors)} failed")
        return (
            f"{', '.join(parts)}: {self.quotes} quotes, {self.speakers} speakers "
            f"in {self.seconds:.1f}s"
        )


def fingerprint(nlp: Language) -> str:
    """Identifies the extractor: the package's extraction code, its data and the model."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".json", ".csv") and path.name not in NOT_EXTRACTION:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}".encode())
    digest.update(spacy.__version__.encode())
    return digest.hexdigest()[:16]


def index_files(
    db: sqlite_utils.Database,
    files: Iterable[Path | DocumentError],
    nlp: Language,
    progress: Callable[[Path | DocumentError], None] | None = None,
    batch_size: int = 32,
) -> Summary:
    """Index ``files`` into ``db``: unchanged articles are skipped, changed ones replaced."""
    started = time.perf_counter()
    summary = Summary()
    version = fingerprint(nlp)
    seen: dict[str, str] = {}

    def documents() -> Iterator[Document]:
        for item in files:
            if isinstance(item, DocumentError):
                summary.errors.append(item)
            else:
                for doc in read_file(item):
                    if isinstance(doc, DocumentError):
                        summary.errors.append(doc)
                    elif doc.id in seen:
                        summary.errors.append(DocumentError(
                            doc.path, f"has the same id {doc.id!r} as {seen[doc.id]}; skipped"
                        ))
                    elif quotes_db.is_current(db, doc, version):
                        seen[doc.id] = doc.path
                        summary.unchanged += 1
                    else:
                        seen[doc.id] = doc.path
                        yield doc
            if progress:
                progress(item)

    for doc, quotes in extract(documents(), nlp, batch_size=batch_size):
        summary.quotes += quotes_db.write_document(db, doc, quotes, version)
        summary.articles += 1
    summary.speakers = db["speakers"].count
    summary.seconds = time.perf_counter() - started
    return summary


def extract(
    documents: Iterable[Document], nlp: Language, batch_size: int = 32
) -> Iterator[tuple[Document, list[Quote]]]:
    """Parse ``documents`` and pair each with the quotes found in it."""
    pairs = ((doc.text, doc) for doc in documents)
    for parsed, doc in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield doc, list(parsed._.quotes or [])
