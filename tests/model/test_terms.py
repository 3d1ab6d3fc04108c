"""The ontology and the Python terms agree; the ontology is well-formed OWL."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.model.resources import resource_path
from kg.model.terms import CLASS_PARENT, KG, RELATIONS, EntityType, class_iri


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resource_path("ontology", "kg.ttl"))


def test_every_class_is_declared_with_its_parent(ontology: Graph) -> None:
    for name, parent in CLASS_PARENT.items():
        assert (class_iri(name), RDF.type, OWL.Class) in ontology, name
        assert (class_iri(name), RDFS.subClassOf, class_iri(parent)) in ontology, name


def test_the_four_scored_types_are_classes(ontology: Graph) -> None:
    for kind in EntityType:
        assert (kind.iri, RDF.type, OWL.Class) in ontology


def test_ontology_declares_no_entity_class_python_lacks(ontology: Graph) -> None:
    declared = {
        str(c).removeprefix(str(KG))
        for c in ontology.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef) and str(c).startswith(str(KG))
    }
    known = (
        set(CLASS_PARENT)
        | {t.value for t in EntityType}
        | {"NewsArticle", "Quote", "Position", "LoadedGraph", "Sentence", "Identification"}
    )
    assert declared == known


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_relation_properties_have_labels_in_two_languages(ontology: Graph, name: str) -> None:
    prop = KG[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    languages = {label.language for label in ontology.objects(prop, RDFS.label)}  # type: ignore[attr-defined]
    assert {"en", "id"} <= languages
    assert ontology.value(prop, RDFS.comment) is not None
    assert ontology.value(prop, RDFS.range) is not None


def _local(term: object) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _supers(ontology: Graph, term: URIRef) -> set[str]:
    seen: set[str] = set()
    todo = [term]
    while todo:
        current = todo.pop()
        for parent in ontology.objects(current, RDFS.subPropertyOf):
            if _local(parent) not in seen:
                seen.add(_local(parent))
                todo.append(parent)  # type: ignore[arg-type]
    return seen


def test_no_property_inherits_another_scored_name(ontology: Graph) -> None:
    """The scorer reads super-properties: mayorOf must not also count as headOf."""
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        if not isinstance(prop, URIRef):
            continue
        inherited = _supers(ontology, prop) & set(RELATIONS)
        assert inherited <= {_local(prop)}, (prop, inherited)


def test_relations_align_to_external_vocabularies(ontology: Graph) -> None:
    text = ontology.serialize(format="nt")
    for target in (
        "http://www.w3.org/ns/org#memberOf",
        "http://www.w3.org/ns/org#headOf",
        "http://www.wikidata.org/prop/direct/P39",
        "http://www.wikidata.org/prop/direct/P463",
        "http://www.wikidata.org/prop/direct/P131",
        "http://www.wikidata.org/prop/direct/P6",
    ):
        assert target in text, target
