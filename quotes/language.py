"""Which language an article is written in (py3langid), and whether the model reads it."""

from __future__ import annotations

from functools import lru_cache

# A short text ("Yes," she said.) says too little about its language: below this many
# letters, or below this confidence, the language is unknown and the article is read as
# if in the model's language, rather than an English article be skipped by mistake.
MIN_LETTERS = 40
MIN_PROBABILITY = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it is too short or unclear."""
    if sum(c.isalpha() for c in text[:5000]) < MIN_LETTERS:
        return None
    # The first few thousand characters decide: enough for certainty, and fast on long texts.
    language, probability = _identifier().classify(text[:5000])
    return language if probability >= MIN_PROBABILITY else None


def language_name(code: str) -> str:
    """The English name of a language code as spaCy knows it ("en" → "English"), else the code."""
    try:
        from spacy.util import get_lang_class

        return get_lang_class(code).__name__
    except Exception:  # spaCy has no class for every language langid knows
        return code
