import pytest

from quotes.serve import datasette


@pytest.fixture
def ds(seeds_db):
    return datasette(seeds_db)


async def test_quotes_json_api(ds, seeds_db):
    name = seeds_db.stem
    response = await ds.client.get(f"/{name}/quotes.json?_shape=array&_size=max")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) > 20
    assert {"id", "document_id", "speaker_id", "text", "start", "end", "kind", "confidence"} <= set(rows[0])


async def test_a_speakers_quotes(ds, seeds_db):
    name = seeds_db.stem
    speakers = (await ds.client.get(f"/{name}/speakers.json?_shape=array&name__contains=Kirby")).json()
    assert [s["name"] for s in speakers] == ["John Kirby"]
    quotes = (await ds.client.get(
        f"/{name}/quotes.json?_shape=array&_size=max&speaker_id={speakers[0]['id']}"
    )).json()
    assert len(quotes) >= 5
    assert any("expendable" in q["text"] for q in quotes)


async def test_metadata_describes_tables_and_columns(ds, seeds_db):
    name = seeds_db.stem
    data = (await ds.client.get("/-/metadata.json")).json()
    assert data["title"] == "quotes: who said what"
    columns = data["databases"][name]["tables"]["quotes"]["columns"]
    assert columns["start"].startswith("Character offset")
    page = await ds.client.get(f"/{name}/quotes")
    assert page.status_code == 200
    assert "Every quote found, with its speaker" in page.text
    assert "facet-kind" in page.text or 'data-column="kind"' in page.text
