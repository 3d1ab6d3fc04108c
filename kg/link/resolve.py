"""Cross-article identity: which node of the store an extracted person becomes.

Extraction mints IRIs from names (:func:`kg.model.iri.entity_iri`): regions by Kemendagri code,
countries by ISO code, bodies bound to a region by head and code, everything else by its
normalised full name, and one-word person names only inside their article. Names alone merge
homonyms, so before a batch is written the :class:`Linker` checks every full person name
against the nodes already known under the same name key (``kg:nameKey``, in the store and
earlier in the build) and the evidence each has:

* offices (``mayorOf`` ... ``headOf``): two holders of unrelated offices are two people;
  offices of the same place or of places nested by their codes ("Wali Kota Bandung",
  "Gubernur Jawa Barat") are compatible, a career;
* offices, employers and memberships in common pick between several candidates.

A compatible single candidate, or the one sharing the most evidence, gives the node; when none
is compatible, or several are equally so, the mention gets a node of its own
(``person/<name>~2``) with ``skos:closeMatch`` to each candidate, so the user sees the
ambiguity instead of a wrong merge. The user's curation decisions
(:mod:`kg.link.curation`) override all of this: merged nodes map to their target, split
articles map to their split-off node.

Resolution depends on what the store already holds, so the order articles arrive in can
matter for homonyms; re-reading an unchanged article changes nothing (it is skipped before
extraction), and a changed one finds its own earlier node as a candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model.iri import is_scoped, position_iri
from kg.model.rdf import OFFICES
from kg.model.terms import CURATION_GRAPH, KG, KGR, OWL, RDFS, RELATIONS, SKOS
from kg.store.base import ArticleGraph, Store, term_text

__all__ = ["Evidence", "Linker", "compatible", "rewrite"]

Triple = tuple[Node, Node, Node]

OFFICE_IRIS = frozenset(RELATIONS[name].iri for name in OFFICES)
ANCHOR_IRIS = OFFICE_IRIS | {RELATIONS["worksFor"].iri, RELATIONS["memberOf"].iri}
SYMMETRIC = frozenset(spec.iri for spec in RELATIONS.values() if spec.symmetric)
KEYS_CHUNK = 200


@dataclass
class Evidence:
    """What is known of one person node: its offices' posts and every post, employer and body."""

    offices: set[URIRef] = field(default_factory=set)
    anchors: set[URIRef] = field(default_factory=set)

    def add(self, predicate: Node, obj: Node) -> None:
        if not isinstance(obj, URIRef):
            return
        if predicate in OFFICE_IRIS:
            self.offices.add(obj)
        if predicate in ANCHOR_IRIS:
            self.anchors.add(obj)

    def update(self, other: Evidence) -> None:
        self.offices |= other.offices
        self.anchors |= other.anchors


def _region(iri: str) -> str | None:
    """The Kemendagri code a place or a region-bound body is named by, if any."""
    parts = iri.removeprefix(str(KGR)).split("/")
    if len(parts) >= 3 and parts[1] == "kemendagri":
        return parts[2]
    return None


def related(a: URIRef, b: URIRef) -> bool:
    """The same node, or places/bodies of one region or of regions nested by their codes.

    >>> p = "https://w3id.org/kg-indonesia/id/place/kemendagri/"
    >>> bandung, jabar, jogja = (URIRef(p + c) for c in ("32.73", "32", "34"))
    >>> related(bandung, jabar), related(bandung, jogja)
    (True, False)
    """
    if a == b:
        return True
    ra, rb = _region(str(a)), _region(str(b))
    if ra is None or rb is None:
        return False
    return ra == rb or ra.startswith(rb + ".") or rb.startswith(ra + ".")


def compatible(new: Evidence, old: Evidence) -> tuple[bool, int]:
    """Whether two person nodes of one name can be one person, and how much evidence they share.

    Two sets of offices with nothing related between them mean two people; anything else is
    compatible, and the shared count ranks the candidates.
    """
    apart = not any(related(a, b) for a in new.offices for b in old.offices)
    if new.offices and old.offices and apart:
        return False, 0
    shared = sum(1 for a in new.anchors if any(related(a, b) for b in old.anchors))
    return True, shared


