"""Serving an index with Datasette: the instance's metadata and settings."""
from __future__ import annotations

from pathlib import Path

from datasette.app import Datasette

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


def metadata(db_name: str = "quotes") -> dict:
    """Datasette metadata: title, licence, and a description of every table and column."""
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "license": "Code: Apache-2.0; article texts: their publishers' licences",
        "source": "quotes",
        "databases": {db_name: {"tables": TABLES}},
    }


def datasette(db_path: str | Path, immutable: bool = False, **settings) -> Datasette:
    """A Datasette instance over the index at ``db_path`` with the project's metadata."""
    db_path = str(db_path)
    name = Path(db_path).stem
    return Datasette(
        [] if immutable else [db_path],
        immutables=[db_path] if immutable else [],
        metadata=metadata(name),
        settings=settings or None,
    )
