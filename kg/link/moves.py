"""Rewrites of stored article graphs for the names a batch moves (see :mod:`kg.link.naming`).

A stored name moves when a batch changes its group or its group's node. In each article graph
that writes it, the old node is renamed (the old node's labels there become aliases), its
evidence is replaced, and a name that becomes its own node again gets its label back; a node
all of whose names move is renamed everywhere, its Wikidata links included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Literal, URIRef

from kg.link.evidence import identification, identification_iri
from kg.link.index import NameIndex
from kg.link.naming import NamePlan
from kg.link.renames import Rewrite, holding
from kg.model.iri import name_iri, name_key
from kg.model.terms import IDENTITY_GRAPH, KG, KGR, RDFS, SKOS
from kg.store.base import ARTICLE_PREFIX, Store, term_text

__all__ = ["fullest", "moves_to_rewrite"]

Written = dict[URIRef, list[tuple[URIRef, URIRef, str, str]]]  # node -> (graph, minted, key, label)


def fullest(forms: Iterable[str]) -> str:
    """The fullest of a coded node's forms, as extraction picks its label."""
    return max(forms, key=lambda f: (len(f.split()), len(f), f))


def moves_to_rewrite(store: Store, index: NameIndex, names: NamePlan, work: Rewrite) -> set[URIRef]:
    """Rewrites for the stored names that move or whose evidence changed; returns the nodes
    that gained names (their office holders may now be one person)."""
    if not names.moves:
        return set()
    written = _written(store, index, {m.old for m in names.moves})
    everywhere = holding(store, [m.old for m in names.moves if m.whole and m.old != m.new])
    for move in names.moves:
        graphs = set(everywhere.get(move.old, ()))
        for graph, raw, _, _ in written.get(move.old, ()):
            if raw in move.names:
                graphs.add(graph)
        if move.old != move.new:
            for graph in sorted(graphs):
                work.rename(graph, move.old, move.new, alias=move.old != move.new)
            if move.whole:
                work.links[move.old] = move.new
        for graph, raw, key, label in written.get(move.old, ()):
            if raw not in move.names:
                continue
            work.drop[graph].add(identification_iri(graph, raw))
            why = names.why.get(raw)
            if raw == move.new:  # its own node again: its name is its label again
                work.unalias[graph].add((raw, Literal(label)))
            elif why is not None and why.rule:
                work.add[graph] += identification(graph, raw, key, label, why)
    return {m.new for m in names.moves if m.new != m.old}


def _written(
    store: Store, index: NameIndex, nodes: set[URIRef]
) -> dict[URIRef, list[tuple[URIRef, URIRef, str, str]]]:
    """For each node, the names its article graphs write: (graph, minted IRI, key, label)."""
    found: dict[tuple[URIRef, URIRef, str], tuple[set[str], str | None]] = {}
    ordered = sorted(nodes, key=str)
    for start in range(0, len(ordered), 100):
        values = " ".join(term_text(n) for n in ordered[start : start + 100])
        query = (
            f"SELECT ?n ?g ?k ?l ?f WHERE {{ VALUES ?n {{ {values} }}\n"
            f"  GRAPH ?g {{ ?n <{KG.nameKey}> ?k .\n"
            f"    OPTIONAL {{ ?n <{RDFS.label}>|<{SKOS.altLabel}> ?l }}\n"
            f"    OPTIONAL {{ ?x <{KG.identifies}> ?n ; <{KG.nameKey}> ?k ; <{KG.form}> ?f }} }}\n"
            f'  FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}'
        )
        for n, g, k, written, form in store.select(query):
            if not (isinstance(n, URIRef) and isinstance(g, URIRef)) or k is None:
                continue
            labels, _ = found.setdefault((n, g, str(k)), (set(), None))
            if written is not None and name_key(str(written)) == str(k):
                labels.add(str(written))
            if form is not None:
                found[(n, g, str(k))] = (labels, str(form))
    out: Written = defaultdict(list)
    for (node, graph, key), (labels, own) in sorted(found.items()):
        family = str(node)[len(KGR) :].split("/", 1)[0]
        label = own or (min(labels) if labels else key)
        out[node].append((graph, name_iri(family, key), key, label))
    for n, rows in _written_codes(store, index, ordered).items():
        out[n] += rows
    return out


def _written_codes(
    store: Store, index: NameIndex, nodes: list[URIRef]
) -> dict[URIRef, list[tuple[URIRef, URIRef, str, str]]]:
    """The coded nodes (region-bound bodies) article graphs write under these nodes."""
    seen: dict[tuple[URIRef, URIRef, URIRef], set[str]] = defaultdict(set)
    for start in range(0, len(nodes), 100):
        values = " ".join(term_text(n) for n in nodes[start : start + 100])
        query = (
            f"SELECT ?n ?g ?raw ?l WHERE {{ VALUES ?n {{ {values} }}\n"
            f"  GRAPH ?g {{ ?n <{KG.identifier}> ?c .\n"
            f"    OPTIONAL {{ ?n <{RDFS.label}>|<{SKOS.altLabel}> ?l }} }}\n"
            f"  GRAPH <{IDENTITY_GRAPH}> {{ ?raw <{KG.code}> ?c }}\n"
            f'  FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}'
        )
        for n, g, raw, label in store.select(query):
            if isinstance(n, URIRef) and isinstance(g, URIRef) and isinstance(raw, URIRef):
                labels = seen[(n, g, raw)]
                if label is not None:
                    labels.add(str(label))
    records = index.records({raw for _, _, raw in seen})
    out: Written = defaultdict(list)
    for (node, graph, minted), labels in sorted(seen.items()):
        forms = records[minted].forms if minted in records else set()
        own = [text for text in labels if name_key(text) in forms]
        if own:
            chosen = fullest(own)
            out[node].append((graph, minted, name_key(chosen), chosen))
    return out
