"""Fill in the ``start`` and ``end`` of every quote in a gold file.

    python tests/data/make_gold_offsets.py GOLD.jsonl ARTICLES_DIR

Annotate a quote by its ``text`` alone; this script finds that text in the document's
stored text (the file read through ``quotes.documents.read_file``, so cleaning applies) and
rewrites the gold file with the offsets. A text found nowhere, or found several times with
no offsets given that point at one of the places, stops the run with a message: lengthen
the text, or set ``start`` by hand. Rows with only ``doc`` (documents with no quotes) are
kept as they are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from quotes.documents import Document, read_file

FIELDS = ("doc", "kind", "text", "start", "end", "speaker", "match", "cue", "optional")


def stored_text(path: Path) -> str:
    """The text quotes stores for the file at ``path``."""
    [document] = list(read_file(path))
    if not isinstance(document, Document):
        raise SystemExit(f"{path}: {document.message}")
    return document.text


def occurrences(text: str, part: str) -> list[int]:
    """Every index at which ``part`` starts in ``text``."""
    found, at = [], text.find(part)
    while at != -1:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def with_offsets(row: dict, text: str) -> dict:
    """``row`` with its ``start`` and ``end``; a hand-set ``start`` picks among several places."""
    places = occurrences(text, row["text"])
    where = f"{row['doc']}: {row['text'][:60]!r}"
    if not places:
        raise SystemExit(f"{where} is not in the document")
    if len(places) > 1:
        if row.get("start") not in places:
            raise SystemExit(f"{where} occurs {len(places)} times (at {places}); set start")
        places = [row["start"]]
    start = places[0]
    return {**row, "start": start, "end": start + len(row["text"])}


def main(gold: Path, folder: Path) -> None:
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    texts: dict[str, str] = {}
    out = []
    for row in rows:
        if "text" not in row:
            out.append(row)
            continue
        if row["doc"] not in texts:
            texts[row["doc"]] = stored_text(folder / row["doc"])
        row = with_offsets(row, texts[row["doc"]])
        assert texts[row["doc"]][row["start"] : row["end"]] == row["text"]
        out.append({k: row.get(k) for k in FIELDS} | {"optional": bool(row.get("optional"))})
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), "utf-8")
    print(f"{gold}: offsets of {sum('text' in r for r in out)} quotes in {len(texts)} documents")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
