"""Indexing: read documents, parse them, find their quotes and write the rows."""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import time
from collections import deque
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import sqlite_utils

from quotes import db as quotes_db
from quotes import engines
from quotes import nlp as quotes_nlp
from quotes.documents import Document, DocumentError, read_file
from quotes.quote import Quote

if TYPE_CHECKING:
    from spacy.language import Language

PACKAGE = Path(__file__).parent
# Modules that do not change what gets extracted, so editing them keeps an index current.
NOT_EXTRACTION = {
    "__main__.py", "cli.py", "serve.py", "evaluate.py", "cite.py", "plugin.py", "views.py",
    "corrections.py", "engines.py", "dask_engine.py",
}
ENGINES = ("local", "dask")


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


def fingerprint(nlp: "Language | str | None") -> str:
    """Identifies the extractor: the package's extraction code, its data and the model.

    ``nlp`` is a loaded pipeline or a model name; a name is resolved from the model's
    ``meta.json`` without loading it.
    """
    meta = nlp if isinstance(nlp, dict) else (
        quotes_nlp.model_meta(nlp) if nlp is None or isinstance(nlp, str) else nlp.meta
    )
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".tsv", ".json", ".csv") and path.name not in NOT_EXTRACTION:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(f"{meta.get('name')}-{meta.get('version')}".encode())
    digest.update(importlib.metadata.version("spacy").encode())
    return digest.hexdigest()[:16]


def index_files(
    db: sqlite_utils.Database,
    files: Iterable[Path | DocumentError],
    nlp: "Language | str | None" = None,
    progress: Callable[[Path | DocumentError], None] | None = None,
    batch_size: int = 32,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> Summary:
    """Index ``files`` into ``db``: unchanged articles are skipped, changed ones replaced.

    ``nlp`` is a loaded pipeline or a model name (None: the default model), loaded only
    when some article needs parsing. ``workers`` > 1 parses in that many processes (each
    loads the model once); ``engine="dask"`` parses on a Dask cluster at ``scheduler``
    (a local one when None). Rows are written by this process, in input order, so every
    engine writes exactly the same rows.
    """
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

    # Documents travel to the engine as (id, text) jobs and stay here, in order, until
    # their results come back: the engine yields results in the order it was given chunks.
    waiting: deque[list[Document]] = deque()

    def jobs() -> Iterator[list[engines.Job]]:
        for chunk in chunked(documents()):
            waiting.append(chunk)
            yield [(doc.id, doc.text) for doc in chunk]

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


def make_engine(
    nlp: "Language | str | None",
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


def _model_name(nlp: "Language") -> str:
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
    documents: Iterable[Document], nlp: "Language", batch_size: int = 32
) -> Iterator[tuple[Document, list[Quote]]]:
    """Parse ``documents`` and pair each with the quotes found in it."""
    documents = list(documents)
    jobs = [(doc.id, doc.text) for doc in documents]
    for doc, (_, quotes) in zip(documents, engines.extract_jobs(nlp, jobs, batch_size)):
        yield doc, [Quote(**q) for q in quotes]
