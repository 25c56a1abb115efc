"""Finding quotes, their kinds, spans and cues (the real model; sentences written for the tests)."""

import pytest
import spacy

from quotes import data
from quotes.extract import find_quotes


def test_component_sets_extension(nlp):
    doc = nlp("“The lights are back on,” said Ruth Amos.")
    assert "quotes" in nlp.pipe_names
    assert doc._.quotes == find_quotes(doc)


def test_factory_takes_config(nlp):
    blank = spacy.blank("en")
    component = blank.add_pipe("quotes", config={"window": 5, "unattributed": False})
    assert component.settings.window == 5 and component.settings.unattributed is False


def test_direct_quote_with_trailing_cue(quotes_of):
    [q] = quotes_of("“We will reopen the bridge by Friday,” said Maria Lopez, the city’s transport director.")
    assert (q.kind, q.text, q.cue) == ("direct", "We will reopen the bridge by Friday,", "say")
    assert q.speaker == "Maria Lopez"
    assert q.evidence == "cue/named"


@pytest.mark.parametrize(
    "text, content",
    [
        ('"Nobody was hurt," the fire chief Omar Haddad said.', "Nobody was hurt,"),
        ("‘Nobody was hurt,’ the fire chief Omar Haddad said.", "Nobody was hurt,"),
        ("«Nobody was hurt», the fire chief Omar Haddad said.", "Nobody was hurt"),
        ('The fire chief Omar Haddad said, "Nobody was hurt.” Then he left.', "Nobody was hurt."),
    ],
)
def test_every_mark_style(quotes_of, text, content):
    [q] = quotes_of(text)
    assert (q.kind, q.text, q.speaker) == ("direct", content, "Omar Haddad")


def test_apostrophes_do_not_make_quotes(quotes_of):
    text = "The town’s mayor said they’re rebuilding the ’60s-era hall, where rock ’n’ roll bands played."
    found = quotes_of(text)
    assert [(q.kind, q.text) for q in found] == [
        ("indirect", "they’re rebuilding the ’60s-era hall, where rock ’n’ roll bands played")
    ]


def test_quote_split_by_its_cue(quotes_of):
    first, second = quotes_of("“The dam held,” the engineer Tom Baker said, “but the road did not.”")
    assert (first.text, second.text) == ("The dam held,", "but the road did not.")
    assert first.speaker == second.speaker == "Tom Baker"
    assert first.cue == second.cue == "say"


def test_continuation_takes_the_previous_speaker(quotes_of):
    first, second = quotes_of(
        "“We are proud of the team,” coach Ellen Park said. “They worked for every point.”"
    )
    assert second.text == "They worked for every point."
    assert second.cue is None and second.evidence == "continuation"
    assert second.speaker == "Ellen Park"
    assert first.confidence > second.confidence


def test_quote_over_several_paragraphs(quotes_of):
    text = "“First we fixed the roof.\n\n“Then we fixed the walls.\n\n“Last came the floor,” builder Sam Ortiz said."
    found = quotes_of(text)
    assert [q.text for q in found] == [
        "First we fixed the roof.",
        "Then we fixed the walls.",
        "Last came the floor,",
    ]
    assert {q.speaker for q in found} == {"Sam Ortiz"}


def test_unmatched_mark_ends_at_paragraph(quotes_of):
    text = "“We will not give up on this town, Mayor Ines Ward said.\n\nThe council meets again in June."
    [q] = quotes_of(text)
    assert q.text == "We will not give up on this town, Mayor Ines Ward said."


