"""Checking a claimed quote: did someone say these words, in these words, and where?

A claim is compared with what speakers said (the ``quotes`` table), never with an article's
narration. Candidates come from the full-text index: an OR query of the claim's rarest
words (an AND of its longest when all are common), ranked by bm25, so a claim is never
compared with every quote. Each candidate is then
aligned word by word with the claim (``difflib.SequenceMatcher`` on normalised words) within
the stretch of the quote that the claim covers, so an excerpt of a longer quote scores 1.

When the index groups quotes into statements (a ``statements`` table and
``quotes.statement_id``), matches name their statement, one match per statement, and the
first report is the statement's earliest; otherwise the quote's own article.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from quotes import fulltext
from quotes.speaker.names import name_key

# The lowest similarity of a match that counts as the claim found (verdict close). Measured
# on claims made from the seeds' and the Wikinews corpus's quotes and narration
# (benchmarks/check.py, tests/test_check.py): see the README, "Checking a claimed quote".
CLOSE = 0.7
# How many of the claim's rarest words make the full-text query, and how many quotes it ranks.
QUERY_WORDS = 8
CANDIDATES = 40
# How many of them make the query when every word is common (an AND: each narrows it).
COMMON_QUERY_WORDS = 4
# A word found in this many quotes is common: its count is not read further, and it joins
# the query only when the claim has no rarer word.
COMMON = 500
# The longest claim and speaker name a check accepts (the web answers 400 beyond them).
MAX_CLAIM_CHARS = 2000
MAX_SPEAKER_CHARS = 200
# A match in the JSON, in this order.
MATCH_KEYS = (
    "quote_id",
    "statement_id",
    "speaker",
    "kind",
    "text",
    "similarity",
    "diff",
    "first_report",
    "reports",
)

_WORD = re.compile(r"[^\W_]+(?:['’‘`´ʼ.,][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})


class CheckError(ValueError):
    """A claim that cannot be checked (empty, too long)."""


@dataclass(frozen=True)
class Word:
    """One word: its normalised form and where it is written in its text."""

    norm: str
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The words of ``text``, each lower-cased without punctuation or quotation marks, with
    straight apostrophes and without the commas of a number (4,000 → 4000)."""
    found = []
    for m in _WORD.finditer(text):
        word = m.group()
        if not word.isascii():
            word = unicodedata.normalize("NFKC", word).translate(_APOSTROPHES)
        word = word.lower()
        if "," in word:
            word = re.sub(r"(?<=\d),(?=\d)", "", word)
        found.append(Word(word, m.start(), m.end()))
    return found


@dataclass
class Alignment:
    """How a claim's words line up with a quote's: the similarity and the differences."""

    similarity: float
    # The stretch of the quote's words the claim covers, as word indexes [lo, hi).
    lo: int
    hi: int
    # (op, claim word range, source word range); op is what the claim did to the source's
    # words: insert (words the source lacks), delete (source words left out), replace.
    ops: list[tuple[str, tuple[int, int], tuple[int, int]]]


def align(claim: list[str], source: list[str]) -> Alignment:
    """Align ``claim`` with the compact stretch of ``source`` it matches best.

    The similarity is 2M / (claim words + stretch words), M the words matched in order: 1.0
    when the claim is a contiguous part of the source (an excerpt), lower with each word
    added, left out or changed. Matches scattered far apart do not stretch the window, since
    every unmatched source word inside it counts against it.
    """
    blocks = [b for b in SequenceMatcher(None, source, claim, autojunk=False).get_matching_blocks() if b.size]
    if not claim or not blocks:
        return Alignment(0.0, 0, 0, [])
    best = (0.0, 0, 0)
    for i in range(len(blocks)):
        matched = 0
        for j in range(i, len(blocks)):
            matched += blocks[j].size
            lo, hi = blocks[i].a, blocks[j].a + blocks[j].size
            score = 2 * matched / (len(claim) + hi - lo)
            if score > best[0]:
                best = (score, lo, hi)
    score, lo, hi = best
    ops: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    for tag, s1, s2, c1, c2 in SequenceMatcher(None, source[lo:hi], claim, autojunk=False).get_opcodes():
        if tag != "equal":
            ops.append((tag, (c1, c2), (lo + s1, lo + s2)))
    return Alignment(round(score, 4), lo, hi, ops)


