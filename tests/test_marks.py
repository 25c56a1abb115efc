"""Pairing of quotation marks in raw text (no spaCy)."""

import pytest

from quotes.marks import find_spans


def contents(text):
    return [(text[s.start : s.end], s.level) for s in find_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“The bridge is safe,” she said.", [("The bridge is safe,", 0)]),
        ('"The bridge is safe," she said.', [("The bridge is safe,", 0)]),
        ("«Le pont est sûr», dit-elle.", [("Le pont est sûr", 0)]),
        ("‘The bridge is safe,’ she said.", [("The bridge is safe,", 0)]),
        # a straight opening mark closed by a curly one
        ('She replied, "We will rebuild.” Then she left.', [("We will rebuild.", 0)]),
    ],
)
def test_mark_styles(text, expected):
    assert contents(text) == expected


def test_single_quotes_nested_in_double():
    text = "“He told me ‘never again’ last year,” the mayor said."
    assert contents(text) == [("He told me ‘never again’ last year,", 0), ("never again", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Canada’s budget and the farmers’ union",
        "They’re sure it won’t rain",
        "music of the ’80s and rock ’n’ roll",
        "the workers' strike and the boss's reply",
    ],
)
def test_apostrophes_are_not_marks(text):
    assert find_spans(text) == []


def test_apostrophes_inside_a_quote():
    text = "“The city’s plan won’t work,” he said."
    assert contents(text) == [("The city’s plan won’t work,", 0)]


def test_unmatched_mark_ends_at_its_paragraph():
    text = "“We never stopped working on it\nThe next paragraph is narration."
    assert contents(text) == [("We never stopped working on it", 0)]


def test_quote_over_several_paragraphs_is_chained():
    text = "“First we fixed the roof.\n\n“Then we fixed the walls.\n\n“Last came the floor,” she said."
    spans = find_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "First we fixed the roof.",
        "Then we fixed the walls.",
        "Last came the floor,",
    ]
    assert spans[0].chain == spans[1].chain == spans[2].chain != -1
    assert [s.part for s in spans] == [0, 1, 2]
    assert spans[0].close_mark is None and spans[2].close_mark == "”"


def test_unrelated_paragraphs_are_not_chained():
    text = "“We never stopped\n\nThe council met on Monday. “Fine,” he said."
    spans = find_spans(text)
    assert [(text[s.start : s.end], s.chain) for s in spans] == [("We never stopped", -1), ("Fine,", -1)]


def test_quote_left_open_closes_in_the_next_paragraph():
    # "said, “I think ...\n\nIt was ... better.” After the match": the next paragraph
    # has no opening mark but closes the quote, so it carries the quote on
    text = 'He said, "I think we learned a lot.\n\nIt was an emotional day." After the match, Ali said, "We lost.'
    spans = find_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "I think we learned a lot.",
        "It was an emotional day.",
        "We lost.",
    ]
    assert spans[0].chain == spans[1].chain != -1 and spans[2].chain == -1
    assert [s.part for s in spans] == [0, 1, 0]
    assert spans[0].close_mark is None and spans[1].close_mark == '"'


def test_opening_shaped_mark_that_closes():
    # “... decision.“ However: a mark shaped to open, after the sentence and before a space, closes
    text = "He said, “I am disappointed with the decision.“ However, the centre will get seats."
    assert contents(text) == [("I am disappointed with the decision.", 0)]


def test_opening_mark_typed_before_its_space():
    # communities," For example ... exercise".: a straight mark that reads as closing with
    # nothing open, and a closing mark later in the paragraph: the first one opens
    text = 'He said kits would be ready for schools," For example, schools can run votes". People came.'
    assert contents(text) == [("For example, schools can run votes", 0)]


def test_stray_closing_mark_after_narration_opens_nothing():
    text = "The council met on Monday.\n\nIt was an emotional day.” He left."
    assert find_spans(text) == []


@pytest.mark.parametrize(
    "text", ["", "“", "”", '"', "' ' '", "“ “ ” ”", "\ufffd“\ufffd”\ufffd", "“\n\n”", "’’’‘‘‘"]
)
def test_odd_input_never_raises(text):
    for s in find_spans(text):
        assert 0 <= s.start <= s.end <= len(text)