@dataclass(frozen=True)
class Curation:
    """The user's decisions, read from the curation graph (see :mod:`kg.link.curation`)."""

    same: dict[URIRef, URIRef] = field(default_factory=dict)
    splits: dict[tuple[URIRef, URIRef], URIRef] = field(default_factory=dict)

    def canonical(self, node: URIRef) -> URIRef:
        seen = {node}
        while node in self.same:
            node = self.same[node]
            if node in seen:  # a cycle of merges: stop where it closes
                break
            seen.add(node)
        return node


def rewrite(
    item: ArticleGraph,
    mapping: dict[URIRef, URIRef],
    extra: Iterable[Triple] = (),
    merged: Set[URIRef] = frozenset(),
) -> ArticleGraph:
    """The article graph with nodes renamed; office holdings re-minted for their new holder.

    The labels of ``merged`` nodes (merged into another by the user) become aliases of it.
    """
    added = list(extra)
    if not mapping and not added:
        return item
    triples: list[Triple] = []
    for s, p0, o in item.triples:
        p = SKOS.altLabel if p0 == RDFS.label and s in merged else p0
        s2 = mapping.get(s, s) if isinstance(s, URIRef) else s
        o2 = mapping.get(o, o) if isinstance(o, URIRef) else o
        if p in SYMMETRIC and str(o2) < str(s2):
            s2, o2 = o2, s2
        if p == SKOS.closeMatch and s2 == o2:
            continue  # two candidates merged into one
        triples.append((s2, p, o2))
    parts: dict[Node, dict[Node, Node]] = {}
    for s, p, o in triples:
        if p in (KG.holder, KG.office, KG.post):
            parts.setdefault(s, {})[p] = o
    moved: dict[Node, Node] = {}
    for node, got in parts.items():
        if len(got) == 3:
            new = position_iri(str(got[KG.holder]), str(got[KG.office]), str(got[KG.post]))
            if new != node:
                moved[node] = new
    if moved:
        triples = [(moved.get(s, s), p, moved.get(o, o)) for s, p, o in triples]
    triples += added
    return ArticleGraph(item.iri, tuple(dict.fromkeys(triples)), item.content_hash)


def _people(item: ArticleGraph) -> dict[URIRef, tuple[str, Evidence]]:
    """Each person of an article graph with a full name: its name key and its evidence."""
    keys: dict[URIRef, str] = {}
    facts: list[tuple[Node, Node, Node]] = []
    for s, p, o in item.triples:
        if p == KG.nameKey and isinstance(s, URIRef) and not is_scoped(str(s)):
            keys[s] = str(o)
        elif p in ANCHOR_IRIS:
            facts.append((s, p, o))
    evidence = {iri: Evidence() for iri in keys}
    for s, p, o in facts:
        if isinstance(s, URIRef) and s in evidence:
            evidence[s].add(p, o)
    return {iri: (key, evidence[iri]) for iri, key in keys.items()}


def _candidates_query(keys: Sequence[str]) -> str:
    values = " ".join(term_text(Literal(k)) for k in keys)
    anchors = " ".join(term_text(p) for p in sorted(ANCHOR_IRIS))
    return (
        f"SELECT ?k ?e ?p ?o WHERE {{ VALUES ?k {{ {values} }} ?e <{KG.nameKey}> ?k .\n"
        f"  OPTIONAL {{ VALUES ?p {{ {anchors} }} ?e ?p ?o }} }}"
    )


def _curation_query() -> str:
    return (
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURATION_GRAPH}> {{ ?s ?p ?o }}\n"
        f"  VALUES ?p {{ <{OWL.sameAs}> <{KG.splitFrom}> <{KG.splitArticle}> }} }}"
    )


def load_curation(store: Store) -> Curation:
    """Read the merges and splits the user decided."""
    same: dict[URIRef, URIRef] = {}
    split_from: dict[URIRef, URIRef] = {}
    split_articles: dict[URIRef, list[URIRef]] = {}
    for s, p, o in store.select(_curation_query()):
        if not isinstance(s, URIRef) or not isinstance(o, URIRef):
            continue
        if p == OWL.sameAs and str(o).startswith(str(KGR)):
            same[s] = o
        elif p == KG.splitFrom:
            split_from[s] = o
        elif p == KG.splitArticle:
            split_articles.setdefault(s, []).append(o)
    splits = {
        (origin, article): node
        for node, origin in split_from.items()
        for article in split_articles.get(node, ())
    }
    return Curation(same, splits)


