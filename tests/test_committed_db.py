"""The committed quotes.db is exactly what the code builds from seeds/."""

import sqlite3

from conftest import ROOT, assert_same_rows


def test_committed_index_matches_a_rebuild_from_seeds(seeds_db):
    committed = ROOT / "quotes.db"
    assert committed.exists()
    assert_same_rows(committed, seeds_db)


def test_seeds_index_holds_all_four_articles(seeds_db):
    conn = sqlite3.connect(seeds_db)
    ids = [r[0] for r in conn.execute("select id from documents order by id")]
    assert ids == [
        "000_b1205d662c358023",
        "001_90a43850ede0f87a",
        "002_0cd70d5b161d91d4",
        "003_3ac09adc4176e191",
    ]
    assert conn.execute("select count(*) from quotes").fetchone()[0] > 20
