"""Listing triples: what the store writes into each source graph so that listings are cheap.

The ready queries list articles, quotes and the evidence of an entity newest first, a page at a
time (keyset paging: a page is the rows whose key is below the last key of the page before).
Sorting on strings costs a decoding at every comparison, so every listed row carries one
integer written when its graph is stored:

=====================  =====================================================================
``A kg:seq s``         the article's number: 40 bits of the SHA-256 of its IRI, made unique
                       among stored numbers (:mod:`kg.store.listing` bumps the rare
                       collision to the next free number)
``A kg:articleKey k``  ``day << 40 | s``: newest publication day first, then the number
``Q kg:quoteKey k``    the same for each quotation (its own number)
``S kg:statementKey``  the same for each statement (the evidence of one fact in one sentence)
``A kg:publisherName`` the publisher's and the authors' names, flat: an article's listing row
``A kg:authorNames``   needs no grouping
``E kg:labelKey``      each label and alias of an entity in lower case, and each leading run
``E kg:labelPrefix``   of two or more words of one (``"bima arya"`` of ``"Bima Arya
                       Sugiarto"``): a name in any case is found by a lookup
                       (:func:`label_keys`), where comparing it with ``LCASE`` reads every label
=====================  =====================================================================

``day`` is the number of days since 1900-01-01 of the first day the article's date names
(``2023`` counts as 2023-01-01), 0 for an undated article. The triples are a function of the
graph's own triples and the numbers, so rebuilding an article gives them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model.periods import period
from kg.model.terms import KG, RDF, RDFS, SCHEMA, SKOS

__all__ = [
    "LISTING_PREDICATES",
    "SEQ_BITS",
    "day_number",
    "label_keys",
    "listing_triples",
    "lookup_key",
    "next_seq",
    "numbered_nodes",
    "order_key",
    "seq_of",
    "with_label_keys",
]

Triple = tuple[Node, Node, Node]

SEQ_BITS = 40
"""Bits of a number (:func:`seq_of`); a key is ``day << SEQ_BITS | number``."""
_SEQ_MASK = (1 << SEQ_BITS) - 1
_DAY_MAX = (1 << 17) - 1  # 2258-11-13: keys stay below 2**57
_EPOCH = date(1900, 1, 1).toordinal()

LISTING_PREDICATES = frozenset(
    {
        KG.seq,
        KG.articleKey,
        KG.quoteKey,
        KG.statementKey,
        KG.publisherName,
        KG.authorNames,
        KG.labelKey,
        KG.labelPrefix,
    }
)
"""The predicates of listing triples: a graph read back from the store drops them before its
listing triples are made again."""


def seq_of(iri: str) -> int:
    """The number a node would get: 40 bits of the SHA-256 of its IRI.

    >>> seq_of("https://w3id.org/kg-indonesia/id/article/x") < 2**40
    True
    """
    return int.from_bytes(hashlib.sha256(iri.encode("utf-8")).digest()[:5], "big")


def next_seq(value: int) -> int:
    """The next candidate after a taken value, in the same day: the number part wraps around.

    >>> next_seq(5 << 40 | (2**40 - 1)) == 5 << 40
    True
    """
    return (value & ~_SEQ_MASK) | ((value + 1) & _SEQ_MASK)


def day_number(value: str | None) -> int:
    """Days from 1900-01-01 to the first day an ISO date names (0 when undated or unreadable).

    >>> day_number("1900-01-02"), day_number("2024"), day_number(None)
    (1, 45290, 0)
    """
    if not value:
        return 0
    try:
        first, _ = period(value)
        days = date.fromisoformat(first).toordinal() - _EPOCH
    except ValueError:
        return 0
    return min(max(days, 0), _DAY_MAX)


def order_key(day: int, seq: int) -> int:
    """The key of a listed row: its day first, then its number (both as integers).

    >>> order_key(2, 7) > order_key(1, 2**40 - 1)
    True
    """
    return day << SEQ_BITS | (seq & _SEQ_MASK)


def _published(iri: URIRef, triples: Sequence[Triple]) -> str | None:
    name, published = str(iri), str(SCHEMA.datePublished)
    for s, p, o in triples:
        if str(p) == published and str(s) == name:
            return str(o)
    return None


# terms compared as plain str (C code), not through rdflib's URIRef.__eq__ and a namespace
# lookup per triple: a build runs these loops over every triple it writes
_TYPE = str(RDF.type)
_NUMBERED = frozenset(str(t) for t in (KG.NewsArticle, KG.Quote, RDF.Statement))
_LABEL, _PUBLISHER, _AUTHOR = str(RDFS.label), str(KG.publisher), str(KG.author)


def numbered_nodes(iri: URIRef, triples: Sequence[Triple]) -> dict[URIRef, tuple[URIRef, int]]:
    """The nodes of one graph that need a unique number, each with the predicate it must be
    unique under and its candidate value (an article graph's article, quotations and statements;
    nothing for the curation graph)."""
    kinds = {
        s: o
        for s, p, o in triples
        if str(p) == _TYPE and isinstance(o, URIRef) and str(o) in _NUMBERED
    }
    if kinds.get(iri) != KG.NewsArticle:
        return {}
    day = day_number(_published(iri, triples))
    wanted: dict[URIRef, tuple[URIRef, int]] = {}
    for node, kind in kinds.items():
        if not isinstance(node, URIRef):
            continue
        if kind == KG.NewsArticle:
            if node == iri:
                wanted[node] = (KG.seq, seq_of(str(node)))
        else:
            predicate = KG.quoteKey if kind == KG.Quote else KG.statementKey
            wanted[node] = (predicate, order_key(day, seq_of(str(node))))
    return wanted


_NAMES = frozenset({_LABEL, str(SKOS.altLabel)})


def lookup_key(name: str) -> str:
    """A name as ``kg:labelKey`` holds it, and as a query looks it up: in lower case.

    >>> lookup_key("Kota BOGOR")
    'kota bogor'
    """
    return name.lower()


def label_keys(triples: Iterable[Triple]) -> list[Triple]:
    """The lookup keys of the labels and aliases among these triples: ``kg:labelKey`` the
    name in lower case, ``kg:labelPrefix`` each part of it before a space that holds a space
    itself (a name of two words or more finds the full names it starts, as ``entity`` does).

    >>> [(str(p).rpartition("#")[2], str(o)) for _, p, o in
    ...  label_keys([(URIRef("x:e"), RDFS.label, Literal("Bima Arya Sugiarto"))])]
    [('labelKey', 'bima arya sugiarto'), ('labelPrefix', 'bima arya')]
    """
    out: list[Triple] = []
    for s, p, o in triples:
        if str(p) not in _NAMES or not isinstance(o, Literal):
            continue
        key = lookup_key(str(o))
        out.append((s, KG.labelKey, Literal(key)))
        first = key.find(" ")
        at = key.find(" ", first + 1) if first >= 0 else -1
        while at >= 0:
            out.append((s, KG.labelPrefix, Literal(key[:at])))
            at = key.find(" ", at + 1)
    return out


def with_label_keys(triples: Iterable[Triple]) -> tuple[Triple, ...]:
    """The triples with their label keys made anew (those they carry are dropped first): a
    graph rewritten by curation, whose labels may have moved, keeps its keys in step."""
    own = [t for t in triples if t[1] != KG.labelKey and t[1] != KG.labelPrefix]
    return tuple(dict.fromkeys(own + label_keys(own)))


def _names(objects: Iterable[Node], labels: Mapping[Node, str]) -> str:
    return ", ".join(sorted({labels[o] for o in objects if o in labels}))


def listing_triples(
    iri: URIRef, triples: Sequence[Triple], numbers: Mapping[URIRef, int]
) -> list[Triple]:
    """The listing triples of one source graph (see the module docstring).

    Args:
        iri: the graph's name (an article's IRI, or the curation graph).
        triples: the graph's own triples (listing triples among them are ignored).
        numbers: the unique value of each node of :func:`numbered_nodes`.
    """
    out: list[Triple] = []
    labels: dict[Node, str] = {}
    publishers: list[Node] = []
    authors: list[Node] = []
    name = str(iri)
    for s, p, o in triples:
        predicate = str(p)
        if predicate == _LABEL and isinstance(o, Literal):
            labels[s] = min(labels.get(s, str(o)), str(o))
        elif predicate == _PUBLISHER and str(s) == name:
            publishers.append(o)
        elif predicate == _AUTHOR and str(s) == name:
            authors.append(o)
    for node, (predicate, _) in numbered_nodes(iri, triples).items():
        value = numbers[node]
        out.append((node, predicate, Literal(value)))
        if predicate == KG.seq:
            day = day_number(_published(iri, triples))
            out.append((node, KG.articleKey, Literal(order_key(day, value))))
    if publishers and _names(publishers, labels):
        out.append((iri, KG.publisherName, Literal(_names(publishers, labels))))
    if authors and _names(authors, labels):
        out.append((iri, KG.authorNames, Literal(_names(authors, labels))))
    out += label_keys(triples)
    return list(dict.fromkeys(out))
