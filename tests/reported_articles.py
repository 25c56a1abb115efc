"""One statement of John Kirby reported by several outlets in several wordings, and the same
words given to the White House by another: for the statement pages and search.

``write_articles(folder, EARLY)`` writes the articles of the first indexing run; ``LATE``
holds an earlier report indexed afterwards, which takes over the statement's id (the old
one becomes a redirect). The ``reported_db`` fixture (tests/conftest.py) indexes both.
"""

import json

EARLY = {
    "stripes.txt": (
        "Troops treated as expendable\n\n"
        "“It is clear that Russian and North Korean military leaders are treating these troops as "
        "expendable and ordering them on hopeless assaults against Ukrainian defenses,” White House "
        "spokesman John Kirby said on Friday.\n"
    ),
    "reuters.txt": (
        "Kirby on Kursk losses\n\n"
        "“It is clear Russian and North Korean military leaders are treating these troops as expendable "
        "and ordering them on hopeless assaults,” John Kirby, the White House spokesman, told reporters.\n"
    ),
    "wire.txt": (
        "Washington on the Kursk fighting\n\n"
        "“Russian and North Korean military leaders are treating these troops as expendable and ordering "
        "them on hopeless assaults,” the White House said in a statement.\n"
    ),
}
LATE = {
    "early.txt": (
        "Kirby: troops sent on hopeless assaults\n\n"
        "“It is clear that Russian and North Korean military leaders are treating these troops as "
        "expendable and ordering them on hopeless assaults against Ukrainian defenses,” John Kirby said.\n"
    ),
}
METADATA = {
    "stripes.txt": {
        "title": "Troops treated as expendable",
        "outlet": "Stars and Stripes",
        "url": "https://example.com/stripes",
        "published": "2024-12-27",
    },
    # A hostile address stays text; a hostile outlet is escaped.
    "reuters.txt": {
        "title": "Kirby on Kursk losses",
        "outlet": "Reuters <b>wire</b>",
        "url": "javascript:alert(1)",
        "published": "2024-12-28",
    },
    "wire.txt": {
        "title": "Washington on the Kursk fighting",
        "outlet": "Wire News",
        "url": "https://example.com/wire",
        "published": "2024-12-29",
    },
    "early.txt": {
        "title": "Kirby: troops sent on hopeless assaults",
        "outlet": "Early Bird",
        "url": "http://example.com/early",
        "published": "2024-12-26",
        "author": "By Ann Poe",
    },
}


def write_articles(folder, articles):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    metadata = {name: METADATA[name] for name in articles}
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return folder
