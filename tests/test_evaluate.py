import json

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.evaluate import calibration_error, fit_confidence, matches, score, words


def test_words_are_lowercased_letter_and_digit_runs():
    assert words("It’s 1,000 “Troops”!") == {"it": 1, "s": 1, "1": 1, "000": 1, "troops": 1}


def test_match_needs_half_of_each_side():
    gold = words("one two three four")
    assert matches(gold, words("one two"))
    assert not matches(gold, words("one"))
    assert not matches(gold, words("one two x y z"))


def gold_row(text, **kw):
    return {
        "doc": "d.txt",
        "kind": "direct",
        "text": text,
        "speaker": "Ana Ortiz",
        "match": ["ortiz"],
        "optional": False,
        **kw,
    }


def test_score_counts_attribution_and_optional_quotes():
    gold = [
        gold_row("we balanced the books"),
        gold_row("taxes will not rise"),
        gold_row("maybe later", optional=True),
    ]
    predicted = [
        {"doc": "d.txt", "text": "we balanced the books", "speaker": "Ana Ortiz"},
        {"doc": "d.txt", "text": "taxes will not rise", "speaker": "Tom Reyes"},
        {"doc": "d.txt", "text": "maybe later", "speaker": None},
        {"doc": "d.txt", "text": "the weather was fine", "speaker": "Ana Ortiz"},
        {"doc": "other.txt", "text": "not scored", "speaker": None},
    ]
    result = score(gold, predicted)
    assert result["predicted"] == 4 and result["gold"] == 2
    assert result["span"]["recall"] == 1.0
    assert result["span"]["precision"] == 0.75
    assert result["attributed"]["recall"] == 0.5
    assert result["attributed"]["precision"] == 0.25
    assert [p["text"] for p in result["spurious"]] == ["the weather was fine"]


def test_a_document_listed_without_quotes_has_its_predictions_scored():
    # A gold line with only "doc" says the document was read and holds no quote: what is
    # predicted there is spurious, not ignored.
    gold = [gold_row("we balanced the books"), {"doc": "empty.txt"}]
    predicted = [
        {"doc": "d.txt", "text": "we balanced the books", "speaker": "Ana Ortiz"},
        {"doc": "empty.txt", "text": "a scare quote", "speaker": "Ana Ortiz"},
    ]
    result = score(gold, predicted)
    assert result["gold"] == 1 and result["predicted"] == 2
    assert result["span"]["recall"] == 1.0
    assert result["span"]["precision"] == 0.5
    assert [p["doc"] for p in result["spurious"]] == ["empty.txt"]


def test_eval_command_on_the_seeds(seeds_db, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "doc": "000_b1205d662c358023.txt",
                "kind": "direct",
                "text": "It is clear that Russian and North Korean military leaders are treating these troops "
                "as expendable and ordering them on hopeless assaults against Ukrainian defenses,",
                "speaker": "John Kirby",
                "match": ["kirby"],
                "optional": False,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["eval", str(gold), "--db", str(seeds_db), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["gold"] == 1
    assert figures["span"]["recall"] == 1.0
    assert figures["attributed"]["recall"] == 1.0
    assert 0 <= figures["calibration_error"] <= 1
    text = CliRunner().invoke(cli, ["eval", str(gold), "--db", str(seeds_db)]).output
    assert f"expected calibration error: {figures['calibration_error']:.3f}" in text
    assert "confidence  predictions  mean  right" in text


def test_eval_of_a_bad_gold_file_is_a_clear_error(seeds_db, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--db", str(seeds_db)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {gold}: line 1 is not valid JSON")


def test_eval_of_gold_lines_of_the_wrong_shape_names_the_line(seeds_db, tmp_path):
    gold = tmp_path / "gold.jsonl"
    good = {"doc": "000_b1205d662c358023.txt", "kind": "direct", "text": "expendable", "match": []}
    for line, problem in [
        ('["a list"]', "line 2 is not a JSON object"),
        (json.dumps({**good, "doc": None}), 'line 2 has no "doc" (the article\'s file name)'),
        (json.dumps({k: v for k, v in good.items() if k != "text"}), 'line 2 has no "text" (the quote)'),
        (json.dumps({**good, "kind": 3}), 'line 2 has no "kind" (direct, indirect or mixed)'),
    ]:
        gold.write_text(json.dumps(good) + "\n" + line + "\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["eval", str(gold), "--db", str(seeds_db)])
        assert (result.exit_code, result.output) == (1, f"Error: {gold}: {problem}\n")


def test_reliability_bands_count_right_predictions():
    gold = [gold_row("we balanced the books"), gold_row("taxes will not rise")]
    predicted = [
        {"doc": "d.txt", "text": "we balanced the books", "speaker": "Ana Ortiz", "confidence": 0.9},
        {"doc": "d.txt", "text": "taxes will not rise", "speaker": "Tom Reyes", "confidence": 0.95},
        {"doc": "d.txt", "text": "the weather was fine", "speaker": "Ana Ortiz", "confidence": 0.4},
    ]
    result = score(gold, predicted)
    bands = {
        b["band"]: (b["predictions"], b["confidence"], b["right"])
        for b in result["reliability"]
        if b["predictions"]
    }
    assert bands == {"0.4-0.5": (1, 0.4, 0.0), "0.9-1.0": (2, 0.925, 0.5)}
    # ECE: (1 * |0.4 - 0| + 2 * |0.925 - 0.5|) / 3
    assert calibration_error(result["reliability"]) == pytest.approx((0.4 + 2 * 0.425) / 3)
    assert [ok for _, ok in result["judged"]] == [True, False, False]


def test_fit_confidence_shrinks_the_share_right_toward_the_prior():
    table = fit_confidence(
        {"cue/named": [True] * 8, "previous-speaker": [True, False]},
        {"cue/named": 0.5, "previous-speaker": 0.4},
        strength=2,
    )
    assert table == {"cue/named": 0.9, "previous-speaker": 0.45}  # (8 + 1) / 10, (1 + 0.8) / 4


def test_report_of_gold_quotes_without_a_speaker():
    from quotes.evaluate import format_report

    gold = {"doc": "d.txt", "kind": "direct", "text": "taxes will not rise"}
    wrong = {"doc": "d.txt", "kind": "direct", "text": "we balanced the books", "match": ["ortiz"]}
    predicted = [{"doc": "d.txt", "kind": "direct", "text": "we balanced the books", "speaker": "Tom Reyes"}]
    report = format_report(score([gold, wrong], predicted)).splitlines()
    assert "MISSED     d.txt [direct] ?: taxes will not rise" in report
    assert "WRONG WHO  d.txt ? (got Tom Reyes): we balanced the books" in report