class Linker:
    """Decides the node of every person in a batch of article graphs before it is written."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.curation = load_curation(store)

    def link(self, batch: Sequence[ArticleGraph]) -> list[ArticleGraph]:
        """The batch with persons resolved across articles and curation applied, in order."""
        people = [_people(item) for item in batch]
        index = self._known({key for found in people for key, _ in found.values()})
        before = self._before([item.iri for item in batch])
        return [
            self._link_one(item, found, index, before)
            for item, found in zip(batch, people, strict=True)
        ]

    def _before(self, articles: Sequence[URIRef]) -> dict[tuple[URIRef, str], URIRef]:
        """The person nodes stored articles of the batch mention, by article and name key."""
        found: dict[tuple[URIRef, str], URIRef] = {}
        for start in range(0, len(articles), KEYS_CHUNK):
            values = " ".join(f"<{a}>" for a in articles[start : start + KEYS_CHUNK])
            query = (
                f"SELECT ?a ?k ?e WHERE {{ VALUES ?a {{ {values} }}\n"
                f"  ?a <{KG.mentions}> ?e . ?e <{KG.nameKey}> ?k }}"
            )
            for a, k, e in self.store.select(query):
                if isinstance(a, URIRef) and isinstance(e, URIRef) and k is not None:
                    found[(a, str(k))] = e
        return found

    def _known(self, keys: set[str]) -> dict[str, dict[URIRef, Evidence]]:
        index: dict[str, dict[URIRef, Evidence]] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), KEYS_CHUNK):
            for k, e, p, o in self.store.select(
                _candidates_query(ordered[start : start + KEYS_CHUNK])
            ):
                if not isinstance(e, URIRef) or k is None:
                    continue
                evidence = index.setdefault(str(k), {}).setdefault(e, Evidence())
                if p is not None and o is not None:
                    evidence.add(p, o)
        return index

    def _link_one(
        self,
        item: ArticleGraph,
        people: dict[URIRef, tuple[str, Evidence]],
        index: dict[str, dict[URIRef, Evidence]],
        before: dict[tuple[URIRef, str], URIRef],
    ) -> ArticleGraph:
        mapping: dict[URIRef, URIRef] = {}
        extra: list[Triple] = []
        for node, (key, evidence) in sorted(people.items()):
            known = index.setdefault(key, {})
            ambiguous: list[URIRef] = []
            split = self.curation.splits.get((node, item.iri))
            if split is not None:
                target = split
            else:
                earlier = before.get((item.iri, key))
                target, ambiguous = self._choose(node, evidence, known, earlier)
            target = self.curation.canonical(target)
            if target != node:
                mapping[node] = target
            extra += [(target, SKOS.closeMatch, other) for other in ambiguous]
            known.setdefault(target, Evidence()).update(evidence)
        merged: set[URIRef] = set()
        for s, _, o in item.triples:
            for term in (s, o):
                if isinstance(term, URIRef) and term in self.curation.same:
                    merged.add(term)
                    mapping[term] = self.curation.canonical(mapping.get(term, term))
        return rewrite(item, mapping, extra, merged)

    @staticmethod
    def _choose(
        node: URIRef, evidence: Evidence, known: dict[URIRef, Evidence], before: URIRef | None
    ) -> tuple[URIRef, list[URIRef]]:
        """The node this person becomes, and the candidates left ambiguous (closeMatch)."""
        if not known:
            return node, []
        fits: dict[URIRef, int] = {}
        for candidate, seen in known.items():
            ok, shared = compatible(evidence, seen)
            if ok:
                fits[candidate] = shared
        if before in fits:
            return before, []  # a changed article keeps the node it had
        if len(fits) == 1:
            return next(iter(fits)), []
        best = max(fits.values(), default=0)
        winners = [c for c, shared in fits.items() if shared == best]
        if best > 0 and len(winners) == 1:
            return winners[0], []
        return _fresh(node, known), sorted(fits or known)


def _fresh(node: URIRef, known: dict[URIRef, Evidence]) -> URIRef:
    n = 2
    while URIRef(f"{node}~{n}") in known:
        n += 1
    return URIRef(f"{node}~{n}")
