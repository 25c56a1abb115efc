import json

from quotes.documents import Document, DocumentError, read_documents
from quotes.html import html_to_text


def read(*paths):
    return list(read_documents(paths))


def test_text_file_keeps_its_exact_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\n“Yes,” she said.\n", encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, Document)
    assert doc.id == "a"
    assert doc.text == "Headline\n\n“Yes,” she said.\n"
    assert len(doc.sha256) == 64


def test_markdown_title_from_first_heading(tmp_path):
    path = tmp_path / "b.md"
    path.write_text("# Storm closes schools\n\nBody.\n", encoding="utf-8")
    [doc] = read(path)
    assert doc.title == "Storm closes schools"


def test_html_text_and_metadata(tmp_path):
    path = tmp_path / "c.html"
    path.write_text(
        "<html><head><title>Flood &amp; fire</title>"
        '<meta property="og:site_name" content="Daily Planet">'
        '<meta name="author" content="Lois Lane">'
        '<meta property="article:published_time" content="2024-05-01">'
        "<script>var x = '“not text”';</script></head>"
        "<body><p>“We are ready,” the <b>mayor</b> said.</p><p>Second paragraph.</p></body></html>",
        encoding="utf-8",
    )
    [doc] = read(path)
    assert doc.text == "“We are ready,” the mayor said.\n\nSecond paragraph."
    assert (doc.title, doc.outlet, doc.author, doc.published) == (
        "Flood & fire",
        "Daily Planet",
        "Lois Lane",
        "2024-05-01",
    )


def test_html_to_text_drops_scripts_and_styles():
    text, _ = html_to_text("<style>p{}</style><div>One</div><script>two()</script><div>Three</div>")
    assert text == "One\n\nThree"


def test_jsonl_one_article_per_line_and_bad_lines_reported(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {"id": "x1", "text": "First.", "title": "T1", "outlet": "Wire", "published": "2024-01-02"}
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, DocumentError)]
    assert [(d.id, d.text, d.outlet) for d in docs] == [("x1", "First.", "Wire"), ("feed-4", "Second.", None)]
    assert errors == [
        f"{path}, line 2: is not valid JSON (Expecting property name enclosed in double quotes)",
        f'{path}, line 3: has no "text"',
    ]


def test_metadata_json_beside_the_files(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(
        json.dumps(
            {
                "a.txt": {
                    "title": "A title",
                    "url": "https://example.org/a",
                    "outlet": "Wikinews",
                    "published": "2017-07-18",
                    "license": "CC BY 2.5",
                }
            }
        ),
        encoding="utf-8",
    )
    [doc] = read(tmp_path)
    assert (doc.title, doc.url, doc.outlet, doc.published) == (
        "A title",
        "https://example.org/a",
        "Wikinews",
        "2017-07-18",
    )


def test_bad_files_each_get_an_error_naming_the_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    items = read(tmp_path, tmp_path / "missing.txt")
    assert [(d.id, d.text) for d in items if isinstance(d, Document)] == [
        ("good", "Fine."),
        ("latin1", "café"),
    ]
    assert sorted(str(e) for e in items if isinstance(e, DocumentError)) == sorted(
        [
            f"{tmp_path / 'binary.txt'}: is a binary file, not text",
            f"{tmp_path / 'empty.txt'}: is empty",
            f"{tmp_path / 'missing.txt'}: no such file or folder",
        ]
    )


def test_unusual_spaces_become_plain_spaces_of_the_same_length(tmp_path):
    path = tmp_path / "nbsp.txt"
    path.write_text("Observers\u00a0allege the\u202fplan failed.", encoding="utf-8")
    [doc] = read(path)
    assert doc.text == "Observers allege the plan failed."
