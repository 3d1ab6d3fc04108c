"""Projections of the facts graph to NetworkX, defined by SPARQL.

Only relations become edges: types, labels and provenance never do.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model.terms import KG, RELATIONS
from kg.store.base import Store

__all__ = ["to_networkx"]

_RELATIONS = " ".join(f"kg:{name}" for name, spec in RELATIONS.items() if not spec.article)

_NODES = """
PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?cls) (COUNT(DISTINCT ?a) AS ?articles)
WHERE { ?a kg:mentions ?e . ?e rdfs:label ?l ; a ?c . }
GROUP BY ?e
"""

_EDGES = f"""
PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?s ?p ?o (COUNT(DISTINCT ?a) AS ?weight) (MIN(?d) AS ?first) (MAX(?d) AS ?last)
WHERE {{
  VALUES ?p {{ {_RELATIONS} }}
  ?s ?p ?o .
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a .
  OPTIONAL {{ ?a schema:datePublished ?d }}
}}
GROUP BY ?s ?p ?o
"""


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(store: Store) -> Any:
    """The relation graph: a MultiDiGraph with one edge per (subject, predicate, object).

    Nodes carry ``label``, ``type`` (the ontology class) and ``articles``; edges carry
    ``predicate``, ``weight`` (supporting articles) and ``first``/``last`` (publication dates).
    """
    G = nx.MultiDiGraph()
    for e, label, cls, articles in store.select(_NODES):
        G.add_node(
            str(e), label=str(label), type=_local(cls), iri=str(e), articles=int(str(articles))
        )
    for s, p, o, weight, first, last in store.select(_EDGES):
        for node in (s, o):
            if str(node) not in G:
                G.add_node(str(node), label=_local(node), type="", iri=str(node), articles=0)
        attrs: dict[str, Any] = {"predicate": _local(p), "weight": int(str(weight))}
        if first is not None:
            attrs["first"] = str(first)
        if last is not None:
            attrs["last"] = str(last)
        G.add_edge(str(s), str(o), key=_local(p), **attrs)
    G.graph["kg:namespace"] = str(KG)
    return G
