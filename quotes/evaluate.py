"""Score predicted quotes against a gold file, as the annotation guidelines define it.

A prediction matches a gold quote of the same document when at least half of the gold
words are in the prediction and at least half of the prediction's words are in the gold
content. Words are lower-cased runs of letters and digits, counted as multisets.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter:
    """The multiset of lower-cased runs of letters and digits in ``text``."""
    return Counter(WORD.findall(text.lower()))


def overlap(a: Counter, b: Counter) -> int:
    """How many of ``a``'s words are also in ``b``."""
    return sum((a & b).values())


# The fields the scorer reads from every gold quote, and what each one holds.
GOLD_FIELDS = {
    "doc": "the article's file name",
    "text": "the quote",
    "kind": "direct, indirect or mixed",
}


def read_gold(path: str | Path) -> list[dict]:
    """Read a gold ``.jsonl`` file: one quote per line.

    A line that is not a JSON object with the fields the scorer needs raises ValueError
    naming the file and the line.
    """
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}: line {number} is not valid JSON ({e.msg})") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}: line {number} is not a JSON object")
            # A line with only "doc" lists an article that holds no quote (GUIDELINES.md).
            needed = GOLD_FIELDS if set(row) != {"doc"} else {"doc": GOLD_FIELDS["doc"]}
            for name, meaning in needed.items():
                if not isinstance(row.get(name), str):
                    raise ValueError(f'{path}: line {number} has no "{name}" ({meaning})')
            rows.append(row)
    return rows


def matches(gold: Counter, predicted: Counter) -> bool:
    """The guidelines' match rule: at least half of each side's words lie in the other."""
    if not gold or not predicted:
        return False
    return overlap(gold, predicted) * 2 >= sum(gold.values()) and overlap(predicted, gold) * 2 >= sum(
        predicted.values()
    )


def attributed(gold: dict, prediction: dict) -> bool:
    """Whether one of the gold ``match`` strings occurs in the predicted source."""
    names = [prediction.get("speaker"), prediction.get("speaker_mention")]
    names += list(prediction.get("aliases") or [])
    haystack = " | ".join(n.lower() for n in names if n)
    return any(m.lower() in haystack for m in gold.get("match") or [])


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: list[dict], predicted: list[dict]) -> dict:
    """Span and attributed precision, recall and F1, recall by kind, the misses, the
    reliability of the confidence (table and expected calibration error) and each
    prediction with whether it is right (``judged``).

    Both lists hold dicts with ``doc`` and ``text``; predictions also carry ``speaker``,
    ``speaker_mention`` and ``aliases``. Only predictions in the gold's documents are scored.
    """
    # A row with only ``doc`` lists a document that holds no quote, so its predictions count.
    docs = {g["doc"] for g in gold}
    gold = [g for g in gold if "text" in g]
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g["doc"]].append(g)
    predicted = [p for p in predicted if p["doc"] in docs]
    pred_by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in predicted:
        pred_by_doc[p["doc"]].append(p)

    found = found_attributed = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed, misattributed = [], []
    required = [g for g in gold if not g.get("optional")]
    for g in required:
        gw = words(g["text"])
        hits = [p for p in pred_by_doc[g["doc"]] if matches(gw, words(p["text"]))]
        by_kind[g["kind"]][1] += 1
        if not hits:
            missed.append(g)
            continue
        found += 1
        by_kind[g["kind"]][0] += 1
        if any(attributed(g, p) for p in hits):
            found_attributed += 1
        else:
            misattributed.append((g, hits[0]))

    correct = correct_attributed = 0
    spurious = []
    judged: list[tuple[dict, bool]] = []  # each prediction and whether it is right
    for p in predicted:
        pw = words(p["text"])
        inside: Counter[str] = Counter()
        for g in gold_by_doc[p["doc"]]:
            inside |= pw & words(g["text"])
        if pw and sum(inside.values()) * 2 >= sum(pw.values()):
            correct += 1
            golds = [g for g in gold_by_doc[p["doc"]] if matches(words(g["text"]), pw)]
            # A prediction that only overlaps an optional or unmatched gold still counts as
            # attributed when some gold it overlaps names the same source.
            candidates = golds or [g for g in gold_by_doc[p["doc"]] if overlap(pw, words(g["text"]))]
            is_right = any(attributed(g, p) for g in candidates)
            correct_attributed += is_right
        else:
            is_right = False
            spurious.append(p)
        judged.append((p, is_right))

    n_pred, n_gold = len(predicted), len(required)
    bands = reliability([(p.get("confidence"), ok) for p, ok in judged])
    span_p = correct / n_pred if n_pred else 0.0
    span_r = found / n_gold if n_gold else 0.0
    attr_p = correct_attributed / n_pred if n_pred else 0.0
    attr_r = found_attributed / n_gold if n_gold else 0.0
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "span": {"precision": span_p, "recall": span_r, "f1": _f1(span_p, span_r)},
        "attributed": {"precision": attr_p, "recall": attr_r, "f1": _f1(attr_p, attr_r)},
        "recall_by_kind": {k: v[0] / v[1] for k, v in sorted(by_kind.items())},
        "missed": missed,
        "misattributed": misattributed,
        "spurious": spurious,
        "reliability": bands,
        "calibration_error": calibration_error(bands),
        "judged": judged,
    }


