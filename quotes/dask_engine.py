"""Parsing on a Dask distributed cluster: ``quotes index --engine dask [--scheduler ADDRESS]``.

Chunks of ``(document id, text)`` jobs are submitted as tasks; each worker loads the
model once (a worker plugin, so workers that join later load it too) and sends back plain
``(document id, [quote dicts])`` results. This process collects them in input order and is
the only writer of ``quotes.db``. Needs ``pip install 'quotes-index[dask]'``, and the model
package installed on every worker.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable
from typing import TYPE_CHECKING, cast

from quotes.engines import Engine, Job, Result, extract_chunk

if TYPE_CHECKING:
    from spacy.language import Language

try:
    import distributed
except ImportError:  # the extra is not installed: dask_engine() says how to install it
    distributed = None  # type: ignore[assignment]

PLUGIN = "quotes-model"


def dask_engine(
    model: str | None,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 32,
    processes: bool = True,
) -> Engine:
    """Run on the cluster at ``scheduler``, or on a ``LocalCluster`` of ``workers`` when None."""
    if distributed is None:
        raise RuntimeError("the dask engine needs Dask distributed: pip install 'quotes-index[dask]'")

    def run(chunks: Iterable[list[Job]]) -> Generator[list[Result], None, None]:
        client = cluster = None
        pending: deque = deque()
        try:
            for chunk in chunks:
                if client is None:
                    client, cluster = _connect(scheduler, workers, processes)
                    client.register_plugin(ModelPlugin(model), name=PLUGIN)
                    window = 2 * max(1, len(client.scheduler_info()["workers"]))
                pending.append(client.submit(_extract_on_worker, chunk, batch_size, pure=False))
                # Bounded in flight: the cluster stays busy, this process's memory stays flat.
                while len(pending) > window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()

    return run


def _connect(scheduler: str | None, workers: int, processes: bool):
    if scheduler:
        return distributed.Client(scheduler), None
    cluster = distributed.LocalCluster(
        n_workers=max(1, workers),
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        host="127.0.0.1",
    )
    return distributed.Client(cluster), cluster


class ModelPlugin(distributed.WorkerPlugin if distributed else object):  # type: ignore[misc]
    """Loads the model once on each worker, when the worker starts or joins."""

    def __init__(self, model: str | None) -> None:
        self.model = model
        self.nlp: Language | None = None

    def setup(self, worker) -> None:
        from quotes import nlp as quotes_nlp

        self.nlp = quotes_nlp.load(self.model)

    def teardown(self, worker) -> None:
        self.nlp = None


def _extract_on_worker(chunk: list[Job], batch_size: int) -> list[Result]:
    worker = distributed.get_worker()
    plugin = cast(ModelPlugin, worker.plugins[PLUGIN])
    assert plugin.nlp is not None, "the worker plugin loads the model at setup"
    return extract_chunk(plugin.nlp, chunk, batch_size)
