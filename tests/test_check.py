"""`quotes check` and the Check page: did someone say a claimed quote, in these words, where first?"""

import json
import re
import sqlite3

import pytest
from check_claims import EXPECTED, make_claims, shares
from click.testing import CliRunner
from conftest import DATA
from markupsafe import escape

from quotes import check
from quotes.cli import cli
from quotes.db import open_db
from quotes.documents import find_files
from quotes.index import index_files
from quotes.search import connect
from quotes.serve import datasette

KIRBY = (
    "It is clear Russian and North Korean military leaders are treating these troops as expendable"
    " and ordering them on hopeless assaults against Ukrainian defenses."
)


def run(*args, stdin=None):
    return CliRunner().invoke(cli, ["check", *map(str, args)], input=stdin)


def checked(db, claim, *args):
    result = run(claim, "--db", db, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_an_excerpt_is_verbatim_with_its_speaker_and_first_report(seeds_db):
    found = checked(seeds_db, "treating these troops as expendable and ordering them on hopeless assaults")
    assert found["verdict"] == "verbatim" and found["speaker"] == "John Kirby"
    top = found["matches"][0]
    assert top["similarity"] == 1.0 and top["diff"] == [] and top["speaker"] == "John Kirby"
    assert "expendable and ordering them" in top["text"]
    # The match is the quote's statement, and its first report is the statement's first.
    conn = sqlite3.connect(seeds_db)
    statement_id, first_document, reports = conn.execute(
        "select s.id, s.first_document_id, s.reports from quotes q join statements s on s.id = q.statement_id"
        " where q.id = ?",
        [top["quote_id"]],
    ).fetchone()
    assert top["statement_id"] == statement_id
    assert top["first_report"]["document_id"] == first_document
    assert len(top["reports"]) == reports == 3


def test_an_inserted_not_shows_as_an_insert_in_the_diff(seeds_db):
    found = checked(
        seeds_db,
        "It is clear Russian and North Korean military leaders are not treating these troops as expendable",
    )
    assert found["verdict"] == "close"
    top = found["matches"][0]
    assert top["text"].startswith("It is clear Russian") and top["diff"] == [["insert", "not", ""]]
    assert 0.9 < top["similarity"] < 1


def test_changed_and_dropped_words_show_as_written(seeds_db):
    found = checked(
        seeds_db, "It is clear that Russian and North Korean generals are treating the troops as expendable"
    )
    top = found["matches"][0]
    assert found["verdict"] == "close"
    assert top["diff"] == [["replace", "generals", "military leaders"], ["replace", "the", "these"]]
    found = checked(seeds_db, "It is clear Russian military leaders are treating these troops as expendable")
    assert found["matches"][0]["diff"] == [["delete", "", "and North Korean"]]


@pytest.mark.parametrize(
    "claim",
    [
        "it is clear russian and north korean military leaders are treating these troops as expendable",
        '"It is clear Russian and North Korean military leaders are treating these troops as expendable..."',
        "IT IS CLEAR: RUSSIAN AND NORTH KOREAN MILITARY LEADERS, ARE TREATING THESE TROOPS AS EXPENDABLE!",
    ],
)
def test_case_punctuation_and_quotation_marks_do_not_count(seeds_db, claim):
    found = checked(seeds_db, claim)
    assert found["verdict"] == "verbatim" and found["matches"][0]["similarity"] == 1.0


def test_a_claim_given_to_the_wrong_speaker_names_the_real_one(seeds_db):
    found = checked(seeds_db, KIRBY, "--speaker", "Zelenskyy")
    assert found["verdict"] == "different_speaker" and found["speaker"] == "John Kirby"
    # The right speaker, by any name or spelling they go by.
    assert checked(seeds_db, KIRBY, "--speaker", "kirby")["verdict"] == "verbatim"


def test_narration_is_not_a_quote(seeds_db):
    text = sqlite3.connect(seeds_db).execute("select text from documents order by id").fetchone()[0]
    # An article's own sentence, which no quote overlaps (checked by the claims' generator).
    [sentence, *_] = [c.text for c in make_claims(seeds_db) if c.kind == "narration" and c.text in text]
    assert checked(seeds_db, sentence) == {
        "claim": sentence,
        "speaker": None,
        "verdict": "not_found",
        "matches": [],
    }
    assert (
        checked(seeds_db, "The weather in the mountains was cold and nobody went out")["verdict"]
        == "not_found"
    )


def test_claims_from_stdin_get_one_json_line_each_in_order(seeds_db):
    stdin = (
        "\n".join(
            [KIRBY, "", "x" * 2001, "Nobody ever said this sentence in any article at all", KIRBY.lower()]
        )
        + "\n"
    )
    result = run("-", "--db", seeds_db, "--json", stdin=stdin)
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in lines] == ["verbatim", "not_found", "verbatim"]
    assert [r["claim"] for r in lines] == [
        KIRBY,
        "Nobody ever said this sentence in any article at all",
        KIRBY.lower(),
    ]
    assert (
        result.stderr.strip()
        == f"Error: {'x' * 60}: the claim is 2001 characters long: at most 2000 are checked"
    )


