"""Commands that read the graph with SPARQL: ``kg query`` and ``kg queries``."""

from __future__ import annotations

import click

from kg import api
from kg.cli.options import opened, output_option, parse_params, store_options
from kg.cli.render import render

__all__ = ["queries", "query"]


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
@output_option()
@store_options
def query(
    name_or_file: str,
    params: dict[str, str],
    fmt: str,
    max_width: int | None,
    store: api.StoreOptions,
) -> None:
    """Run a ready query (see `kg queries`), a .rq file, or SPARQL text."""
    with opened(store) as graph:
        rows = graph.query(name_or_file, **params)
    click.echo(render(rows, fmt, max_width=max_width))


@click.command()
def queries() -> None:
    """List the ready queries and their parameters."""
    for q in api.list_queries():
        params = " ".join(f"--param {p.name}=..." for p in q.params)
        click.echo(f"{q.name:14} {q.description} {params}".rstrip())
