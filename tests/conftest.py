import os
import sqlite3
from pathlib import Path

import pytest

from quotes import nlp as quotes_nlp

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def nlp():
    """The real model with the quotes component, loaded once for the whole run."""
    return quotes_nlp.load()


@pytest.fixture(scope="session")
def quotes_of(nlp):
    """Parse a text with the real model and return its quotes, checking what holds for every
    quote: the text is the document's at the offsets, and the quotes are sorted by start."""

    def find(text):
        doc = nlp(text)
        found = doc._.quotes
        assert found is not None
        for q in found:
            assert doc.text[q.start : q.end] == q.text
        assert [q.start for q in found] == sorted(q.start for q in found)
        return found

    return find


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, nlp):
    """An index of the seeds, built once."""
    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    path = tmp_path_factory.mktemp("seeds") / "quotes.db"
    # Built as `make index` builds the committed quotes.db: from the repository root, so the
    # stored paths are the same relative ones.
    cwd = os.getcwd()
    os.chdir(ROOT)
    db = open_db(path)
    try:
        index_files(db, find_files([SEEDS.relative_to(ROOT)]), nlp)
    finally:
        os.chdir(cwd)
        db.close()  # folds the write-ahead log into the file: tests copy it and serve it immutable
    return path


@pytest.fixture(scope="module")
def dated_db(tmp_path_factory, nlp):
    """An index of the three articles of tests/dated_articles.py, with full metadata."""
    from dated_articles import write_articles

    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    root = tmp_path_factory.mktemp("dated")
    path = root / "dated.db"
    index_files(open_db(path), find_files([write_articles(root / "articles")]), nlp)
    return path


@pytest.fixture(scope="module")
def reported_db(tmp_path_factory, nlp):
    """An index of tests/reported_articles.py: one statement in four reports, indexed in two
    runs (the earliest report last), and the same words from another speaker."""
    from reported_articles import EARLY, LATE, write_articles

    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    root = tmp_path_factory.mktemp("reported")
    path = root / "reported.db"
    for name, articles in (("early", EARLY), ("late", LATE)):
        index_files(open_db(path), find_files([write_articles(root / name, articles)]), nlp)
    return path


@pytest.fixture
def articles(tmp_path):
    """A folder with two small articles written for the tests."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "budget.txt").write_text(
        "Council passes budget\n\n"
        "“We have balanced the books without closing a single library,” Mayor Ana Ortiz said on Monday.\n\n"
        "Ortiz said the city would hire 40 new teachers next year.\n",
        encoding="utf-8",
    )
    (folder / "storm.md").write_text(
        "# Storm closes schools\n\n"
        "“Nobody should travel tonight,” said Tom Reyes, the county’s emergency manager.\n",
        encoding="utf-8",
    )
    return folder


# indexed_at records when a row was written, so it is the one column that may differ.
VOLATILE = {"indexed_at"}
TABLES = ["documents", "speakers", "speaker_aliases", "quotes"]


def rows(path, table):
    """A table's rows in write order, without the volatile columns."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    found = [
        tuple(value for key, value in zip(row.keys(), row) if key not in VOLATILE)
        for row in conn.execute(f"select * from [{table}] order by rowid")
    ]
    conn.close()
    return found


def assert_same_rows(a, b):
    """Two indexes hold exactly the same rows in every table."""
    for table in TABLES:
        assert rows(a, table) == rows(b, table), table


# Tokens written without a space before or after them when a test builds a Doc by hand.
NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", "”", "’", "'s", "’s", "\n"}
NO_SPACE_AFTER = {"“", "‘", "(", "\n"}


@pytest.fixture(scope="session")
def build_doc():
    """Build a parsed Doc by hand, as spaCy's own tests do, from a table with one token a
    line: ``index word lemma tag pos dep head ent`` (head: the head's index; ent: IOB, as
    ``B-PERSON`` or ``O``; the word ``\\n`` is a line break). A rule tested on such a Doc
    says which parse it handles, whatever a model does with the sentence."""
    import spacy
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab

    def build(table: str) -> Doc:
        rows = [line.split() for line in table.strip().splitlines()]
        for n, row in enumerate(rows):
            assert len(row) == 8 and int(row[0]) == n, f"row {n} of the table: {row}"
        words = [row[1].replace("\\n", "\n") for row in rows]
        spaces = [
            i + 1 < len(words) and w not in NO_SPACE_AFTER and words[i + 1] not in NO_SPACE_BEFORE
            for i, w in enumerate(words)
        ]
        return Doc(
            vocab,
            words=words,
            spaces=spaces,
            lemmas=[row[2] for row in rows],
            tags=[row[3] for row in rows],
            pos=[row[4] for row in rows],
            deps=[row[5] for row in rows],
            heads=[int(row[6]) for row in rows],
            ents=[row[7] for row in rows],
        )

    return build
