"""The Datasette plugin: loaded by any Datasette where the quotes package is installed."""
from __future__ import annotations