CONFIDENCE_BINS = 10  # equal-width bins of confidence for the reliability table and the ECE


def reliability(right: list[tuple[float | None, bool]]) -> list[dict]:
    """For each confidence bin (0.0-0.1, ..., 0.9-1.0), how many predictions fall in it,
    their mean confidence and the share that is right.

    Right means the span matches the gold and the speaker is the gold's.
    """
    bands = []
    for k in range(CONFIDENCE_BINS):
        low, high = k / CONFIDENCE_BINS, (k + 1) / CONFIDENCE_BINS
        inside = [(c, ok) for c, ok in right if c is not None and low <= c and (c < high or high == 1.0)]
        bands.append(
            {
                "band": f"{low:.1f}-{high:.1f}",
                "predictions": len(inside),
                "confidence": sum(c for c, _ in inside) / len(inside) if inside else None,
                "right": sum(ok for _, ok in inside) / len(inside) if inside else None,
            }
        )
    return bands


def calibration_error(bands: list[dict]) -> float | None:
    """The expected calibration error: the gap between mean confidence and the share right in
    each bin, weighted by the bin's share of the predictions."""
    total = sum(b["predictions"] for b in bands)
    if not total:
        return None
    return (
        sum(b["predictions"] * abs(b["confidence"] - b["right"]) for b in bands if b["predictions"]) / total
    )


def fit_confidence(
    observed: dict[str, list[bool]], prior: dict[str, float], strength: float
) -> dict[str, float]:
    """The share right of each kind of evidence, shrunk toward its prior: an evidence seen
    ``n`` times moves from the prior by ``n / (n + strength)`` of the way to its share right."""
    return {
        key: round((sum(oks) + strength * prior[key]) / (len(oks) + strength), 3)
        for key, oks in observed.items()
    }


def format_report(result: dict) -> str:
    """The report ``quotes eval`` prints."""
    lines = [f"{result['gold']} required gold quotes, {result['predicted']} predicted"]
    lines.append(f"{'':12}{'precision':>10}{'recall':>10}{'F1':>10}")
    for name in ("span", "attributed"):
        r = result[name]
        lines.append(f"{name:12}{r['precision']:>10.3f}{r['recall']:>10.3f}{r['f1']:>10.3f}")
    kinds = ", ".join(f"{k} {v:.3f}" for k, v in result["recall_by_kind"].items())
    lines.append(f"recall by kind: {kinds}")
    bands = [b for b in result.get("reliability", []) if b["predictions"]]
    if bands:
        lines.append("confidence  predictions  mean  right")
        lines += [
            f"{b['band']:<12}{b['predictions']:>11}  {b['confidence']:.2f}  {b['right']:.2f}" for b in bands
        ]
        lines.append(f"expected calibration error: {result['calibration_error']:.3f}")
    for g in result["missed"]:
        lines.append(f"MISSED     {g['doc']} [{g['kind']}] {g.get('speaker') or '?'}: {_short(g['text'])}")
    for g, p in result["misattributed"]:
        who = p.get("speaker") or p.get("speaker_mention") or "nobody"
        lines.append(f"WRONG WHO  {g['doc']} {g.get('speaker') or '?'} (got {who}): {_short(g['text'])}")
    for p in result["spurious"]:
        lines.append(f"SPURIOUS   {p['doc']} [{p.get('kind')}] {p.get('speaker')}: {_short(p['text'])}")
    return "\n".join(lines)


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def predictions_from_db(db) -> list[dict]:
    """Predictions in the scorer's shape, read from an index built by ``quotes index``."""
    sql = """
        select documents.path as doc, quotes.kind, quotes.text, quotes.start, quotes."end",
               speakers.name as speaker, quotes.speaker_mention, quotes.speaker_id, quotes.confidence
        from quotes join documents on documents.id = quotes.document_id
        left join speakers on speakers.id = quotes.speaker_id
    """
    aliases: dict[int, list[str]] = defaultdict(list)
    for row in db.query("select speaker_id, alias from speaker_aliases"):
        aliases[row["speaker_id"]].append(row["alias"])
    rows = []
    for row in db.query(sql):
        row["doc"] = Path(row["doc"]).name
        row["aliases"] = aliases.get(row.pop("speaker_id"), [])
        rows.append(row)
    return rows


def predictions_from_quotes(doc_name: str, quotes: Iterable) -> list[dict]:
    """Predictions in the scorer's shape from ``Quote`` objects of one document."""
    return [
        {
            "doc": doc_name,
            "kind": q.kind,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "speaker": q.speaker,
            "speaker_mention": q.speaker_mention,
            "aliases": q.speaker_aliases,
            "confidence": q.confidence,
            "evidence": q.evidence,
        }
        for q in quotes
    ]
