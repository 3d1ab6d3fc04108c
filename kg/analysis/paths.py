"""Entities by name, ego networks, and the connections between two entities with evidence.

A connection is a shortest path in the relation graph, read without direction; each hop keeps
the facts that link its two entities (predicate and direction) and, for each fact, the
articles and sentences that state it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef

from kg.errors import AnalysisError
from kg.model.terms import SPARQL_PREFIXES
from kg.store.base import Store

__all__ = [
    "Connection",
    "Evidence",
    "Fact",
    "connections",
    "display_names",
    "edge_rows",
    "ego_network",
    "evidence",
    "find_entity",
]


@dataclass(frozen=True)
class Evidence:
    """One article stating a fact: the article, its headline and date, the sentence."""

    article: str
    headline: str
    outlet: str
    date: str
    sentence: str
    confidence: float


@dataclass(frozen=True)
class Fact:
    """A relation between two entities, with the evidence behind it."""

    subject: str
    subject_label: str
    predicate: str
    object: str
    object_label: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Connection:
    """A shortest path between two entities: its nodes, and the facts of each hop."""

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    hops: tuple[tuple[Fact, ...], ...]

    def __len__(self) -> int:
        return len(self.hops)


def find_entity(store: Store, name: str) -> tuple[str, str]:
    """The entity whose label or alias is ``name`` (any case), or whose IRI it is.

    When several entities share the name, the most mentioned one wins.

    Returns:
        The entity's IRI and its label.

    Raises:
        AnalysisError: no entity has this name (the message suggests close ones).
    """
    name = name.strip()
    if name.startswith(("http://", "https://")):
        rows = store.select(
            f"{SPARQL_PREFIXES}SELECT ?l WHERE {{ {URIRef(name).n3()} rdfs:label ?l }} LIMIT 1"
        )
        if rows:
            return name, str(rows.rows[0][0])
    needle = Literal(name.lower()).n3()
    exact = store.select(
        f"""{SPARQL_PREFIXES}SELECT ?e (SAMPLE(?pl) AS ?label) (COUNT(DISTINCT ?a) AS ?n) WHERE {{
  ?e rdfs:label|skos:altLabel ?l . FILTER(LCASE(STR(?l)) = {needle})
  ?e rdfs:label ?pl . OPTIONAL {{ ?a kg:mentions ?e }}
}} GROUP BY ?e ORDER BY DESC(?n) STR(?e) LIMIT 1"""
    )
    if exact:
        e, label, _ = exact.rows[0]
        return str(e), str(label)
    close = store.select(
        f"""{SPARQL_PREFIXES}SELECT DISTINCT ?pl WHERE {{
  ?e rdfs:label|skos:altLabel ?l . FILTER(CONTAINS(LCASE(STR(?l)), {needle}))
  ?e rdfs:label ?pl }} ORDER BY ?pl LIMIT 5"""
    )
    hint = "; did you mean " + ", ".join(repr(str(r[0])) for r in close) if close else ""
    raise AnalysisError(
        f"no entity named {name!r}{hint}; list names with `kg query top-entities` "
        "or `kg query entity --param name=...`"
    )


def evidence(store: Store, subject: str, predicate: str, obj: str) -> tuple[Evidence, ...]:
    """The articles and sentences that state one relation, most confident first."""
    rows = store.select(
        f"""{SPARQL_PREFIXES}SELECT ?a (SAMPLE(?h) AS ?headline) (SAMPLE(?pl) AS ?outlet)
  (SAMPLE(?d) AS ?date)
  (SAMPLE(?s) AS ?sentence) (MAX(?c) AS ?conf)
