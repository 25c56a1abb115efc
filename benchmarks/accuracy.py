"""Accuracy on the gold sets: quotes against textacy's ``direct_quotations`` baseline.

    python benchmarks/accuracy.py [GOLD.jsonl ARTICLES_DIR]

Without arguments, scores the seeds (``tests/data/seeds-gold.jsonl``, ``seeds/``) and the
development set (``tests/data/dev-gold.jsonl``, twelve Wikinews articles). For each set,
prints a Markdown table of span and attributed precision, recall and F1 for quotes as
``quotes index`` runs it (only the paragraphs that can hold a quote or name its speaker
parsed, see quotes.focus), for quotes over a full parse, and for the baseline; then the
confidence reliability table of quotes and its expected calibration error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textacy.extract.triples import direct_quotations

from quotes import nlp as quotes_nlp
from quotes.documents import Document, read_file
from quotes.evaluate import predictions_from_quotes, read_gold, score
from quotes.index import extract

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = (
    (ROOT / "tests" / "data" / "seeds-gold.jsonl", ROOT / "seeds"),
    (ROOT / "tests" / "data" / "dev-gold.jsonl", ROOT / "tests" / "data" / "wikinews"),
)
MARKS = "\"“”‘’'«»"


def textacy_predictions(name: str, doc) -> tuple[list[dict], bool]:
    """textacy's direct quotes of ``doc``, and whether it raised on the document."""
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return [], True
    rows = []
    for triple in triples:
        content = " ".join(t.text_with_ws for t in triple.content).strip(MARKS + " ,")
        speaker = " ".join(t.text for t in triple.speaker)
        rows.append(
            {
                "doc": name,
                "kind": "direct",
                "text": content,
                "speaker": speaker,
                "speaker_mention": speaker,
                "aliases": [],
            }
        )
    return rows, False


def read_article(path: Path) -> Document:
    """The article at ``path`` as ``quotes index`` stores it (the gold's offsets refer to it)."""
    [article] = list(read_file(path))
    if not isinstance(article, Document):
        raise SystemExit(str(article))
    return article


def report(gold_path: Path, folder: Path, nlp) -> None:
    """Print the tables of one gold set."""
    gold = read_gold(gold_path)
    names = sorted({g["doc"] for g in gold})
    ours, full, baseline, raised = [], [], [], 0
    for name in names:
        article = read_article(folder / name)
        [(_, found)] = extract([article], nlp)
        ours += predictions_from_quotes(name, found)
        doc = nlp(article.text)
        full += predictions_from_quotes(name, doc._.quotes)
        rows, failed = textacy_predictions(name, doc)
        baseline += rows
        raised += failed
    quotes = [g for g in gold if "text" in g]
    required = sum(not g.get("optional") for g in quotes)
    print(f"### {gold_path.name}: {len(quotes)} gold quotes ({required} required) in {len(names)} articles\n")
    print("| system | span P | span R | span F1 | attributed P | attributed R | attributed F1 |")
    print("|---|---|---|---|---|---|---|")
    results = {
        "quotes (`quotes index`: focused parse)": score(gold, ours),
        "quotes, full parse": score(gold, full),
        f"textacy direct_quotations (raised on {raised})": score(gold, baseline),
    }
    for system, r in results.items():
        s, a = r["span"], r["attributed"]
        print(
            f"| {system} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
            f"| {a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} |"
        )
    ours = next(iter(results.values()))
    print("\n| quotes' confidence | predictions | mean confidence | share right |\n|---|---|---|---|")
    for band in ours["reliability"]:
        if band["predictions"]:
            print(
                f"| {band['band']} | {band['predictions']} | {band['confidence']:.2f} | {band['right']:.2f} |"
            )
    print(f"\nexpected calibration error: {ours['calibration_error']:.3f}\n")


def main(sets) -> None:
    nlp = quotes_nlp.load()
    for gold_path, folder in sets:
        report(gold_path, folder, nlp)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) not in (0, 2):
        raise SystemExit(__doc__)
    main([(Path(args[0]), Path(args[1]))] if args else GOLD_SETS)
