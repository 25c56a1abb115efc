"""quotes.focus: only the paragraphs that can hold a quote or name its speaker are parsed."""

from pathlib import Path

import pytest

from quotes.documents import Document, read_file
from quotes.focus import cue_forms, focus
from quotes.index import extract

NARRATION = "The river rose overnight and the bridge was closed to traffic."
DATA = Path(__file__).parent / "data"


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_narration_is_blanked_with_every_offset_kept():
    text = "\n\n".join([NARRATION, "“We will rebuild it,” the mayor said.", NARRATION])
    focused = focus(text)
    assert len(focused) == len(text)
    assert [i for i, c in enumerate(focused) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    first, quote, last = paragraphs(focused)
    assert first.strip() == "" and last.strip() == ""
    assert quote == "“We will rebuild it,” the mayor said."


@pytest.mark.parametrize(
    "paragraph",
    [
        "Officials said the bridge would reopen in May.",
        "The bridge will reopen in May, according to the city.",
        "The engineers warned that the river could rise again.",
        "He called it 'a disaster'.",
        "The mayor denies any delay.",
    ],
)
def test_a_paragraph_with_a_cue_or_a_quote_is_parsed(paragraph):
    text = f"{NARRATION}\n\n{paragraph}"
    assert paragraphs(focus(text))[1] == paragraph


def test_the_last_paragraphs_naming_someone_before_a_quote_are_parsed():
    intro = "Jane Smith has studied the river for twenty years."
    other = "Tom Brown runs the ferry."
    older = "Ann Lee chairs the council."
    text = "\n\n".join([older, intro, NARRATION.lower(), other, "“It will flood again,” she said."])
    kept = paragraphs(focus(text))
    assert kept[1] == intro and kept[3] == other
    assert kept[0].strip() == "" and kept[2].strip() == ""


def test_text_that_needs_every_paragraph_comes_back_unchanged():
    text = "Kirby said the talks were over.\n\n“We are done,” he said."
    assert focus(text) is text


def test_cue_forms_cover_inflections_and_irregular_verbs():
    assert {
        "said",
        "says",
        "saying",
        "told",
        "wrote",
        "admitted",
        "replied",
        "denies",
        "according",
    } <= cue_forms()
    assert "river" not in cue_forms()


def test_a_speaker_introduced_in_narration_is_still_found(nlp):
    text = (
        "Jane Smith, a virologist at Oxford, has studied the virus for years.\n\n"
        "The outbreak began in the spring, far from the capital.\n\n"
        "“We were far too slow,” she said."
    )
    assert focus(text).split("\n\n")[1].strip() == ""
    [(_, found)] = extract([Document(id="smith", path="smith.txt", text=text)], nlp)
    assert [(q.text, q.speaker) for q in found] == [("We were far too slow,", "Jane Smith")]


def test_focused_parsing_finds_what_a_full_parse_finds(nlp):
    documents = [doc for path in sorted((DATA / "wikinews").glob("*.txt"))[:8] for doc in read_file(path)]
    assert sum(focus(doc.text) != doc.text for doc in documents) >= 4
    for doc, found in extract(documents, nlp):
        # The stored sentence may differ by a closing mark where a blanked neighbour moved a
        # sentence boundary; what is scored and cited is the same.
        assert [cited(q) for q in found] == [cited(q) for q in nlp(doc.text)._.quotes], doc.id


def cited(quote) -> dict:
    return {k: v for k, v in quote.to_dict().items() if k != "sentence"}
