"""Statements at scale: grouping from scratch, adding articles to a large index, and the
share of indexing time that grouping takes.

    .venv/bin/python benchmarks/statements.py [--quotes 100000] [--skip share,scratch,add,search]
        [--source share.db] [--work DIR]

1. share: index the seeds and the Wikinews articles with the real model; time bare
   ``nlp.pipe`` over the same texts, the whole indexing and the grouping within it.
2. scratch: a synthetic index of ``--quotes`` quotes made from the real ones found in 1
   (each new utterance is a real quote with 70 % of its words replaced by words of the
   articles, so that vocabulary resembles news and unrelated quotes rarely share six words
   in a row; a quarter of the quotes are further reports of an earlier utterance of the
   same speaker: verbatim, an excerpt, a word dropped, or case and punctuation changed),
   grouped from scratch with ``statements.update``; the groups are checked against the
   utterances they were made from.
3. add: 100 articles of 10 quotes (a third of them new reports of indexed utterances)
   written to that index with ``db.write_documents``, as ``quotes index`` writes them.
4. search: that index served by ``quotes serve`` on 127.0.0.1 and searched with
   ``search_quotes`` (one row per statement, every match ranked) by 4 concurrent clients.

The synthetic index is what ``quotes index`` leaves: its full-text index built and kept up
to date by its triggers (they are off only while its rows are first inserted, then the
full-text index is built in one pass). ``--skip share --source share.db`` reuses the index
of real articles of an earlier run (``--work DIR`` keeps it) rather than loading the model.
Scratch files go to a temporary folder unless ``--work`` names one. Prints Markdown.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes import db as quotes_db  # noqa: E402
from quotes import fulltext, statements  # noqa: E402
from quotes.documents import Document, find_files  # noqa: E402
from quotes.quote import Quote  # noqa: E402
from quotes.speakers import name_key  # noqa: E402

PER_DOCUMENT = 10
REPORTED_AGAIN = 0.25
# Share of a real quote's words replaced to make a new utterance: few enough real quotes
# exist that, at lower rates, thousands of variants of one would share runs of six words,
# which unrelated quotes in news rarely do.
SUBSTITUTED = 0.7


class Timer:
    """Wraps ``statements.update`` to add up the time grouping takes inside indexing."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.real = statements.update

    def __enter__(self) -> Timer:
        def timed(conn):
            started = time.perf_counter()
            self.real(conn)
            self.seconds += time.perf_counter() - started

        statements.update = timed
        return self

    def __exit__(self, *exc) -> None:
        statements.update = self.real


def bench_share(work: Path, report: list[str]) -> Path:
    """Index the seeds and Wikinews; return the index, whose quotes seed the synthetic one."""
    from quotes import nlp as quotes_nlp
    from quotes.focus import focus
    from quotes.index import index_files

    nlp = quotes_nlp.load()
    files = find_files([ROOT / "seeds", ROOT / "tests" / "data" / "wikinews"])
    texts = [focus(p.read_text("utf-8")) for p in files]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = time.perf_counter() - started
    path = work / "share.db"
    with Timer() as timer:
        started = time.perf_counter()
        summary = index_files(quotes_db.open_db(path), files, nlp)
        total = time.perf_counter() - started
    report += [
        "## Grouping while indexing",
        "",
        f"Seeds + Wikinews: {summary.articles} articles, {summary.quotes} quotes, one process.",
        "",
        "| run | time |",
        "|---|---|",
        f"| bare `nlp.pipe` over the focused texts | {bare:.2f} s |",
        f"| `index_files` (parse, extract, write, group) | {total:.2f} s |",
        f"| of which grouping (`statements.update`) | {timer.seconds:.3f} s = **{timer.seconds / total:.1%}** |",
        "",
    ]
    return path


def vocabulary(source: Path) -> tuple[list[tuple[str, str]], list[str]]:
    conn = sqlite3.connect(source)
    real = [(k, t) for k, t in conn.execute("select kind, text from quotes") if len(t.split()) >= 6]
    words = [
        w
        for (text,) in conn.execute("select text from documents")
        for w in re.findall(r"[A-Za-z][a-z'-]+", text)
    ]
    conn.close()
    return real, words


def make_quotes(n: int, real, words, rnd: random.Random, speakers: int, start: int = 0):
    """``n`` synthetic quotes ``(utterance, speaker, kind, text)``, a quarter reported again."""
    made: list[tuple[int, int, str, str]] = []
    for i in range(n):
        if made and rnd.random() < REPORTED_AGAIN:
            utterance, speaker, kind, text = rnd.choice(made)
            made.append((utterance, speaker, kind, report_again(text, rnd)))
        else:
            kind, text = rnd.choice(real)
            text = " ".join(rnd.choice(words) if rnd.random() < SUBSTITUTED else w for w in text.split())
            speaker = 1 + int(speakers * rnd.random() ** 2)  # a few speakers say much
            made.append((start + i, speaker, kind, text))
    return made