def test_stdin_that_is_not_utf8_is_still_checked(seeds_db):
    result = run("--db", seeds_db, "--json", stdin=b"\xff\xfe bad bytes\n" + KIRBY.encode("cp1252") + b"\n")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["not_found", "verbatim"]


def test_text_output_and_a_missing_index(seeds_db, tmp_path):
    result = run(
        "It is clear Russian military leaders are treating these troops as expendable", "--db", seeds_db
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("close: It is clear Russian military leaders")
    assert "delete: - → and North Korean" in result.stdout
    missing = run(KIRBY, "--db", tmp_path / "none.db")
    assert missing.exit_code == 1 and missing.output == f"Error: {tmp_path / 'none.db'}: no such index\n"
    (tmp_path / "text.db").write_text("not a database " * 100)
    other = run(KIRBY, "--db", tmp_path / "text.db")
    assert other.exit_code == 1 and other.output == (
        f"Error: {tmp_path / 'text.db'}: cannot check claims against it as a quotes index (file is not a database)\n"
    )


def test_statements_give_one_match_each_and_the_earliest_report(seeds_db):
    # Kirby's words are reported by three seed articles: one statement, one match.
    conn = sqlite3.connect(seeds_db)
    statement_id, first_document = conn.execute(
        "select s.id, s.first_document_id from statements s join quotes q on q.statement_id = s.id"
        " where q.text like 'It is clear%expendable%' limit 1"
    ).fetchone()
    found = checked(seeds_db, "treating these troops as expendable")
    ids = [m["statement_id"] for m in found["matches"]]
    top = found["matches"][0]
    assert top["statement_id"] == statement_id and ids.count(statement_id) == 1
    assert len(ids) == len(set(ids))
    assert top["first_report"]["document_id"] == first_document and len(top["reports"]) == 3


async def test_check_page_highlights_the_differences_escaped(seeds_db):
    ds = datasette(seeds_db)
    home = await ds.client.get("/")
    assert '<a href="/check" id="check-link">Check a quote</a>' in home.text
    claim = "It is clear Russian and North Korean <b>generals</b> are not treating these troops as expendable"
    page = await ds.client.get("/check", params={"claim": claim, "speaker": "Zelenskyy"})
    assert page.status_code == 200
    html = re.sub(r"\s+", " ", page.text)
    assert "Different speaker: the reports give these words to John Kirby, not Zelenskyy." in html
    assert (
        "It is clear Russian and North Korean <ins>b&gt;generals&lt;/b</ins><del>military leaders</del>"
        " are <ins>not </ins>treating these troops as expendable"
    ) in html
    assert "<b>generals" not in html
    assert '<ul class="reports">' in html and 'href="/quote/' in html
    empty = await ds.client.get("/check")
    assert empty.status_code == 200 and 'id="verdict"' not in empty.text


async def test_check_json_is_the_commands_json(seeds_db):
    ds = datasette(seeds_db)
    response = await ds.client.get("/check.json", params={"claim": KIRBY, "speaker": "Zelenskyy"})
    assert response.status_code == 200
    assert response.json() == {"ok": True, **checked(seeds_db, KIRBY, "--speaker", "Zelenskyy")}


@pytest.mark.parametrize(
    "params, message",
    [
        ({"claim": "x" * 2001}, "the claim is 2001 characters long: at most 2000 are checked"),
        ({"claim": "  "}, "the claim is empty"),
        ({"claim": KIRBY, "speaker": "y" * 201}, "the speaker's name is longer than 200 characters"),
    ],
)
async def test_public_limits_answer_400(seeds_db, params, message):
    ds = datasette(seeds_db)
    response = await ds.client.get("/check.json", params=params)
    assert response.status_code == 400 and response.json() == {"ok": False, "error": message}
    page = await ds.client.get("/check", params=params)
    if params["claim"].strip():
        assert (
            page.status_code == 400 and str(escape(f"The claim cannot be checked: {message}.")) in page.text
        )
    else:  # the page shows its empty form
        assert page.status_code == 200 and 'id="verdict"' not in page.text


@pytest.fixture(scope="module")
def wikinews_db(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("wikinews") / "wikinews.db"
    db = open_db(path)
    index_files(db, find_files([DATA / "wikinews"]), nlp)
    db.close()
    return path


# The targets of issue 14: altered quotes found, narration not found, the wrong speaker
# flagged, an inserted "not" in the diff.
TARGETS = {"narration": 0.95, "wrong_speaker": 0.90, "not": 0.95}


def test_claims_made_from_the_indexed_quotes_are_answered_right(seeds_db, wikinews_db):
    found = shares([seeds_db, wikinews_db], check.check)
    assert set(found) == set(EXPECTED)
    for kind, (right, total) in found.items():
        assert total >= 50, kind
        assert right / total >= TARGETS.get(kind, 0.95), (kind, right, total)


def test_a_claim_of_only_common_words_needs_them_all(seeds_db, monkeypatch):
    # Every word counts as common: the candidates hold all of its four longest words.
    monkeypatch.setattr(check, "COMMON", 1)
    conn = connect(seeds_db)
    claim = [w.norm for w in check.words("treating these troops as expendable")]
    assert check.fts_query(conn, claim) == '"expendable" AND "treating" AND "troops" AND "these"'
    assert check.check(conn, "treating these troops as expendable")["verdict"] == "verbatim"
    assert check.check(conn, "treating these troops as expendable nonsenseword")["verdict"] == "close"


async def test_a_check_that_takes_too_long_answers_400(seeds_db, monkeypatch):
    from quotes.plugin import check as check_routes

    # No real claim is this slow on the seeds: a limit of 0 ms stops every query.
    monkeypatch.setattr(check_routes, "TIME_LIMIT_MS", 0)
    response = await datasette(seeds_db).client.get("/check.json", params={"claim": KIRBY})
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error": "the check took longer than 0 ms: try a shorter claim"}


def test_the_text_output_names_the_first_report_of_the_statement(seeds_db):
    # Kirby's words matched in one article are first reported in another: the line says
    # which quote reported them first, with that report's outlet.
    result = run("treating these troops as expendable and ordering them", "--db", seeds_db, "--limit", "1")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(seeds_db)
    first = conn.execute(
        "select s.first_document_id, s.id from statements s join quotes q on q.statement_id = s.id"
        " where q.text like 'It is clear%expendable%' limit 1"
    ).fetchone()
    first_quote = conn.execute(
        "select id from quotes where document_id = ? and statement_id = ?", first
    ).fetchone()[0]
    line = next(x for x in result.output.splitlines() if "first reported:" in x)
    assert line.strip().endswith(f"quote {first_quote}")
