"""The identity graph: cross-article resolution's token index of names, kept in the store.

For every organisation, place and event name (and every coded node a name may join) the graph
:data:`~kg.model.terms.IDENTITY_GRAPH` holds one record: the name key, the keys of every form
the articles wrote, the classes they gave, the codes of the regions they named beside it and
its index keys (:func:`kg.link.names.index_keys`). Records only grow, so writing them is an
insert. Finding the names a new name may join is one lookup of its index keys, whatever the
size of the store. The graph is not a source of the facts graph; removing an article leaves its
names' records, which then join nothing unless some article still names them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.link.article import family_of
from kg.link.variants import Decision, NameRecord
from kg.model.iri import name_iri
from kg.model.terms import IDENTITY_GRAPH, KG, LINKS_GRAPH, OWL, WD
from kg.store.base import Store, term_text

__all__ = ["NameIndex", "index_triples"]

CHUNK = 200
"""Values per lookup query: keeps each query small enough for every server."""

Triple = tuple[Node, Node, Node]


def _values(terms: Iterable[Node]) -> str:
    return " ".join(term_text(t) for t in terms)


def _ordered(iris: Iterable[URIRef]) -> list[URIRef]:
    return [URIRef(i) for i in sorted(map(str, set(iris)))]


def _chunks(items: Sequence[Node]) -> Iterable[Sequence[Node]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def index_triples(record: NameRecord, keys: Iterable[str]) -> list[Triple]:
    """The identity graph's triples for a record (all of them; the store keeps each once)."""
    s = record.iri
    out: list[Triple] = [] if record.code else [(s, KG.nameKey, Literal(record.key))]
    out += [(s, KG.form, Literal(f)) for f in sorted(record.forms)]
    out += [(s, KG.entityClass, KG[c]) for c in sorted(record.classes)]
    out += [(s, KG.context, Literal(c)) for c in sorted(record.contexts)]
    out += [(s, KG.indexKey, Literal(f"{record.family}|{k}")) for k in sorted(keys)]
    out += [(s, KG.seenApart, other) for other in sorted(record.apart, key=str)]
    if record.code:
        out.append((s, KG.code, Literal(record.code)))
    return out