def report_again(text: str, rnd: random.Random) -> str:
    """Another report of the same words: verbatim, an excerpt, a word dropped, or recased."""
    tokens = text.split()
    how = rnd.randrange(4)
    if how == 1 and len(tokens) >= 14:
        length = rnd.randint(8, len(tokens) - 4)
        at = rnd.randint(0, len(tokens) - length)
        return " ".join(tokens[at : at + length])
    if how == 2 and len(tokens) >= 12:
        del tokens[rnd.randrange(len(tokens))]
        return " ".join(tokens)
    if how == 3:
        return text.upper().replace(",", "").rstrip(".") + "!"
    return text


def build(path: Path, quotes, speakers: int) -> None:
    """Write the synthetic index as ``quotes index`` leaves one: full-text index built and
    its triggers in place. The triggers are off while the rows are inserted, then the
    full-text index is built in one pass, which is quicker."""
    db = quotes_db.open_db(path)
    conn = db.conn
    triggers = conn.execute(
        "select name, sql from sqlite_master where type = 'trigger' and name like 'quotes_%'"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"drop trigger [{name}]")
    conn.execute("pragma synchronous = off")
    with conn:
        conn.executemany(
            "insert into speakers (id, name, kind) values (?, ?, 'person')",
            [(i, f"Speaker {i}") for i in range(1, speakers + 2)],
        )
        conn.executemany(
            "insert into speaker_aliases values (?, ?, ?)",
            [(i, f"Speaker {i}", name_key(f"Speaker {i}")) for i in range(1, speakers + 2)],
        )
        for d in range(0, len(quotes), PER_DOCUMENT):
            doc_id = f"doc{d // PER_DOCUMENT:07d}"
            day = d // PER_DOCUMENT // 200
            conn.execute(
                "insert into documents (id, path, outlet, text, published) values (?, ?, ?, '', ?)",
                [
                    doc_id,
                    doc_id,
                    f"Outlet {d % 37}",
                    f"{2000 + day // 365}-{1 + day % 365 // 31:02d}-{1 + day % 28:02d}",
                ],
            )
            batch = quotes[d : d + PER_DOCUMENT]
            conn.executemany(
                'insert into quotes (rowid, id, document_id, speaker_id, kind, text, start, "end")'
                " values (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (rowid, f"{doc_id}-{i}", doc_id, speaker, kind, text, i, i + 1)
                    for i, ((_, speaker, kind, text), rowid) in enumerate(
                        zip(batch, fulltext.next_rowids(conn, [q[3] for q in batch]))
                    )
                ],
            )
        conn.execute("insert into quotes_fts (quotes_fts) values ('rebuild')")
        for _, sql in triggers:
            conn.execute(sql)
    conn.close()


def exact_groups(path: Path, quotes) -> float:
    """Share of quotes whose statement holds exactly the reports of their utterance."""
    truth = {f"doc{d // PER_DOCUMENT:07d}-{d % PER_DOCUMENT}": q[0] for d, q in enumerate(quotes)}
    conn = sqlite3.connect(path)
    by_statement, by_utterance = defaultdict(set), defaultdict(set)
    for quote_id, statement_id in conn.execute("select id, statement_id from quotes"):
        by_statement[statement_id].add(quote_id)
        by_utterance[truth[quote_id]].add(quote_id)
    right = sum(len(m) for m in by_statement.values() if m == by_utterance[truth[next(iter(m))]])
    conn.close()
    return right / len(truth)