def has_statements(conn: sqlite3.Connection) -> bool:
    """Whether the index groups its quotes into statements."""
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    return "statements" in tables and any(
        r[1] == "statement_id" for r in conn.execute("pragma table_info(quotes)")
    )


def fts_query(conn: sqlite3.Connection, claim: list[str]) -> str | None:
    """An FTS5 query for the claim's candidates: an OR of its rarest words (by how many
    quotes hold each), or, when every word is common, an AND of them, since an OR of
    common words would rank a large share of the index."""
    counts = {}
    for word in dict.fromkeys(claim):
        phrase = '"' + word + '"'
        counts[phrase] = conn.execute(
            "select count(*) from (select 1 from quotes_fts where quotes_fts match ? limit ?)",
            [phrase, COMMON],
        ).fetchone()[0]
    # Among words equally common, a longer one is usually rarer ("expendable", not "as").
    present = sorted((n, -len(p), p) for p, n in counts.items() if n)
    rare = [p for n, _, p in present if n < COMMON][:QUERY_WORDS]
    if rare:
        return " OR ".join(rare)
    return " AND ".join(p for _, _, p in present[:COMMON_QUERY_WORDS]) or None


_QUOTE = """select q.id as quote_id, q.text, q.kind, q.speaker_id, s.name as speaker,
  {statement} as statement_id, d.id as document_id, d.title, d.outlet, d.published, d.url
from quotes q join documents d on d.id = q.document_id left join speakers s on s.id = q.speaker_id
"""


