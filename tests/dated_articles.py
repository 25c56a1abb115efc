"""Three short articles with full metadata (outlet, URL, date), for citing and ordering tests.

The seeds have no metadata, so the parts of a citation they lack are tested here. The
``dated_db`` fixture (tests/conftest.py) indexes them.
"""

import json

ARTICLES = {
    "kirby.txt": (
        "North Korean troops take heavy losses\n\n"
        "“Russian and North Korean military leaders are treating these troops as expendable,” "
        "White House spokesman John Kirby said on Friday.\n\n"
        "The Pentagon did not comment. Officials expect more fighting in Kursk.\n"
    ),
    "zelensky-old.txt": (
        "Kyiv vows to hold the line\n\n"
        "“We will defend every village in the east,” said Ukrainian President Volodymyr Zelenskyy.\n"
    ),
    "zelensky-new.txt": (
        "Front holds in Kursk\n\n"
        # A bare surname joins the person of another article on the same role (Ukrainian President).
        "“The front is holding and our soldiers are brave,” Ukrainian President Zelensky said in his nightly address.\n"
    ),
}
METADATA = {
    "kirby.txt": {
        "title": "North Korean troops take heavy losses",
        "outlet": "Stars and Stripes",
        "url": "https://example.com/kirby",
        "published": "2024-12-27",
        "author": "By Jane Doe and Sam Roe",
    },
    "zelensky-old.txt": {
        "title": "Kyiv vows to hold the line",
        "outlet": "Kyiv Independent",
        "url": "https://example.com/old",
        "published": "2024-11-01T09:30:00Z",
    },
    # No URL: a citation leaves it out.
    "zelensky-new.txt": {
        "title": "Front holds in Kursk",
        "outlet": "The Guardian",
        "published": "2025-01-10",
    },
}


def write_articles(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps(METADATA), encoding="utf-8")
    return folder
