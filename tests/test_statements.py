"""Statements: quotes of one speaker reporting the same utterance are one statement."""

import json
import os
import random
import sqlite3
import zlib

from click.testing import CliRunner
from conftest import DATA, ROOT, SEEDS

from quotes import statements
from quotes.cli import cli
from quotes.db import open_db
from quotes.documents import find_files
from quotes.index import index_files
from quotes.speakers import name_key
from quotes.statements import MIN_PARAPHRASE, negated, normalize, paraphrase_score, same_utterance, words

ORTIZ = "We will rebuild every school in the valley before winter comes"
ARTICLES = {
    # Mayor Ortiz: one utterance reported three ways, one different utterance, a weak paraphrase.
    "a1": ("2024-03-01", "Valley Post", f"“{ORTIZ},” said Mayor Ana Ortiz on Monday."),
    "a2": ("2024-03-02", "Daily Ledger", f'Mayor Ana Ortiz said: "{ORTIZ.lower()}."'),
    "a3": (
        "2024-03-02",
        "Daily Ledger",
        "“We will rebuild every school in the valley before the spring term begins,” said Mayor Ana Ortiz.",
    ),
    "a4": (
        "2024-03-03",
        "Valley Post",
        "Mayor Ana Ortiz said the city would rebuild every school in the valley before winter comes.",
    ),
    "a5": (
        "2024-03-04",
        "Daily Ledger",
        "Ana Ortiz said the city would rebuild some schools in the valley before winter comes if money arrives.",
    ),
    # The same words given to someone else.
    "a6": ("2024-03-05", "Evening Star", f"“{ORTIZ},” the city council said in a statement."),
    # Governor Mercer: a small edit and an excerpt; a mixed quote inside a longer direct one.
    "b1": (
        "2024-04-01",
        "Valley Post",
        "“It is clear that the dam was never inspected properly by the state,” said Governor Paul Mercer.",
    ),
    "b2": (
        "2024-04-02",
        "Daily Ledger",
        "“It is clear the dam was never inspected properly by the state,” Governor Paul Mercer said.",
    ),
    "b3": (
        "2024-04-03",
        "Evening Star",
        "“The dam was never inspected properly,” said Governor Paul Mercer.",
    ),
    "c1": (
        "2024-04-04",
        "Valley Post",
        "Governor Paul Mercer said the state had “never inspected the dam properly in twenty years of warnings.”",
    ),
    "c2": (
        "2024-04-05",
        "Daily Ledger",
        "“The state never inspected the dam properly in twenty years of warnings, and families paid for it,” "
        "said Governor Paul Mercer.",
    ),
}


def write_articles(folder, ids, name="articles.jsonl"):
    folder.mkdir(exist_ok=True)
    path = folder / name
    with path.open("w", encoding="utf-8") as f:
        for doc_id in ids:
            published, outlet, text = ARTICLES[doc_id]
            f.write(json.dumps({"id": doc_id, "published": published, "outlet": outlet, "text": text}) + "\n")
    return path


def index(db_path, nlp, folder, ids, name="articles.jsonl"):
    db = open_db(db_path)
    index_files(db, [write_articles(folder, ids, name)], nlp)
    return db


def groups(db):
    """``{statement id: (speaker, sorted document ids)}``."""
    found = {}
    for row in db.execute(
        """select s.id, sp.name, group_concat(q.document_id) from statements s
           join speakers sp on sp.id = s.speaker_id join quotes q on q.statement_id = s.id group by s.id"""
    ):
        found[row[0]] = (row[1], tuple(sorted(row[2].split(","))))
    return found


def quote_of(db, document_id):
    return db.execute("select id from quotes where document_id = ?", [document_id]).fetchone()[0]


def test_words_ignore_case_punctuation_and_quotation_marks():
    assert words("“It’s  CLEAR,” he said — 4,000 U.S. troops…") == [
        "it's",
        "clear",
        "he",
        "said",
        "4000",
        "u.s",
        "troops",
    ]
    assert normalize('"It\'s clear," he said.') == normalize("“it’s clear” — he said")
    assert statements.quoted_fragments("the “human wave” attacks were “futile and costly”") == [
        ["futile", "and", "costly"],
        ["human", "wave"],
    ]


