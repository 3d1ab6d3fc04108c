"""Rewrite stored article graphs when resolution moves a name (or a person) to another node.

A later article can change what earlier ones resolved to: a name that joins two groups, a
homonym that makes a person's plain IRI ambiguous. Resolution depends only on the corpus, so
the stored graphs are rewritten to what they would be had the articles come in another order:
each moved node is renamed in every article graph that holds it (the closeMatch triples of
other articles included), its Wikidata links in the links graph follow it, and the evidence
(``kg:Identification``) of each moved name is replaced. All rewritten graphs are written in
one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from kg.model.iri import position_iri
from kg.model.listing import with_label_keys
from kg.model.terms import KG, LINKS_GRAPH, RDFS, RELATIONS, SKOS
from kg.store.base import ARTICLE_PREFIX, ArticleGraph, Store, WritePlan, term_text

__all__ = ["Rewrite", "apply", "holding", "read_graphs", "rewrite"]

Triple = tuple[Node, Node, Node]
CHUNK = 100
SYMMETRIC = frozenset(spec.iri for spec in RELATIONS.values() if spec.symmetric)


_LABEL, _ALIAS, _CLOSE = RDFS.label, SKOS.altLabel, SKOS.closeMatch
_HOLDER, _OFFICE, _POST = KG.holder, KG.office, KG.post


def rewrite(
    item: ArticleGraph,
    mapping: dict[URIRef, URIRef],
    extra: Iterable[Triple] = (),
    merged: Set[URIRef] = frozenset(),
) -> ArticleGraph:
    """The article graph with nodes renamed; office holdings re-minted for their new holder.

    The labels of ``merged`` nodes (merged into another) become aliases of it.
    """
    added = list(extra)
    if not mapping:  # nothing renamed: the triples stay, the new ones follow
        return (
            ArticleGraph(item.iri, item.triples + tuple(dict.fromkeys(added)), item.content_hash)
            if added
            else item
        )
    triples: list[Triple] = []
    positions: set[Node] = set()
    for triple in item.triples:
        s, p, o = triple
        s2 = mapping.get(s, s)  # type: ignore[call-overload]
        o2 = mapping.get(o, o)  # type: ignore[call-overload]
        if s2 is s and o2 is o:
            triples.append(triple)
            continue
        if s in merged and p == _LABEL:
            p = _ALIAS
        if p in SYMMETRIC and str(o2) < str(s2):
            s2, o2 = o2, s2
        if p == _CLOSE:
            if s2 == o2:
                continue  # two candidates merged into one
            if str(o2) < str(s2):
                s2, o2 = o2, s2  # one direction, so two articles state one triple
        if p in (_HOLDER, _POST):
            positions.add(s)
        triples.append((s2, p, o2))
    if positions:
        triples = _reminted(triples, positions)
    triples += added
    return ArticleGraph(item.iri, tuple(dict.fromkeys(triples)), item.content_hash)


def _reminted(triples: list[Triple], positions: set[Node]) -> list[Triple]:
    """Office holdings whose holder or post was renamed get the IRI their parts now give."""
    parts: dict[Node, dict[Node, Node]] = {}
    for s, p, o in triples:
        if s in positions and p in (_HOLDER, _OFFICE, _POST):
            parts.setdefault(s, {})[p] = o
    moved: dict[Node, Node] = {}
    for node, got in parts.items():
        if len(got) == 3:
            new = position_iri(str(got[_HOLDER]), str(got[_OFFICE]), str(got[_POST]))
            if new != node:
                moved[node] = new
    if not moved:
        return triples
    return [(moved.get(s, s), p, moved.get(o, o)) for s, p, o in triples]


@dataclass
class Rewrite:
    """What to change in some stored article graphs: per graph, nodes to rename, evidence
    subjects to drop, closeMatch triples to restate, aliases to turn back into labels."""

    renames: dict[URIRef, dict[URIRef, URIRef]] = field(default_factory=dict)  # graph -> map
    aliased: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    drop: dict[URIRef, set[Node]] = field(default_factory=lambda: defaultdict(set))  # subjects
    unclose: dict[URIRef, set[Node]] = field(default_factory=lambda: defaultdict(set))
    unalias: dict[URIRef, set[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(set))
    add: dict[URIRef, list[Triple]] = field(default_factory=lambda: defaultdict(list))
    links: dict[URIRef, URIRef] = field(default_factory=dict)  # whole renames: old -> new

    def rename(self, graph: URIRef, old: URIRef, new: URIRef, *, alias: bool = False) -> None:
        """Rename ``old`` in ``graph``; with ``alias`` its labels there become aliases of new."""
        self.renames.setdefault(graph, {})[old] = new
        if alias:
            self.aliased[graph].add(old)

    def graphs(self) -> set[URIRef]:
        named = set(self.renames) | set(self.add) | set(self.drop)
        return named | set(self.unclose) | set(self.unalias)

    def __bool__(self) -> bool:
        return bool(self.graphs() or self.links)

    def change(self, item: ArticleGraph) -> ArticleGraph:
        """One stored graph with this rewrite's changes made."""
        g = item.iri
        dropped = self.drop.get(g, set())
        kept = ArticleGraph(
            g, tuple(t for t in item.triples if t[0] not in dropped), item.content_hash
        )
        renamed = rewrite(kept, self.renames.get(g, {}), (), self.aliased.get(g, set()))
        unclose = self.unclose.get(g, set())
        unalias = self.unalias.get(g, set())
        triples: list[Triple] = []
        for s, p, o in renamed.triples:
            if p == _CLOSE and (s in unclose or o in unclose):
                continue
            triples.append((s, _LABEL if p == _ALIAS and (s, o) in unalias else p, o))
        triples += self.add.get(g, ())
        return ArticleGraph(g, tuple(dict.fromkeys(triples)), item.content_hash)


