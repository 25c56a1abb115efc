"""Reading HTML pages: the article without the site's furniture, its metadata, the fallback,
and the Wikinews pages of tests/web_pages.py read as well as their plain texts."""

import web_pages

from quotes.db import open_db
from quotes.documents import read_documents
from quotes.html import close_foreign_content, html_to_text, read_html
from quotes.index import index_files

UNCLOSED_SVG = (
    "<html><body><article><p>First paragraph of the story, long enough to be the story.</p>"
    '<p><svg class="icon" viewBox="0 0 8 8"><path d="M0 0h8v8z"></path>'
    "<p>“We are ready,” the mayor said on Monday, and the council agreed with her.</p>"
    "<p>Third paragraph, after the broken icon, must not be lost either.</p></article></body></html>"
)


def test_an_unclosed_svg_does_not_swallow_later_paragraphs(tmp_path):
    path = tmp_path / "icon.html"
    path.write_text(UNCLOSED_SVG, encoding="utf-8")
    [doc] = read_documents([path])
    assert "“We are ready,” the mayor said on Monday" in doc.text
    assert doc.text.endswith("Third paragraph, after the broken icon, must not be lost either.")


def test_the_fallback_reader_closes_an_unclosed_svg_too():
    text, _ = html_to_text(UNCLOSED_SVG)
    assert text.split("\n\n")[-2:] == [
        "“We are ready,” the mayor said on Monday, and the council agreed with her.",
        "Third paragraph, after the broken icon, must not be lost either.",
    ]
    # A closed one, and SVG text inside it, stay out of the text.
    text, _ = html_to_text("<p>A</p><svg><text>chart label</text></svg><p>B</p>")
    assert text == "A\n\nB"


def test_close_foreign_content_leaves_closed_and_scripted_svg_alone():
    page = '<p>a</p><svg><g><p-like/></g></svg><script>"<svg>"</script><div>b</div>'
    assert close_foreign_content(page) == page
    assert close_foreign_content("<svg><path></path><div>x</div>") == "<svg><path></path></svg><div>x</div>"
    assert close_foreign_content("<svg><svg><math><p>x</p>") == "<svg><svg><math></math></svg></svg><p>x</p>"
    assert html_to_text("<svg>" * 1000 + "<p>Hello there.</p>")[0] == "Hello there."


def test_metadata_of_a_page():
    stem = "GUM_news_korea"
    page = read_html(
        web_pages.page(stem, web_pages.articles()[stem], canonical="https://ledger.example/k#top")
    )
    headline = web_pages.articles()[stem].split("\n")[0]
    assert not page.fallback
    assert page.fields == {
        "title": headline,
        "author": "Wikinews contributors",
        "outlet": "The Morning Ledger",
        "published": "2015-08-21",
        "url": "https://ledger.example/k#top",
    }
    assert page.text.split("\n\n")[0] == headline


def test_date_keeps_its_time_and_offset():
    page = read_html(
        '<html><head><meta property="article:published_time" content="2024-11-01T10:30:00+01:00"></head>'
        "<body><article><p>“We are ready,” the mayor said on Monday, and the council agreed with her.</p>"
        "</article></body></html>"
    )
    assert page.fields["published"] == "2024-11-01T10:30:00+01:00"


def test_fallback_when_no_main_text_is_found(tmp_path, nlp):
    # A page laid out in a table: trafilatura leaves tables out, so the fallback reads it.
    (tmp_path / "table.html").write_text(
        "<html><head><title>Old site</title></head><body><table><tr><td>"
        "“We are ready,” the mayor said on Monday, speaking to reporters outside the hall."
        "</td></tr></table></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "story.html").write_text(UNCLOSED_SVG, encoding="utf-8")
    docs = list(read_documents([tmp_path]))
    assert [(d.id, d.html_fallback) for d in docs] == [("story", False), ("table", True)]
    assert docs[1].text == "“We are ready,” the mayor said on Monday, speaking to reporters outside the hall."
    assert docs[1].title == "Old site"
    summary = index_files(open_db(tmp_path / "q.db"), sorted(tmp_path.glob("*.html")), nlp)
    assert str(summary).endswith("; 1 HTML page without a main text found")


def quotes_of(db):
    return {
        (r["document_id"], r["text"], r["speaker"])
        for r in db.query(
            "select q.document_id, q.text, s.name as speaker from quotes q left join speakers s on s.id = q.speaker_id"
        )
    }


def test_pages_give_the_quotes_of_their_plain_text_and_none_from_furniture(tmp_path, nlp):
    stems = sorted(web_pages.articles())[:8]
    plain = tmp_path / "plain"
    plain.mkdir()
    for stem in stems:
        (plain / f"{stem}.txt").write_text(web_pages.articles()[stem], encoding="utf-8")
    pages = web_pages.write_pages(tmp_path / "pages")
    plain_db, pages_db = open_db(tmp_path / "plain.db"), open_db(tmp_path / "pages.db")
    index_files(plain_db, sorted(plain.iterdir()), nlp)
    summary = index_files(pages_db, [pages[stem] for stem in stems], nlp)
    assert summary.errors == [] and summary.html_fallback == 0
    from_plain, from_pages = quotes_of(plain_db), quotes_of(pages_db)
    assert len(from_plain) > 20
    # No quote from the furniture: every quote's text is in the article's own text.
    texts = web_pages.articles()
    assert [q for q in from_pages if q[1] not in texts[q[0]]] == []
    assert len(from_plain & from_pages) >= 0.99 * len(from_plain), from_plain - from_pages


def test_a_broken_marked_section_is_skipped_not_fatal():
    text, _ = html_to_text("<p>Before.</p><![foo x]><p>After.</p>")
    assert text == "Before.\n\nAfter."
