"""Property test of the whole path: a file of hostile text is read, parsed, indexed and read
back; nothing raises and every stored quote is its document's ``text[start:end]``.

CI runs a bounded number of examples, the same ones each run; ``make fuzz`` runs many more,
new ones each time (``QUOTES_FUZZ_EXAMPLES``).
"""

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from quotes import pieces
from quotes.db import open_db
from quotes.index import index_files

EXAMPLES = int(os.environ.get("QUOTES_FUZZ_EXAMPLES", "0"))

# Pieces of real sentences with cue verbs and names, so that quotes are actually found.
SENTENCES = [
    "“We will rebuild the bridge,” said Mayor Ana Ortiz.",
    "“It is over,” he said. “We are going home.”",
    "Kirby said the talks had failed and the troops would stay.",
    '"Nobody should travel tonight," Tom Reyes, the county\'s emergency manager, told reporters.',
    "« Spaced guillemets, » said Jean Valjean.",
    "„Wir schaffen das“, sagte Angela Merkel, the chancellor said.",
    "‹Single marks,› she said.",
    "The bridge will reopen in May, according to the city council.",
    "She called the plan ‘a disaster for the farmers’ and walked out.",
    "Officials warned that the river could rise again, the ministry said.",
    "“The first part of a quote that runs on",
    "‘Rock ’n’ roll in the ’90s,’ the singer’s manager said.",
]
MARKS = list("“”„‟«»‘’‚‹›\"'`´′″❝❞〝〞「」『』")
# Control and format characters: NUL, BEL, ESC, zero-width and joiners, soft hyphen, BOM,
# bidirectional marks and isolates, and every kind of line and paragraph separator.
CONTROLS = list(
    "\x00\x07\x08\x1b\x7f\x9b\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
    "\t\x0b\x0c\r\n\x1c\x1d\x1e\x85\u2028\u2029\u00a0\u202f\u3000"
) + ["\x1b[31m", "\r\n", "\n\n"]
WORDS = [
    "said",
    "told",
    "says",
    "according to",
    "He",
    "she",
    "the",
    "Ms. Park",
    "Ana Ortiz",
    ",",
    ".",
    ":",
    "—",
]

fragment = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(MARKS),
    st.sampled_from(CONTROLS),
    st.sampled_from(WORDS),
    # any text a file can hold (no lone surrogates)
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
)
article = st.lists(
    st.tuples(fragment, st.sampled_from(["", " ", "\n", "\n\n"])), min_size=1, max_size=40
).map(lambda parts: "".join(f + sep for f, sep in parts))


def write(folder: Path, text: str, suffix: str) -> Path:
    path = folder / f"article{suffix}"
    if suffix == ".jsonl":
        path.write_text(json.dumps({"id": "fuzz", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


@settings(
    max_examples=EXAMPLES or 30,
    derandomize=not EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    text=article,
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]),
    piece=st.sampled_from([None, 80]),
)
def test_indexing_any_text_keeps_every_offset(nlp, text, suffix, piece):
    # Half the examples are parsed in pieces of 80 characters, as a long article would be.
    default = pieces.PIECE_CHARS
    pieces.PIECE_CHARS = piece or default
    try:
        index_and_check(nlp, text, suffix)
    finally:
        pieces.PIECE_CHARS = default


def index_and_check(nlp, text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write(folder, text, suffix)
        db = open_db(folder / "quotes.db")
        summary = index_files(db, [path], nlp)
        documents = db["documents"].count
        # an article is either indexed or named in an error; never lost without a word
        assert documents + len(summary.errors) >= 1
        assert all(str(path) in str(error) for error in summary.errors)
        rows = list(
            db.query(
                "select quotes.text, quotes.start, quotes.[end], documents.text as doc "
                "from quotes join documents on documents.id = quotes.document_id"
            )
        )
        for row in rows:
            assert row["doc"][row["start"] : row["end"]] == row["text"]
        assert summary.quotes == len(rows)
        event("quotes found" if rows else "no quote found")
        db.conn.close()