def holding(store: Store, nodes: Iterable[URIRef]) -> dict[URIRef, set[URIRef]]:
    """The article graphs naming each node anywhere (subject or object)."""
    out: dict[URIRef, set[URIRef]] = defaultdict(set)
    ordered = sorted(set(nodes))
    for start in range(0, len(ordered), CHUNK):
        values = " ".join(term_text(n) for n in ordered[start : start + CHUNK])
        query = (
            f"SELECT DISTINCT ?n ?g WHERE {{ VALUES ?n {{ {values} }}\n"
            f"  {{ GRAPH ?g {{ ?n ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p ?n }} }}\n"
            f'  FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}'
        )
        for n, g in store.select(query):
            if isinstance(n, URIRef) and isinstance(g, URIRef):
                out[n].add(g)
    return out


def read_graphs(store: Store, graphs: Sequence[URIRef]) -> list[ArticleGraph]:
    """Stored article graphs, whole."""
    triples: dict[URIRef, list[Triple]] = defaultdict(list)
    for start in range(0, len(graphs), CHUNK):
        values = " ".join(term_text(g) for g in graphs[start : start + CHUNK])
        rows = store.select(
            f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        for g, s, p, o in rows:
            if isinstance(g, URIRef) and s is not None and p is not None and o is not None:
                triples[g].append((s, p, o))
    out = []
    for g in graphs:
        found = triples.get(g, [])
        content = next((str(o) for s, p, o in found if s == g and p == KG.contentHash), "")
        out.append(ArticleGraph(g, tuple(found), content))
    return out


def apply(store: Store, work: Rewrite, *, skip: Set[URIRef] = frozenset()) -> int:
    """Rewrite the stored graphs ``work`` names (but those in ``skip``); returns how many."""
    graphs = sorted(g for g in work.graphs() - set(skip) if str(g).startswith(ARTICLE_PREFIX))
    items = [work.change(item) for item in read_graphs(store, graphs) if item.triples]
    # labels moved to other nodes or became aliases: their lookup keys follow them
    items = [ArticleGraph(i.iri, with_label_keys(i.triples), i.content_hash) for i in items]
    if items:
        existing = frozenset(i.iri for i in items)
        store.write_planned(WritePlan({i.iri: "changed" for i in items}, tuple(items), existing))
    for old, new in sorted(work.links.items()):
        store.update(
            f"DELETE {{ GRAPH <{LINKS_GRAPH}> {{ <{old}> ?p ?o }} }}\n"
            f"INSERT {{ GRAPH <{LINKS_GRAPH}> {{ <{new}> ?p ?o }} }}\n"
            f"WHERE {{ GRAPH <{LINKS_GRAPH}> {{ <{old}> ?p ?o }} }}"
        )
    return len(items)
