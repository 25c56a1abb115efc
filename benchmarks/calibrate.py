"""Fit quotes' confidence on the gold sets and write quotes/data/confidence.tsv.

    python benchmarks/calibrate.py [--check]

Extracts the seeds and the development set as ``quotes index`` does, judges every
prediction (right: its span matches the gold and its speaker is the gold's), and gives each
kind of evidence ("cue/named", "indirect/pronoun", ...) its share right, shrunk toward the
prior of quotes.speaker.confidence. Prints the reliability table and the expected
calibration error (ECE) in-sample and held out: each article scored with a table fitted on
the other articles only. With ``--check`` it prints and writes nothing.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import GOLD_SETS, read_article  # noqa: E402

from quotes import data  # noqa: E402
from quotes import nlp as quotes_nlp  # noqa: E402
from quotes.evaluate import (  # noqa: E402
    calibration_error,
    fit_confidence,
    predictions_from_quotes,
    read_gold,
    reliability,
    score,
)
from quotes.index import extract  # noqa: E402
from quotes.speaker.confidence import key_prior  # noqa: E402

STRENGTH = 2.0  # pseudo-observations of the prior: an evidence seen twice is half prior, half gold
TABLE = data.DATA_DIR / "confidence.tsv"
HEADER = """\
# Confidence of each kind of evidence: the share of predictions with that evidence that
# were right (span and speaker) on tests/data/seeds-gold.jsonl and tests/data/dev-gold.jsonl,
# shrunk toward the prior of quotes/speaker/confidence.py with {strength:g} pseudo-observations:
# (right + {strength:g} * prior) / (predictions + {strength:g}).
# Source: fitted by benchmarks/calibrate.py; rerun it when the extracted rows change.
# evidence	predictions	right	prior	confidence
"""


def judged_predictions(nlp) -> list[tuple[str, str, bool]]:
    """(article, evidence, right) for every prediction on the gold sets."""
    out = []
    for gold_path, folder in GOLD_SETS:
        gold = read_gold(gold_path)
        names = sorted({g["doc"] for g in gold})
        predicted = []
        for name, (_, found) in zip(names, extract([read_article(folder / n) for n in names], nlp)):
            predicted += predictions_from_quotes(name, found)
        out += [
            (f"{gold_path.name}:{p['doc']}", p["evidence"], ok) for p, ok in score(gold, predicted)["judged"]
        ]
    return out


def fit(rows: list[tuple[str, str, bool]]) -> dict[str, float]:
    observed: dict[str, list[bool]] = defaultdict(list)
    for _, evidence, ok in rows:
        observed[evidence].append(ok)
    return fit_confidence(observed, {k: key_prior(k) for k in observed}, STRENGTH)


def held_out(rows: list[tuple[str, str, bool]]) -> list[tuple[float, bool]]:
    """Each prediction's confidence from a table fitted without its article."""
    out = []
    for article in sorted({a for a, _, _ in rows}):
        table = fit([r for r in rows if r[0] != article])
        out += [(table.get(e, key_prior(e)), ok) for a, e, ok in rows if a == article]
    return out


def print_table(name: str, right: list[tuple[float, bool]]) -> None:
    bands = reliability(right)
    print(f"\n{name}: expected calibration error {calibration_error(bands):.3f}")
    print("| confidence | predictions | mean confidence | share right |\n|---|---|---|---|")
    for b in bands:
        if b["predictions"]:
            print(f"| {b['band']} | {b['predictions']} | {b['confidence']:.2f} | {b['right']:.2f} |")


def main(check: bool) -> None:
    rows = judged_predictions(quotes_nlp.load())
    table = fit(rows)
    print_table("prior (before fitting)", [(key_prior(e), ok) for _, e, ok in rows])
    print_table("fitted, in-sample", [(table[e], ok) for _, e, ok in rows])
    print_table("fitted, held out by article", held_out(rows))
    if check:
        return
    counts: dict[str, list[bool]] = defaultdict(list)
    for _, e, ok in rows:
        counts[e].append(ok)
    lines = [f"{e}\t{len(oks)}\t{sum(oks)}\t{key_prior(e)}\t{table[e]}" for e, oks in sorted(counts.items())]
    TABLE.write_text(HEADER.format(strength=STRENGTH) + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwrote {TABLE}")


if __name__ == "__main__":
    main("--check" in sys.argv[1:])
