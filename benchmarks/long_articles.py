"""Peak memory and time of `quotes index` on very long articles.

    .venv/bin/python benchmarks/long_articles.py [--paragraph-mb 2] [--file-mb 30]

Two articles, each indexed alone by a fresh `quotes index` process into a new database:

- a paragraph of ``--paragraph-mb`` MB with no line break, made of the Wikinews articles'
  sentences (every sentence parsed: about a minute a MB on one core);
- a ``--file-mb`` MB file of paragraphs, one in a hundred with a quote, the rest narration
  that quotes.focus blanks (so it parses in seconds a MB).

Reports the process's peak RSS and CPU time (os.wait4), its wall-clock time, the quotes
found, and checks that every stored quote is ``documents.text[start:end]``. Scratch files
go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT / "tests" / "data" / "wikinews"
NARRATION = "The river rose overnight and the old bridge was closed to traffic for the week."


def one_paragraph(chars: int) -> str:
    """The Wikinews articles' text with its line breaks made spaces, repeated to ``chars``."""
    text = " ".join(p.read_text("utf-8").replace("\n", " ") for p in sorted(WIKINEWS.glob("*.txt")))
    return (text * (chars // len(text) + 1))[:chars]


def many_paragraphs(chars: int) -> str:
    """Narration paragraphs with a quoted one every hundred, to ``chars``."""
    parts, size, k = [], 0, 0
    while size < chars:
        k += 1
        paragraph = (
            f"“We counted {k} boats on the river,” Mayor Ana Ortiz said." if k % 100 == 0 else NARRATION
        )
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)


def index(path: Path, folder: Path) -> dict:
    """Index ``path`` alone in a fresh process; its peak RSS, time and quotes."""
    db = folder / f"{path.stem}.db"
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotes", "index", str(path), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=ROOT,
    )
    output = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    conn = sqlite3.connect(db)
    texts = dict(conn.execute("select id, text from documents"))
    rows = [
        (text, texts[doc][start:end])
        for text, doc, start, end in conn.execute("select text, document_id, start, [end] from quotes")
    ]
    conn.close()
    return {
        "status": os.waitstatus_to_exitcode(status),
        "output": output.strip().splitlines()[-1],
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "quotes": len(rows),
        "offsets_ok": all(text == stored for text, stored in rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraph-mb", type=float, default=2.0)
    parser.add_argument("--file-mb", type=float, default=30.0)
    args = parser.parse_args()
    print("| article | size | exit | time | CPU time | peak RSS | quotes | text[start:end] == quote |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [
            ("one paragraph, no line break", "paragraph.txt", one_paragraph(int(args.paragraph_mb * 1e6))),
            ("paragraphs, 1 % quoted", "paragraphs.txt", many_paragraphs(int(args.file_mb * 1e6))),
        ]
        for label, name, text in cases:
            if not text:  # --paragraph-mb 0 or --file-mb 0 skips that article
                continue
            path = folder / name
            path.write_text(text, encoding="utf-8")
            found = index(path, folder)
            print(
                f"| {label} | {len(text) / 1e6:.1f} MB | {found['status']} | {found['seconds']:.1f} s | {found['cpu']:.1f} s "
                f"| {found['peak_mb']:.0f} MB | {found['quotes']} | {found['offsets_ok']} |",
                flush=True,
            )
            if found["status"]:
                print(f"  {found['output']}")


if __name__ == "__main__":
    main()
