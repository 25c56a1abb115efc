"""Each article's language: detected, stored, and articles not in the model's language kept
without quotes, so no speaker is invented from a foreign text."""

from click.testing import CliRunner
from conftest import DATA, SEEDS

from quotes.cli import cli
from quotes.db import open_db
from quotes.language import detect_language

GERMAN = (
    "Stadtrat beschließt neuen Haushalt\n\n"
    "„Wir haben den Haushalt ausgeglichen, ohne eine einzige Bibliothek zu schließen“, sagte "
    "Bürgermeisterin Anna Ortiz am Montag.\n\n"
    "Zur Anmeldung erklärte die Verwaltung, man werde im nächsten Jahr vierzig neue Lehrer einstellen.\n"
)
FRENCH = (
    "Le conseil adopte le budget\n\n"
    "« Nous avons équilibré les comptes sans fermer une seule bibliothèque », a déclaré lundi "
    "la maire Anne Ortiz.\n\n"
    "Selon la mairie, la ville embauchera quarante nouveaux enseignants l'année prochaine.\n"
)


def test_real_english_articles_and_short_texts_are_not_taken_for_another_language():
    texts = [
        p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted((DATA / "wikinews").glob("*.txt"))
    ]
    assert len(texts) == 28
    assert {detect_language(text) for text in texts} == {"en"}
    for short in ("“Yes,” she said.", "Ortiz said so.", "“No comment,” the mayor said.", "OK"):
        assert detect_language(short) in (None, "en"), short
    assert detect_language(GERMAN) == "de" and detect_language(FRENCH) == "fr"


def test_foreign_articles_are_stored_but_not_extracted(tmp_path, articles):
    (articles / "haushalt.txt").write_text(GERMAN, encoding="utf-8")
    (articles / "budget-fr.txt").write_text(FRENCH, encoding="utf-8")
    db_path = tmp_path / "q.db"
    result = CliRunner().invoke(cli, ["index", str(articles), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("4 articles indexed: ")
    assert result.output.rstrip().endswith("; 2 not in English: de, fr")
    db = open_db(db_path)
    languages = dict(db.execute("select id, language from documents").fetchall())
    assert languages == {"budget": "en", "storm": "en", "haushalt": "de", "budget-fr": "fr"}
    foreign = db.execute(
        "select count(*) from quotes where document_id in ('haushalt', 'budget-fr')"
    ).fetchone()
    assert foreign == (0,)
    names = {r[0] for r in db.execute("select name from speakers")}
    assert names == {"Ana Ortiz", "Tom Reyes"}
