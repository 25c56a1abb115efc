"""`quotes speakers suggest`: likely duplicates with their evidence, never merged on their own."""

import json

from click.testing import CliRunner
from test_speakers import index_quotes, quote, speakers_of

from quotes.cli import cli
from quotes.db import open_db


def suggest(db_path, *options):
    result = CliRunner().invoke(cli, ["speakers", "suggest", "--db", str(db_path), *options])
    assert result.exit_code == 0, result.output
    return result.output


def build(path, *names):
    db = open_db(path)
    index_quotes(db, *[[quote(name, start=0)] for name in names])
    return db


def test_spelling_variants_and_initials_are_suggested_with_their_evidence(tmp_path):
    path = tmp_path / "q.db"
    build(
        path,
        "Muammar Gaddafi",
        "Muammar Gaddafi",
        "Muammar Qaddafi",
        "Gadhafi",
        "Sergei Shoigu",
        "Sergei Shoygu",
        "John Kirby",
        "J. Kirby",
        "Janet Yellen",
        "Allen",
    )
    pairs = {(s["speaker"], s["other"]): s for s in json.loads(suggest(path, "--json"))}
    assert set(pairs) == {
        ("Muammar Gaddafi", "Muammar Qaddafi"),
        ("Muammar Gaddafi", "Gadhafi"),
        ("Muammar Qaddafi", "Gadhafi"),
        ("Sergei Shoigu", "Sergei Shoygu"),
        ("John Kirby", "J. Kirby"),
    }
    assert pairs[("Muammar Gaddafi", "Muammar Qaddafi")]["evidence"] == [
        "surnames gaddafi / qaddafi sound alike (Metaphone KTF)",
        "same first name (Muammar)",
    ]
    assert pairs[("Muammar Gaddafi", "Gadhafi")]["evidence"] == [
        "surnames gaddafi / gadhafi are 1 edit apart and start alike (Metaphone KTF / KTHF)",
        "Gadhafi has no first name",
    ]
    assert pairs[("John Kirby", "J. Kirby")]["evidence"] == [
        "same surname",
        "J is an initial or short form of John",
    ]
    assert pairs[("John Kirby", "J. Kirby")]["command"] == "quotes speakers merge 'J. Kirby' 'John Kirby'"
    # nothing was merged
    assert len(speakers_of(open_db(path))) == 9


def test_a_suggestion_is_accepted_with_its_command(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "“The front is holding,” said Defence Minister Sergei Shoigu.\n\n"
        "“We have enough shells,” Shoigu said.\n",
        encoding="utf-8",
    )
    (articles / "b.txt").write_text(
        "“Reinforcements are coming,” said Sergei Shoygu, the defence minister.\n", encoding="utf-8"
    )
    path = tmp_path / "q.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(articles), "--db", str(path)]).exit_code == 0
    assert suggest(path).splitlines() == [
        (
            "Sergei Shoigu (2) ~ Sergei Shoygu (1): surnames shoigu / shoygu sound alike (Metaphone XK); "
            "same first name (Sergei)"
        ),
        "    quotes speakers merge 'Sergei Shoygu' 'Sergei Shoigu'",
        "1 suggestion",
    ]
    result = runner.invoke(cli, ["speakers", "merge", "Sergei Shoygu", "Sergei Shoigu", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert speakers_of(open_db(path)) == [("Sergei Shoigu", "person")]
    assert suggest(path).splitlines() == ["0 suggestions"]


def test_two_first_names_or_a_clashing_alias_are_never_suggested(tmp_path):
    path = tmp_path / "q.db"
    db = build(path, "Mark Yellen", "Janet Yellen", "Jane Kim")
    index_quotes(db, [quote("Kim Jong Un", aliases=["Kim Jong Un", "Kim"])])
    assert suggest(path).splitlines() == ["0 suggestions"]


def test_a_missing_index_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["speakers", "suggest", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'none.db'}: no such index\n"
    assert not (tmp_path / "none.db").exists()
