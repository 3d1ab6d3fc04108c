"""Deterministic IRI minting: the same entity gets the same IRI in every article and every run."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from kg.model.records import Article, Entity
from kg.model.terms import KGR, EntityType

__all__ = ["article_iri", "entity_iri", "name_key", "quote_iri", "statement_iri"]

_NON_WORD = re.compile(r"[^\w]+")
_SEGMENT = {
    EntityType.PERSON: "person",
    EntityType.ORGANIZATION: "org",
    EntityType.PLACE: "place",
    EntityType.EVENT: "event",
}


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Normalise a name for identity: accents, case and punctuation do not matter.

    >>> name_key("Bima  Arya-Sugiarto")
    'bima arya sugiarto'
    >>> name_key("Sénégal") == name_key("SENEGAL")
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def _slug(key: str) -> str:
    # name_key output holds only word characters and single spaces, so "-" is free to stand for
    # the space and quote() keeps the mapping injective for non-ASCII letters.
    return quote(key.replace(" ", "-"), safe="-")


def entity_iri(entity: Entity) -> URIRef:
    """Mint the IRI of an entity from its type and identifier or normalised name.

    >>> str(entity_iri(Entity("e1", "Person", "Bima Arya Sugiarto")))
    'https://w3id.org/kg-indonesia/id/person/bima-arya-sugiarto'
    >>> str(entity_iri(Entity("e2", "City", "Bogor", ident="kemendagri:32.71")))
    'https://w3id.org/kg-indonesia/id/place/kemendagri/32.71'
    """
    segment = _SEGMENT[entity.type]
    if entity.ident:
        scheme, _, code = entity.ident.partition(":")
        return URIRef(KGR[f"{segment}/{quote(scheme, safe='')}/{quote(code, safe='.')}"])
    key = name_key(entity.name) or "_"  # name_key never yields "_", so no name collides
    return URIRef(KGR[f"{segment}/{_slug(key)}"])


def _digest(*parts: str, size: int = 24) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


def article_iri(article: Article) -> URIRef:
    """Mint an article's IRI from its identity (canonical URL, else hash of its text).

    >>> article_iri(Article("a")) == article_iri(Article("a "))
    True
    """
    return URIRef(KGR[f"article/{_digest(article.identity)}"])


def statement_iri(article: URIRef, subject: str, predicate: str, obj: str, sentence: int) -> URIRef:
    """Mint the IRI of the node that records one fact's evidence in one article sentence."""
    return URIRef(KGR[f"statement/{_digest(str(article), subject, predicate, obj, str(sentence))}"])


def quote_iri(article: URIRef, start: int, end: int) -> URIRef:
    """Mint the IRI of a quotation by its position in its article."""
    return URIRef(KGR[f"quote/{_digest(str(article), str(start), str(end))}"])
