"""Claims made from an index's own quotes and narration, one class per way a quote is
altered, with what `quotes check` must answer for each: used by tests/test_check.py and
benchmarks/check.py."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass

from quotes.check import words
from quotes.plugin import SENTENCE_END
from quotes.speaker.names import name_key

# Words a claim may gain or get in place of the source's (the changed-words class).
FILLERS = ("really", "certainly", "very", "also", "simply", "clearly")
CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
MIN_WORDS = 8


@dataclass
class Claim:
    kind: str  # the class: excerpt, dropped, added, changed, no_punctuation, straight_marks, not, wrong_speaker, narration
    text: str
    quote_id: str | None  # the quote it was made from (None for narration)
    speaker: str | None = None  # the speaker the claim is given to
    real_speaker: str | None = None


def make_claims(db_path, seed: int = 14) -> list[Claim]:
    """Claims of every class from the quotes of at least MIN_WORDS words in ``db_path``, and
    narration: the articles' sentences that overlap no quote and that no quote repeats."""
    rnd = random.Random(seed)
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    quotes = [
        dict(r)
        for r in conn.execute(
            "select q.id, q.text, q.document_id, q.start, q.end, q.speaker_id, s.name as speaker"
            " from quotes q left join speakers s on s.id = q.speaker_id order by q.id"
        )
    ]
    names = [r[0] for r in conn.execute("select name from speakers where kind = 'person' order by id")]
    claims = []
    for q in quotes:
        tokens = q["text"].split()
        if len(words(q["text"])) < MIN_WORDS:
            continue
        n = len(tokens)
        size = rnd.randint(6, min(12, n - 1))
        at = rnd.randint(0, n - size)
        claims.append(Claim("excerpt", " ".join(tokens[at : at + size]), q["id"]))
        drop = sorted(rnd.sample(range(1, n - 1), k=min(2, n - 2)))
        claims.append(Claim("dropped", " ".join([t for i, t in enumerate(tokens) if i not in drop]), q["id"]))
        at = rnd.randint(1, n - 1)
        claims.append(Claim("added", " ".join(tokens[:at] + [rnd.choice(FILLERS)] + tokens[at:]), q["id"]))
        changed = list(tokens)
        for i in rnd.sample(range(n), k=min(2, n // 6 or 1)):
            changed[i] = rnd.choice(FILLERS)
        claims.append(Claim("changed", " ".join(changed), q["id"]))
        claims.append(Claim("no_punctuation", " ".join(w.norm for w in words(q["text"])), q["id"]))
        claims.append(Claim("straight_marks", q["text"].translate(CURLY), q["id"]))
        at = rnd.randint(1, n - 1)
        claims.append(Claim("not", " ".join(tokens[:at] + ["not"] + tokens[at:]), q["id"]))
        if q["speaker"]:
            # Someone else, and no one who goes by a word of the real speaker's name.
            real = set(name_key(q["speaker"]).split())
            others = [m for m in names if not real & set(name_key(m).split())]
            if others:
                claims.append(Claim("wrong_speaker", q["text"], q["id"], rnd.choice(others), q["speaker"]))
    # Narration is what nobody said: not a sentence that another article quotes.
    quoted = "\n".join(" ".join(w.norm for w in words(q["text"])) for q in quotes)
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for q in quotes:
        spans_of.setdefault(q["document_id"], []).append((q["start"], q["end"]))
    for doc_id, text in conn.execute("select id, text from documents order by id"):
        spans = spans_of.get(doc_id, [])
        start = 0
        for m in [*SENTENCE_END.finditer(text), None]:
            end = m.start() + 1 if m else len(text)
            sentence = text[start:end].strip()
            norm = " ".join(w.norm for w in words(sentence))
            if (
                len(words(sentence)) >= MIN_WORDS
                and not any(s < end and start < e for s, e in spans)
                and norm not in quoted
            ):
                claims.append(Claim("narration", sentence, None))
            start = m.end() if m else end
    conn.close()
    return claims


# What each class must get: the verdicts that are right for it.
EXPECTED = {
    "excerpt": {"verbatim"},
    "no_punctuation": {"verbatim"},
    "straight_marks": {"verbatim"},
    "dropped": {"verbatim", "close"},
    "added": {"close"},
    "changed": {"close"},
    "not": {"close"},
    "wrong_speaker": {"different_speaker"},
    "narration": {"not_found"},
}


def is_right(claim: Claim, result: dict, conn: sqlite3.Connection) -> bool:
    """Whether ``result`` answers ``claim`` right: the class's verdict, from the quote the
    claim was made of (or one reporting the same words, or of its statement), with the
    inserted "not" in the diff and the real speaker named."""
    if result["verdict"] not in EXPECTED[claim.kind]:
        return False
    if claim.quote_id is None:
        return True
    top = result["matches"][0]
    source = conn.execute("select text from quotes where id = ?", [claim.quote_id]).fetchone()[0]
    same = [w.norm for w in words(source)]
    statement = _statement(conn, claim.quote_id)
    right = [
        m
        for m in result["matches"]
        if m["similarity"] == top["similarity"]
        and (
            m["quote_id"] == claim.quote_id
            or [w.norm for w in words(m["text"])] == same
            or (statement is not None and m["statement_id"] == statement)
        )
    ]
    if not right:
        return False
    if claim.kind == "not":
        return ["insert", "not", ""] in top["diff"]
    if claim.kind == "wrong_speaker":
        # Words that two articles give to two speakers: naming either is right.
        return result["speaker"] in {m["speaker"] for m in right}
    return True


def _statement(conn: sqlite3.Connection, quote_id: str):
    columns = {r[1] for r in conn.execute("pragma table_info(quotes)")}
    if "statement_id" not in columns:
        return None
    return conn.execute("select statement_id from quotes where id = ?", [quote_id]).fetchone()[0]


def shares(db_paths, check_fn) -> dict[str, tuple[int, int]]:
    """For each class, (right, claims) over the claims made from each index in ``db_paths``;
    ``check_fn(conn, text, speaker)`` answers one claim."""
    from quotes.search import connect

    found: dict[str, list[int]] = {}
    for path in db_paths:
        conn = connect(path)
        for claim in make_claims(path):
            result = check_fn(conn, claim.text, claim.speaker)
            found.setdefault(claim.kind, []).append(is_right(claim, result, conn))
        conn.close()
    return {kind: (sum(v), len(v)) for kind, v in found.items()}
