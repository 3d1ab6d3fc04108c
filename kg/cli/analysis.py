"""Commands that analyse and export a projection: ``kg analyze ...``, ``kg export``, ``kg viz``."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from kg import api
from kg.cli.options import metric_options, opened, output_option, projection_options, store_options
from kg.cli.render import render, render_paths
from kg.errors import StoreLockedError

__all__ = ["analyze", "export", "viz"]


@click.command()
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
@click.option(
    "--with-ontology",
    is_flag=True,
    help="ttl/nt/jsonld: add kg's ontology, so the file validates on its own with pyshacl.",
)
@projection_options
@metric_options
@store_options
def export(
    fmt: str | None,
    output: Path,
    with_ontology: bool,
    projection: api.Projection,
    metrics: api.MetricOptions,
    store: api.StoreOptions,
) -> None:
    """Export the graph: gexf (Gephi), graphml, csv (Gephi's nodes and edges tables) of a
    projection with its metrics; nq/trig (all named graphs), ttl/nt/jsonld (facts);
    facts.csv/facts.jsonl (each fact with its articles, sentences and offsets)."""
    with opened(store) as graph:
        path = graph.export(output, fmt, projection, metrics, with_ontology=with_ontology)
    click.echo(f"wrote {path}")
    if (fmt or api.export_format(output.name)) == "csv":
        click.echo(f"wrote {api.KnowledgeGraph.csv_paths(output)[1]}")


@click.group()
def analyze() -> None:
    """Analyse a projection: metrics, communities, paths and ego networks."""


@analyze.command("metrics")
@projection_options
@metric_options
@click.option(
    "--sort",
    type=click.Choice(list(api.METRIC_NAMES)),
    default="pagerank",
    show_default=True,
    help="Rank entities by this metric.",
)
@click.option("--top", default=20, show_default=True, help="Rows to show (0 = all).")
@click.option(
    "--save/--no-save",
    default=None,
    help="Write the metrics to the analysis graph, for SPARQL [default: when the store takes "
    "writes]; --save fails before the work when it does not.",
)
@output_option()
@store_options
def analyze_metrics(
    projection: api.Projection,
    metrics: api.MetricOptions,
    sort: str,
    top: int,
    save: bool | None,
    fmt: str,
    max_width: int | None,
    store: api.StoreOptions,
) -> None:
    """Degree, PageRank, betweenness, eigenvector, k-core, community and component per entity."""
    if save:
        with store.open("write") as graph:  # fail before the work, not after it
            graph.store.check_writable()
    # project and compute on a read-only open: other readers read meanwhile, and no writer's
    # RocksDB work (compactions, catch-up) runs beside the projection
    with opened(store) as graph:
        result = graph.analyze(projection, metrics, save=False)
    if save is not False:
        _save(store, result, required=bool(save))
    click.echo(render(result.rows(sort=sort, top=top or None), fmt, max_width=max_width))
    if fmt == "table":
        click.echo(result.summary())


def _save(store: api.StoreOptions, result: api.Analysis, *, required: bool) -> None:
    """Save the metrics on a short writable open; when ``--save`` is not given, say in one line
    why they are not saved if the store takes no writes now (held by another process, a
    query-only URL)."""
    try:
        graph = store.open("write")
    except StoreLockedError as exc:
        if required:
            raise
        click.echo(f"kg: metrics not saved to the analysis graph: {exc}", err=True)
        return
    with graph:
        reason = graph.store.write_refusal()
        if reason is not None and not required:
            click.echo(f"kg: metrics not saved to the analysis graph: {reason}", err=True)
            return
        graph.save_analysis(result)


@analyze.command("communities")
@projection_options
@metric_options
@click.option("--members", default=5, show_default=True, help="Members shown per community.")
@output_option()
@store_options
def analyze_communities(
    projection: api.Projection,
    metrics: api.MetricOptions,
    members: int,
    fmt: str,
    max_width: int | None,
    store: api.StoreOptions,
) -> None:
    """The communities of a projection (Louvain or Leiden), largest first."""
    with opened(store) as graph:
        result = graph.analyze(projection, metrics, save=False)
    click.echo(render(result.communities(members=members), fmt, max_width=max_width))
    if fmt == "table":
        click.echo(result.summary())


@analyze.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--limit", default=5, show_default=True, help="At most this many shortest paths.")
@projection_options
@output_option(["text", "json"])
@store_options
def analyze_path(
    source: str,
    target: str,
    limit: int,
    projection: api.Projection,
    fmt: str,
    store: api.StoreOptions,
) -> None:
    """How two entities (names or aliases, any case) are connected, with the evidence."""
    with opened(store) as graph:
        found = graph.path(source, target, projection, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([dataclasses.asdict(c) for c in found], ensure_ascii=False, indent=1))
        return
    click.echo(render_paths(found))


@analyze.command("ego")
@click.argument("name")
@click.option("--radius", default=1, show_default=True, help="Hops from the entity.")
@projection_options
@output_option()
@store_options
def analyze_ego(
    name: str,
    radius: int,
    projection: api.Projection,
    fmt: str,
    max_width: int | None,
    store: api.StoreOptions,
) -> None:
    """The ego network of an entity: its neighbours within --radius hops and their links."""
    with opened(store) as graph:
        rows = graph.ego_links(name, projection, radius=radius)
    click.echo(render(rows, fmt, max_width=max_width))


@click.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="HTML file to write."
)
@click.option(
    "--limit",
    default=500,
    show_default=True,
    help="Keep the entities of highest PageRank (0 = all).",
)
@click.option(
    "--facts",
    default=api.MAX_FACTS,
    show_default=True,
    help="Facts shown per entity, those supported by the most articles (0 = all).",
)
@projection_options
@metric_options
@store_options
def viz(
    output: Path,
    limit: int,
    facts: int,
    projection: api.Projection,
    metrics: api.MetricOptions,
    store: api.StoreOptions,
) -> None:
    """Write the browser view: one self-contained HTML file that works offline."""
    with opened(store) as graph:
        path = graph.viz(output, projection, metrics, limit=limit or None, facts=facts or None)
    click.echo(f"wrote {path}")