@dataclass
class NameIndex:
    """Reads and writes the identity graph of one store."""

    store: Store

    def records(self, iris: Iterable[URIRef]) -> dict[URIRef, NameRecord]:
        """The stored records of these names and coded nodes."""
        out: dict[URIRef, NameRecord] = {}
        props = _values([KG.nameKey, KG.form, KG.entityClass, KG.context, KG.code, KG.seenApart])
        for chunk in _chunks(_ordered(iris)):
            query = (
                f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(chunk)} }}\n"
                f"  VALUES ?p {{ {props} }} GRAPH <{IDENTITY_GRAPH}> {{ ?s ?p ?o }} }}"
            )
            for s, p, o in self.store.select(query):
                if not isinstance(s, URIRef) or o is None:
                    continue
                family = family_of(str(s)) or ""
                record = out.setdefault(s, NameRecord(s, family, ""))
                _add(record, p, o)
        for record in out.values():
            if record.code and record.forms:
                record.key = min(record.forms)  # a coded node's name: its first form
        return {iri: r for iri, r in out.items() if r.key}

    def lookup(self, keys: Iterable[str]) -> set[URIRef]:
        """Names and coded nodes holding any of these index keys (``family|key``)."""
        found: set[URIRef] = set()
        for chunk in _chunks([Literal(k) for k in sorted(set(keys))]):
            query = (
                f"SELECT DISTINCT ?s WHERE {{ VALUES ?k {{ {_values(chunk)} }}\n"
                f"  GRAPH <{IDENTITY_GRAPH}> {{ ?s <{KG.indexKey}> ?k }} }}"
            )
            found |= {s for (s,) in self.store.select(query) if isinstance(s, URIRef)}
        return found

    def nodes(
        self, records: Iterable[NameRecord], *, excluded: Set[URIRef] = frozenset()
    ) -> dict[URIRef, URIRef]:
        """The node each name or coded node is now, among those an article still names (a
        node the user split off, in ``excluded``, holds the name only in its articles)."""
        by_key: dict[tuple[str, str], URIRef] = {}
        by_code: dict[str, URIRef] = {}
        iris: list[URIRef] = []
        for r in records:
            iris.append(r.iri)
            if r.code:
                by_code[r.code] = r.iri
            else:
                by_key[(r.family, r.key)] = r.iri
        out: dict[URIRef, URIRef] = {}
        for chunk in _chunks(_ordered(iris)):  # itself, where an article names it
            query = (
                f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {_values(chunk)} }}"
                f" ?a <{KG.mentions}> ?e }}"
            )
            out |= {e: e for (e,) in self.store.select(query) if isinstance(e, URIRef)}
        literals = [Literal(k) for k in sorted({k for _, k in by_key})]
        for chunk in _chunks(literals):  # or the node it was resolved into
            query = (
                f"SELECT ?k ?e WHERE {{ VALUES ?k {{ {_values(chunk)} }} ?e <{KG.nameKey}> ?k }}"
            )
            for k, e in self.store.select(query):
                raw = by_key.get((family_of(str(e)) or "", str(k)))
                if raw is None or raw in out or not isinstance(e, URIRef) or e in excluded:
                    continue
                out[raw] = e
        for chunk in _chunks([Literal(c) for c in sorted(by_code)]):
            query = (
                f"SELECT ?c ?e WHERE {{ VALUES ?c {{ {_values(chunk)} }} ?e <{KG.identifier}> ?c }}"
            )
            for c, e in self.store.select(query):
                raw = by_code.get(str(c))
                if raw is not None and raw not in out and isinstance(e, URIRef):
                    out[raw] = e
        return out

    def members(self, nodes: Iterable[URIRef]) -> dict[URIRef, set[URIRef]]:
        """The names and coded nodes each of these nodes now holds (itself included)."""
        out: dict[URIRef, set[URIRef]] = {}
        for chunk in _chunks(_ordered(nodes)):
            query = (
                f"SELECT ?e ?k ?c WHERE {{ VALUES ?e {{ {_values(chunk)} }}\n"
                f"  {{ ?e <{KG.nameKey}> ?k }} UNION {{ ?e <{KG.identifier}> ?c }} }}"
            )
            for e, k, c in self.store.select(query):
                if not isinstance(e, URIRef):
                    continue
                held = out.setdefault(e, {e})
                if k is not None:
                    held.add(name_iri(family_of(str(e)) or "", str(k)))
                if c is not None:
                    held |= self._coded(str(c))
        return out

    def _coded(self, code: str) -> set[URIRef]:
        code_text = term_text(Literal(code))
        rows = self.store.select(
            f"SELECT ?s WHERE {{ GRAPH <{IDENTITY_GRAPH}> {{ ?s <{KG.code}> {code_text} }} }}"
        )
        return {s for (s,) in rows if isinstance(s, URIRef)}

    def qids(self, iris: Iterable[URIRef]) -> dict[URIRef, set[str]]:
        """Wikidata items these nodes are the same as (shipped table or `kg link`)."""
        out: dict[URIRef, set[str]] = {}
        for chunk in _chunks(_ordered(iris)):
            query = (
                f"SELECT ?e ?q WHERE {{ VALUES ?e {{ {_values(chunk)} }}\n"
                f"  {{ ?e <{OWL.sameAs}> ?q }}\n"
                f"  UNION {{ GRAPH <{LINKS_GRAPH}> {{ ?e <{OWL.sameAs}> ?q }} }}\n"
                f"  FILTER(STRSTARTS(STR(?q), '{WD}')) }}"
            )
            for e, q in self.store.select(query):
                if isinstance(e, URIRef) and q is not None:
                    out.setdefault(e, set()).add(str(q)[len(WD) :])
        return out

    def evidence(self, wanted: dict[URIRef, tuple[str, URIRef]]) -> dict[URIRef, Decision]:
        """Why each name (by key) is the given node, from an earlier article's evidence."""
        by_pair = {(key, node): raw for raw, (key, node) in wanted.items()}
        out: dict[URIRef, Decision] = {}
        pairs = sorted(by_pair, key=str)
        for start in range(0, len(pairs), CHUNK):
            values = " ".join(
                f"({term_text(Literal(k))} {term_text(n)})" for k, n in pairs[start : start + CHUNK]
            )
            query = (
                f"SELECT ?k ?n ?rule ?m WHERE {{ VALUES (?k ?n) {{ {values} }}\n"
                f"  ?x <{KG.nameKey}> ?k ; <{KG.identifies}> ?n ; <{KG.rule}> ?rule ;"
                f" <{KG.matchedForm}> ?m }}"
            )
            for k, n, rule, m in self.store.select(query):
                if not isinstance(n, URIRef):
                    continue
                raw = by_pair.get((str(k), n))
                if raw is not None and raw not in out:
                    out[raw] = Decision(n, str(rule), str(m), str(k))
        return out

    def write(self, triples: Sequence[Triple]) -> None:
        """Add records (one insert; the store keeps each triple once)."""
        for start in range(0, len(triples), 5000):
            lines = " .\n".join(
                " ".join(term_text(t) for t in triple) for triple in triples[start : start + 5000]
            )
            self.store.update(f"INSERT DATA {{ GRAPH <{IDENTITY_GRAPH}> {{\n{lines} .\n}} }}")


_FIELDS = {
    str(KG.nameKey): "key",
    str(KG.form): "form",
    str(KG.entityClass): "class",
    str(KG.context): "context",
    str(KG.code): "code",
    str(KG.seenApart): "apart",
}
_CLASS_PREFIX = len(str(KG))


def _add(record: NameRecord, p: Node | None, o: Node) -> None:
    field = _FIELDS.get(str(p))
    if field == "key":
        record.key = str(o)
    elif field == "form":
        record.forms.add(str(o))
    elif field == "class":
        record.classes.add(str(o)[_CLASS_PREFIX:])
    elif field == "context":
        record.contexts.add(str(o))
    elif field == "code":
        record.code = str(o)
    elif field == "apart" and isinstance(o, URIRef):
        record.apart.add(o)
