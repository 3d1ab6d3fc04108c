"""Cross-article identity: which node of the store every extracted entity becomes.

Extraction mints IRIs from names (:func:`kg.model.iri.entity_iri`): regions by Kemendagri code,
countries by ISO code, bodies bound to a region by head and code, everything else by its
normalised name, and one-word person names only inside their article. Before a batch is
written the :class:`Linker` decides, against the store:

* **organisations, places and events** named in several ways: :mod:`kg.link.naming` with the
  rules of :mod:`kg.link.names` (acronyms, variant spellings, designators, extensions), never
  joining two codes or a Kota with a Kabupaten;
* **persons**: homonyms apart by their offices, one-word names by title and unit
  (:mod:`kg.link.persons`);
* the user's **curation** (:mod:`kg.link.curation`), which overrides both: merged nodes map to
  their target, split articles to their split-off node.

Each resolved name carries its evidence in its article graph (:mod:`kg.link.evidence`). The
result depends on the corpus, not on the order of its articles: where a batch changes what
stored articles resolve to, their graphs are rewritten first (:mod:`kg.link.renames`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.link.article import (
    ArticleView,
    Mentioned,
    is_coded,
    mapped,
    name_entities,
    read_article,
)
from kg.link.evidence import identification
from kg.link.index import NameIndex
from kg.link.moves import fullest, moves_to_rewrite
from kg.link.naming import NameLinker, NamePlan
from kg.link.offices import related
from kg.link.persons import PersonLinker, PersonPlan
from kg.link.renames import Rewrite, apply, rewrite
from kg.model.iri import is_scoped, name_key
from kg.model.terms import CURATION_GRAPH, KG, KGR, OWL
from kg.store.base import ArticleGraph, Store, term_text

__all__ = ["Curation", "Linker", "load_curation", "related", "rewrite"]

Triple = tuple[Node, Node, Node]


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

    @property
    def split_nodes(self) -> set[URIRef]:
        return set(self.splits.values())


def _curation_query() -> str:
    return (
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURATION_GRAPH}> {{ ?s ?p ?o }}\n"
        f"  VALUES ?p {{ <{OWL.sameAs}> <{KG.splitFrom}> <{KG.splitArticle}> }} }}"
    )


def _label(entity: Mentioned) -> str:
    """The name an entity's evidence gives: its label, or for a coded node its fullest form
    (which a stored graph still tells when the label became an alias)."""
    if is_coded(str(entity.iri)):
        return fullest(entity.labels + entity.aliases or [entity.name])
    return min(entity.labels) if entity.labels else entity.name


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
    """Decides the node of every entity in a batch of article graphs before it is written.

    :meth:`link` writes to the store itself before it returns: the identity graph's new index
    entries, and the stored article graphs the batch makes resolve otherwise.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.curation = load_curation(store)
        self.index = NameIndex(store)
        self.names = NameLinker(
            self.index, canonical=self.curation.canonical, excluded=self.curation.split_nodes
        )
        self.persons = PersonLinker(
            store, self.index, self.curation.split_nodes, canonical=self.curation.canonical
        )

    def link(self, batch: Sequence[ArticleGraph]) -> list[ArticleGraph]:
        """The batch with every entity resolved across articles and curation applied."""
        views = [read_article(item) for item in batch]
        skip = {item.iri for item in batch}
        names, triples = self.names.plan(views)
        work = Rewrite()
        touched = moves_to_rewrite(self.store, self.index, names, work)
        if triples:
            self.index.write(triples)
        if work:
            apply(self.store, work, skip=skip)
        resolved = [mapped(view, names.mapping) for view in views]
        people, triples = self.persons.plan(resolved, also=self._holders(touched))
        if triples:
            self.index.write(triples)
        if people.rewrite:
            apply(self.store, people.rewrite, skip=skip)
        return [self._link_one(view, names, people) for view in views]

    def _holders(self, nodes: set[URIRef]) -> set[str]:
        """Name keys of the persons holding an office of these nodes (their clusters may join)."""
        if not nodes:
            return set()
        values = " ".join(term_text(n) for n in sorted(nodes))
        rows = self.store.select(
            f"SELECT DISTINCT ?k WHERE {{ VALUES ?o {{ {values} }} ?e ?p ?o ; <{KG.nameKey}> ?k .\n"
            f"  FILTER(STRSTARTS(STR(?e), '{KGR}person/')) }}"
        )
        return {str(k) for (k,) in rows if k is not None and " " in str(k)}

    def _link_one(self, view: ArticleView, names: NamePlan, people: PersonPlan) -> ArticleGraph:
        article = view.iri
        mapping: dict[URIRef, URIRef] = {}
        extra: list[Triple] = list(people.extra.get(article, ()))
        aliased: set[URIRef] = set()
        for entity in name_entities(view):
            raw = entity.iri
            node = names.mapping.get(raw, raw)
            if not is_coded(str(raw)):  # a coded node is found by its kg:identifier
                extra.append((node, KG.nameKey, Literal(entity.name)))
            if node != raw:
                mapping[raw] = node
                aliased.add(raw)
            why = names.why.get(raw)
            if why is not None and why.rule and node != raw:
                label = _label(entity)
                key = name_key(label) if is_coded(str(raw)) else entity.name
                extra += identification(article, raw, key, label, why)
        for minted, target in people.mapping.get(article, {}).items():
            mapping[minted] = target
            if is_scoped(str(minted)):
                aliased.add(minted)  # "Darmawan" is an alias of the full name it agrees with
        for (where, minted), why in people.why.items():
            if where == article:
                person = view.entities.get(minted)
                written = _label(person) if person is not None else why.via
                extra += identification(article, minted, why.via, written, why)
        for entity in view.entities.values():
            node = mapping.get(entity.iri, entity.iri)
            split = self.curation.splits.get((node, article))
            target = self.curation.canonical(split if split is not None else node)
            if target != node:
                mapping[entity.iri] = target
                if entity.iri in self.curation.same or node in self.curation.same:
                    aliased.add(entity.iri)
        return rewrite(view.item, mapping, extra, aliased)
