"""What cross-article resolution reads from one article graph: its entities and their facts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from kg.model.iri import is_scoped, name_key
from kg.model.rdf import OFFICES
from kg.model.terms import CLASS_PARENT, KG, KGR, OWL, RDF, RDFS, RELATIONS, SKOS, WD, EntityType
from kg.store.base import ArticleGraph

__all__ = [
    "ANCHOR_IRIS",
    "OFFICE_IRIS",
    "ArticleView",
    "Mentioned",
    "family_of",
    "is_coded",
    "mapped",
    "name_entities",
    "read_article",
]

Triple = tuple[Node, Node, Node]

OFFICE_IRIS = frozenset(RELATIONS[name].iri for name in OFFICES)
ANCHOR_IRIS = OFFICE_IRIS | {RELATIONS["worksFor"].iri, RELATIONS["memberOf"].iri}
_CLASSES = {str(KG[c]): c for c in (*CLASS_PARENT, *(t.value for t in EntityType))}
_FAMILIES = {"person", "org", "place", "event"}


def family_of(iri: str) -> str | None:
    """``person``, ``org``, ``place`` or ``event`` for an entity IRI kg minted, else None.

    >>> family_of("https://w3id.org/kg-indonesia/id/place/kemendagri/32.71")
    'place'
    """
    if not iri.startswith(str(KGR)):
        return None
    segment = iri[len(KGR) :].split("/", 1)[0]
    return segment if segment in _FAMILIES else None


def is_coded(iri: str) -> bool:
    """An IRI minted from an official code (a region, a country, a region-bound body)."""
    rest = iri[len(KGR) :].split("/")
    return len(rest) > 2 and rest[1] in ("kemendagri", "iso3166")


@dataclass
class Mentioned:
    """One entity of an article graph."""

    iri: URIRef
    classes: set[str] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    ident: str | None = None
    key: str | None = None
    qids: set[str] = field(default_factory=set)

    @property
    def family(self) -> str | None:
        return family_of(str(self.iri))

    @property
    def forms(self) -> set[str]:
        return {k for k in map(name_key, self.labels + self.aliases) if k}

    @property
    def name(self) -> str:
        return self.key or (name_key(self.labels[0]) if self.labels else "")


@dataclass
class ArticleView:
    """An article graph read for resolution."""

    item: ArticleGraph
    entities: dict[URIRef, Mentioned]
    facts: list[Triple]  # (entity, office or anchor predicate, object)

    @property
    def iri(self) -> URIRef:
        return self.item.iri

    def contexts(self) -> set[str]:
        """Codes of the regions (province, regency) and countries the article names."""
        out: set[str] = set()
        for iri in self.entities:
            rest = str(iri)[len(KGR) :].split("/")
            if rest[0] != "place" or len(rest) != 3:
                continue
            if rest[1] == "kemendagri":
                parts = rest[2].split(".")
                out |= {
                    f"kemendagri:{'.'.join(parts[:n])}" for n in range(1, min(2, len(parts)) + 1)
                }
            elif rest[1] == "iso3166":
                out.add(f"iso3166:{rest[2]}")
        return out

    def evidence(self, node: URIRef) -> list[tuple[Node, Node]]:
        return [(p, o) for s, p, o in self.facts if s == node]


_NOTED = {
    RDFS.label: "label",
    SKOS.altLabel: "alias",
    KG.identifier: "ident",
    KG.nameKey: "key",
    OWL.sameAs: "same",
}


def read_article(item: ArticleGraph) -> ArticleView:
    """The entities and office, employer and membership facts of an article graph."""
    entities: dict[URIRef, Mentioned] = {}
    facts: list[Triple] = []
    notes: list[tuple[Node, str, Node]] = []
    anchors, kind_of, type_ = ANCHOR_IRIS, _NOTED, RDF.type
    for s, p, o in item.triples:
        if p in anchors:
            facts.append((s, p, o))
        elif p == type_:
            cls = _CLASSES.get(str(o))
            if cls is not None and isinstance(s, URIRef) and family_of(str(s)):
                entities.setdefault(s, Mentioned(s)).classes.add(cls)
        else:
            kind = kind_of.get(p)  # type: ignore[call-overload]
            if kind is not None:
                notes.append((s, kind, o))
    for s, kind, o in notes:
        entity = entities.get(s)  # type: ignore[call-overload]
        if entity is not None:
            _note(entity, kind, o)
    return ArticleView(item, entities, facts)


def mapped(view: ArticleView, mapping: dict[URIRef, URIRef]) -> ArticleView:
    """The view with nodes renamed in its facts (the names a batch already resolved)."""
    if not mapping:
        return view
    facts = [(s, p, mapping.get(o, o) if isinstance(o, URIRef) else o) for s, p, o in view.facts]
    return ArticleView(view.item, view.entities, facts)


def _note(entity: Mentioned, kind: str, o: Node) -> None:
    if kind == "label":
        entity.labels.append(str(o))
    elif kind == "alias":
        entity.aliases.append(str(o))
    elif kind == "ident":
        entity.ident = str(o)
    elif kind == "key":
        entity.key = entity.key or str(o)
    elif kind == "same" and str(o).startswith(str(WD)):
        entity.qids.add(str(o)[len(WD) :])


def name_entities(view: ArticleView) -> Iterable[Mentioned]:
    """The organisations, places and events a name (not a code or the article) identifies."""
    for entity in view.entities.values():
        if entity.family in ("org", "place", "event") and not is_scoped(str(entity.iri)):
            yield entity
