"""The vocabulary: namespaces, classes and properties of ``ontology/kg.ttl`` as Python terms.

``ontology/kg.ttl`` is the source of truth; ``tests/model/test_terms.py`` checks that every term
here is declared there with the same hierarchy, and that the ontology declares nothing scored
that this module lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "ANALYSIS_GRAPH",
    "CLASS_PARENT",
    "CURATION_GRAPH",
    "FACTS_GRAPH",
    "IDENTITY_GRAPH",
    "KG",
    "KGR",
    "LINKS_GRAPH",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RELATIONS",
    "SCHEMA",
    "SKOS",
    "SPARQL_PREFIXES",
    "WD",
    "XSD",
    "EntityType",
    "RelationSpec",
    "bind_prefixes",
    "class_iri",
    "entity_type_of",
    "local_name",
    "sparql_prefixes",
]

KG = Namespace("https://w3id.org/kg-indonesia/ontology#")
"""Classes and properties of kg's ontology."""

KGR = Namespace("https://w3id.org/kg-indonesia/id/")
"""Resources kg mints: entities, articles, statements, graphs."""

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")

FACTS_GRAPH = URIRef(KGR["graph/facts"])
"""The deduplicated union of every article graph; ready queries and analysis read it."""
CURATION_GRAPH = URIRef(KGR["graph/curation"])
"""A user's decisions about entities (same-as, not-same-as, aliases)."""
LINKS_GRAPH = URIRef(KGR["graph/links"])
"""Links to external items (Wikidata) found online by ``kg link``, with confidence and rule."""
ANALYSIS_GRAPH = URIRef(KGR["graph/analysis"])
"""Metrics written back by ``kg analyze``."""
IDENTITY_GRAPH = URIRef(KGR["graph/identity"])
"""Cross-article resolution's index of names (``kg.link``): not a source of facts."""

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "kgr": str(KGR),
    "schema": str(SCHEMA),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "skos": str(SKOS),
    "prov": str(PROV),
    "xsd": str(XSD),
    "owl": str(OWL),
}
"""The prefixes of kg's SPARQL, by name (the ready queries may use them undeclared)."""


def sparql_prefixes(names: Iterable[str] | None = None) -> str:
    """PREFIX lines for some of :data:`PREFIXES` (all by default).

    >>> sparql_prefixes(["kg"])
    'PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>\\n'
    """
    chosen = PREFIXES if names is None else {name: PREFIXES[name] for name in names}
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in chosen.items())


SPARQL_PREFIXES = sparql_prefixes()
"""The one PREFIX block that kg's own SPARQL starts with."""


def bind_prefixes(graph: Graph) -> None:
    """Bind kg's own prefixes (``kg:``, ``kgr:``, ``schema:``) for readable Turtle and TriG."""
    for name in ("kg", "kgr", "schema"):
        graph.bind(name, PREFIXES[name])


def local_name(iri: object) -> str:
    """The part of an IRI after its last ``#`` or ``/``: a class or property's short name.

    >>> local_name(KG.City), local_name("https://schema.org/headline"), local_name("plain")
    ('City', 'headline', 'plain')
    """
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


class EntityType(str, Enum):
    """The four scored entity types; each is a class of the ontology."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"
    EVENT = "Event"

    @property
    def iri(self) -> URIRef:
        return URIRef(KG[self.value])


CLASS_PARENT: dict[str, str] = {
    # places
    "Country": "Place",
    "Province": "Place",
    "Regency": "Place",
    "City": "Place",
    "District": "Place",
    "Village": "Place",
    "WorldRegion": "Place",
    "Venue": "Place",
    # organisations
    "GovernmentBody": "Organization",
    "Legislature": "GovernmentBody",
    "PoliceUnit": "GovernmentBody",
    "MilitaryUnit": "GovernmentBody",
    "Court": "GovernmentBody",
    "PoliticalParty": "Organization",
    "Company": "Organization",
    "EducationalOrganization": "Organization",
    "NewsOutlet": "Organization",
    "InternationalOrganization": "Organization",
    "Association": "Organization",
}
"""Every subclass kg uses, mapped to its direct superclass (ending at an :class:`EntityType`)."""


def class_iri(name: str) -> URIRef:
    """Return the IRI of an entity class by local name (``"City"`` -> ``kg:City``).

    >>> str(class_iri("City")).endswith("#City")
    True
    """
    if name not in CLASS_PARENT and name not in EntityType._value2member_map_:
        raise ValueError(f"unknown class {name!r}")
    return URIRef(KG[name])


def entity_type_of(name: str) -> EntityType:
    """Return the scored type a class belongs to (``"City"`` -> ``EntityType.PLACE``).

    >>> entity_type_of("Legislature")
    <EntityType.ORGANIZATION: 'Organization'>
    """
    found = _TYPE_OF.get(name)
    if found is not None:
        return found
    seen = name
    while seen in CLASS_PARENT:
        seen = CLASS_PARENT[seen]
    return EntityType(seen)  # raises ValueError for a name that is no class


def _types_of_classes() -> dict[str, EntityType]:
    """Every class's scored type, found once (entity_type_of runs for every entity test)."""
    out = {t.value: t for t in EntityType}
    for name in CLASS_PARENT:
        seen = name
        while seen in CLASS_PARENT:
            seen = CLASS_PARENT[seen]
        if seen in EntityType._value2member_map_:
            out[name] = EntityType(seen)
    return out


_TYPE_OF = _types_of_classes()


@dataclass(frozen=True)
class RelationSpec:
    """What one of the 15 relation properties links."""

    name: str
    subjects: frozenset[EntityType]
    objects: frozenset[EntityType]
    symmetric: bool = False
    article: bool = False  # the subject is the article node

    @property
    def iri(self) -> URIRef:
        return URIRef(KG[self.name])


_P, _O, _L, _E = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE, EntityType.EVENT


def _spec(
    name: str, subjects: set[EntityType], objects: set[EntityType], **kw: bool
) -> RelationSpec:
    return RelationSpec(name, frozenset(subjects), frozenset(objects), **kw)


RELATIONS: dict[str, RelationSpec] = {
    s.name: s
    for s in (
        _spec("mayorOf", {_P}, {_L}),
        _spec("viceMayorOf", {_P}, {_L}),
        _spec("regentOf", {_P}, {_L}),
        _spec("viceRegentOf", {_P}, {_L}),
        _spec("governorOf", {_P}, {_L}),
        _spec("viceGovernorOf", {_P}, {_L}),
        _spec("headOf", {_P}, {_O, _L}),
        _spec("worksFor", {_P}, {_O, _L}),
        _spec("memberOf", {_P, _O, _L}, {_O}),
        _spec("locatedIn", {_L, _O, _E}, {_L}),
        _spec("cooperatesWith", {_O, _L}, {_O, _L}, symmetric=True),
        _spec("participatedIn", {_P, _O, _L}, {_E}),
        _spec("author", set(), {_P}, article=True),
        _spec("editor", set(), {_P}, article=True),
        _spec("publisher", set(), {_O}, article=True),
    )
}
"""The 15 scored relation properties of ``../shared/eval/GUIDELINES.md``, by local name."""
