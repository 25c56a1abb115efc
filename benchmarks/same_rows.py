"""Safety net for refactors: index articles afresh and compare the quotes rows with a baseline.

    python benchmarks/same_rows.py BASELINE.db ARTICLES_DIR [ARTICLES_DIR ...]

``BASELINE.db`` is an index built with the code before the change (`quotes index DIR --db
BASELINE.db`). The articles are indexed into a temporary file with the current code and the
quotes rows (text, offsets, kind, cue, speaker name, mention, role, confidence) compared one
by one. Exits 1 and prints the differences when any row changed; with ``--write`` builds
the baseline instead.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from quotes.db import open_db
from quotes.documents import find_files
from quotes.index import index_files

COLUMNS = (
    "d.path, q.start, q.[end], q.text, q.kind, q.cue, s.name, q.speaker_mention, q.speaker_role, q.confidence"
)


def quote_rows(path: Path) -> list[tuple]:
    """The compared columns of every quote in the index at ``path``, in a stable order."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            f"select {COLUMNS} from quotes q join documents d on d.id = q.document_id"
            " left join speakers s on s.id = q.speaker_id order by d.path, q.start, q.[end]"
        ).fetchall()
    finally:
        conn.close()


def build(path: Path, folders: list[str]) -> None:
    """Index ``folders`` into a new index at ``path``."""
    index_files(open_db(path), find_files([Path(f) for f in folders]))


def main(argv: list[str]) -> int:
    write = "--write" in argv
    args = [a for a in argv if a != "--write"]
    baseline, folders = Path(args[0]), args[1:]
    if write:
        baseline.unlink(missing_ok=True)
        build(baseline, folders)
        print(f"{baseline}: {len(quote_rows(baseline))} quotes")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.db"
        build(fresh, folders)
        old, new = quote_rows(baseline), quote_rows(fresh)
    if old == new:
        print(f"identical: {len(new)} quotes")
        return 0
    for row in sorted(set(old) - set(new)):
        print("- ", row)
    for row in sorted(set(new) - set(old)):
        print("+ ", row)
    print(f"CHANGED: {len(old)} quotes before, {len(new)} now")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