def test_wordings_sharing_six_words_in_a_row_share_a_key():
    rnd = random.Random(5)
    vocabulary = [f"w{i}" for i in range(40)]
    for _ in range(2000):
        run = rnd.choices(vocabulary, k=statements.MIN_RUN)
        a = rnd.choices(vocabulary, k=rnd.randrange(8)) + run + rnd.choices(vocabulary, k=rnd.randrange(8))
        b = rnd.choices(vocabulary, k=rnd.randrange(8)) + run + rnd.choices(vocabulary, k=rnd.randrange(8))
        assert statements.keys(a) & statements.keys(b)
    # Fewer keys than runs of six words: one for each two runs of five, at most.
    tokens = words(ORTIZ + " " + ORTIZ.upper().replace("WE", "THEY"))
    assert len(statements.keys(tokens)) < len(tokens) - statements.MIN_RUN + 1
    assert statements.keys(words("No comment.")) == statements.keys(words("no comment"))


def test_paraphrase_threshold_separates_the_written_examples():
    examples = [json.loads(line) for line in (DATA / "paraphrases.jsonl").read_text("utf-8").splitlines()]
    wrong = [e for e in examples if same_utterance(tuple(e["a"]), tuple(e["b"])) != e["same"]]
    assert wrong == []
    assert sum(e["same"] for e in examples) >= 10 and sum(not e["same"] for e in examples) >= 10
    # The measured margin: every same utterance reaches the threshold, no different one does
    # (a negation in one wording only keeps them apart whatever the score).
    scores = {True: [], False: []}
    for e in examples:
        (ka, ta), (kb, tb) = e["a"], e["b"]
        if negated(words(ta)) == negated(words(tb)):
            scores[e["same"]].append(paraphrase_score(ka, words(ta), kb, words(tb)))
    assert min(scores[True]) >= MIN_PARAPHRASE > max(scores[False])


def test_written_articles_group_as_a_reader_would(tmp_path, nlp):
    db = index(tmp_path / "q.db", nlp, tmp_path / "in", list(ARTICLES))
    assert sorted(groups(db).values()) == [
        ("Ana Ortiz", ("a1", "a2", "a4")),  # punctuation, case, marks; a strong paraphrase
        ("Ana Ortiz", ("a3",)),  # a different utterance on the same subject
        ("Ana Ortiz", ("a5",)),  # a paraphrase that changes what was said
        ("Paul Mercer", ("b1", "b2", "b3")),  # "It is clear that" / "It is clear"; an excerpt
        ("Paul Mercer", ("c1", "c2")),  # a mixed quote's quoted words inside a direct quote
        ("the city council", ("a6",)),
    ]
    ortiz = db.execute("select * from statements where id = ?", [quote_of(db, "a1")]).fetchone()
    assert ortiz[2:] == (f"{ORTIZ},", "direct", "2024-03-01", "a1", 3, 2)
    mercer = db.execute("select text, reports from statements where id = ?", [quote_of(db, "b1")]).fetchone()
    assert mercer == ("It is clear that the dam was never inspected properly by the state,", 3)
    # The council's identical words are a separate statement, linked both ways.
    council = quote_of(db, "a6")
    assert db.execute(
        "select statement_id, other_id, reason from statement_links order by 1"
    ).fetchall() == sorted(
        [
            (quote_of(db, "a1"), council, "same words, other speaker"),
            (council, quote_of(db, "a1"), "same words, other speaker"),
        ]
    )


def snapshot(path):
    """Statements, their reports and links, by speaker (whose id and preferred spelling
    follow arrival order, so the name's spelling-insensitive key stands for it)."""
    conn = sqlite3.connect(path)
    conn.create_function("name_key", 1, name_key)
    found = (
        sorted(
            conn.execute(
                """select s.id, name_key(sp.name), s.text, s.kind, s.first_document_id, s.reports, s.outlets,
                      (select group_concat(id) from (select id from quotes where statement_id = s.id order by id))
               from statements s left join speakers sp on sp.id = s.speaker_id"""
            )
        ),
        sorted(conn.execute("select * from statement_links")),
    )
    conn.close()
    return found