@pytest.mark.parametrize(
    "text",
    [
        "Critics of the plan were dismissed as ‘armchair generals’ during the debate.",
        "His so-called “peace dividend” never arrived.",
        "‘Lost’ painting found in attic\n\nA painting missing for 80 years was found in a Dutch attic.",
        "The band’s new album, “Northern Lights,” went on sale this week.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(quotes_of, text):
    assert quotes_of(text) == []


def test_fragments_in_a_reported_clause_make_one_mixed_quote(quotes_of):
    [q] = quotes_of(
        "Finance Minister Rosa Vidal said the talks had been “frank and useful” and would resume in May."
    )
    assert q.kind == "mixed"
    assert q.text == "the talks had been “frank and useful” and would resume in May"
    assert q.speaker == "Rosa Vidal"


def test_quoted_object_of_a_cue_is_mixed(quotes_of):
    [q] = quotes_of("Opposition leader Ian Marsh called the budget “a disaster for families.”")
    assert (q.kind, q.text, q.cue, q.speaker) == (
        "mixed",
        "the budget “a disaster for families.”",
        "call",
        "Ian Marsh",
    )


def test_indirect_quote_with_complement_clause(quotes_of):
    [q] = quotes_of("Police spokesman Dan Reyes said the driver had not been drinking.")
    assert (q.kind, q.text, q.cue, q.speaker) == (
        "indirect",
        "the driver had not been drinking",
        "say",
        "Dan Reyes",
    )


def test_parenthetical_cue(quotes_of):
    [q] = quotes_of("The factory will close in March, the company announced on Tuesday.")
    assert (q.kind, q.text, q.cue) == ("indirect", "The factory will close in March", "announce")
    assert q.speaker == "the company" and q.speaker_kind == "organization"


def test_according_to(quotes_of):
    [q] = quotes_of("Unemployment fell to 4 percent in June, according to the Labor Department.")
    assert (q.kind, q.text, q.cue) == ("indirect", "Unemployment fell to 4 percent in June", "according to")
    assert q.speaker == "the Labor Department" and q.speaker_kind == "organization"


def test_according_to_a_document_names_its_author(quotes_of):
    [q] = quotes_of(
        "Turnout was the highest in decades, according to a statement issued by the election commission."
    )
    assert q.text == "Turnout was the highest in decades"
    assert q.speaker == "the election commission"
    assert q.speaker_mention == "a statement issued by the election commission"


def test_publication_as_source(quotes_of):
    [q] = quotes_of("The Daily Courier reported that the mayor had resigned.")
    assert (q.text, q.speaker, q.speaker_kind) == (
        "the mayor had resigned",
        "The Daily Courier",
        "organization",
    )


def test_indirect_then_direct_with_one_cue(quotes_of):
    first, second = quotes_of(
        "The bridge was closed after the storm, Lopez said, “because nobody could guarantee it was safe.”"
    )
    assert (first.kind, first.text) == ("indirect", "The bridge was closed after the storm")
    assert (second.kind, second.text) == ("direct", "because nobody could guarantee it was safe.")
    assert first.speaker == second.speaker == "Lopez"


def test_verbs_without_speech_are_not_cues(quotes_of):
    assert quotes_of("The general ordered troops to leave the city.") == []
    assert quotes_of("The president watched soldiers marching past.") == []


def test_cue_lexicon_is_data_with_sources():
    cues = data.cue_verbs()
    assert cues["say"] == "clause" and cues["compare"] == "quote"
    lines = (data.DATA_DIR / "cue_verbs.tsv").read_text(encoding="utf-8").splitlines()
    sources = {line.split("\t")[2] for line in lines if line and not line.startswith("#")}
    assert sources == {"textacy", "added"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "“",
        "”“",
        '"""',
        "‘ ’ ‘",
        "\ufffd\ufffd“\ufffd said \ufffd",
        "“Unclosed said he\n\n“",
        "\n\n\n",
        "said said said “” according to",
        "according to",
        "“" + "word " * 2000,
        bytes(range(256)).decode("utf-8", "replace"),
    ],
)
def test_no_input_makes_extraction_raise(quotes_of, text):
    for q in quotes_of(text):
        assert 0 <= q.confidence <= 1


def test_short_quoted_terms_after_a_comma_are_not_quotes(quotes_of):
    text = (
        'The application form, which officials say runs to twelve pages, "must be signed by a parent", '
        'the ministry suggesting "local help desks" for families.'
    )
    assert [q.text for q in quotes_of(text) if q.kind == "direct"] == []


def test_short_quote_set_off_as_speech_is_kept(quotes_of):
    [q] = quotes_of("“Absolutely not,” said the mayor, Tom Brandt.")
    assert (q.kind, q.text, q.speaker) == ("direct", "Absolutely not,", "Tom Brandt")


def test_every_cue_word_in_the_data_keeps_its_paragraph_for_parsing():
    from quotes.focus import cue_forms

    irregular = {form for forms in data.irregular_cues().values() for form in forms}
    others = data.words("other_cues.txt")
    assert {"said", "told", "wrote"} <= irregular and "according" in others
    assert irregular | others <= cue_forms()
