"""The shared model: vocabulary, records, IRI minting and the mapping to RDF."""

from kg.model.iri import article_iri, entity_iri, name_key
from kg.model.rdf import to_rdf
from kg.model.records import (
    ARTICLE,
    Article,
    Entity,
    Extraction,
    Mention,
    Quote,
    Relation,
    Sentence,
)
from kg.model.terms import FACTS_GRAPH, KG, KGR, RELATIONS, EntityType

__all__ = [
    "ARTICLE",
    "FACTS_GRAPH",
    "KG",
    "KGR",
    "RELATIONS",
    "Article",
    "Entity",
    "EntityType",
    "Extraction",
    "Mention",
    "Quote",
    "Relation",
    "Sentence",
    "article_iri",
    "entity_iri",
    "name_key",
    "to_rdf",
]
