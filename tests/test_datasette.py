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
    quotes = (
        await ds.client.get(f"/{name}/quotes.json?_shape=array&_size=max&speaker_id={speakers[0]['id']}")
    ).json()
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


# Plain `datasette quotes.db`, with the package installed ---------------------------------


async def test_plain_datasette_serves_the_same_instance(seeds_db):
    from datasette.app import Datasette

    ds = Datasette([str(seeds_db)])
    name = seeds_db.stem
    search = await ds.client.get(f"/{name}/search_quotes.json?q=expendable&_shape=array")
    assert search.status_code == 200
    assert any("<mark>expendable</mark>" in r["snippet"] for r in search.json())
    found = (await ds.client.get(f"/{name}/quote_search.json?_search=expendable&_shape=array")).json()
    everything = (await ds.client.get(f"/{name}/quote_search.json?_shape=array&_size=max")).json()
    assert 0 < len(found) < len(everything)
    metadata = (await ds.client.get("/-/metadata.json")).json()
    assert metadata["title"] == "quotes: who said what"
    assert metadata["databases"][name]["tables"]["quotes"]["columns"]["start"].startswith("Character offset")
    quote_id = search.json()[0]["quote_id"]
    assert (await ds.client.get(f"/quote/{quote_id}")).status_code == 200
    assert (await ds.client.get(f"/{name}/citations.csl?quote_id={quote_id}")).status_code == 200


async def test_a_database_that_is_not_a_quotes_index_is_left_alone(seeds_db, tmp_path):
    import sqlite3

    from datasette.app import Datasette

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table t (snippet text, quote_id text)")
    conn.execute("insert into t values ('a <mark>b</mark>', '0123456789abcdef')")
    conn.commit()
    ds = Datasette([str(seeds_db), str(other)])
    assert (await ds.client.get("/other/search_quotes")).status_code == 404
    html = (await ds.client.get("/other/t")).text
    # Its cells are Datasette's own: escaped, and no link to a quote page.
    assert "a &lt;mark&gt;b&lt;/mark&gt;" in html and 'href="/quote/' not in html
    assert "other" not in (await ds.client.get("/-/metadata.json")).json().get("databases", {})


async def test_settings_and_metadata_are_laid_over_the_projects(seeds_db):
    ds = datasette(
        seeds_db,
        extra_metadata={"title": "Our quotes", "plugins": {"quotes": {"x": 1}}},
        base_url="https://q.example.org",
        sql_time_limit_ms=700,
    )
    assert (await ds.client.get("/-/settings.json")).json()["sql_time_limit_ms"] == 700
    data = (await ds.client.get("/-/metadata.json")).json()
    assert data["title"] == "Our quotes"
    assert data["plugins"]["quotes"] == {"base_url": "https://q.example.org", "x": 1}
    assert data["license"].startswith("Code: Apache-2.0")


def test_quotes_serve_refuses_a_bad_setting_metadata_or_base_url(seeds_db, tmp_path):
    from click.testing import CliRunner

    from quotes.cli import cli

    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    for args, message in [
        (["--setting", "sql_time_limit_ms", "soon"], "should be an integer"),
        (["--setting", "no_such_setting", "1"], "no_such_setting is not a valid option"),
        (["-m", str(bad)], "bad.json"),
        (["--base-url", "javascript:alert(1)"], "is not a base URL"),
    ]:
        result = CliRunner().invoke(cli, ["serve", str(seeds_db), *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output


async def test_templates_and_styles_are_the_plugins_own(seeds_db):
    ds = datasette(seeds_db)
    css = await ds.client.get("/-/static-plugins/quotes-index/quotes.css")
    assert css.status_code == 200 and "mark" in css.text
    page = (await ds.client.get("/")).text
    assert 'href="/-/static-plugins/quotes-index/quotes.css"' in page
    plugins = {p["name"]: p for p in (await ds.client.get("/-/plugins.json")).json()}
    assert plugins["quotes-index"]["templates"] is True and plugins["quotes-index"]["static"] is True