def test_seeds_statements_are_the_groups_a_reader_makes(seeds_db):
    db = open_db(seeds_db)
    shared = sorted(
        (name, text[:40], reports)
        for name, text, reports in db.execute(
            "select sp.name, s.text, s.reports from statements s join speakers sp on sp.id = s.speaker_id "
            "where reports > 1"
        )
    )
    assert shared == [
        ("John Kirby", "It is clear that Russian and North Korea", 3),
        ("John Kirby", "We now assess that North Korean forces a", 2),
        ("John Kirby", "likely out of fear of reprisal against t", 2),
        ("Volodymyr Zelenskyy", "We can see the Russian military and the ", 2),
        ("Volodymyr Zelenskyy", "some 4,000 North Koreans have been kille", 2),
    ]
    # Kirby's sentence, in three articles and two wordings: one statement, founded by the first.
    kirby = db.execute(
        "select statement_id, count(*) from quotes where text like 'It is clear%expendable%' group by 1"
    ).fetchall()
    assert kirby == [("7be8f15572ad1847", 3)]
    # Words reported as one source's in one article and another's in another: linked.
    links = {tuple(sorted(r)) for r in db.execute("select statement_id, other_id from statement_links")}
    assert links == {("86f027edd8e2b137", "997f79da510f5085"), ("90ae6a6ccc527810", "d87e9c80038c6a56")}
    assert db.execute("select count(*) from quotes where statement_id is null").fetchone()[0] == 0


def test_grouping_does_not_depend_on_arrival_order(tmp_path, seeds_db, nlp):
    files = find_files([SEEDS.relative_to(ROOT)])
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        reverse = tmp_path / "reverse.db"
        index_files(open_db(reverse), list(reversed(files)), nlp)
        one_by_one = tmp_path / "one_by_one.db"
        shuffled = files[:]
        random.Random(3).shuffle(shuffled)
        for path in shuffled:
            index_files(open_db(one_by_one), [path], nlp)
    finally:
        os.chdir(cwd)
    assert snapshot(reverse) == snapshot(seeds_db) == snapshot(one_by_one)


def test_written_articles_in_any_order_give_the_same_statements(tmp_path, nlp):
    ids = list(ARTICLES)
    index(tmp_path / "all.db", nlp, tmp_path / "all", ids)
    for seed in (1, 2):
        random.Random(seed).shuffle(ids)
        path = tmp_path / f"one_by_one_{seed}.db"
        for doc_id in ids:
            index(path, nlp, tmp_path / f"in{seed}", [doc_id], name=f"{doc_id}.jsonl")
        assert snapshot(path) == snapshot(tmp_path / "all.db")


def test_new_articles_touch_only_their_statements_and_keep_ids(tmp_path, nlp):
    path = tmp_path / "q.db"
    db = index(path, nlp, tmp_path / "in", ["a2", "b1", "c1"])
    founded_by_a2 = quote_of(db, "a2")
    assert groups(db)[founded_by_a2] == ("Ana Ortiz", ("a2",))
    db.execute("create table rewritten (id text)")
    db.execute(
        "create trigger log after update on statements begin insert into rewritten values (new.id); end"
    )
    db.conn.commit()

    # A later report joins the statement: the id stays, nothing else is rewritten.
    index(path, nlp, tmp_path / "in", ["a4"], name="later.jsonl")
    assert groups(db)[founded_by_a2] == ("Ana Ortiz", ("a2", "a4"))
    assert {r[0] for r in db.execute("select id from rewritten")} == {founded_by_a2}
    assert db.execute("select count(*) from statement_redirects").fetchone()[0] == 0

    # An earlier report founds it: the statement takes the first report's id, the old id redirects.
    index(path, nlp, tmp_path / "in", ["a1"], name="earlier.jsonl")
    founded_by_a1 = quote_of(db, "a1")
    assert groups(db)[founded_by_a1] == ("Ana Ortiz", ("a1", "a2", "a4"))
    assert founded_by_a2 not in groups(db)
    assert db.execute("select * from statement_redirects").fetchall() == [(founded_by_a2, founded_by_a1)]
    # Mercer's statements were never rewritten.
    assert {r[0] for r in db.execute("select id from rewritten")} <= {founded_by_a2, founded_by_a1}


def test_reindexed_and_removed_articles_update_their_statements(tmp_path, nlp):
    path = tmp_path / "q.db"
    folder = tmp_path / "in"
    db = index(path, nlp, folder, ["a1", "a2", "a4", "b1", "b2"])
    ortiz = quote_of(db, "a1")
    assert groups(db)[ortiz][1] == ("a1", "a2", "a4")

    # a2 re-indexed without its quote: the statement loses that report.
    (folder / "articles.jsonl").write_text(
        (folder / "articles.jsonl").read_text("utf-8").replace(ORTIZ.lower(), "no comment"), encoding="utf-8"
    )
    index_files(db, [folder / "articles.jsonl"], nlp)
    assert groups(db)[ortiz][1] == ("a1", "a4")
    assert db.execute("select reports, outlets from statements where id = ?", [ortiz]).fetchone() == (2, 1)

    # Removing the founding article: the next report founds the statement, the old id redirects.
    with db.conn:
        db.conn.execute("delete from quotes where document_id = 'a1'")
        db.conn.execute("delete from documents where id = 'a1'")
        statements.update(db.conn)
    a4 = quote_of(db, "a4")
    assert groups(db)[a4] == ("Ana Ortiz", ("a4",))
    assert db.execute("select new_id from statement_redirects where old_id = ?", [ortiz]).fetchone() == (a4,)
    assert db.execute(
        "select text, kind, first_document_id from statements where id = ?", [a4]
    ).fetchone() == (
        "the city would rebuild every school in the valley before winter comes",
        "indirect",
        "a4",
    )


