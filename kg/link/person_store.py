"""The store queries of person resolution: clusters, their office mentions, one-word names.

Every query reads article graphs (``GRAPH ?g``, never the facts graph) where it needs to know
what one article says, and the facts graph where a node's evidence across articles is enough.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from urllib.parse import unquote

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.link.article import ANCHOR_IRIS, OFFICE_IRIS, family_of
from kg.link.index import NameIndex
from kg.link.offices import Office
from kg.link.renames import holding
from kg.model.iri import is_scoped, name_iri, name_key
from kg.model.terms import IDENTITY_GRAPH, KG, KGR, RDFS, SKOS, local_name
from kg.store.base import Store, term_text

__all__ = ["PersonStore", "StoredMention", "key_of"]

Triple = tuple[Node, Node, Node]
CHUNK = 200


class StoredMention:
    """A stored node (or one article's mention) with its offices and anchors."""

    def __init__(self, article: URIRef | None, node: URIRef, key: str, label: str = "") -> None:
        self.article = article
        self.node = node
        self.key = key
        self.label = label
        self.offices: set[Office] = set()
        self.anchors: set[Node] = set()


class PersonStore:
    """What the store holds about persons, for :class:`kg.link.persons.PersonLinker`."""

    def __init__(self, store: Store, index: NameIndex, excluded: Iterable[URIRef] = ()) -> None:
        self.store = store
        self.index = index
        self.excluded = set(excluded)  # split-off nodes: the user's, never a cluster
        self.indexed: set[str] = set()  # name keys whose token index is written

    def stored(self, keys: Sequence[str]) -> dict[str, list[StoredMention]]:
        """The person nodes of these name keys, with their offices and anchors."""
        out: dict[str, dict[URIRef, StoredMention]] = defaultdict(dict)
        anchors = _values(sorted(ANCHOR_IRIS))
        for start in range(0, len(keys), CHUNK):
            values = _values(Literal(k) for k in keys[start : start + CHUNK])
            query = (
                f"SELECT ?k ?e ?p ?o WHERE {{ VALUES ?k {{ {values} }} ?e <{KG.nameKey}> ?k .\n"
                f"  OPTIONAL {{ VALUES ?p {{ {anchors} }} ?e ?p ?o }} }}"
            )
            for k, e, p, o in self.store.select(query):
                if not isinstance(e, URIRef) or k is None or not self.cluster_node(e):
                    continue
                found = out[str(k)].setdefault(e, StoredMention(None, e, str(k)))
                if p is not None and p in OFFICE_IRIS and o is not None:
                    found.offices.add((p, o))
                if p is not None and o is not None:
                    found.anchors.add(o)
        return {k: sorted(v.values(), key=lambda m: str(m.node)) for k, v in out.items()}

    def cluster_node(self, node: URIRef) -> bool:
        return (
            family_of(str(node)) == "person"
            and not is_scoped(str(node))
            and node not in self.excluded
        )

    def graphs_with_office(self, node: URIRef) -> list[URIRef]:
        rows = self.store.select(
            f"SELECT DISTINCT ?g WHERE {{ VALUES ?p {{ {_values(sorted(OFFICE_IRIS))} }}\n"
            f"  GRAPH ?g {{ <{node}> ?p ?o }} FILTER(?g != <{FACTS}>) }}"
        )
        return sorted(g for (g,) in rows if isinstance(g, URIRef) and _article(g))

    def graphs_holding(self, node: URIRef) -> list[URIRef]:
        return sorted(holding(self.store, [node]).get(node, ()))

    def office_anchors(self, key: str, nodes: Iterable[URIRef]) -> dict[URIRef, set[Node]]:
        """What the office mentions of these stored nodes say they work for or belong to."""
        chosen = sorted(set(nodes))
        if not chosen:
            return {}
        query = (
            f"SELECT DISTINCT ?e ?y WHERE {{ VALUES ?e {{ {_values(chosen)} }}\n"
            f"  VALUES ?op {{ {_values(sorted(OFFICE_IRIS))} }}\n"
            f"  VALUES ?ap {{ {_values(sorted(ANCHOR_IRIS))} }}\n"
            f"  GRAPH ?g {{ ?e <{KG.nameKey}> {term_text(Literal(key))} ; ?op ?x ; ?ap ?y }}\n"
            f"  FILTER(STRSTARTS(STR(?g), '{KGR}article/')) }}"
        )
        out: dict[URIRef, set[Node]] = defaultdict(set)
        for e, y in self.store.select(query):
            if isinstance(e, URIRef) and y is not None:
                out[e].add(y)
        return out

    def office_graphs(self, key: str) -> list[tuple[URIRef, URIRef, str]]:
        """Stored mentions of a name key whose article gives an office: (graph, node, label)."""
        query = (
            f"SELECT DISTINCT ?g ?e ?l WHERE {{ VALUES ?op {{ {_values(sorted(OFFICE_IRIS))} }}\n"
            f"  GRAPH ?g {{ ?e <{KG.nameKey}> {term_text(Literal(key))} ; ?op ?x ;"
            f" <{RDFS.label}> ?l }} FILTER(?g != <{FACTS}>) }}"
        )
        found: dict[tuple[URIRef, URIRef], str] = {}
        for g, e, label in self.store.select(query):
            if (
                isinstance(g, URIRef)
                and isinstance(e, URIRef)
                and _article(g)
                and self.cluster_node(e)
            ):
                found[(g, e)] = min(found.get((g, e), str(label)), str(label))
        return [(g, e, label) for (g, e), label in sorted(found.items())]

    def free_mentions(self, key: str) -> list[tuple[URIRef, URIRef, set[Node], str]]:
        """Stored mentions of a name key whose article gives no office:
        (graph, node, anchors, label)."""
        query = (
            f"SELECT ?g ?e ?y ?l WHERE {{ GRAPH ?g {{ ?e <{KG.nameKey}> {term_text(Literal(key))} ;"
            f" <{RDFS.label}> ?l .\n"
            f"  OPTIONAL {{ VALUES ?ap {{ {_values(sorted(ANCHOR_IRIS))} }} ?e ?ap ?y }} }}\n"
            f"  FILTER NOT EXISTS {{ VALUES ?op {{ {_values(sorted(OFFICE_IRIS))} }}\n"
            f"    GRAPH ?g {{ ?e ?op ?z }} }} FILTER(?g != <{FACTS}>) }}"
        )
        found: dict[tuple[URIRef, URIRef], tuple[set[Node], str]] = {}
        for g, e, y, label in self.store.select(query):
            if not (isinstance(g, URIRef) and isinstance(e, URIRef) and _article(g)):
                continue
            if not self.cluster_node(e):
                continue
            anchors, first = found.setdefault((g, e), (set(), str(label)))
            found[(g, e)] = (anchors, min(first, str(label)))
            if y is not None:
                anchors.add(y)
        return [(g, e, a, label) for (g, e), (a, label) in sorted(found.items())]

    def stored_singles(self, wanted: set[tuple[str, Node, Node]]) -> list[StoredMention]:
        """Stored one-word names holding one of these (word, office, post)."""
        rows = sorted(wanted, key=str)
        hits: set[tuple[URIRef, URIRef, str]] = set()
        for start in range(0, len(rows), CHUNK):
            values = " ".join(
                f"({term_text(Literal(t))} {term_text(p)} {term_text(o)})"
                for t, p, o in rows[start : start + CHUNK]
            )
            query = (
                f"SELECT DISTINCT ?g ?e ?t WHERE {{ VALUES (?t ?p ?o) {{ {values} }}\n"
                f"  GRAPH ?g {{ ?e <{KG.nameKey}> ?t ; ?p ?o }} FILTER(?g != <{FACTS}>) }}"
            )
            for g, e, t in self.store.select(query):
                if isinstance(g, URIRef) and isinstance(e, URIRef) and _article(g):
                    hits.add((g, e, str(t)))
        out = []
        for graph, node, word in sorted(hits):
            mention = StoredMention(graph, node, word)
            query = f"SELECT ?p ?o WHERE {{ GRAPH <{graph}> {{ <{node}> ?p ?o }} }}"
            for p, o in self.store.select(query):
                if p is None or o is None:
                    continue
                if p in OFFICE_IRIS:
                    mention.offices.add((p, o))
                elif p in (RDFS.label, SKOS.altLabel) and name_key(str(o)) == word:
                    mention.label = mention.label or str(o)
            out.append(mention)
        return out

    def keys_with_tokens(self, words: set[str]) -> set[str]:
        found = self.index.lookup({f"person|{t}" for t in words})
        return {key_of(iri) for iri in found if family_of(str(iri)) == "person"}

    def index_triples(self, keys: Sequence[str]) -> list[Triple]:
        """Token index triples for the full names not indexed yet."""
        iris = {name_iri("person", k): k for k in keys if k not in self.indexed}
        self.indexed |= set(keys)
        known: set[URIRef] = set()
        ordered = sorted(iris)
        for start in range(0, len(ordered), CHUNK):
            query = (
                f"SELECT ?s WHERE {{ VALUES ?s {{ {_values(ordered[start : start + CHUNK])} }}\n"
                f"  GRAPH <{IDENTITY_GRAPH}> {{ ?s <{KG.nameKey}> ?k }} }}"
            )
            known |= {s for (s,) in self.store.select(query) if isinstance(s, URIRef)}
        out: list[Triple] = []
        for iri in ordered:
            if iri not in known:
                out.append((iri, KG.nameKey, Literal(iris[iri])))
                out += [
                    (iri, KG.indexKey, Literal(f"person|{t}"))
                    for t in sorted(set(tokens(iris[iri])))
                ]
        return out


FACTS = KGR["graph/facts"]


def _article(graph: URIRef) -> bool:
    return str(graph).startswith(str(KGR["article/"]))


def _values(terms: Iterable[Node]) -> str:
    return " ".join(term_text(t) for t in terms)


def key_of(iri: URIRef) -> str:
    """The name key a person's plain IRI was minted from."""
    return unquote(local_name(iri)).replace("-", " ")


def tokens(key: str) -> list[str]:
    """The words of a full name a one-word name may be (three letters or more)."""
    return [t for t in key.split() if len(t) >= 3 and t.isalpha()]
