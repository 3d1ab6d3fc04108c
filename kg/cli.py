"""The ``kg`` command line: each command is a thin twin of a :mod:`kg.api` function.

Errors print one line and exit 1; usage errors exit 2; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import signal
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


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if param.name:
        ctx.ensure_object(dict)[param.name] = value
    return value


def _store_options(func: Any) -> Any:
    func = click.option(
        "--read-only",
        is_flag=True,
        expose_value=False,
        callback=_remember,
        help="Open an embedded store read-only (while another process writes or serves it).",
    )(func)
    func = click.option(
        "--graph-store-url",
        default=None,
        expose_value=False,
        callback=_remember,
        help="Graph Store Protocol endpoint of a remote store (bulk loads).",
    )(func)
    func = click.option(
        "--update-url", default=None, help="SPARQL update endpoint of a remote store."
    )(func)
    func = click.option("--store", "store", default=None, help=STORE_HELP)(func)
    return func


def _open(store: str | None, update_url: str | None, read_only: bool = False) -> api.KnowledgeGraph:
    options = click.get_current_context().find_object(dict) or {}
    return api.KnowledgeGraph(
        store,
        update_url=update_url,
        read_only=read_only or bool(options.get("read_only")),
        graph_store_url=options.get("graph_store_url"),
    )


def _projection_options(func: Any) -> Any:
    """The options that choose and filter a projection (analyze, export, viz)."""
    options = [
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
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _metric_options(func: Any) -> Any:
    """The options of metric computation."""
    options = [
        click.option(
            "--engine",
            type=click.Choice(list(api.ENGINES)),
            default="auto",
            show_default=True,
            help="auto uses igraph (kg[fast]) on large graphs when installed.",
        ),
        click.option(
            "-k",
            "--betweenness-k",
            "betweenness_k",
            type=int,
            default=None,
            help="Sampled sources for betweenness [default: exact up to 2000 nodes, else 500; "
            "0 skips it].",
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
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _analysis_settings(options: dict[str, Any]) -> tuple[api.Projection, api.MetricOptions]:
    projection = api.Projection(
        kind=options.pop("kind"),
        types=tuple(options.pop("types")),
        predicates=tuple(options.pop("predicates")),
        since=options.pop("since"),
        until=options.pop("until"),
        min_weight=options.pop("min_weight"),
        outlet=options.pop("outlet"),
    )
    metrics = api.MetricOptions(
        engine=options.pop("engine"),
        betweenness_k=options.pop("betweenness_k"),
        communities=options.pop("community_method"),
        seed=options.pop("seed"),
    )
    return projection, metrics


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return _cell(value)


def _render_dicts(rows: list[dict[str, Any]], fmt: str) -> str:
    """Plain rows (metrics, communities) as a table, CSV or JSON."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([[_cell(r[c]) for c in columns] for r in rows])
        return buffer.getvalue().rstrip("\n")
    table = [columns] + [[_number(r[c]) for c in columns] for r in rows]
    widths = [min(50, max(len(r[i]) for r in table)) for i in range(len(columns))]
    lines = [
        "  ".join(c[:50].ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table
    ]
    if lines:
        lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


_FORMAT = click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)


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
@_projection_options
@_metric_options
@_store_options
def export(
    fmt: str | None, output: Path, store: str | None, update_url: str | None, **options: Any
) -> None:
    """Export the graph: gexf (Gephi), graphml, csv (Gephi's nodes and edges tables) of a
    projection with its metrics; nq/trig (all named graphs), ttl/nt/jsonld (facts)."""
    projection, metrics = _analysis_settings(options)
    with _open(store, update_url) as graph:
        path = graph.export(output, fmt, projection, metrics)
    click.echo(f"wrote {path}")
    if (fmt or output.suffix.lstrip(".")).lower() == "csv":
        click.echo(f"wrote {api.KnowledgeGraph.csv_paths(output)[1]}")


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
    if result.regions_without_qid:
        click.echo(
            f"regions without a Wikidata QID: {result.regions_without_qid} of {result.regions}"
            " (find them online with `kg link --wikidata --types place`)"
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


@cli.command()
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
@_store_options
def link(
    wikidata: bool,
    endpoint: str | None,
    limit: int | None,
    types: str,
    timeout: float,
    retries: int,
    store: str | None,
    update_url: str | None,
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
    with _open(store, update_url) as graph:
        report = graph.link_wikidata(endpoint=endpoint, limit=limit, types=kinds, settings=settings)
    for result in report.results:
        if result.same_as is not None:
            click.echo(f"sameAs      {result.label} -> {result.same_as.qid} {result.same_as.label}")
        elif result.close:
            qids = ", ".join(c.qid for c in result.close)
            click.echo(f"closeMatch  {result.label} -> {qids}")
    click.echo(report.summary())


@cli.command()
@click.option("--store", "store", default=None, help="The embedded store directory to serve.")
@click.option("--port", default=7878, show_default=True, help="TCP port on 127.0.0.1 (0: any).")
@click.option("--writable", is_flag=True, help="Also accept SPARQL Update and Graph Store writes.")
def serve(store: str | None, port: int, writable: bool) -> None:
    """Serve the embedded store as a SPARQL 1.1 endpoint on 127.0.0.1 (Ctrl-C stops it)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the server on kill, too
    server = api.serve(store, port=port, writable=writable)
    mode = "read-write" if writable else "read-only"
    click.echo(f"serving {server.path} {mode} at {server.query_url}", err=True)
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


@cli.group()
def entities() -> None:
    """List, inspect and curate entities: merge, split, alias (kept in the curation graph)."""


@entities.command("list")
@click.option("--name", default=None, help="Only entities whose name or alias contains this.")
@click.option("--type", "cls", default=None, help="Only this class (Person, City, Company ...).")
@click.option("--limit", default=50, show_default=True, help="Rows to show.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@_store_options
def entities_list(
    name: str | None,
    cls: str | None,
    limit: int,
    fmt: str,
    store: str | None,
    update_url: str | None,
) -> None:
    """Entities with their label, class and how many articles name them."""
    with _open(store, update_url) as graph:
        rows = graph.entities(name=name, cls=cls, limit=limit)
    click.echo(_render(rows, fmt))


@entities.command("show")
@click.argument("entity")
@_store_options
def entities_show(entity: str, store: str | None, update_url: str | None) -> None:
    """Everything about one entity (its IRI or an unambiguous name)."""
    with _open(store, update_url) as graph:
        view = graph.entity(entity)
    click.echo(str(view.iri))
    click.echo(f"  label:    {' | '.join(view.labels)}")
    click.echo(f"  aliases:  {' | '.join(view.aliases)}")
    click.echo(f"  class:    {', '.join(view.classes)}")
    for direction, predicate, other in view.relations:
        arrow = "->" if direction == "out" else "<-"
        click.echo(f"  {arrow} {predicate} {other}")
    for other in view.close_matches:
        click.echo(f"  candidate (closeMatch): {other}")
    for why in view.evidence:
        click.echo(f"  same node because: {why}")
    for prop, value in view.decisions:
        click.echo(f"  curation: {prop} {value}")
    click.echo(f"  articles ({len(view.articles)}):")
    for article in view.articles:
        click.echo(f"    {article}")


@entities.command("merge")
@click.argument("source")
@click.argument("target")
@_store_options
def entities_merge(source: str, target: str, store: str | None, update_url: str | None) -> None:
    """Merge entity SOURCE into TARGET, now and in every later build."""
    with _open(store, update_url) as graph:
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
@_store_options
def entities_split(
    entity: str, articles: tuple[str, ...], store: str | None, update_url: str | None
) -> None:
    """Give ENTITY's mentions in the given articles a node of their own."""
    with _open(store, update_url) as graph:
        new = graph.split(entity, articles)
    click.echo(f"split {len(articles)} article(s) off {entity} into {new}")


@entities.command("alias")
@click.argument("entity")
@click.argument("label")
@_store_options
def entities_alias(entity: str, label: str, store: str | None, update_url: str | None) -> None:
    """Record LABEL as another name of ENTITY."""
    with _open(store, update_url) as graph:
        iri = graph.alias(entity, label)
    click.echo(f"{label!r} is now an alias of {iri}")


@cli.group()
def analyze() -> None:
    """Analyse a projection: metrics, communities, paths and ego networks."""


@analyze.command("metrics")
@_projection_options
@_metric_options
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
    default=True,
    show_default=True,
    help="Write the metrics to the analysis graph (for SPARQL).",
)
@_FORMAT
@_store_options
def analyze_metrics(
    sort: str,
    top: int,
    save: bool,
    fmt: str,
    store: str | None,
    update_url: str | None,
    **options: Any,
) -> None:
    """Degree, PageRank, betweenness, eigenvector, k-core, community and component per entity."""
    projection, metrics = _analysis_settings(options)
    with _open(store, update_url) as graph:
        result = graph.analyze(projection, metrics, save=save)
    click.echo(_render_dicts(result.rows(sort=sort, top=top or None), fmt))
    if fmt == "table":
        click.echo(result.summary())


@analyze.command("communities")
@_projection_options
@_metric_options
@click.option("--members", default=5, show_default=True, help="Members shown per community.")
@_FORMAT
@_store_options
def analyze_communities(
    members: int, fmt: str, store: str | None, update_url: str | None, **options: Any
) -> None:
    """The communities of a projection (Louvain or Leiden), largest first."""
    projection, metrics = _analysis_settings(options)
    with _open(store, update_url) as graph:
        result = graph.analyze(projection, metrics, save=False)
    click.echo(_render_dicts(result.communities(members=members), fmt))
    if fmt == "table":
        click.echo(result.summary())


def _short_name(label: str, aliases: tuple[str, ...]) -> str:
    acronyms = [
        a for a in aliases if len(a) >= 2 and a.upper() == a and any(c.isalpha() for c in a)
    ]
    return f"{label} ({min(acronyms, key=len)})" if acronyms else label


def _render_path(connections: list[api.Connection], names: dict[str, str]) -> str:
    lines: list[str] = []
    for number, connection in enumerate(connections, 1):
        chain = " → ".join(
            names.get(n, label)
            for n, label in zip(connection.nodes, connection.labels, strict=True)
        )
        lines.append(
            f"{number}. {chain}  ({len(connection)} hop{'s' if len(connection) != 1 else ''})"
        )
        for hop in connection.hops:
            for fact in hop:
                subject = names.get(fact.subject, fact.subject_label)
                obj = names.get(fact.object, fact.object_label)
                lines.append(f"   {subject} —{fact.predicate}→ {obj}")
                for ev in fact.evidence:
                    source = (
                        ", ".join(x for x in (ev.headline, ev.outlet, ev.date) if x) or ev.article
                    )
                    lines.append(f"      [{source}; confidence {ev.confidence:g}]")
                    if ev.sentence:
                        lines.append(f"      “{ev.sentence}”")
        lines.append("")
    return "\n".join(lines).rstrip()


@analyze.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--limit", default=5, show_default=True, help="At most this many shortest paths.")
@_projection_options
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@_store_options
def analyze_path(
    source: str,
    target: str,
    limit: int,
    fmt: str,
    store: str | None,
    update_url: str | None,
    **options: Any,
) -> None:
    """How two entities (names or aliases, any case) are connected, with the evidence."""
    options.update(engine="networkx", betweenness_k=None, community_method="louvain", seed=42)
    projection, _ = _analysis_settings(options)
    with _open(store, update_url) as graph:
        found = graph.path(source, target, projection, limit=limit)
        G = graph.project(projection)
    if fmt == "json":
        click.echo(json.dumps([dataclasses.asdict(c) for c in found], ensure_ascii=False, indent=1))
        return
    names = {
        str(n): _short_name(str(d.get("label", n)), tuple(d.get("aliases", ())))
        for n, d in G.nodes(data=True)
    }
    click.echo(_render_path(found, names))


@analyze.command("ego")
@click.argument("name")
@click.option("--radius", default=1, show_default=True, help="Hops from the entity.")
@_projection_options
@_FORMAT
@_store_options
def analyze_ego(
    name: str, radius: int, fmt: str, store: str | None, update_url: str | None, **options: Any
) -> None:
    """The ego network of an entity: its neighbours within --radius hops and their links."""
    options.update(engine="networkx", betweenness_k=None, community_method="louvain", seed=42)
    projection, _ = _analysis_settings(options)
    with _open(store, update_url) as graph:
        G = graph.ego(name, projection, radius=radius)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    rows = []
    for u, v, *rest in edges:
        data = rest[-1]
        rows.append(
            {
                "source": G.nodes[u].get("label", u),
                "link": data.get("kind", ""),
                "target": G.nodes[v].get("label", v),
                "weight": data.get("weight", 1),
                "first": data.get("first", ""),
                "last": data.get("last", ""),
            }
        )
    rows.sort(key=lambda r: (-r["weight"], r["source"], r["target"]))
    click.echo(_render_dicts(rows, fmt))


@cli.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="HTML file to write."
)
@click.option(
    "--limit",
    default=500,
    show_default=True,
    help="Keep the entities of highest PageRank (0 = all).",
)
@_projection_options
@_metric_options
@_store_options
def viz(
    output: Path, limit: int, store: str | None, update_url: str | None, **options: Any
) -> None:
    """Write the browser view: one self-contained HTML file that works offline."""
    projection, metrics = _analysis_settings(options)
    with _open(store, update_url) as graph:
        path = graph.viz(output, projection, metrics, limit=limit or None)
    click.echo(f"wrote {path}")


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
