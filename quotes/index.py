"""Indexing: read documents, parse them, find their quotes and write the rows."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from quotes import data, engines
from quotes import db as quotes_db
from quotes import nlp as quotes_nlp
from quotes.documents import STDIN, Document, DocumentError, Metadata, read_file
from quotes.language import detect_language, language_name
from quotes.quote import Quote
from quotes.stdin import read_stdin
from quotes.version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from spacy.language import Language

    from quotes.web import WebReader

ENGINES = ("local", "dask")
# The files of quotes/data/ that the extractor reads (not its README or loader code).
LEXICON_SUFFIXES = (".txt", ".tsv", ".csv", ".json")


@dataclass
class Summary:
    """What one indexing run did."""

    articles: int = 0
    unchanged: int = 0
    quotes: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    speakers: int = 0
    duplicates: int = 0  # web pages that gave an article already read in this run
    html_fallback: int = 0  # HTML pages whose main text was not found: all their text kept
    foreign: dict[str, int] = field(default_factory=dict)  # language → articles not extracted
    language: str = "en"  # the model's

    def __str__(self) -> str:
        parts = [f"{self.articles} article{'s' * (self.articles != 1)} indexed"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate{'s' * (self.duplicates != 1)}")
        # An article indexed without a bad field has an error but did not fail.
        failed = sum(not error.kept for error in self.errors)
        if failed:
            parts.append(f"{failed} failed")
        line = f"{', '.join(parts)}: {self.quotes} quotes, {self.speakers} speakers in {self.seconds:.1f}s"
        if self.foreign:
            line += (
                f"; {sum(self.foreign.values())} not in {language_name(self.language)}: "
                f"{', '.join(sorted(self.foreign))}"
            )
        if self.html_fallback:
            line += (
                f"; {self.html_fallback} HTML page{'s' * (self.html_fallback != 1)} without a main text found"
            )
        return line

    def to_dict(self) -> dict:
        """The summary as JSON-ready data: the counts, and each error's where and message."""
        return {
            "articles": self.articles,
            "unchanged": self.unchanged,
            "failed": sum(not e.kept for e in self.errors),
            "quotes": self.quotes,
            "speakers": self.speakers,
            "seconds": round(self.seconds, 3),
            "errors": [{"where": e.path, "message": e.message} for e in self.errors],
        }


