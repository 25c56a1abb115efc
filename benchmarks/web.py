"""Articles from the web: the Wikinews pages of tests/web_pages.py (each article in a news
site's furniture) against the same articles as plain text.

    .venv/bin/python benchmarks/web.py [--rounds 2]

Reports: quotes taken from site furniture (a quote whose text is not in the article), the
share of the plain text's quotes still found in the page, how long reading the HTML takes
beside parsing, indexing the pages against bare ``nlp.pipe`` over their texts, and the
seeds' accuracy. Scratch files go to a temporary folder. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import spacy  # noqa: E402
import web_pages  # noqa: E402

from quotes import nlp as quotes_nlp  # noqa: E402
from quotes.db import open_db  # noqa: E402
from quotes.documents import find_files  # noqa: E402
from quotes.evaluate import predictions_from_db, read_gold, score  # noqa: E402
from quotes.html import read_html  # noqa: E402
from quotes.index import index_files  # noqa: E402


def quotes_of(db) -> set[tuple[str, str, str | None]]:
    return {
        (r["document_id"], r["text"], r["speaker"])
        for r in db.query(
            "select q.document_id, q.text, s.name as speaker from quotes q left join speakers s on s.id = q.speaker_id"
        )
    }


def best_of(rounds: int, run) -> tuple[float, float]:
    """The least wall-clock and CPU seconds of ``rounds`` runs of ``run()``.

    CPU time is the steadier figure on a machine shared with other work.
    """
    wall, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(wall), min(cpu)


def seconds(measured: tuple[float, float], bare: tuple[float, float]) -> str:
    """Wall-clock and CPU seconds, each with its ratio to bare parsing."""
    return "; ".join(f"{m:.2f} s (**{m / b:.2f}×** bare parse)" for m, b in zip(measured, bare))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    articles = web_pages.articles()
    nlp = quotes_nlp.load()
    bare = spacy.load(quotes_nlp.default_model())
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        plain = scratch / "plain"
        plain.mkdir()
        for stem, text in articles.items():
            (plain / f"{stem}.txt").write_text(text, encoding="utf-8")
        pages = web_pages.write_pages(scratch / "pages")
        htmls = [path.read_text("utf-8") for path in pages.values()]

        plain_db = open_db(scratch / "plain.db")
        index_files(plain_db, find_files([plain]), nlp)
        pages_db = open_db(scratch / "pages.db")
        summary = index_files(pages_db, find_files([scratch / "pages"]), nlp)
        from_plain, from_pages = quotes_of(plain_db), quotes_of(pages_db)
        furniture = [q for q in from_pages if q[1] not in articles[q[0]]]
        kept = len(from_plain & from_pages) / len(from_plain)

        page_texts = [read_html(html).text for html in htmls]
        reading = best_of(args.rounds, lambda: [read_html(html) for html in htmls])
        parsing = best_of(args.rounds, lambda: list(bare.pipe(page_texts, batch_size=32)))

        def index_pages() -> None:
            index_files(
                open_db(scratch / f"run-{time.perf_counter_ns()}.db"), find_files([scratch / "pages"]), nlp
            )

        indexing = best_of(args.rounds, index_pages)

        seeds_db = open_db(scratch / "seeds.db")
        index_files(seeds_db, find_files([ROOT / "seeds"]), nlp)
        seeds = score(read_gold(ROOT / "tests" / "data" / "seeds-gold.jsonl"), predictions_from_db(seeds_db))

    rows = [
        ("pages (Wikinews articles in site furniture)", f"{len(pages)}", ""),
        ("HTML pages read by the fallback", f"{summary.html_fallback}", "0"),
        ("quotes from the plain texts / from the pages", f"{len(from_plain)} / {len(from_pages)}", ""),
        ("quotes from site furniture", f"**{len(furniture)}**", "0"),
        ("plain-text quotes still found in the pages", f"**{kept:.1%}**", "≥ 99%"),
        ("reading the HTML (trafilatura), all pages", seconds(reading, parsing), ""),
        ("bare `nlp.pipe` over the pages' texts", seconds(parsing, parsing), ""),
        (
            "`index_files` over the pages (read, detect language, parse, write)",
            seconds(indexing, parsing),
            "≤ 1.00×",
        ),
        (
            "seeds span / attributed F1",
            f"{seeds['span']['f1']:.3f} / {seeds['attributed']['f1']:.3f}",
            "0.987 / 0.987",
        ),
    ]
    print("| measure | value (time; CPU time) | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if furniture:
        print("\nFrom furniture:", *sorted(furniture), sep="\n  ")
    missed = from_plain - from_pages
    if missed:
        print("\nMissed in the pages:", *sorted(missed), sep="\n  ")


if __name__ == "__main__":
    main()