WHERE {{
  ?st rdf:subject {URIRef(subject).n3()} ; rdf:predicate kg:{predicate} ;
      rdf:object {URIRef(obj).n3()} ; prov:wasDerivedFrom ?a .
  OPTIONAL {{ ?st kg:inSentence/kg:sentenceText ?s }}
  OPTIONAL {{ ?st kg:confidence ?c }}
  OPTIONAL {{ ?a schema:headline ?h }}
  OPTIONAL {{ ?a schema:datePublished ?d }}
  OPTIONAL {{ ?a kg:publisher ?pub . ?pub rdfs:label ?pl }}
}} GROUP BY ?a ORDER BY DESC(?conf) ?a"""
    )
    return tuple(
        Evidence(
            article=str(a),
            headline=str(h or ""),
            outlet=str(pl or ""),
            date=str(d or ""),
            sentence=str(s or ""),
            confidence=float(str(c)) if c is not None else 0.0,
        )
        for a, h, pl, d, s, c in rows
    )


def _label(G: Any, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node


def _hop_facts(store: Store, G: Any, u: str, v: str) -> tuple[Fact, ...]:
    facts = []
    for s, o in ((u, v), (v, u)):
        if not G.has_edge(s, o):
            continue
        for predicate in sorted(G[s][o]):
            facts.append(
                Fact(
                    subject=s,
                    subject_label=_label(G, s),
                    predicate=predicate,
                    object=o,
                    object_label=_label(G, o),
                    evidence=evidence(store, s, predicate, o),
                )
            )
    return tuple(facts)


def connections(
    store: Store, G: Any, source: str, target: str, *, limit: int = 5
) -> list[Connection]:
    """The shortest connections between two entities of a relation graph, with evidence.

    Args:
        store: where the evidence is read.
        G: a relation graph (:func:`~kg.analysis.relation_graph`).
        source: the first entity's IRI.
        target: the second entity's IRI.
        limit: at most this many paths (all of the shortest length).

    Raises:
        AnalysisError: an entity is not in the graph, or no path links them.
    """
    for node in (source, target):
        if node not in G:
            raise AnalysisError(
                f"{_label(G, node)!r} has no relations in this projection; "
                "widen the filters or check it with `kg query entity`"
            )
    H = G.to_undirected(as_view=True)
    try:
        paths = list(islice(nx.all_shortest_paths(H, source, target), limit))
    except nx.NetworkXNoPath as exc:
        raise AnalysisError(
            f"no connection between {_label(G, source)!r} and {_label(G, target)!r} "
            "in the relation graph; try the co-mention projection or wider filters"
        ) from exc
    out = []
    for path in sorted(paths, key=lambda p: [_label(G, n) for n in p]):
        hops = tuple(_hop_facts(store, G, u, v) for u, v in pairwise(path))
        out.append(Connection(tuple(path), tuple(_label(G, n) for n in path), hops))
    return out


def ego_network(G: Any, center: str, *, radius: int = 1) -> Any:
    """The entities within ``radius`` hops of ``center`` (either direction), with their edges.

    Raises:
        AnalysisError: the entity is not in the graph.
    """
    if center not in G:
        raise AnalysisError(
            f"{center!r} is not in this projection; widen the filters or check the name"
        )
    nodes = nx.ego_graph(G.to_undirected(as_view=True), center, radius=radius).nodes
    return G.subgraph(nodes).copy()


def display_names(G: Any) -> dict[str, str]:
    """A display name per node of a projection: its label, with its shortest acronym alias.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("x", label="Badan Pusat Statistik", aliases=("BPS", "Bps"))
    >>> display_names(G)
    {'x': 'Badan Pusat Statistik (BPS)'}
    """
    names = {}
    for node, data in G.nodes(data=True):
        label = str(data.get("label", node))
        acronyms = [
            a
            for a in data.get("aliases", ())
            if len(a) >= 2 and a.upper() == a and any(c.isalpha() for c in a)
        ]
        names[str(node)] = f"{label} ({min(acronyms, key=len)})" if acronyms else label
    return names


def edge_rows(G: Any) -> list[dict[str, Any]]:
    """The edges of a projection as rows (source, link, target, weight, first, last), heaviest
    first, by their nodes' labels."""
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
    return rows
