"""Commands that read the graph with SPARQL: ``kg query`` and ``kg queries``."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Iterable, Sequence

import click

from kg import api
from kg.cli.options import opened, output_option, parse_params, store_options
from kg.cli.render import STREAMED, render, write_cells

__all__ = ["next_page_command", "queries", "query"]


@click.command()
@click.argument("name_or_file")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    callback=parse_params,
    help="A query parameter (repeatable).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Rows of a page of a listing (default 50).",
)
@click.option(
    "--after", metavar="CURSOR", help="The page after this cursor (printed under a page)."
)
@click.option("--all", "every", is_flag=True, help="Every page of a listing, streamed.")
@output_option()
@store_options
def query(
    name_or_file: str,
    params: dict[str, str],
    limit: int | None,
    after: str | None,
    every: bool,
    fmt: str,
    max_width: int | None,
    store: api.StoreOptions,
) -> None:
    """Run a ready query (see `kg queries`), a .rq file, or SPARQL text.

    A listing prints one page and, under it, the command for the next page; --all prints
    every page (streamed: memory stays flat, for CSV, TSV or JSON Lines output).
    """
    if every and (limit is not None or after is not None):
        raise click.UsageError("--all reads every page; drop --limit and --after")
    with opened(store) as graph:
        if every and fmt in STREAMED:  # a row at a time, from the store's own values
            columns, cells = graph.stream_query(name_or_file, params)
            write_cells(columns, cells, fmt, sys.stdout)
            return
        if every:
            _stream(graph.iter_query(name_or_file, params), fmt, max_width)
            return
        rows = graph.query(name_or_file, params, limit=limit, after=after)
    click.echo(render(rows, fmt, max_width=max_width))
    if rows.next_cursor is not None:
        line = f"next page: {next_page_command(sys.argv[1:], rows.next_cursor)}"
        click.echo(line, err=fmt != "table")


def next_page_command(args: Sequence[str], cursor: str) -> str:
    """The command line that prints the page after ``cursor`` (``args`` without the program).

    >>> next_page_command(["query", "articles", "--after", "9", "--limit=5"], "7")
    'kg query articles --limit=5 --after 7'
    """
    kept: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--after":
            skip = True
        elif not arg.startswith("--after="):
            kept.append(arg)
    return shlex.join(["kg", *kept, "--after", cursor])


def _stream(pages: Iterable[api.Rows], fmt: str, max_width: int | None) -> None:
    """Every page in turn: one header (CSV, table) or one JSON array, then the rows."""
    total = 0
    for number, page in enumerate(pages):
        total += len(page)
        text = render(page, fmt, max_width=max_width)
        if fmt in ("csv", "tsv") and number:
            text = text.partition("\n")[2]  # the header once
        elif fmt == "json":
            body = text.strip()[1:-1].strip()
            text = ("[" if number == 0 else ",") + (f"\n{body}" if body else "")
        elif fmt == "table":
            lines = text.split("\n")[:-1]  # the row count once, at the end
            text = "\n".join(lines if number == 0 else lines[2:])
        if text:
            click.echo(text)
    if fmt == "json":
        click.echo("]")
    elif fmt == "table":
        click.echo(f"({total} row{'s' if total != 1 else ''})")


@click.command()
def queries() -> None:
    """List the ready queries and their parameters."""
    for q in api.list_queries():
        params = " ".join(f"--param {p.name}=..." for p in q.params)
        paged = " (paged)" if q.page else ""
        click.echo(f"{q.name:14} {q.description}{paged} {params}".rstrip())
