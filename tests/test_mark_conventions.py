"""Quotation marks as other languages set them: spaced guillemets, „German“ and ‹single› marks."""

import pytest

from quotes.marks import find_spans

NBSP, NNBSP = "\u00a0", "\u202f"  # no-break space, narrow no-break space (French typography)

# (opening mark, closing mark) as each convention writes them, spaces included.
CONVENTIONS = [
    ("« ", " »"),
    ("«", "»"),
    (f"«{NBSP}", f"{NBSP}»"),
    (f"«{NNBSP}", f"{NNBSP}»"),
    ("„", "“"),
    ("„", "”"),
    ("»", "«"),
    ("‹", "›"),
    ("‹ ", " ›"),
    ("›", "‹"),
    ("‚", "‘"),
    ("“ ", " ”"),
]


def contents(text):
    return [(text[s.start : s.end], s.level) for s in find_spans(text)]


@pytest.mark.parametrize("opening, closing", CONVENTIONS)
def test_the_quote_is_what_the_marks_enclose_without_their_spaces(opening, closing):
    text = f"{opening}Spaced guillemets,{closing} said Jean Valjean."
    [span] = find_spans(text)
    assert text[span.start : span.end] == "Spaced guillemets,"
    assert text[span.open_at] == opening.strip() and text[span.close_at] == closing.strip()


def test_nested_german_marks():
    text = "„Er sagte ‚nein‘ und ging“, sagte Angela Merkel."
    assert contents(text) == [("Er sagte ‚nein‘ und ging", 0), ("nein", 1)]


def test_a_quote_left_open_ends_at_its_paragraph_without_trailing_spaces():
    text = f"«{NBSP}We leave tonight {NBSP}\nThe rest."
    [span] = find_spans(text)
    assert text[span.start : span.end] == "We leave tonight" and span.close_at is None


@pytest.mark.parametrize("opening, closing", CONVENTIONS)
def test_the_speaker_after_spaced_marks_is_the_name(nlp, opening, closing):
    doc = nlp(f"{opening}Spaced guillemets,{closing} said Jean Valjean.")
    assert [(q.kind, q.text, q.speaker, q.speaker_mention) for q in doc._.quotes] == [
        ("direct", "Spaced guillemets,", "Jean Valjean", "Jean Valjean")
    ]


@pytest.mark.parametrize("opening, closing", CONVENTIONS)
def test_the_speaker_before_spaced_marks_is_the_name(nlp, opening, closing):
    doc = nlp(f"Jean Valjean said: {opening}We leave tonight for the coast.{closing}")
    assert [(q.kind, q.text, q.speaker) for q in doc._.quotes] == [
        ("direct", "We leave tonight for the coast.", "Jean Valjean")
    ]
