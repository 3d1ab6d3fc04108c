"""The ``memory`` store: an rdflib Dataset, for tests, notebooks and small graphs.

rdflib is kg's modelling and serialisation layer; as a store it is fine up to a few thousand
articles (see the README for the measured limits) and lets users keep rdflib's whole API.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.model.terms import FACTS_GRAPH, KG, RDF
from kg.store.base import Rows, Store, WritePlan, is_source, written_keys
from kg.store.summary import Keys, summary_update, touched

__all__ = ["MemoryStore"]


_FACTS = f"<{FACTS_GRAPH}>"
_DEFAULT = f"<{DATASET_DEFAULT_GRAPH_ID}>"


def _reparsed(node: Node) -> Node:
    """The term as a parser would make it (``Literal(0.9, datatype=XSD.decimal)`` holds a float,
    which SHACL's datatype check rejects; the same literal parsed holds a Decimal)."""
    if isinstance(node, Literal):
        return Literal(str(node), lang=node.language, datatype=node.datatype)
    return node


class MemoryStore(Store):
    """An rdflib :class:`~rdflib.Dataset` behind the :class:`Store` interface.

    The facts graph is kept as the Dataset's default graph, so queries read it by default as
    on every other backend; dumps name it with its IRI again.
    """

    name = "memory"

    def __init__(self) -> None:
        self.ds = Dataset()

    def _query(self, query: str) -> object:
        try:
            result = self.ds.query(query.replace(_FACTS, _DEFAULT))
            if getattr(result, "type", None) == "SELECT":
                result.bindings  # noqa: B018  (evaluate now, inside the try)
            return result
        except Exception as exc:  # rdflib raises pyparsing and many other errors
            raise QueryError(f"query failed: {exc}; check the SPARQL text") from exc

    def select(self, query: str) -> Rows:
        result = self._query(query)
        if getattr(result, "type", None) != "SELECT":
            raise QueryError("expected a SELECT query")
        columns = tuple(str(v) for v in result.vars)  # type: ignore[attr-defined]
        rows = tuple(tuple(row) for row in result)  # type: ignore[attr-defined]
        return Rows(columns, rows)

    def ask(self, query: str) -> bool:
        result = self._query(query)
        return bool(getattr(result, "askAnswer", False))

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        result = self._query(query)
        graph = getattr(result, "graph", None)
        if graph is None:
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return list(graph)

    def update(self, update: str) -> None:
        try:
            self.ds.update(update.replace(_FACTS, _DEFAULT))
        except Exception as exc:
            raise StoreError(f"update failed on the memory store: {exc}") from exc

    # rdflib's SPARQL engine takes minutes over FILTER NOT EXISTS on an article of a few
    # thousand triples, so writes and removals use its graph API (same result, same order).
    def write_planned(self, plan: WritePlan) -> None:
        keys = written_keys(plan.todo, self.keys_before(plan))
        facts = self.ds.graph(DATASET_DEFAULT_GRAPH_ID)
        for item in plan.todo:
            if item.iri in plan.existing:
                self._remove(item.iri)
            graph = self.ds.graph(item.iri)
            for s, p, o in item.triples:
                triple = (s, p, _reparsed(o))
                graph.add(triple)
                facts.add(triple)
        self._summarise(keys)

    def _summarise(self, keys: Keys) -> None:
        # one request each: rdflib parses a request of many operations one nesting level
        # deeper per operation (about 60 facts of a batch exhausted Python's recursion limit)
        for operation in summary_update(keys):
            self.update(operation)

    def remove_article(self, iri: URIRef) -> bool:
        if not self.stored_hashes([iri]):
            return False
        keys = touched(self.select, [iri])
        self._remove(iri)
        self._summarise(keys)
        return True

    def _remove(self, iri: URIRef) -> None:
        graph = self.ds.graph(iri)
        facts = self.ds.graph(DATASET_DEFAULT_GRAPH_ID)
        for s, p, o in list(graph):
            holders = {str(getattr(g, "identifier", g)) for *_, g in self.ds.quads((s, p, o, None))}
            if not any(self._is_source(h) and h != str(iri) for h in holders):
                facts.remove((s, p, o))
        self.ds.remove_graph(graph)

    def _is_source(self, name: str) -> bool:
        node = URIRef(name)
        return is_source(name) or (node, RDF.type, KG.LoadedGraph) in self.ds.graph(node)

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        for s, p, o, g in self.ds.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            yield s, p, o, FACTS_GRAPH if name == DATASET_DEFAULT_GRAPH_ID else URIRef(str(name))

    def close(self) -> None:
        self.ds = Dataset()