def fingerprint(nlp: Language | str | None) -> str:
    """Identifies the extractor: its version constant, its data files, the model and spaCy.

    The code itself is not hashed, so a comment or a refactor keeps every index current;
    a change of output bumps ``quotes.version.EXTRACTOR_VERSION``. ``nlp`` is a loaded
    pipeline, a model name (resolved from the model's ``meta.json`` without loading it)
    or a model's meta as a dict.
    """
    meta = (
        nlp
        if isinstance(nlp, dict)
        else (quotes_nlp.model_meta(nlp) if nlp is None or isinstance(nlp, str) else nlp.meta)
    )
    digest = hashlib.sha256(f"extractor {EXTRACTOR_VERSION}\n".encode())
    for path in sorted(data.DATA_DIR.rglob("*")):
        if path.is_file() and path.suffix in LEXICON_SUFFIXES:
            digest.update(path.relative_to(data.DATA_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(f"{meta.get('name')}-{meta.get('version')}".encode())
    digest.update(importlib.metadata.version("spacy").encode())
    return digest.hexdigest()[:16]


def index_files(
    db: sqlite_utils.Database,
    files: Iterable[Path | str | DocumentError],
    nlp: Language | str | None = None,
    progress: Callable[[Path | str | DocumentError], None] | None = None,
    batch_size: int = 32,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    web: WebReader | None = None,
) -> Summary:
    """Index ``files`` into ``db``: unchanged articles are skipped, changed ones replaced.

    ``files`` may hold URLs too, read by ``web``. Articles not in the model's language are
    stored without quotes.
    ``nlp`` is a loaded pipeline or a model name (None: the default model), loaded only
    when some article needs parsing. ``workers`` > 1 parses in that many processes (each
    loads the model once); ``engine="dask"`` parses on a Dask cluster at ``scheduler``
    (a local one when None). Rows are written by this process, in input order, so every
    engine writes exactly the same rows.
    """
    started = time.perf_counter()
    summary = Summary()
    version = fingerprint(nlp)
    summary.language = model_language(nlp)
    seen: dict[str, Document] = {}
    metadata = Metadata()

    def is_foreign(doc: Document) -> bool:
        return doc.language is not None and doc.language != summary.language

    def read(item: Path | str, metadata: Metadata) -> Iterator:
        if item == STDIN:
            return read_stdin()
        if isinstance(item, str) and web is not None:
            return web.read(item)
        return read_file(Path(item), metadata)

    def documents() -> Iterator[Document]:
        for item in files:
            if isinstance(item, DocumentError):
                summary.errors.append(item)
            else:
                for doc in read(item, metadata):
                    if isinstance(doc, Document):
                        doc = claim_id(db, doc, seen, summary)
                    if isinstance(doc, DocumentError):
                        summary.errors.append(doc)
                    elif doc is None:  # the same file, named twice
                        continue
                    elif not isinstance(doc, Document):  # a web page skipped
                        summary.unchanged += doc.reason == "unchanged"
                        summary.duplicates += doc.reason == "duplicate"
                    elif quotes_db.is_current(db, doc, version):
                        summary.unchanged += 1
                    else:
                        summary.html_fallback += doc.html_fallback
                        doc.language = doc.language or detect_language(doc.text)
                        if doc.language is not None and is_foreign(doc):
                            summary.foreign[doc.language] = summary.foreign.get(doc.language, 0) + 1
                        yield doc
            if progress:
                progress(item)

    # Documents travel to the engine as (id, text) jobs and stay here, in order, until
    # their results come back: the engine yields results in the order it was given chunks.
    waiting: deque[list[Document]] = deque()

    def jobs() -> Iterator[list[engines.Job]]:
        for chunk in chunked(documents()):
            waiting.append(chunk)
            # An article in another language is stored but not parsed: the model would
            # only invent speakers from it. An empty text keeps it in order, quote-free.
            yield [(doc.id, "" if is_foreign(doc) else doc.text) for doc in chunk]

    run = make_engine(nlp, engine=engine, workers=workers, scheduler=scheduler, batch_size=batch_size)
    # closing: an error or an interruption while writing stops the engine (and its workers)
    # at once, not whenever the generator is collected.
    with closing(run(jobs())) as results_in_order:
        for results in results_in_order:
            docs = waiting.popleft()
            batch = []
            for doc, (doc_id, quotes) in zip(docs, results):
                assert doc.id == doc_id, "an engine returned results out of order"
                batch.append((doc, [Quote(**q) for q in quotes]))
            summary.quotes += quotes_db.write_documents(db, batch, version)
            summary.articles += len(batch)
    summary.speakers = db["speakers"].count
    summary.seconds = time.perf_counter() - started
    return summary


def claim_id(
    db: sqlite_utils.Database, doc: Document, seen: dict[str, Document], summary: Summary
) -> Document | DocumentError | None:
    """``doc`` with an id that no other file has in the index or in this run.

    An article keeps its id (the file name's stem, or the .jsonl record's id) when the id is
    free or already belongs to the same file, or to a file that no longer exists (it moved).
    Otherwise it gets the id plus a short hash of its path, stable from run to run, and a
    note says so. A record repeating an id of its own file is an error; the same file named
    twice is read once (None).
    """
    earlier = seen.get(doc.id)
    owner: str | None
    if earlier is not None:
        if not _same_file(earlier.path, doc.path):
            owner = earlier.path
        elif doc.line is None:
            return None
        else:
            return DocumentError(doc.where, f"has the same id {doc.id!r} as {earlier.where}; skipped")
    else:
        owner = _stored_path(db, doc.id)
        if owner is None or _same_file(owner, doc.path) or not os.path.exists(owner):
            if owner not in (None, doc.path) and doc.line is None:
                # The file moved: its row follows it, even when the text is unchanged.
                with db.conn:
                    db.conn.execute("update documents set path = ? where id = ?", [doc.path, doc.id])
            seen[doc.id] = doc
            return doc
    taken = doc.id
    doc.id = f"{taken}-{hashlib.sha256(doc.path.encode()).hexdigest()[:8]}"
    if doc.id in seen:
        return DocumentError(doc.where, f"has the same id {doc.id!r} as {seen[doc.id].where}; skipped")
    if _stored_path(db, doc.id) != doc.path:
        summary.notes.append(f"{doc.where}: indexed as {doc.id!r}, since {taken!r} is {owner}")
    seen[doc.id] = doc
    return doc


def _stored_path(db: sqlite_utils.Database, doc_id: str) -> str | None:
    row = db.execute("select path from documents where id = ?", [doc_id]).fetchone()
    return row[0] if row else None


def _same_file(a: str, b: str) -> bool:
    try:
        return a == b or os.path.samefile(a, b)
    except OSError:
        return False


def model_language(nlp: Language | str | None) -> str:
    """The language code of ``nlp`` (a pipeline or a model name), read without loading it."""
    if nlp is None or isinstance(nlp, str):
        return str(quotes_nlp.model_meta(nlp).get("lang") or "en")
    return str(nlp.lang)


def make_engine(
    nlp: Language | str | None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 32,
) -> engines.Engine:
    """The engine that parses: this process, a pool of ``workers`` processes, or Dask."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    model = nlp if nlp is None or isinstance(nlp, str) else _model_name(nlp)
    if engine == "dask":
        from quotes import dask_engine

        return dask_engine.dask_engine(model, workers=workers, scheduler=scheduler, batch_size=batch_size)
    if workers > 1:
        return engines.pool_engine(model, workers, batch_size)
    return engines.local_engine(nlp, batch_size)


def _model_name(nlp: Language) -> str:
    # Workers load the model by name: the installed package when there is one (a cluster's
    # machines have the package, not this machine's folders), else the folder it came from.
    name = f"{nlp.meta['lang']}_{nlp.meta['name']}"
    path = getattr(nlp, "_path", None)
    if path and importlib.util.find_spec(name) is None:
        return str(path)
    return name


def chunked(
    documents: Iterable[Document], max_docs: int = 8, max_chars: int = 16_000
) -> Iterator[list[Document]]:
    """Group documents into chunks small enough to balance workers, big enough to batch well.

    A chunk is also the unit of writing: one transaction each.
    """
    chunk: list[Document] = []
    size = 0
    for doc in documents:
        chunk.append(doc)
        size += len(doc.text)
        if len(chunk) >= max_docs or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def extract(
    documents: Iterable[Document], nlp: Language, batch_size: int = 32
) -> Iterator[tuple[Document, list[Quote]]]:
    """Parse ``documents`` and pair each with the quotes found in it."""
    documents = list(documents)
    jobs = [(doc.id, doc.text) for doc in documents]
    for doc, (_, quotes) in zip(documents, engines.extract_jobs(nlp, jobs, batch_size)):
        yield doc, [Quote(**q) for q in quotes]
