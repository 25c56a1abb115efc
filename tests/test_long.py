"""Long articles: parsed in bounded pieces, with every offset into the stored text kept."""

from pathlib import Path

from quotes import pieces
from quotes.db import open_db
from quotes.documents import read_file
from quotes.engines import extract_jobs
from quotes.focus import focus
from quotes.index import index_files

DATA = Path(__file__).parent / "data"
NAMES = ["Ana Ortiz", "Tom Reyes", "Jane Smith", "Omar Haddad", "Lena Berg", "Raj Patel", "Mia Chen"]


def quoted_paragraph(k: int) -> str:
    name = NAMES[k % len(NAMES)]
    return (
        f"“The river rose {k} centimetres overnight and the bridge is closed,” {name} said on Monday. "
        f"The council met again in the afternoon to discuss the repairs. "
        f"{name} told reporters that the road would reopen within {k + 2} weeks."
    )


def long_article() -> str:
    """Paragraphs with quotes, then one paragraph with no line break, then more paragraphs."""
    head = "\n\n".join(quoted_paragraph(k) for k in range(6))
    one_line = " ".join(quoted_paragraph(k) for k in range(6, 20))
    tail = "\n\n".join(quoted_paragraph(k) for k in range(20, 26))
    return f"Floods close the bridge\n\n{head}\n\n{one_line}\n\n{tail}\n"


def found(quotes: list[dict]) -> list[tuple]:
    return [(q["kind"], q["start"], q["end"], q["text"], q["speaker"]) for q in quotes]


def test_pieces_cover_the_text_and_cut_at_paragraphs_then_sentences_then_spaces():
    para = "One sentence here. Another one follows! A third?"
    text = f"{para}\n\n{para}\n{'x' * 30} {'y' * 30}{'z' * 70}"
    ranges = pieces.split(text, 60)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a < b <= a + 60 for a, b in ranges)
    assert all(b == c for (_, b), (c, _) in zip(ranges, ranges[1:]))
    cuts = [text[a:b] for a, b in ranges]
    assert cuts[:4] == [f"{para}\n\n", f"{para}\n", "x" * 30 + " ", "y" * 30 + "z" * 30]
    assert "".join(cuts) == text
    sentences = pieces.split(para * 3, 40)
    assert [(para * 3)[a:b] for a, b in sentences][:2] == [
        "One sentence here. Another one follows! ",
        "A third?One sentence here. ",
    ]


def test_a_short_text_is_one_piece():
    assert pieces.split("“Fine,” said Jo Park.", 60) == [(0, 21)]
    assert pieces.split("", 60) == []


def test_an_article_longer_than_the_model_limit_is_parsed_in_pieces(nlp, monkeypatch):
    text = long_article()
    whole = found(next(extract_jobs(nlp, [("flood", text)]))[1])
    assert len(whole) >= 40
    # spaCy refuses a text over nlp.max_length (error E088); the article is cut below it.
    monkeypatch.setattr(nlp, "max_length", 900)
    assert len(text) > 5 * nlp.max_length
    results = list(
        extract_jobs(
            nlp, [("short", "“Fine,” said Jo Park."), ("flood", text), ("end", "“Done,” said Al Roy.")]
        )
    )
    assert [doc_id for doc_id, _ in results] == ["short", "flood", "end"]
    assert [(q["text"], q["speaker"]) for q in results[2][1]] == [("Done,", "Al Roy")]
    quotes = results[1][1]
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)
    # Every quote is self-contained in its sentence, so the pieces find what one parse finds.
    assert found(quotes) == whole


def test_the_piece_size_is_a_setting(nlp, monkeypatch):
    text = long_article()
    whole = found(next(extract_jobs(nlp, [("flood", text)]))[1])
    monkeypatch.setattr(pieces, "PIECE_CHARS", 700)
    parsed = []
    original = nlp.make_doc
    monkeypatch.setattr(nlp, "make_doc", lambda t: parsed.append(len(t)) or original(t))
    [(_, quotes)] = extract_jobs(nlp, [("flood", text)])
    assert max(parsed) <= 700 and len(parsed) > 10
    assert found(quotes) == whole


def test_an_article_below_the_piece_size_is_parsed_whole(nlp):
    for path in sorted((DATA / "wikinews").glob("*.txt"))[:6]:
        [doc] = read_file(path)
        [(_, quotes)] = extract_jobs(nlp, [(doc.id, doc.text)])
        assert quotes == [q.to_dict() for q in nlp(focus(doc.text))._.quotes]


def test_a_long_article_is_indexed_with_its_offsets(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 900)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "flood.txt").write_text(long_article(), encoding="utf-8")
    (folder / "short.txt").write_text("“Fine,” said Jo Park.\n", encoding="utf-8")
    db = open_db(tmp_path / "q.db")
    summary = index_files(db, sorted(folder.iterdir()), nlp)
    assert summary.errors == [] and summary.articles == 2
    rows = list(
        db.query(
            "select quotes.text, quotes.start, quotes.[end], documents.text as doc, speakers.name "
            "from quotes join documents on documents.id = quotes.document_id "
            "left join speakers on speakers.id = quotes.speaker_id where documents.id = 'flood'"
        )
    )
    assert len(rows) >= 40
    assert all(r["doc"][r["start"] : r["end"]] == r["text"] for r in rows)
    # quotes from the first paragraphs, from the one long line and from the last ones
    assert {r["name"] for r in rows} == set(NAMES)
    assert "The river rose 25 centimetres overnight and the bridge is closed," in {r["text"] for r in rows}