def test_a_speaker_correction_regroups_what_it_affects(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    words_ = "The new bridge will open to traffic in the first week of May"
    (folder / "a.txt").write_text(f"“{words_},” said Robert Tan, the city engineer.\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"“{words_},” said Bob Tan, a transport official.\n", encoding="utf-8")
    db_path = tmp_path / "q.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(folder), "--db", str(db_path)]).exit_code == 0
    db = open_db(db_path)
    assert sorted(groups(db).values()) == [("Bob Tan", ("b",)), ("Robert Tan", ("a",))]
    assert db.execute("select count(*) from statement_links").fetchone()[0] == 2

    result = runner.invoke(cli, ["speakers", "merge", "Bob Tan", "Robert Tan", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    assert list(groups(db).values()) == [("Robert Tan", ("a", "b"))]
    assert db.execute("select count(*) from statement_links").fetchone()[0] == 0


def test_an_index_made_before_statements_is_grouped_when_opened(tmp_path, nlp):
    path = tmp_path / "q.db"
    db = index(path, nlp, tmp_path / "in", ["a1", "a2", "b1"])
    expected = snapshot(path)
    with db.conn:
        for trigger in ("statements_quote_deleted", "statements_quote_changed"):
            db.conn.execute(f"drop trigger {trigger}")
        db.conn.execute("drop index quotes_statement_id")
        # Its views were made before statements too.
        db.conn.execute("drop view quote_search")
        db.conn.execute("alter table quotes drop column statement_id")
        db.conn.execute(
            "create view quote_search as select q.id as quote_id, q.rowid as fts_rowid from quotes q"
        )
        for table in (
            "statements",
            "statement_links",
            "statement_redirects",
            "statement_keys",
            "statement_dirty",
        ):
            db.conn.execute(f"drop table {table}")
    open_db(path)
    assert snapshot(path) == expected


def test_a_speaker_changed_in_place_regroups_its_quote(tmp_path, nlp):
    db = index(tmp_path / "q.db", nlp, tmp_path / "in", ["a1", "a6"])
    ortiz, council = quote_of(db, "a1"), quote_of(db, "a6")
    assert sorted(groups(db).values()) == [("Ana Ortiz", ("a1",)), ("the city council", ("a6",))]
    # Whatever rewrites a quote's speaker (a correction applied in place), its statement follows.
    with db.conn:
        db.conn.execute(
            "update quotes set speaker_id = (select speaker_id from quotes where id = ?) where id = ?",
            [ortiz, council],
        )
        statements.update(db.conn)
    assert list(groups(db).values()) == [("Ana Ortiz", ("a1", "a6"))]
    assert db.execute("select reports, outlets from statements where id = ?", [ortiz]).fetchone() == (2, 2)
    assert db.execute("select count(*) from statement_links").fetchone()[0] == 0
    assert db.execute("select new_id from statement_redirects where old_id = ?", [council]).fetchone() == (
        ortiz,
    )


def test_a_whole_index_grouped_at_once_matches_grouping_article_by_article(tmp_path, seeds_db, monkeypatch):
    # The seeds were indexed a batch of articles at a time; regroup them all at once.
    path = tmp_path / "at_once.db"
    source = sqlite3.connect(seeds_db)
    source.execute(f"vacuum into '{path}'")
    source.close()
    expected = snapshot(path)
    conn = sqlite3.connect(path)
    keys_before = conn.execute("select * from statement_keys order by 1, 2").fetchall()
    with conn:
        conn.execute("update quotes set statement_id = null")
        for table in ("statements", "statement_links", "statement_keys", "statement_redirects"):
            conn.execute(f"delete from {table}")
    monkeypatch.setattr(statements, "BATCH", 10)
    with conn:
        statements.update(conn)
    assert conn.execute("select count(*) from quotes where statement_id is null").fetchone() == (0,)
    assert conn.execute("select * from statement_keys order by 1, 2").fetchall() == keys_before
    assert [r[1] for r in conn.execute("pragma index_list(quotes)") if r[1] == "quotes_statement_id"]
    conn.close()
    assert snapshot(path) == expected
    assert sum(reports > 1 for _, _, _, _, _, reports, _, _ in expected[0]) == 5 and len(expected[1]) == 4


def test_grouping_does_not_rewrite_the_full_text_index(tmp_path, nlp):
    path = tmp_path / "q.db"
    db = index(path, nlp, tmp_path / "in", ["a1"])
    # An index made before: sqlite-utils' trigger rewrote a quote's full-text row on any update.
    with db.conn:
        (sql,) = db.conn.execute("select sql from sqlite_master where name = 'quotes_au'").fetchone()
        db.conn.execute("drop trigger quotes_au")
        db.conn.execute(sql.replace('AFTER UPDATE OF "text" ON', "AFTER UPDATE ON"))
    db = open_db(path)
    (sql,) = db.conn.execute("select sql from sqlite_master where name = 'quotes_au'").fetchone()
    assert 'AFTER UPDATE OF "text" ON' in sql
    fts = db.execute("select * from quotes_fts_data").fetchall()
    with db.conn:
        db.conn.execute("update quotes set statement_id = null")
        db.conn.execute("delete from statements")
        statements.update(db.conn)
    assert db.execute("select count(*) from statements").fetchone() == (1,)
    assert db.execute("select * from quotes_fts_data").fetchall() == fts
    # Search still finds the quote after its text changes, and not by its old words.
    with db.conn:
        db.conn.execute("update quotes set text = 'Bridges open in May'")
        statements.update(db.conn)
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'bridges'").fetchone() == (1,)
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'winter'").fetchone() == (0,)


def test_an_index_with_keys_of_the_old_layout_is_migrated_when_opened(tmp_path, nlp):
    path = tmp_path / "q.db"
    db = index(path, nlp, tmp_path / "in", ["a2", "b1", "c1"])
    expected_keys = db.execute("select * from statement_keys order by 1, 2").fetchall()
    # The layout before: one key per run of six words, naming its quote by id; the triggers
    # recorded no rowid.
    with db.conn:
        db.conn.execute("drop table statement_keys")
        db.conn.execute(
            "create table statement_keys (key integer, quote_id text, primary key (key, quote_id)) without rowid"
        )
        for quote_id, text in db.conn.execute("select id, text from quotes").fetchall():
            tokens = words(text)
            db.conn.executemany(
                "insert or ignore into statement_keys values (?, ?)",
                [
                    (zlib.crc32(" ".join(tokens[i : i + 6]).encode()), quote_id)
                    for i in range(len(tokens) - 5)
                ],
            )
        db.conn.execute("drop table statement_dirty")
        db.conn.execute("create table statement_dirty (quote_id text, statement_id text, text text)")
        for trigger in ("statements_quote_deleted", "statements_quote_changed"):
            (sql,) = db.conn.execute("select sql from sqlite_master where name = ?", [trigger]).fetchone()
            db.conn.execute(f"drop trigger {trigger}")
            db.conn.execute(sql.replace(", old.rowid)", ")"))
    db = open_db(path)
    assert db.execute("select * from statement_keys order by 1, 2").fetchall() == expected_keys
    assert [r[1] for r in db.execute("pragma table_info(statement_dirty)")][-1] == "quote"
    # The migrated keys find the statement a new report joins.
    founded_by_a2 = quote_of(db, "a2")
    index(path, nlp, tmp_path / "in", ["a4"], name="later.jsonl")
    assert groups(db)[founded_by_a2] == ("Ana Ortiz", ("a2", "a4"))


def test_keys_follow_quotes_given_new_rowids(tmp_path, nlp):
    path = tmp_path / "q.db"
    db = index(path, nlp, tmp_path / "in", ["a2", "b1", "c1"])
    with db.conn:
        db.conn.execute("update quotes set rowid = rowid + 1000")
        statements.rebuild_keys(db.conn)
    assert db.execute("select min(quote) from statement_keys").fetchone()[0] > 1000
    founded_by_a2 = quote_of(db, "a2")
    index(path, nlp, tmp_path / "in", ["a4"], name="later.jsonl")
    assert groups(db)[founded_by_a2] == ("Ana Ortiz", ("a2", "a4"))