def candidates(conn: sqlite3.Connection, claim: list[str], statements: bool) -> list[dict]:
    """The quotes most like the claim among all that share its words.

    An OR of rare words (fts_query) matches fewer than QUERY_WORDS × COMMON quotes: all are
    ranked by bm25. An AND of common words can match a large share of the index, all holding those words:
    the candidates are the matches nearest the claim in length, read straight from the
    full-text index, whose rowids order the quotes by length (quotes/fulltext.py).
    """
    query = fts_query(conn, claim)
    if query is None:
        return []
    quote = _QUOTE.format(statement="q.statement_id" if statements else "null")
    if " AND " not in query:
        sql = """select rowid, bm25(quotes_fts) as score from quotes_fts where quotes_fts match ?
                 order by score limit ?"""
        rows = conn.execute(sql, [query, CANDIDATES]).fetchall()
    else:
        middle = fulltext.length(" ".join(claim)) << fulltext.ROW_BITS
        sql = """select rowid from quotes_fts where quotes_fts match ? and rowid {} ?
                 order by rowid {} limit ?"""
        longer = conn.execute(sql.format(">=", "asc"), [query, middle, CANDIDATES // 2]).fetchall()
        shorter = conn.execute(sql.format("<", "desc"), [query, middle, CANDIDATES // 2]).fetchall()
        rows = [r for pair in itertools.zip_longest(longer, shorter) for r in pair if r]
    return [dict(row) for r in rows for row in conn.execute(quote + " where q.rowid = ?", [r[0]])]


def reports(conn: sqlite3.Connection, match: dict, statements: bool) -> list[dict]:
    """Every report of the match's statement (else the match alone), earliest first; an
    undated report comes after the dated ones."""
    if statements and match["statement_id"] is not None:
        rows = conn.execute(
            _QUOTE.format(statement="q.statement_id")
            + " where q.statement_id = ? order by d.published is null, d.published, d.id, q.start",
            [match["statement_id"]],
        )
        found = [_report(dict(r)) for r in rows]
        if found:
            return found
    return [_report(match)]


def _report(row: dict) -> dict:
    return {k: row[k] for k in ("quote_id", "document_id", "title", "outlet", "published", "url")}


def speaker_ids(conn: sqlite3.Connection, name: str, ids: set[int]) -> set[int]:
    """Which of the speakers ``ids`` go by ``name``: any run of whole words of a name or
    alias of theirs, spelling-insensitive (as quotes_by_speaker finds a speaker)."""
    key = name_key(name)
    if not key or not ids:
        return set()
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"select speaker_id, key from speaker_aliases where speaker_id in ({marks})"
        f" union all select id, name from speakers where id in ({marks})",
        [*ids, *ids],
    )
    return {sid for sid, k in rows if f" {key} " in f" {name_key(k or '')} "}


def _span(text: str, ws: list[Word], lo: int, hi: int) -> str:
    """The words ``ws[lo:hi]`` as written in ``text``, punctuation between them included."""
    return text[ws[lo].start : ws[hi - 1].end] if hi > lo else ""


def check(conn: sqlite3.Connection, claim: str, speaker: str | None = None, limit: int = 5) -> dict:
    """Check one claim against the index on ``conn``: the verdict and the best matches.

    Returns ``{"claim", "speaker", "verdict", "matches"}``; ``speaker`` is who the reports
    give the words to (the best match's speaker), ``None`` when not found.
    """
    claim = claim.strip()
    if not claim:
        raise CheckError("the claim is empty")
    if len(claim) > MAX_CLAIM_CHARS:
        raise CheckError(f"the claim is {len(claim)} characters long: at most {MAX_CLAIM_CHARS} are checked")
    if speaker is not None and len(speaker) > MAX_SPEAKER_CHARS:
        raise CheckError(f"the speaker's name is longer than {MAX_SPEAKER_CHARS} characters")
    claim_words = words(claim)
    claim_norm = [w.norm for w in claim_words]
    statements = has_statements(conn)
    matches, seen = [], set()
    for row in candidates(conn, claim_norm, statements):
        key = row["statement_id"] or row["quote_id"]
        source_words = words(row["text"])
        found = align(claim_norm, [w.norm for w in source_words])
        if found.similarity < CLOSE:
            continue
        diff = [
            [op, _span(claim, claim_words, *c), _span(row["text"], source_words, *s)]
            for op, c, s in found.ops
        ]
        matches.append(
            {
                **row,
                "similarity": found.similarity,
                "diff": diff,
                "_key": key,
                "_pieces": pieces(row["text"], source_words, claim, claim_words, found),
            }
        )
    matches.sort(key=lambda m: -m["similarity"])
    if speaker and speaker.strip():
        theirs = speaker_ids(conn, speaker, {m["speaker_id"] for m in matches if m["speaker_id"] is not None})
        # The named speaker's matches first: the same words may be given to others too.
        matches.sort(key=lambda m: m["speaker_id"] not in theirs)
    else:
        theirs = None
    best = []
    for m in matches:
        if m["_key"] not in seen:
            seen.add(m["_key"])
            best.append(m)
    best = best[:limit]
    for m in best:
        m["reports"] = reports(conn, m, statements)
        m["first_report"] = m["reports"][0]
    if not best:
        verdict = "not_found"
    elif theirs is not None and best[0]["speaker_id"] not in theirs:
        verdict = "different_speaker"
    else:
        verdict = "verbatim" if best[0]["similarity"] == 1.0 else "close"
    return {
        "claim": claim,
        "speaker": best[0]["speaker"] if best else None,
        "verdict": verdict,
        "matches": best,
    }


def public(result: dict) -> dict:
    """A check's result as the API gives it (JSON): no page-only keys."""
    return {**result, "matches": [public_match(m) for m in result["matches"]]}


def public_match(m: dict) -> dict:
    """A match as the API gives it, without the page's pieces."""
    return {k: m[k] for k in MATCH_KEYS}


def pieces(
    text: str, source_words: list[Word], claim: str, claim_words: list[Word], found: Alignment
) -> list[tuple[str, str]]:
    """The quote's text as (kind, text) pieces for a page: "" for the source's words as they
    are, "del" for the source's words the claim left out or changed, "ins" for the claim's
    words in their place."""
    out: list[tuple[str, str]] = []
    at = 0
    for _op, (c1, c2), (s1, s2) in found.ops:
        # Where the difference sits in the source: its words, else before the next word.
        start = source_words[s1].start if s1 < len(source_words) else len(text)
        if s2 == s1 and s1 == found.hi:
            start = source_words[s1 - 1].end
        out.append(("", text[at:start]))
        if c2 > c1:
            added = _span(claim, claim_words, c1, c2)
            # Words the claim adds sit between two of the source's words: space them.
            if s2 == s1:
                added = " " + added if s1 == found.hi else added + " "
            out.append(("ins", added))
        at = source_words[s2 - 1].end if s2 > s1 else start
        if s2 > s1:
            out.append(("del", text[start:at]))
    out.append(("", text[at:]))
    return [p for p in out if p[1]]
