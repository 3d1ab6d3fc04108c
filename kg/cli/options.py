"""The option groups that commands share. Each group reaches the command as one API settings
object, so a command only parses, calls one :mod:`kg.api` function and renders:

==========================  ===================================================================
``@store_options``          ``store``: a :class:`kg.api.StoreOptions` (:func:`opened`)
``@projection_options``     ``projection``: a :class:`kg.api.Projection`
``@metric_options``         ``metrics``: a :class:`kg.api.MetricOptions`
``@output_option(...)``     ``fmt`` and ``max_width``: for :func:`kg.cli.render.render`
==========================  ===================================================================
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import click

from kg import api
from kg.cli.render import FORMATS, MAX_WIDTH

__all__ = [
    "metric_options",
    "opened",
    "output_option",
    "parse_params",
    "projection_options",
    "store_options",
]

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

STORE_HELP = (
    "memory, a directory (embedded Oxigraph), or an http(s):// SPARQL endpoint "
    "[default: $KG_STORE or ./kg-data]"
)


def _group(options: Sequence[Decorator], collect: Callable[[dict[str, Any]], None]) -> Decorator:
    """Options that reach the command as one value: ``collect`` swaps their keyword arguments
    for it."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)  # also shares click's list of the parameters declared so far
        def collected(*args: Any, **kwargs: Any) -> Any:
            collect(kwargs)
            return func(*args, **kwargs)

        command: Callable[..., Any] = collected
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _store(kwargs: dict[str, Any]) -> None:
    kwargs["store"] = api.StoreOptions(
        location=kwargs.pop("store"),
        update_url=kwargs.pop("update_url"),
        graph_store_url=kwargs.pop("graph_store_url"),
        read_only=kwargs.pop("read_only"),
    )


store_options = _group(
    [
        click.option("--store", "store", default=None, help=STORE_HELP),
        click.option(
            "--update-url", default=None, help="SPARQL update endpoint of a remote store."
        ),
        click.option(
            "--graph-store-url",
            default=None,
            help="Graph Store Protocol endpoint of a remote store (bulk loads).",
        ),
        click.option(
            "--read-only",
            is_flag=True,
            help="Open an embedded store read-only (commands that only read always do).",
        ),
    ],
    _store,
)
"""Where the graph is: ``--store`` and the options that go with it, as ``store``."""


def opened(store: api.StoreOptions, access: str = "read") -> api.KnowledgeGraph:
    """Open the command's store (``read``, ``write`` or ``create``: see
    :meth:`kg.api.StoreOptions.open`), saying in one line when it is reached another way than
    asked (a served directory is read through its server)."""
    graph = store.open(access)
    if graph.store.note:
        click.echo(f"kg: {graph.store.note}", err=True)
    return graph


def _projection(kwargs: dict[str, Any]) -> None:
    kwargs["projection"] = api.Projection(
        kind=kwargs.pop("kind"),
        types=tuple(kwargs.pop("types")),
        predicates=tuple(kwargs.pop("predicates")),
        since=kwargs.pop("since"),
        until=kwargs.pop("until"),
        min_weight=kwargs.pop("min_weight"),
        outlet=kwargs.pop("outlet"),
        include_credits=kwargs.pop("include_credits"),
    )


projection_options = _group(
    [
        click.option(
            "--projection",
            "kind",
            type=click.Choice(list(api.PROJECTIONS)),
            default="relation",
            show_default=True,
            help="relation: entity-to-entity facts; comention: entities in the same article; "
            "bipartite: articles and the entities they mention.",
        ),
        click.option(
            "--type",
            "types",
            multiple=True,
            metavar="CLASS",
            help="Keep entities of this class and its subclasses (Person, City ...; repeatable).",
        ),
        click.option(
            "--predicate",
            "predicates",
            multiple=True,
            metavar="NAME",
            help="Keep relations with this predicate (mayorOf ...; repeatable).",
        ),
        click.option(
            "--since", default=None, metavar="DATE", help="Articles on or after (YYYY[-MM[-DD]])."
        ),
        click.option(
            "--until", default=None, metavar="DATE", help="Articles on or before (YYYY[-MM[-DD]])."
        ),
        click.option(
            "--min-weight", default=1, show_default=True, help="Drop edges with fewer articles."
        ),
        click.option(
            "--outlet", default=None, help="Keep articles of one outlet (name, alias or IRI)."
        ),
        click.option(
            "--include-credits",
            is_flag=True,
            help="Count an article's authors, editors and publisher as entities it mentions.",
        ),
    ],
    _projection,
)
"""Which graph to analyse and its filters (analyze, export, viz), as ``projection``."""


def _metrics(kwargs: dict[str, Any]) -> None:
    kwargs["metrics"] = api.MetricOptions(
        engine=kwargs.pop("engine"),
        betweenness_k=kwargs.pop("betweenness_k"),
        communities=kwargs.pop("community_method"),
        seed=kwargs.pop("seed"),
    )


metric_options = _group(
    [
        click.option(
            "--engine",
            type=click.Choice(list(api.ENGINES)),
            default="auto",
            show_default=True,
            help="auto uses igraph (kg-indonesia[fast]) on large graphs when installed.",
        ),
        click.option(
            "-k",
            "--betweenness-k",
            "betweenness_k",
            type=int,
            default=None,
            help="Sampled sources for betweenness [default: exact up to 2000 nodes, else 500, "
            "fewer over 50,000 edges (25M / edges, at least 25); 0 skips it].",
        ),
        click.option(
            "--communities",
            "community_method",
            type=click.Choice(list(api.COMMUNITY_METHODS)),
            default="louvain",
            show_default=True,
            help="leiden needs igraph.",
        ),
        click.option("--seed", default=42, show_default=True, help="Random seed."),
    ],
    _metrics,
)
"""How to compute metrics, as ``metrics``."""


def _output(kwargs: dict[str, Any]) -> None:
    wide = kwargs.pop("wide", False)
    width = kwargs.pop("max_width", MAX_WIDTH)
    kwargs["max_width"] = None if wide else width


def output_option(formats: Sequence[str] = FORMATS) -> Decorator:
    """``-f/--format``, one of ``formats`` (the first is the default), as ``fmt``; with a
    ``table`` format also ``--max-width N`` and ``--wide``, as ``max_width`` (None: no cut)."""
    fmt = click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(list(formats)),
        default=formats[0],
        show_default=True,
    )
    if "table" not in formats:
        return fmt
    width = click.option(
        "--max-width",
        type=click.IntRange(min=2),
        default=MAX_WIDTH,
        show_default=True,
        help="Cut table cells longer than this (they end in …).",
    )
    wide = click.option("--wide", is_flag=True, help="Show table cells whole.")
    return _group([fmt, width, wide], _output)


def parse_params(
    ctx: click.Context, param: click.Parameter, items: Sequence[str]
) -> dict[str, str]:
    """``--param KEY=VALUE`` options as a dict (a click callback)."""
    bound: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        bound[key.strip()] = value
    return bound
