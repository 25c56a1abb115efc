"""What a quotes index tells Datasette: the title, and a description of every table, view
and column, with facets and search settings. The plugin gives it to any Datasette serving an
index, so `datasette quotes.db` and `quotes serve` serve the same instance."""

from __future__ import annotations

TITLE = "quotes: who said what"
DESCRIPTION = (
    "Quotes found in news articles (direct, indirect and mixed), each linked to its speaker "
    "and to its place in the source article."
)

TABLES = {
    "documents": {
        "description": "The indexed articles. Quote offsets refer to text.",
        "facets": ["outlet"],
        "sort_desc": "published",
        "columns": {
            "id": "Stable article id: the file name without its suffix, or the id given in a .jsonl line",
            "path": "The file the article was read from",
            "title": "Headline",
            "outlet": "Publication",
            "author": "Byline",
            "url": "Address of the original article",
            "published": "Publication date (ISO 8601)",
            "text": "The article text exactly as indexed; quotes.start and quotes.end point into it",
            "sha256": "SHA-256 of text, to skip unchanged articles on re-index",
            "fingerprint": "Version of the extractor that indexed the article",
            "indexed_at": "When the article was last indexed (UTC)",
        },
    },
    "speakers": {
        "description": "One row per source: a person, organization, group or unnamed description.",
        "label_column": "name",
        "facets": ["kind"],
        "columns": {
            "id": "Speaker id",
            "name": "The most specific name the articles give",
            "kind": "person, organization, group or unnamed",
            "description": "A role the articles give the speaker",
        },
    },
    "speaker_aliases": {
        "description": "Every surface name seen for a speaker (Zelensky, Zelenskyy, ...).",
        "columns": {
            "speaker_id": "The speaker",
            "alias": "A name as written in an article",
            "key": "The spelling-insensitive key used to match names",
        },
    },
    "speaker_corrections": {
        "description": "The user's corrections: the speaker an alias belongs to. Kept across re-indexing.",
        "columns": {
            "alias": "A name as written in an article",
            "speaker": "The name of the speaker it belongs to",
            "note": "Why",
        },
    },
    "quotes": {
        "description": "Every quote found, with its speaker and its offsets in the article.",
        "facets": ["kind", "speaker_id", "document_id"],
        "columns": {
            "id": "Stable quote id: the same article indexed again gives the same id",
            "document_id": "The article",
            "speaker_id": "The speaker, resolved across articles",
            "speaker_mention": "The source as written near the quote (he, the spokesman, John Kirby)",
            "speaker_role": "The speaker's title or role given in the article",
            "kind": "direct (in quotation marks), indirect (reported) or mixed",
            "text": "The quote's words; documents.text[start:end] equals this",
            "start": "Character offset of the start in documents.text",
            "end": "Character offset of the end in documents.text",
            "cue": "Lemma of the reporting word (say, tell, according to), null for a continuation",
            "sentence": "The sentence or sentences that hold the quote",
            "confidence": "0 to 1: how sure the attribution is, from the evidence used",
        },
    },
}


VIEWS = {
    "citations": {
        "description": "One row per quote with everything needed to cite it. Add .csl to the URL for CSL-JSON.",
        "columns": {
            "quote_id": "The quote's stable id",
            "text": "The quote's words",
            "speaker": "The speaker, resolved across articles",
            "speaker_role": "The speaker's title or role given in the article",
            "title": "The article's headline",
            "outlet": "Publication",
            "author": "The article's byline",
            "url": "Address of the original article",
            "published": "Publication date (ISO 8601)",
            "start": "Character offset of the start in documents.text",
            "end": "Character offset of the end in documents.text",
            "permalink": "The quote's page, relative to this site's root",
            "citation": "Speaker, role: “quote” — title, outlet, date, URL; unknown parts left out",
        },
    },
    "quote_search": {
        "description": (
            "Every quote with its speaker, kind, outlet and date: search it (words in any order, "
            "by stem) and narrow it with the facets."
        ),
        "fts_table": "quotes_fts",
        "fts_pk": "fts_rowid",
        "facets": ["speaker", "outlet", "kind", {"date": "published"}],
        "sort_desc": "published",
        "columns": {
            "quote_id": "The quote's stable id",
            "text": "The quote's words",
            "speaker": "The speaker, resolved across articles",
            "speaker_role": "The speaker's title or role given in the article",
            "kind": "direct, indirect or mixed",
            "outlet": "Publication",
            "published": "Publication date (ISO 8601)",
            "title": "The article's headline",
            "speaker_id": "The speaker's id",
            "document_id": "The article's id",
            "permalink": "The quote's page, relative to this site's root",
            "fts_rowid": "The quote's row in quotes_fts, for full-text search",
        },
    },
}


def database_metadata() -> dict:
    """Datasette metadata of one quotes index: its tables and views."""
    return {"tables": {**TABLES, **VIEWS}}
