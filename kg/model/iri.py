"""Deterministic IRI minting: the same entity gets the same IRI in every article and every run."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from kg.model.records import Article, Entity
from kg.model.terms import KGR, EntityType, local_name

__all__ = [
    "article_iri",
    "entity_iri",
    "is_scoped",
    "name_iri",
    "name_key",
    "position_iri",
    "quote_iri",
    "sentence_iri",
    "statement_iri",
]

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


def name_iri(segment: str, key: str) -> URIRef:
    """The IRI a name key is minted as in one family (``person``, ``org``, ``place``, ``event``).

    >>> str(name_iri("place", "geopark cibuntu"))
    'https://w3id.org/kg-indonesia/id/place/geopark-cibuntu'
    """
    return URIRef(KGR[f"{segment}/{_slug(key or '_')}"])


def entity_iri(entity: Entity, article: URIRef | None = None) -> URIRef:
    """Mint the IRI of an entity from its type and identifier or normalised name.

    A person named by one word only ("Bima", "Emil") is the same person only inside one
    article: given the article, such a name gets an IRI of that article's own, so a short form
    never merges across articles by itself; so does a body named without the region it belongs
    to (``Entity.local``: "Polres", "Dinas Pendidikan"). A body bound to a region ("DPRD Kota
    Bogor") is named by its head and the region's code, so every spelling of the region gives
    one IRI.

    >>> str(entity_iri(Entity("e1", "Person", "Bima Arya Sugiarto")))
    'https://w3id.org/kg-indonesia/id/person/bima-arya-sugiarto'
    >>> str(entity_iri(Entity("e2", "City", "Bogor", ident="kemendagri:32.71")))
    'https://w3id.org/kg-indonesia/id/place/kemendagri/32.71'
    >>> dprd = Entity("e3", "Legislature", "DPRD Bogor", ident="orgat:dprd:kemendagri:32.71")
    >>> str(entity_iri(dprd))
    'https://w3id.org/kg-indonesia/id/org/kemendagri/32.71/dprd'
    >>> str(entity_iri(Entity("e4", "Person", "Bima"), URIRef(KGR["article/ab12"])))
    'https://w3id.org/kg-indonesia/id/person/bima/in/ab12'
    """
    segment = _SEGMENT[entity.type]
    if entity.ident:
        scheme, _, code = entity.ident.partition(":")
        if scheme == "orgat":  # "orgat:<head words>:<region ident>"
            head, _, region = code.partition(":")
            region_scheme, _, region_code = region.partition(":")
            place = f"{quote(region_scheme, safe='')}/{quote(region_code, safe='.')}"
            return URIRef(KGR[f"{segment}/{place}/{_slug(name_key(head))}"])
        return URIRef(KGR[f"{segment}/{quote(scheme, safe='')}/{quote(code, safe='.')}"])
    key = name_key(entity.name) or "_"  # name_key never yields "_", so no name collides
    one_word_person = entity.type is EntityType.PERSON and " " not in key
    if article is not None and (one_word_person or entity.local):
        return URIRef(KGR[f"{segment}/{_slug(key)}/in/{local_name(article)}"])
    return name_iri(segment, key)


def is_scoped(iri: str) -> bool:
    """True for an IRI that holds only inside one article or outlet (see :func:`entity_iri`)."""
    return "/in/" in iri


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


def position_iri(holder: str, office: str, post: str) -> URIRef:
    """Mint the node of one person holding one office of one place or body (any article)."""
    return URIRef(KGR[f"position/{_digest(holder, office, post)}"])


def sentence_iri(article: URIRef, index: int) -> URIRef:
    """Mint the IRI of one sentence of an article (the evidence its statements point to)."""
    return URIRef(KGR[f"sentence/{_digest(str(article), str(index))}"])


def quote_iri(article: URIRef, start: int, end: int) -> URIRef:
    """Mint the IRI of a quotation by its position in its article."""
    return URIRef(KGR[f"quote/{_digest(str(article), str(start), str(end))}"])
