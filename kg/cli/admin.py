"""Commands that look after a store: ``kg stats``, ``validate``, ``remove``, ``link``, ``serve``."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from kg import api
from kg.cli.options import opened, store_options
from kg.cli.render import printable
from kg.errors import KGError

__all__ = ["link", "load", "remove", "serve", "stats", "validate"]


@click.command()
@store_options
def stats(store: api.StoreOptions) -> None:
    """Counts of articles, entities by type and relations by predicate."""
    with opened(store) as graph:
        result = graph.stats()
    click.echo(f"articles: {result.articles}")
    click.echo("entities: " + (", ".join(f"{k} {v}" for k, v in result.entities.items()) or "none"))
    click.echo(
        "relations: " + (", ".join(f"{k} {v}" for k, v in result.relations.items()) or "none")
    )
    if result.regions_without_qid:
        click.echo(
            f"regions without a Wikidata QID: {result.regions_without_qid} of {result.regions}"
            " (find them online with `kg link --wikidata --types place`)"
        )
    if result.read_by_older:
        click.echo(
            f"articles read by an older extractor: {result.read_by_older} of {result.articles}"
            f" (`kg build` on their sources reads them again with {result.extractor})"
        )


@click.command()
@store_options
def validate(store: api.StoreOptions) -> None:
    """Check the facts graph against kg's SHACL shapes (exit 1 when it does not conform)."""
    with opened(store) as graph:
        report = graph.validate()
    if report.conforms:
        click.echo("conforms: the graph satisfies kg's SHACL shapes")
        return
    click.echo(report.text)
    click.echo(f"does not conform: {report.violations} violation(s)", err=True)
    sys.exit(1)


@click.command()
@click.argument("article")
@store_options
def remove(article: str, store: api.StoreOptions) -> None:
    """Remove an article (its IRI or URL), or a graph kg load wrote (its IRI), and the facts
    only it supports."""
    with opened(store, "write") as graph:
        removed = graph.remove(article)
    if not removed:
        raise KGError(f"no article {article!r} in the store; list them with `kg query articles`")
    click.echo(f"removed {article}")


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    default=None,
    help="The named graph to load into [default: …/id/graph/loaded/FILE-NAME].",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default=None,
    help="ttl, nt, nq, trig, jsonld or rdf [default: from the extension].",
)
@store_options
def load(file: Path, graph_iri: str | None, fmt: str | None, store: api.StoreOptions) -> None:
    """Load an RDF file into a named graph of its own, queryable with the rest.

    It never touches an article graph; loading the same graph again replaces it, and
    `kg remove IRI` removes it with the facts only it supports.
    """
    with opened(store, "create") as graph:
        report = graph.load(file, graph=graph_iri, fmt=fmt)
    click.echo(report.summary())


@click.command()
@click.option(
    "--wikidata", is_flag=True, help="Link entities without a QID through the Wikidata API."
)
@click.option(
    "--endpoint",
    default=None,
    help="Wikidata API URL [default: https://www.wikidata.org/w/api.php].",
)
@click.option("--limit", type=int, default=None, help="Try at most this many entities.")
@click.option(
    "--types",
    default=",".join(api.LINK_TYPES),
    show_default=True,
    help="Entity types to link, comma-separated (person, organization, place, event).",
)
@click.option("--timeout", default=10.0, show_default=True, help="Seconds to wait for the API.")
@click.option("--retries", default=3, show_default=True, help="Retries on errors, 429 and 5xx.")
@store_options
def link(
    wikidata: bool,
    endpoint: str | None,
    limit: int | None,
    types: str,
    timeout: float,
    retries: int,
    store: api.StoreOptions,
) -> None:
    """Link entities to external items: --wikidata searches the Wikidata API (needs a network).

    One compatible item gives owl:sameAs, several give skos:closeMatch to each; the links go to
    the links graph with their confidence. Entities the shipped QID table covers are linked at
    build time already.
    """
    if not wikidata:
        raise click.UsageError("nothing to link with; pass --wikidata")
    settings = api.WikidataSettings(timeout=timeout, retries=retries)
    kinds = [t for t in types.split(",") if t.strip()]
    with opened(store, "write") as graph:
        report = graph.link_wikidata(endpoint=endpoint, limit=limit, types=kinds, settings=settings)
    for result in report.results:
        if result.same_as is not None:
            line = f"sameAs      {result.label} -> {result.same_as.qid} {result.same_as.label}"
            click.echo(printable(line))
        elif result.close:
            qids = ", ".join(c.qid for c in result.close)
            click.echo(printable(f"closeMatch  {result.label} -> {qids}"))
    click.echo(report.summary())


@click.command()
@click.option("--store", "store", default=None, help="The embedded store directory to serve.")
@click.option("--port", default=7878, show_default=True, help="TCP port on 127.0.0.1 (0: any).")
@click.option(
    "--writable",
    is_flag=True,
    help="Also accept SPARQL Update and Graph Store writes, with the token printed at start.",
)
@click.option("--cors", is_flag=True, help="Answer cross-origin requests (web pages elsewhere).")
@click.option(
    "--query-timeout",
    type=click.FloatRange(min=1),
    default=30.0,
    show_default=True,
    help="Seconds before a query is abandoned.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let queries use SERVICE (the server then fetches any address a client names).",
)
def serve(
    store: str | None,
    port: int,
    writable: bool,
    cors: bool,
    query_timeout: float,
    allow_service: bool,
) -> None:
    """Serve the embedded store as a SPARQL 1.1 endpoint on 127.0.0.1 (Ctrl-C stops it).

    Queries that name no graph see the union of all graphs. While it runs, read commands on
    the store directory go through it.
    """
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the server on kill, too
    server = api.serve(
        store,
        port=port,
        writable=writable,
        cors=cors,
        query_timeout=query_timeout,
        allow_service=allow_service,
    )
    mode = "read-write" if writable else "read-only"
    click.echo(f"serving {server.path} {mode} at {server.query_url}", err=True)
    click.echo(f"  query page: {server.page_url}", err=True)
    if server.token is not None:
        click.echo(
            f"  write token: {server.token} (send `Authorization: Bearer TOKEN`; "
            "kg reads $KG_SPARQL_TOKEN)",
            err=True,
        )
    click.echo(
        f"  kg query officials --store {server.query_url}"
        + (f" --update-url {server.update_url}" if server.update_url else ""),
        err=True,
    )
    try:
        code = server.wait()
    except KeyboardInterrupt:
        code = 0
    finally:
        server.stop()
    sys.exit(code if code > 0 else 0)
