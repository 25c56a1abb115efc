"""Serving an index with Datasette: the instance's metadata and settings."""

from __future__ import annotations

import os
from pathlib import Path

from datasette.app import Datasette

from quotes import plugin, public

# Fit for a public, read-only instance: no query may hold a worker for long or return an
# unbounded result, and browser apps on other sites may call the JSON API (CORS).
PUBLIC_SETTINGS = {
    "sql_time_limit_ms": 1500,
    "facet_time_limit_ms": 500,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "allow_download": True,
    # Queries are CPU-bound inside SQLite: more threads than cores only queue for them.
    "num_sql_threads": max(2, os.cpu_count() or 2),
}


def metadata(base_url: str | None = None) -> dict:
    """Datasette metadata of `quotes serve`, on top of what the plugin gives every index: the
    licence, and the public base URL of permalinks when one is given."""
    return {
        "license": "Code: Apache-2.0; article texts: their publishers' licences",
        "source": "quotes",
        "plugins": {"quotes": {"base_url": public.check_base_url(base_url)}} if base_url else {},
    }


def merge_metadata(base: dict, extra: dict) -> dict:
    """``extra`` laid over ``base``, key by key at every depth."""
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = (
            merge_metadata(base[key], value)
            if isinstance(value, dict) and isinstance(base.get(key), dict)
            else value
        )
    return merged


def datasette(
    db_path: str | Path,
    immutable: bool = False,
    cors: bool = True,
    base_url: str | None = None,
    extra_metadata: dict | None = None,
    **settings,
) -> Datasette:
    """A Datasette instance over the index at ``db_path`` with the project's metadata.

    By default the file is opened read-only, and each request sees the batches written so far.
    ``immutable`` opens it unlocked (SQLite's immutable mode): faster, for a frozen published
    file only, since a file that changes while served gives stale and then malformed answers.
    ``base_url`` (https://quotes.example.org) makes the permalinks absolute on it, whatever
    Host the request names. ``extra_metadata`` (Datasette metadata) is laid over the
    project's, and ``settings`` override PUBLIC_SETTINGS.
    """
    # When the package is not installed (only importable), Datasette's entry point has not
    # loaded the plugin: register it, since the canned queries and pages need it.
    from datasette.plugins import pm

    if not pm.is_registered(plugin):
        pm.register(plugin, name="quotes")
    db_path = str(db_path)
    return Datasette(
        [] if immutable else [db_path],
        immutables=[db_path] if immutable else [],
        metadata=merge_metadata(metadata(base_url), extra_metadata or {}),
        settings={**PUBLIC_SETTINGS, **settings},
        cors=cors,
    )
