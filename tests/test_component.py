"""The spaCy component follows spaCy's conventions: found by entry point, settings in its
config, what it reads and writes declared, quotes that survive DocBin, JSON and to_disk."""

import dataclasses
import json
import subprocess
import sys

import spacy
from spacy.tokens import DocBin

from quotes import nlp as quotes_nlp
from quotes.extract import SPANS_KEY
from quotes.find.context import Settings
from quotes.quote import Quote

TEXT = "“We will reopen the bridge by Friday,” said Maria Lopez. Lopez said the road would stay shut."


def run_python(code, cwd):
    """Run ``code`` in a fresh interpreter that has imported nothing of ours."""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_add_pipe_works_in_a_fresh_interpreter_without_importing_quotes(tmp_path):
    # found through the spacy_factories entry points of the installed package
    out = run_python(
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('quote_paragraphs'); nlp.add_pipe('quotes');"
        " print(nlp.pipe_names)",
        tmp_path,
    )
    assert out.strip() == "['quote_paragraphs', 'quotes']"


def test_every_setting_is_in_the_default_config():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("quotes", config={"short_fragment": 3, "window": 7})
    config = nlp.get_pipe_meta("quotes").default_config
    assert set(config) == {f.name for f in dataclasses.fields(Settings)}
    assert config == {f.name: f.default for f in dataclasses.fields(Settings)}
    assert (component.settings.short_fragment, component.settings.window) == (3, 7)


def test_what_it_reads_and_writes_is_declared_and_provided(nlp):
    meta = nlp.get_pipe_meta("quotes")
    assert "doc.spans" in meta.assigns and "token.dep" in meta.requires
    # every attribute it reads comes from an earlier component; the model's attribute_ruler
    # sets token.pos without declaring it
    assert set(nlp.analyze_pipes()["problems"]["quotes"]) <= {"token.pos"}
    assert nlp("He said so.")[0].pos_ == "PRON"
    assert nlp.get_pipe_meta("quote_paragraphs").assigns == ["token.is_sent_start"]


def test_quotes_are_spans_labelled_with_their_kind(nlp):
    doc = nlp(TEXT)
    spans = doc.spans[SPANS_KEY]
    assert [(s.label_, s.text) for s in spans] == [
        ("direct", "We will reopen the bridge by Friday,"),
        ("indirect", "the road would stay shut"),
    ]
    assert [s._.quote for s in spans] == doc._.quotes
    assert spans[0]._.quote.speaker == "Maria Lopez"


def test_quotes_survive_a_docbin(nlp):
    doc = nlp(TEXT)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    [back] = DocBin(store_user_data=True).from_bytes(data).get_docs(spacy.blank("en").vocab)
    assert back._.quotes == doc._.quotes
    assert len(back._.quotes) == 2 and all(isinstance(q, Quote) for q in back._.quotes)
    assert [s.label_ for s in back.spans["quotes"]] == ["direct", "indirect"]


def test_quotes_survive_doc_to_json(nlp):
    doc = nlp(TEXT)
    data = json.loads(json.dumps(doc.to_json(underscore=["quote_records"])))
    assert [s["label"] for s in data["spans"]["quotes"]] == ["direct", "indirect"]
    assert [Quote(**r) for r in data["_"]["quote_records"]] == doc._.quotes


def test_a_saved_pipeline_reloads_in_a_fresh_process(tmp_path):
    custom = quotes_nlp.load()
    custom.remove_pipe("quotes")
    custom.add_pipe("quotes", config={"window": 10})
    custom.to_disk(tmp_path / "pipeline")
    out = run_python(
        f"import spacy; nlp = spacy.load({str(tmp_path / 'pipeline')!r}); doc = nlp({TEXT!r});"
        " print(nlp.get_pipe('quotes').settings.window, [(q.kind, q.speaker) for q in doc._.quotes])",
        tmp_path,
    )
    assert out.strip() == "10 [('direct', 'Maria Lopez'), ('indirect', 'Maria Lopez')]"