def bench_scratch(work: Path, source: Path, n: int, report: list[str]) -> tuple[Path, list]:
    real, words = vocabulary(source)
    rnd = random.Random(7)
    speakers = max(100, n // 50)
    quotes = make_quotes(n, real, words, rnd, speakers)
    path = work / "scratch.db"
    build(path, quotes, speakers)
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    with conn:
        statements.update(conn)
    seconds = time.perf_counter() - started
    count = conn.execute("select count(*) from statements").fetchone()[0]
    keys = conn.execute("select count(*) from statement_keys").fetchone()[0]
    conn.close()
    right = exact_groups(path, quotes)
    report += [
        "## Grouping from scratch",
        "",
        f"{n:,} synthetic quotes of {speakers:,} speakers ({len(real)} real quotes varied, "
        f"{REPORTED_AGAIN:.0%} reported again), {len({q[0] for q in quotes}):,} utterances.",
        "",
        f"- grouped in **{seconds:.1f} s** ({n / seconds:,.0f} quotes/s) into {count:,} statements; "
        f"linear extrapolation to 1,000,000 quotes: **{seconds * 1_000_000 / n / 60:.1f} min**",
        f"- quotes whose statement is exactly their utterance's reports: **{right:.2%}**",
        f"- keys stored: {keys:,} ({keys / n:.1f} a quote)",
        "",
    ]
    return path, quotes


def bench_add(path: Path, source: Path, quotes, report: list[str]) -> None:
    rnd = random.Random(11)
    real, words = vocabulary(source)
    speakers = max(100, len(quotes) // 50)
    items = []
    for a in range(100):
        batch = []
        for i in range(PER_DOCUMENT):
            if rnd.random() < 1 / 3:
                _, speaker, kind, text = rnd.choice(quotes)
                text = report_again(text, rnd)
            else:
                ((_, speaker, kind, text),) = make_quotes(1, real, words, rnd, speakers)
            batch.append(
                Quote(
                    kind=kind,
                    start=i,
                    end=i + 1,
                    text=text,
                    speaker=f"Speaker {speaker}",
                    speaker_kind="person",
                    speaker_aliases=[f"Speaker {speaker}"],
                )
            )
        items.append((Document(id=f"new{a:03d}", path=f"new{a:03d}", text="", published="2031-01-01"), batch))
    db = quotes_db.open_db(path)
    with Timer() as timer:
        started = time.perf_counter()
        for start in range(0, len(items), 8):  # the chunks quotes index writes: 8 articles
            quotes_db.write_documents(db, items[start : start + 8], "bench")
        total = time.perf_counter() - started
    joined = db.execute(
        "select count(*) from quotes q join statements s on s.id = q.statement_id "
        "where q.document_id like 'new%' and s.reports > 1"
    ).fetchone()[0]
    report += [
        "## Adding 100 articles",
        "",
        f"100 articles, {100 * PER_DOCUMENT} quotes, written in chunks of 8 to the {len(quotes):,}-quote index; "
        f"{joined} of their quotes joined a statement with other reports.",
        "",
        f"- writing (speakers, rows, grouping): **{total:.2f} s**; of which grouping {timer.seconds:.2f} s",
        "",
    ]


def bench_search(path: Path, source: Path, report: list[str]) -> None:
    """search_quotes on the grouped index, served as ``quotes serve`` serves it, 4 clients."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import speed

    _, words = vocabulary(source)
    terms = sorted({w.lower() for w in words if len(w) > 3 and w.lower() not in speed.STOPWORDS})
    requests = speed.search_requests(path.stem, terms, random.Random(3))
    conn = sqlite3.connect(path)
    conn.create_function("escape_fts", 1, speed.escape_search)
    total = conn.execute("select count(*) from quotes").fetchone()[0]
    shares = speed.match_shares(conn, requests[:400])
    conn.close()
    with speed.serving(path) as port:
        speed.load(port, requests[:100], requests=100)  # warm the page cache
        found = speed.load(port, requests[100:], requests=2000, seconds=60)
    report += [
        "## Searching the grouped index",
        "",
        f"`search_quotes` (one row per statement, every match ranked) on the {total:,}-quote index above, "
        "`quotes serve` on 127.0.0.1, 4 concurrent clients, keep-alive, one or two words of the "
        f"articles a query; a query matches a median {statistics.median(shares):.2%} of the quotes "
        f"(90th percentile {shares[int(0.9 * len(shares))]:.2%}).",
        "",
        f"- {found['requests']} requests, {found['errors']} errors, {found['rps']:.1f}/s: "
        f"median **{found['median_ms']:.1f} ms** (target < 30), p99 **{found['p99_ms']:.1f} ms** (target < 150)",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--skip", default="", help="phases to skip: share,scratch,add,search")
    parser.add_argument(
        "--source", type=Path, help="an index of real articles to vary (instead of the one share makes)"
    )
    parser.add_argument("--work", type=Path, help="folder to keep the indexes in (default: a temporary one)")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    report: list[str] = [f"# Statements benchmark ({args.quotes:,} quotes)", ""]
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if "share" in skip and args.source is None:
            parser.error("--skip share needs --source (an index of real articles)")
        source = args.source or bench_share(work, report if "share" not in skip else [])
        if "scratch" not in skip:
            path, quotes = bench_scratch(work, source, args.quotes, report)
            if "add" not in skip:
                bench_add(path, source, quotes, report)
            if "search" not in skip:
                bench_search(path, source, report)
    print("\n".join(report))


if __name__ == "__main__":
    main()
