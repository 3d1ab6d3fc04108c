"""``kg entities``: list, inspect and curate entities."""

from __future__ import annotations

import click

from kg import api
from kg.cli.options import opened, output_option, store_options
from kg.cli.render import printable, render

__all__ = ["entities"]


@click.group()
def entities() -> None:
    """List, inspect and curate entities: merge, split, alias (kept in the curation graph)."""


@entities.command("list")
@click.option("--name", default=None, help="Only entities whose name or alias contains this.")
@click.option("--type", "cls", default=None, help="Only this class (Person, City, Company ...).")
@click.option("--limit", default=50, show_default=True, help="Rows to show.")
@output_option()
@store_options
def entities_list(
    name: str | None,
    cls: str | None,
    limit: int,
    fmt: str,
    max_width: int | None,
    store: api.StoreOptions,
) -> None:
    """Entities with their label, class and how many articles name them."""
    with opened(store) as graph:
        rows = graph.entities(name=name, cls=cls, limit=limit)
    click.echo(render(rows, fmt, max_width=max_width))


@entities.command("show")
@click.argument("entity")
@store_options
def entities_show(entity: str, store: api.StoreOptions) -> None:
    """Everything about one entity (its IRI or an unambiguous name)."""
    with opened(store) as graph:
        view = graph.entity(entity)
    click.echo(printable(str(view.iri)))
    click.echo(printable(f"  label:    {' | '.join(view.labels)}"))
    click.echo(printable(f"  aliases:  {' | '.join(view.aliases)}"))
    click.echo(printable(f"  class:    {', '.join(view.classes)}"))
    for direction, predicate, other in view.relations:
        arrow = "->" if direction == "out" else "<-"
        click.echo(printable(f"  {arrow} {predicate} {other}"))
    for other in view.close_matches:
        click.echo(printable(f"  candidate (closeMatch): {other}"))
    for why in view.evidence:
        click.echo(printable(f"  same node because: {why}"))
    for prop, value in view.decisions:
        click.echo(printable(f"  curation: {prop} {value}"))
    click.echo(printable(f"  articles ({len(view.articles)}):"))
    for article in view.articles:
        click.echo(printable(f"    {article}"))


@entities.command("merge")
@click.argument("source")
@click.argument("target")
@store_options
def entities_merge(source: str, target: str, store: api.StoreOptions) -> None:
    """Merge entity SOURCE into TARGET, now and in every later build."""
    with opened(store, "write") as graph:
        count = graph.merge(source, target)
    click.echo(f"merged {source} into {target} ({count} article graph(s) rewritten)")


@entities.command("split")
@click.argument("entity")
@click.option(
    "--article",
    "articles",
    multiple=True,
    required=True,
    help="An article (IRI or URL) whose mentions get the new node; repeat for more.",
)
@store_options
def entities_split(entity: str, articles: tuple[str, ...], store: api.StoreOptions) -> None:
    """Give ENTITY's mentions in the given articles a node of their own."""
    with opened(store, "write") as graph:
        new = graph.split(entity, articles)
    click.echo(f"split {len(articles)} article(s) off {entity} into {new}")


@entities.command("alias")
@click.argument("entity")
@click.argument("label")
@store_options
def entities_alias(entity: str, label: str, store: api.StoreOptions) -> None:
    """Record LABEL as another name of ENTITY."""
    with opened(store, "write") as graph:
        iri = graph.alias(entity, label)
    click.echo(f"{label!r} is now an alias of {iri}")
