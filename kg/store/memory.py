"""The ``memory`` store: an rdflib Dataset, for tests, notebooks and small graphs.

rdflib is kg's modelling and serialisation layer; as a store it is fine up to a few thousand
articles (see the README for the measured limits) and lets users keep rdflib's whole API.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.model.terms import FACTS_GRAPH, KG, PROV, RDF, XSD
from kg.store.base import Rows, Store, WritePlan, is_source, written_keys
from kg.store.summary import CREDITS, Keys, fact_iri, holding, summary_update, touched

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
        """Recount the summaries of these keys with the graph API: what
        :func:`~kg.store.summary.summary_update` computes, by lookups of each key's own
        triples, where rdflib's SPARQL engine joins by nested loops (a build of 200 articles
        spent 27 of its 30 s there). A holding dated other than by ``xsd:date`` and a key that
        is not an integer keep the SPARQL recount (SPARQL's MIN and MAX then follow other
        rules than Python's)."""
        facts = self.ds.graph(DATASET_DEFAULT_GRAPH_ID)
        rest = Keys()
        for entity in keys.entities:
            if isinstance(entity, URIRef) and not _count_entity(facts, entity):
                rest.entities.add(entity)
        for fact in keys.facts:
            if all(isinstance(n, URIRef) for n in fact) and not _count_fact(facts, fact):
                rest.facts.add(fact)
        for position in keys.positions:
            if isinstance(position, URIRef) and not _count_position(facts, position):
                rest.positions.add(position)
        # one request each: rdflib parses a request of many operations one nesting level
        # deeper per operation (about 60 facts of a batch exhausted Python's recursion limit)
        for operation in summary_update(rest):
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


# -- the kept summaries, counted by lookups (the semantics of kg.store.summary's updates) --
_ENTITY_KEPT = (KG.mentionCount, KG.storyCount, KG.mentionTie)
_SPANS = {  # a holding's kept days: how each is picked, from which of its own triples
    KG.firstAttested: (min, (KG.heldFrom, KG.attestedOn)),
    KG.lastAttested: (max, (KG.heldUntil, KG.attestedOn)),
    KG.lastSeen: (max, (KG.attestedOn,)),
    KG.formerSince: (min, (KG.formerAsOf,)),
}


def _largest(values: Iterable[Node]) -> Node | None:
    """The value SPARQL's MAX gives of integer literals (None when one is not an integer)."""
    numbers = [(v.toPython(), v) for v in values if isinstance(v, Literal)]
    if not numbers or not all(isinstance(n, int) for n, _ in numbers):
        return None
    return max(numbers, key=lambda pair: pair[0])[1]


def _count_entity(facts: Graph, entity: URIRef) -> bool:
    """``mentionCount`` (articles with a key naming it), ``storyCount`` (those not crediting
    it as author, editor or publisher) and ``mentionTie`` (their largest key); False (and
    nothing changed) when a key is not an integer."""
    naming = set(facts.subjects(KG.mentions, entity))
    keys = {a: list(facts.objects(a, KG.articleKey)) for a in naming}
    found = [k for values in keys.values() for k in values]
    tie = _largest(found)
    if found and tie is None:
        return False
    for predicate in _ENTITY_KEPT:
        facts.remove((entity, predicate, None))
    counted = sum(1 for values in keys.values() if values)
    if counted and tie is not None:
        credited = sum(1 for a in naming if any((a, c, entity) in facts for c in CREDITS))
        facts.add((entity, KG.mentionCount, Literal(counted)))
        facts.add((entity, KG.storyCount, Literal(counted - credited)))
        facts.add((entity, KG.mentionTie, tie))
    return True


def _count_fact(facts: Graph, fact: tuple[Node, Node, Node]) -> bool:
    """The fact's node: its parts, ``supportCount`` (articles whose statements of it carry a
    key), ``supportTie`` (their largest key) and its holding, when the fact is stored; False
    (and nothing changed) when a key is not an integer."""
    s, p, o = fact
    articles: set[Node] = set()
    keys: list[Node] = []
    if fact in facts:
        for statement in facts.subjects(RDF.subject, s):
            said = (statement, RDF.predicate, p) in facts and (statement, RDF.object, o) in facts
            if not said:
                continue
            found = list(facts.objects(statement, PROV.wasDerivedFrom))
            numbers = list(facts.objects(statement, KG.statementKey))
            if found and numbers:
                articles.update(found)
                keys += numbers
    tie = _largest(keys)
    if keys and tie is None:
        return False
    node = fact_iri(*fact)
    facts.remove((node, None, None))
    if not articles or tie is None:
        return True
    for triple in (
        (node, KG.factSubject, s),
        (node, KG.factPredicate, p),
        (node, KG.factObject, o),
        (node, KG.supportCount, Literal(len(articles))),
        (node, KG.supportTie, tie),
    ):
        facts.add(triple)
    held = holding(fact)
    if held is not None:
        facts.add((node, KG.holding, held))
    return True


def _count_position(facts: Graph, position: URIRef) -> bool:
    """A holding's ``supportCount`` and the first and last days it is attested; False (and
    nothing changed) when a day is not an ``xsd:date``."""
    days = {
        name: [d for p in read for d in facts.objects(position, p)]
        for name, (_, read) in _SPANS.items()
    }
    if not all(_is_date(d) for found in days.values() for d in found):
        return False
    for predicate in (KG.supportCount, *_SPANS):
        facts.remove((position, predicate, None))
    articles = {
        a
        for statement in facts.subjects(KG.position, position)
        for a in facts.objects(statement, PROV.wasDerivedFrom)
    }
    if articles:
        facts.add((position, KG.supportCount, Literal(len(articles))))
    for name, (pick, _) in _SPANS.items():
        if days[name]:
            facts.add((position, name, pick(days[name], key=str)))
    return True


def _is_date(value: Node) -> bool:
    return isinstance(value, Literal) and value.datatype == XSD.date and value.value is not None
