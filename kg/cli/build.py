"""Commands that read articles: ``kg extract`` (to an RDF file) and ``kg build`` (into a store)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import api
from kg.cli.options import opened, store_options
from kg.cli.progress import ProgressView
from kg.cli.render import printable

__all__ = ["build", "extract"]


@click.command()
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
        click.echo(printable(f"kg: skipped {failure.message}"), err=True)
    for note in report.notes:
        click.echo(printable(f"kg: note: {note}"), err=True)
    click.echo(f"wrote {report.articles} article(s) to {report.path}", err=True)
    if report.failures:
        sys.exit(1)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@store_options
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=None,
    help="Articles per write transaction [default: ~400k quads on the embedded store, 20k on a "
    "server].",
)
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
    help="Extract on a Dask cluster (tcp://scheduler:8786); "
    "needs pip install 'kg-indonesia[dask]'.",
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
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds to wait for a server's next bytes.",
)
@click.option(
    "--deadline",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds one URL may take in all: retries, waits and a server trickling bytes included.",
)
@click.option(
    "--feed-deadline",
    default=600.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds the items of one feed may take in all; items left fail.",
)
@click.option(
    "--max-retry-after",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Longest Retry-After (429, 503) honoured; a longer one fails that URL at once.",
)
@click.option(
    "--delay", default=1.0, show_default=True, help="Seconds between requests to one host."
)
@click.option(
    "--retries", default=3, show_default=True, help="Retries on connection errors, 429 and 5xx."
)
def build(
    sources: tuple[str, ...],
    store: api.StoreOptions,
    batch_size: int | None,
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
    deadline: float,
    feed_deadline: float,
    max_retry_after: float,
    delay: float,
    retries: int,
) -> None:
    """Ingest articles into a store: files, folders, globs, - (stdin), URLs of pages or feeds.

    Text, HTML, JSON/JSONL and RSS/Atom are told apart by extension, else by content.
    Unchanged articles are skipped, changed ones replaced. Exit 1 when some input failed.
    """
    ingest = api.ingest_options(
        fields=fields,
        fields_file=fields_file,
        cache_dir=cache_dir,
        no_cache=no_cache,
        max_bytes=max_bytes,
        timeout=timeout,
        delay=delay,
        retries=retries,
        deadline=deadline,
        feed_deadline=feed_deadline,
        max_retry_after=max_retry_after,
    )
    view = ProgressView(quiet=quiet)
    with opened(store, "create") as graph:
        report = graph.build(
            list(sources),
            batch_size=batch_size,
            workers=dask_address or workers,
            strict=strict,
            progress=view,
            ingest=ingest,
        )
    view.clear()
    for note in report.notes:
        click.echo(printable(f"kg: note: {note}"), err=True)
    if report.stopped:
        click.echo("kg: stopped at the first failure (--strict)", err=True)
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)
