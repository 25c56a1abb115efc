"""Where parsing and extraction run: in this process, or in a pool of worker processes.

An engine maps chunks of ``(document id, text)`` jobs to chunks of
``(document id, [quote dicts])`` results, yielding them in input order, so a single
writer in the main process writes rows (and assigns speaker ids) exactly as a sequential
run would. Results are plain data: they cross process and machine boundaries as they are.

The model is loaded lazily, when the first chunk arrives: a re-index that finds nothing
changed never pays for it.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING

from quotes import pieces
from quotes.focus import focus

if TYPE_CHECKING:
    from spacy.language import Language

Job = tuple[str, str]
Result = tuple[str, list[dict]]
Engine = Callable[[Iterable[list[Job]]], Generator[list[Result], None, None]]


def extract_jobs(nlp: Language, jobs: Iterable[Job], batch_size: int = 32) -> Iterator[Result]:
    """Parse ``jobs`` with ``nlp``, yielding each document's quotes as plain dicts, in order.

    Only the paragraphs that can hold a quote or name its speaker are parsed (quotes.focus).
    A text longer than ``quotes.pieces.PIECE_CHARS`` (or the model's ``max_length``) is
    parsed in pieces, one at a time, so memory stays bounded whatever its length.
    """
    size = min(pieces.PIECE_CHARS, nlp.max_length)

    def texts() -> Iterator[tuple[str, tuple[str, list[dict] | None]]]:
        for doc_id, text in jobs:
            focused = focus(text)
            if len(focused) <= size:
                yield focused, (doc_id, None)
            else:
                # Parsed here rather than batched with the others: a batch of pieces would
                # cost the memory of one text as long as all of them. The empty text keeps
                # the document's place in the stream.
                yield "", (doc_id, pieces.extract(nlp, focused, size))

    for parsed, (doc_id, quotes) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        yield doc_id, quotes if quotes is not None else [q.to_dict() for q in (parsed._.quotes or [])]


def extract_chunk(nlp: Language, jobs: list[Job], batch_size: int = 32) -> list[Result]:
    """The results of one chunk of ``jobs``, as a list."""
    return list(extract_jobs(nlp, jobs, batch_size))


def local_engine(nlp: Language | str | None, batch_size: int = 32) -> Engine:
    """Run in this process with ``nlp`` (a loaded pipeline, or a model name to load on first use)."""

    def run(chunks: Iterable[list[Job]]) -> Generator[list[Result], None, None]:
        chunks = iter(chunks)
        first = next(chunks, None)
        if first is None:
            return
        loaded = nlp
        if loaded is None or isinstance(loaded, str):
            from quotes import nlp as quotes_nlp

            loaded = quotes_nlp.load(loaded)
        # One stream through nlp.pipe rather than a call per chunk: spaCy then batches
        # across chunks, which hold only a few articles each.
        sizes: deque[int] = deque()

        def jobs() -> Iterator[Job]:
            for chunk in itertools.chain([first], chunks):
                sizes.append(len(chunk))
                yield from chunk

        done: list[Result] = []
        for result in extract_jobs(loaded, jobs(), batch_size):
            done.append(result)
            if len(done) == sizes[0]:
                sizes.popleft()
                yield done
                done = []

    return run


def pool_engine(model: str | None, workers: int, batch_size: int = 32) -> Engine:
    """Run in ``workers`` processes, each loading ``model`` once; results come back in order."""

    def run(chunks: Iterable[list[Job]]) -> Generator[list[Result], None, None]:
        pool = None
        pending: deque = deque()
        try:
            for chunk in chunks:
                if pool is None:
                    pool = _context().Pool(workers, initializer=_load_worker_model, initargs=(model,))
                pending.append(pool.apply_async(_worker_extract, (chunk, batch_size)))
                # A bounded window keeps every worker busy without reading the whole corpus
                # into memory ahead of the writer.
                while len(pending) > 2 * workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
        finally:
            if pool is not None:
                pool.close() if not pending else pool.terminate()
                pool.join()

    return run


def _context():
    # fork starts workers in milliseconds and the parent has not loaded the model, so each
    # worker loads its own; elsewhere (macOS, Windows) spawn is the safe choice.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" else "spawn")


# One pipeline per worker process, set by the pool's initializer: a process-wide slot is
# the only place a multiprocessing worker can keep state between tasks.
_worker_nlp: list = []


def _load_worker_model(model: str | None) -> None:
    from quotes import nlp as quotes_nlp

    # The main process handles interruptions and ends the workers (pool.terminate sends
    # SIGTERM): a worker just stops, without a traceback of its own. Ctrl-C reaches the
    # whole process group, so workers leave it to the main process.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    _worker_nlp[:] = [quotes_nlp.load(model)]


def _worker_extract(chunk: list[Job], batch_size: int) -> list[Result]:
    return extract_chunk(_worker_nlp[0], chunk, batch_size)
