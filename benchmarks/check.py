"""How often `quotes check` answers right, by class of claim, and how fast.

    python benchmarks/check.py [INDEX.db ...] [--speed N]

Without an index, indexes seeds/ and tests/data/wikinews/ into a temporary folder. Claims are
made from each index's own quotes (an excerpt, words dropped, added or changed, punctuation
and case lost, straight for curly marks, an inserted "not", a wrong speaker) and from its
narration (article sentences that overlap no quote): tests/check_claims.py. Prints a
Markdown table of the share answered right in each class, then the same for each
similarity threshold tried, which is how quotes.check.CLOSE was chosen. With --speed N,
also builds an N-quote synthetic index (benchmarks/speed.py's builder) and times checks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from check_claims import shares  # noqa: E402  (from tests/, put on the path above)

from quotes import check  # noqa: E402

THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def build_indexes(folder: Path) -> list[Path]:
    from quotes import nlp as quotes_nlp
    from quotes.db import open_db
    from quotes.documents import find_files
    from quotes.index import index_files

    nlp = quotes_nlp.load()
    paths = []
    for name, source in (("seeds", ROOT / "seeds"), ("wikinews", ROOT / "tests" / "data" / "wikinews")):
        path = folder / f"{name}.db"
        db = open_db(path)
        index_files(db, find_files([source]), nlp)
        db.close()
        paths.append(path)
    return paths


def table(found: dict[str, tuple[int, int]]) -> str:
    lines = ["| claims | right | share |", "|---|---|---|"]
    for kind, (right, total) in found.items():
        lines.append(f"| {kind} | {right} / {total} | {100 * right / total:.1f} % |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("indexes", nargs="*", type=Path)
    parser.add_argument("--speed", type=int, default=0, help="quotes in a synthetic index to time checks on")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = args.indexes or build_indexes(Path(tmp))
        chosen = check.CLOSE
        print(table(shares(paths, check.check)))
        print('\nBy threshold (share right: altered quotes found / narration not found / "not" in diff):\n')
        print("| threshold | found | not_found | not |\n|---|---|---|---|")
        for threshold in THRESHOLDS:
            check.CLOSE = threshold
            found = shares(paths, check.check)
            altered = [
                found[k]
                for k in ("excerpt", "dropped", "added", "changed", "no_punctuation", "straight_marks")
            ]
            a = sum(r for r, _ in altered) / sum(t for _, t in altered)
            n = found["narration"][0] / found["narration"][1]
            x = found["not"][0] / found["not"][1]
            print(f"| {threshold} | {100 * a:.1f} % | {100 * n:.1f} % | {100 * x:.1f} % |")
        if args.speed:
            check.CLOSE = chosen
            speed(Path(tmp), paths[0], args.speed)


def speed(folder: Path, source: Path, n: int) -> None:
    """Time checks, on an ``n``-quote synthetic index of ``source``'s quotes varied, of the
    claims made from ``source``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import speed as speed_bench
    from check_claims import make_claims

    from quotes.search import connect

    path = folder / "big.db"
    speed_bench.build_search_db(path, source, quotes=n)
    claims = make_claims(source)
    conn = connect(path)
    times = []
    for claim in claims:
        start = time.perf_counter()
        check.check(conn, claim.text, claim.speaker)
        times.append(time.perf_counter() - start)
    times.sort()
    print(
        f"\n{n:,} quotes: {len(times)} claims, median {1000 * statistics.median(times):.1f} ms,"
        f" p99 {1000 * times[int(0.99 * (len(times) - 1))]:.1f} ms"
    )


if __name__ == "__main__":
    main()
