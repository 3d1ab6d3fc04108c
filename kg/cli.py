"""The ``kg`` command line: each command is a thin twin of a :mod:`kg.api` function.

Errors print one line and exit 1; usage errors exit 2; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import click

from kg import api
from kg.api import Rows
from kg.errors import KGError

STORE_HELP = (
    "memory, a directory (embedded Oxigraph), or an http(s):// SPARQL endpoint "
    "[default: $KG_STORE or ./kg-data]"
)


def _store_options(func: Any) -> Any:
    func = click.option(
        "--update-url", default=None, help="SPARQL update endpoint of a remote store."
    )(func)
    func = click.option("--store", "store", default=None, help=STORE_HELP)(func)
    return func


def _open(store: str | None, update_url: str | None, read_only: bool = False) -> api.KnowledgeGraph:
    return api.KnowledgeGraph(store, update_url=update_url, read_only=read_only)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.option("-v", "--verbose", is_flag=True, help="Log progress.")
@click.version_option(package_name="kg")
@click.pass_context
def cli(ctx: click.Context, debug: bool, verbose: bool) -> None:
    """kg: knowledge graphs from Indonesian news."""
    ctx.obj = {"debug": debug}
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="kg: %(message)s"
    )
    # the HTML extractors log their own view of a bad page; kg reports it in one line
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.CRITICAL)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="RDF file to write; format from the extension (.ttl .nt .nq .trig .jsonld).",
)
def extract(paths: tuple[Path, ...], output: Path) -> None:
    """Extract articles to one RDF file (no store involved)."""
    report = api.extract_files(list(paths), output)
    for failure in report.failures:
        click.echo(f"kg: skipped {failure.message}", err=True)
    click.echo(f"wrote {report.articles} article(s) to {report.path}", err=True)
    if report.failures:
        sys.exit(1)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class _ProgressView:
    """Renders build progress: a redrawn bar on a terminal, a plain line now and then otherwise.

    Failures are printed at once, one line each, even with ``--quiet``.
    """

    def __init__(self, *, quiet: bool, interval: float | None = None) -> None:
        self.tty = sys.stderr.isatty()
        self.quiet = quiet
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.last = 0.0
        self.drawn = False

    def __call__(self, event: api.BuildProgress) -> None:
        if event.failure is not None:
            self.clear()
            click.echo(f"kg: failed {event.failure.message}", err=True)
        now = time.monotonic()
        if self.quiet or now - self.last < self.interval:
            return
        self.last = now
        eta = event.eta
        parts = [
            f"{event.done}/{event.total} articles",
            f"{event.rate:.1f}/s",
            f"ETA {_duration(eta)}" if eta is not None else "ETA ?",
        ]
        if event.failed:
            parts.append(f"{event.failed} failed")
        if self.tty:
            width = 24
            filled = int(width * event.done / event.total) if event.total else 0
            bar = "█" * filled + "░" * (width - filled)
            line = f"\r{bar} " + "  ".join(parts) + "\x1b[K"
            click.echo(line, err=True, nl=False, color=True)
            self.drawn = True
        else:
            click.echo("kg: " + ", ".join(parts), err=True)

    def clear(self) -> None:
        if self.drawn:
            click.echo("\r\x1b[K", err=True, nl=False, color=True)
            self.drawn = False


def _ingest_options(
    fields: tuple[str, ...],
    fields_file: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    max_bytes: int | None,
    timeout: float,
    delay: float,
    retries: int,
) -> api.IngestOptions:
    mapping = api.load_field_map(fields_file) if fields_file else api.FieldMap()
    if fields:
        extra = api.parse_field_map(fields).mapping
        mapping = api.FieldMap(tuple(sorted({**dict(mapping.mapping), **dict(extra)}.items())))
    fetch = api.FetchSettings(
        read_timeout=timeout,
        delay=delay,
        retries=retries,
        cache_dir=None if no_cache else (cache_dir or api.default_cache_dir()),
    )
    if max_bytes is None:
        return api.IngestOptions(fields=mapping, fetch=fetch)
    fetch = fetch.with_(max_bytes=max_bytes)
    return api.IngestOptions(fields=mapping, fetch=fetch, max_bytes=max_bytes)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@_store_options
@click.option("--batch-size", default=50, show_default=True, help="Articles per write transaction.")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to extract in [default: the number of cores; 1 = no extra process].",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    default=None,
    help="Extract on a Dask cluster (tcp://scheduler:8786); needs pip install 'kg[dask]'.",
)
@click.option("--strict", is_flag=True, help="Stop at the first failure.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display (failures still print).")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="FIELD=KEY",
    help="JSON corpora: the key holding a field (text, title, url, date, outlet, authors); "
    "repeatable, dots reach nested keys: --field text=body --field date=meta.published.",
)
@click.option(
    "--fields",
    "fields_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help='JSON corpora: a JSON file mapping fields to keys, like {"text": "body"}.',
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="HTTP cache folder [default: $KG_CACHE_DIR, else $XDG_CACHE_HOME/kg/http, "
    "else ~/.cache/kg/http].",
)
@click.option("--no-cache", is_flag=True, help="Do not cache fetched pages.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest file or page taken as one article [default: 5 MB files, 10 MB pages].",
)
@click.option("--timeout", default=30.0, show_default=True, help="Seconds to wait for a server.")
@click.option(
    "--delay", default=1.0, show_default=True, help="Seconds between requests to one host."
)
@click.option(
    "--retries", default=3, show_default=True, help="Retries on connection errors, 429 and 5xx."
)
def build(
    sources: tuple[str, ...],
    store: str | None,
    update_url: str | None,
    batch_size: int,
    workers: int | None,
    dask_address: str | None,
    strict: bool,
    quiet: bool,
    fields: tuple[str, ...],
    fields_file: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    max_bytes: int | None,
    timeout: float,
    delay: float,
    retries: int,
) -> None:
    """Ingest articles into a store: files, folders, globs, - (stdin), URLs of pages or feeds.

    Text, HTML, JSON/JSONL and RSS/Atom are told apart by extension, else by content.
    Unchanged articles are skipped, changed ones replaced. Exit 1 when some input failed.
    """
    ingest = _ingest_options(
        fields, fields_file, cache_dir, no_cache, max_bytes, timeout, delay, retries
    )
    view = _ProgressView(quiet=quiet)
    with _open(store, update_url) as graph:
        report = graph.build(
            list(sources),
            batch_size=batch_size,
            workers=dask_address or workers,
            strict=strict,
            progress=view,
            ingest=ingest,
        )
    view.clear()
    if report.stopped:
        click.echo("kg: stopped at the first failure (--strict)", err=True)
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)


@cli.command()
@click.argument("article")
@_store_options
def remove(article: str, store: str | None, update_url: str | None) -> None:
    """Remove an article (its IRI or URL) and the facts only it supports."""
    with _open(store, update_url) as graph:
        removed = graph.remove(article)
    if not removed:
        raise KGError(f"no article {article!r} in the store; list them with `kg query articles`")
    click.echo(f"removed {article}")


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _render(rows: Rows, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(
            [{k: _cell(v) for k, v in r.items()} for r in rows.dicts()],
            ensure_ascii=False,
            indent=1,
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(rows.columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    table = [list(rows.columns)] + [[_cell(v) for v in row] for row in rows]
    widths = [min(60, max(len(r[i]) for r in table)) for i in range(len(rows.columns))]
    lines = [
        "  ".join(c[:60].ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


@cli.command()
@click.argument("name_or_file")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter (repeatable).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@_store_options
def query(
    name_or_file: str, params: tuple[str, ...], fmt: str, store: str | None, update_url: str | None
) -> None:
    """Run a ready query (see `kg queries`), a .rq file, or SPARQL text."""
    bound: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        bound[key.strip()] = value
    with _open(store, update_url, read_only=False) as graph:
        rows = graph.query(name_or_file, **bound)
    click.echo(_render(rows, fmt))


@cli.command()
def queries() -> None:
    """List the ready queries and their parameters."""
    for q in api.list_queries():
        params = " ".join(f"--param {p.name}=..." for p in q.params)
        click.echo(f"{q.name:14} {q.description} {params}".rstrip())


@cli.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(list(api.EXPORT_FORMATS)),
    default=None,
    help="Output format [default: from the file extension].",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="File to write."
)
@_store_options
def export(fmt: str | None, output: Path, store: str | None, update_url: str | None) -> None:
    """Export the graph: gexf (Gephi), nq/trig (all named graphs), ttl/nt/jsonld (facts)."""
    with _open(store, update_url) as graph:
        path = graph.export(output, fmt)
    click.echo(f"wrote {path}")


@cli.command()
@_store_options
def stats(store: str | None, update_url: str | None) -> None:
    """Counts of articles, entities by type and relations by predicate."""
    with _open(store, update_url) as graph:
        result = graph.stats()
    click.echo(f"articles: {result.articles}")
    click.echo("entities: " + (", ".join(f"{k} {v}" for k, v in result.entities.items()) or "none"))
    click.echo(
        "relations: " + (", ".join(f"{k} {v}" for k, v in result.relations.items()) or "none")
    )


@cli.command()
@_store_options
def validate(store: str | None, update_url: str | None) -> None:
    """Check the facts graph against kg's SHACL shapes (exit 1 when it does not conform)."""
    with _open(store, update_url) as graph:
        report = graph.validate()
    if report.conforms:
        click.echo("conforms: the graph satisfies kg's SHACL shapes")
        return
    click.echo(report.text)
    click.echo(f"does not conform: {report.violations} violation(s)", err=True)
    sys.exit(1)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    debug = "--debug" in sys.argv[1:]
    try:
        code = cli.main(prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KGError as exc:
        if debug:
            raise
        click.echo(f"kg: error: {exc}", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
