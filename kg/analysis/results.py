"""Analysis results as rows (for tables, CSV, JSON) and as RDF in the analysis graph.

The analysis graph (:data:`~kg.model.terms.ANALYSIS_GRAPH`) holds the latest run: each
entity's metrics as plain triples (``<bima> kg:pageRank 0.12``), and the run itself described
on the graph's IRI (projection, engine, time, modularity). SPARQL reads it with
``GRAPH kgr:graph/analysis { ... }``::

    SELECT ?name ?pr WHERE {
      GRAPH <https://w3id.org/kg-indonesia/id/graph/analysis> { ?e kg:pageRank ?pr }
      ?e rdfs:label ?name } ORDER BY DESC(?pr) LIMIT 10
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.analysis.metrics import Metrics
from kg.model.frame import Frame
from kg.model.terms import ANALYSIS_GRAPH, KG, PROV, XSD

__all__ = [
    "METRIC_COLUMNS",
    "METRIC_PROPERTIES",
    "Analysis",
    "analysis_triples",
    "analysis_update",
    "betweenness_method",
    "community_rows",
    "metric_rows",
]

METRIC_PROPERTIES: dict[str, URIRef] = {
    "degree": URIRef(KG.degree),
    "weighted_degree": URIRef(KG.weightedDegree),
    "pagerank": URIRef(KG.pageRank),
    "betweenness": URIRef(KG.betweenness),
    "eigenvector": URIRef(KG.eigenvector),
    "core": URIRef(KG.coreNumber),
    "community": URIRef(KG.community),
    "component": URIRef(KG.component),
}
"""Each metric and the ontology property that holds it in the analysis graph."""

METRIC_COLUMNS = ("entity", "type", *METRIC_PROPERTIES, "iri")


def metric_rows(
    G: Any, metrics: Metrics, *, sort: str = "pagerank", top: int | None = 20
) -> list[dict[str, Any]]:
    """One row per node, best first by ``sort`` (ties by name); ``top=None`` keeps all."""
    if sort not in METRIC_PROPERTIES:
        from kg.errors import AnalysisError

        raise AnalysisError(f"cannot sort by {sort!r}; use one of {', '.join(METRIC_PROPERTIES)}")
    values = getattr(metrics, sort)
    ascending = sort in ("community", "component")
    order = sorted(
        G.nodes,
        key=lambda n: (
            values.get(n, 0) if ascending else -values.get(n, 0),
            str(G.nodes[n].get("label", n)),
        ),
    )
    rows = []
    for node in order[:top] if top else order:
        data = G.nodes[node]
        row: dict[str, Any] = {"entity": data.get("label", node), "type": data.get("type", "")}
        row.update(metrics.node(node))
        row["iri"] = data.get("iri", node)
        rows.append(row)
    return rows


def community_rows(G: Any, metrics: Metrics, *, members: int = 5) -> list[dict[str, Any]]:
    """One row per community (largest first): size, internal weight, best-ranked members."""
    groups: dict[int, list[str]] = {}
    for node, group in metrics.community.items():
        groups.setdefault(group, []).append(node)
    rows = []
    for group in sorted(groups):
        nodes = sorted(groups[group], key=lambda n: -metrics.pagerank.get(n, 0))
        types: dict[str, int] = {}
        for n in nodes:
            kind = str(G.nodes[n].get("type", ""))
            types[kind] = types.get(kind, 0) + 1
        rows.append(
            {
                "community": group,
                "size": len(nodes),
                "types": ", ".join(
                    f"{k} {v}" for k, v in sorted(types.items(), key=lambda x: -x[1])
                ),
                "members": "; ".join(str(G.nodes[n].get("label", n)) for n in nodes[:members]),
            }
        )
    return rows


def _literal(name: str, value: float) -> Literal:
    if name in ("degree", "core", "community", "component"):
        return Literal(int(value))
    return Literal(round(float(value), 9), datatype=XSD.double)


def run_triples(
    metrics: Metrics, *, description: str, when: datetime
) -> list[tuple[URIRef, URIRef, Literal]]:
    """The triples describing one run, on the analysis graph's IRI."""
    run = ANALYSIS_GRAPH
    return [
        (run, KG.projection, Literal(description)),
        (run, KG.engine, Literal(metrics.engine)),
        (run, KG.modularity, Literal(round(metrics.modularity, 9), datatype=XSD.double)),
        (run, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)),
    ]


def analysis_triples(
    G: Any, metrics: Metrics, *, description: str, when: datetime | None = None
) -> list[tuple[Node, Node, Node]]:
    """The triples of the analysis graph for one run (entities' metrics and the run)."""
    when = when or datetime.now(timezone.utc)
    triples: list[tuple[Node, Node, Node]] = []
    triples += run_triples(metrics, description=description, when=when)
    for node in G.nodes:
        iri = G.nodes[node].get("iri", node)
        if not str(iri).startswith(("http://", "https://")):
            continue
        subject = URIRef(str(iri))
        for name, value in metrics.node(node).items():
            triples.append((subject, METRIC_PROPERTIES[name], _literal(name, value)))
    return triples


def analysis_update(triples: list[tuple[Node, Node, Node]]) -> str:
    """SPARQL Update that replaces the analysis graph with these triples."""
    body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
    graph = f"<{ANALYSIS_GRAPH}>"
    return f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"


@dataclass(frozen=True)
class Analysis:
    """A projection with its metrics: what ``kg analyze`` computes.

    Args:
        frame: the projection as arrays, its nodes annotated with the metrics (and a layout's
            ``x``/``y`` when one was asked for).
        metrics: the metrics.
        projection: the projection's description.
        seconds: how long each stage took (``project``, ``metrics``, ``layout`` ...).
    """

    frame: Frame
    metrics: Metrics
    projection: str
    seconds: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def graph(self) -> Any:
        """The projection as a NetworkX graph with the metrics on its nodes (built on first use:
        seconds and gigabytes for millions of edges, where the frame needs neither)."""
        if "networkx" not in self.frame.cache:
            self.frame.cache["networkx"] = self.frame.to_networkx()
        return self.frame.cache["networkx"]

    def rows(self, *, sort: str = "pagerank", top: int | None = 20) -> list[dict[str, Any]]:
        """The entities' metrics, best first (see :func:`metric_rows`)."""
        return metric_rows(self.frame, self.metrics, sort=sort, top=top)

    def communities(self, *, members: int = 5) -> list[dict[str, Any]]:
        """The communities, largest first (see :func:`community_rows`)."""
        return community_rows(self.frame, self.metrics, members=members)

    def summary(self) -> str:
        """One line: size, components, communities, engine, how betweenness was computed."""
        G, m = self.frame, self.metrics
        return (
            f"{self.projection}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, "
            f"{m.components} components, {m.communities} communities ({m.community_method}, "
            f"modularity {m.modularity:.3f}); engine {m.engine}, betweenness "
            f"{betweenness_method(m, G.number_of_nodes())}"
        )


def betweenness_method(metrics: Metrics, nodes: int) -> str:
    """How betweenness was computed: ``exact``, or sampled from k of the nodes."""
    if metrics.betweenness_k is None:
        return "exact"
    if metrics.betweenness_k == 0:
        return "skipped (k=0)"
    return f"sampled (k={metrics.betweenness_k} of {nodes:,} nodes)"
