"""Numbering at write time: the listing triples of :mod:`kg.model.listing` made for a batch.

A node's number is a hash of its IRI; the rare number another stored node already holds under
the same predicate is bumped to the next free one, so every listed row has a key of its own and
the order of a listing never depends on comparing strings. A node keeps the number it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from rdflib import URIRef
from rdflib.term import Node

from kg.model.listing import LISTING_PREDICATES, listing_triples, next_seq, numbered_nodes

Triple = tuple[Node, Node, Node]
Select = Callable[[str], Iterable[tuple[Node | None, ...]]]
"""A store's SELECT (``Store.select``): kept apart from :mod:`kg.store.base`, which uses this."""

__all__ = ["CHUNK", "unique_values", "with_listing"]

CHUNK = 200
"""Numbers per lookup query (VALUES blocks every server takes)."""


def _holders(select: Select, predicate: URIRef, values: Sequence[int]) -> dict[int, set[Node]]:
    """The stored nodes holding each value under ``predicate``."""
    found: dict[int, set[Node]] = {}
    for start in range(0, len(values), CHUNK):
        chunk = " ".join(str(v) for v in values[start : start + CHUNK])
        rows = select(f"SELECT ?v ?x WHERE {{ VALUES ?v {{ {chunk} }} ?x <{predicate}> ?v }}")
        for v, x in rows:
            if v is not None and x is not None:
                found.setdefault(int(str(v)), set()).add(x)
    return found


def unique_values(select: Select, wanted: Mapping[URIRef, tuple[URIRef, int]]) -> dict[URIRef, int]:
    """Give each node its candidate value, or the next free one when another node of the store
    or of this batch holds it under the same predicate (a node keeps a value it holds)."""
    result: dict[URIRef, int] = {}
    used: set[tuple[URIRef, int]] = set()
    pending = dict(wanted)
    while pending:
        by_predicate: dict[URIRef, list[int]] = {}
        for predicate, value in pending.values():
            by_predicate.setdefault(predicate, []).append(value)
        taken = {
            (predicate, value): nodes
            for predicate, values in by_predicate.items()
            for value, nodes in _holders(select, predicate, sorted(set(values))).items()
        }
        retry: dict[URIRef, tuple[URIRef, int]] = {}
        for node in sorted(pending):
            predicate, value = pending[node]
            others = taken.get((predicate, value), set()) - {node}
            if others or (predicate, value) in used:
                retry[node] = (predicate, next_seq(value))
            else:
                result[node] = value
                used.add((predicate, value))
        pending = retry
    return result


def with_listing(
    select: Select, graphs: Sequence[tuple[URIRef, Sequence[Triple]]]
) -> list[tuple[Triple, ...]]:
    """The triples of each graph (its name and triples) with its listing triples, made anew:
    listing triples a graph read back from the store carries are dropped first."""
    stripped = [
        (iri, tuple(t for t in triples if t[1] not in LISTING_PREDICATES))
        for iri, triples in graphs
    ]
    wanted: dict[URIRef, tuple[URIRef, int]] = {}
    for iri, triples in stripped:
        wanted.update(numbered_nodes(iri, triples))
    numbers = unique_values(select, wanted)
    return [triples + tuple(listing_triples(iri, triples, numbers)) for iri, triples in stripped]
