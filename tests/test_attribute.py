"""Resolving speakers within one document (the real model; sentences written for the tests)."""

import pytest

from quotes.speaker.confidence import QUOTE_EVIDENCE, SPEAKER_EVIDENCE
from quotes.speaker.names import same_person
from quotes.speaker.people import People
from quotes.types import Found, Resolved


def test_title_is_split_from_name(quotes_of):
    [q] = quotes_of("White House deputy press secretary Karen Holt said the visit was postponed.")
    assert q.speaker == "Karen Holt"
    assert q.speaker_role == "White House deputy press secretary"
    assert q.speaker_kind == "person"
    assert q.speaker_mention == "White House deputy press secretary Karen Holt"


def test_appositive_role(quotes_of):
    [q] = quotes_of("“We expect rain all week,” said Karen Holt, a National Weather Service forecaster.")
    assert q.speaker == "Karen Holt"
    assert q.speaker_role == "National Weather Service forecaster"


def test_short_name_links_to_full_name(quotes_of):
    [q] = quotes_of(
        "Mayor Tom Ruiz opened the new library on Monday. Ruiz said the building had cost $4 million."
    )
    assert q.speaker == "Tom Ruiz"
    assert q.speaker_mention == "Ruiz"
    assert set(q.speaker_aliases) == {"Tom Ruiz", "Ruiz"}


def test_pronoun_resolves_to_person(quotes_of):
    [q] = quotes_of("Judge Amy Chen dismissed the case on Friday. “The evidence was never there,” she said.")
    assert (q.speaker, q.speaker_mention, q.speaker_kind) == ("Amy Chen", "she", "person")
    assert q.evidence == "cue/pronoun"


def test_pronoun_resolves_to_last_speaker(quotes_of):
    text = (
        "“Prices will keep rising,” economist Sara Blum said on Tuesday. "
        "The central bank has raised rates twice this year. "
        "“Families will feel it first,” she said."
    )
    first, second = quotes_of(text)
    assert first.speaker == second.speaker == "Sara Blum"
    assert first.confidence > second.confidence


def test_role_noun_refers_back(quotes_of):
    text = "Fire department spokesman Luis Ortega said two homes were destroyed. The spokesman said no one was hurt."
    first, second = quotes_of(text)
    assert first.speaker == "Luis Ortega" and first.speaker_mention == "Fire department spokesman Luis Ortega"
    assert second.speaker == "Luis Ortega" and second.speaker_mention == "The spokesman"


def test_they_refers_to_a_group(quotes_of):
    [q] = quotes_of("Local farmers met on Monday. They said the drought had ruined the harvest.")
    assert (q.speaker, q.speaker_kind, q.speaker_mention) == ("Local farmers", "group", "They")


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("One nurse at the hospital said the wards were full.", "One nurse at the hospital", "unnamed"),
        ("Local farmers said the drought had ruined the harvest.", "Local farmers", "group"),
        (
            "The hospital said in a statement that visiting hours would be cut.",
            "The hospital",
            "organization",
        ),
    ],
)
def test_unnamed_sources(quotes_of, text, speaker, kind):
    [q] = quotes_of(text)
    assert (q.speaker, q.speaker_kind) == (speaker, kind)


def test_appositive_name_after_role(quotes_of):
    [q] = quotes_of("The airline’s chief executive, Nora Lind, told reporters that fares would rise.")
    assert (q.speaker, q.text, q.cue) == ("Nora Lind", "fares would rise", "tell")


def test_spelling_variants_are_one_person():
    assert same_person("Tchaikovskiy", "Pyotr Tchaikovsky")
    assert same_person("Ruiz", "Tom Ruiz")
    assert not same_person("Tom Ruiz", "Ana Ruiz")
    assert not same_person("Kim", "Kimball")


def test_confidence_orders_the_evidence():
    assert QUOTE_EVIDENCE[Found.CUE] > QUOTE_EVIDENCE[Found.CONTINUATION] > QUOTE_EVIDENCE[Found.UNATTRIBUTED]
    assert (
        SPEAKER_EVIDENCE[Resolved.NAMED]
        > SPEAKER_EVIDENCE[Resolved.PRONOUN]
        > SPEAKER_EVIDENCE[Resolved.NONE]
    )
    assert set(QUOTE_EVIDENCE) == set(Found) and set(SPEAKER_EVIDENCE) == set(Resolved)
    assert all(0 < v <= 1 for v in [*QUOTE_EVIDENCE.values(), *SPEAKER_EVIDENCE.values()])


def test_pronoun_skips_a_person_of_the_other_gender(quotes_of):
    text = (
        "Baby Gloria was born on Sunday. Doctors say she is healthy and her weight is normal. "
        "Her father Tom Reed was relieved. “We are overjoyed,” he replied."
    )
    [q] = [q for q in quotes_of(text) if q.kind == "direct"]
    assert q.speaker == "Tom Reed"


def test_honorific_gives_gender(nlp):
    doc = nlp("Mrs. Hale met the mayor on Monday. Mr. Brandt was away.")
    people = People(doc)
    assert people.gender("Hale") == "f" and people.gender("Brandt") == "m"


def test_pronoun_prefers_the_person_a_sentence_is_about(quotes_of):
    text = "For Kevin Dale, the composer Mozart was also a giant. He said, “Every note was in its place.”"
    [q] = quotes_of(text)
    assert q.speaker == "Kevin Dale"
