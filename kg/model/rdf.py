"""Turn an :class:`~kg.model.records.Extraction` into the triples of its article graph.

The article graph holds, for one article:

* the article node (``kg:NewsArticle``): headline, date, url, source, author/editor/publisher;
* every entity it mentions: ``rdf:type``, ``rdfs:label`` (the fullest name), ``skos:altLabel``
  (other forms), and ``kg:mentions`` from the article;
* every relation twice: as a direct triple (``:bima kg:mayorOf :bogor``) for simple queries,
  and as an ``rdf:Statement`` node carrying its evidence (article, sentence, offsets, confidence,
  rule). Standard RDF reification is plain SPARQL 1.1, works on every server and survives TriG
  and N-Quads round trips, which RDF-star does not yet do portably. A fact keeps at most
  :data:`MAX_EVIDENCE` statements per article, the most confident;
* each sentence that supports a statement once, as a ``kg:Sentence`` node (its index and text)
  that the statements point to with ``kg:inSentence``: a sentence naming 3,000 people is stored
  once, not once per person;
* quotations (``kg:Quote``) with speaker, text and position;
* for every office (``mayorOf`` ... ``headOf``) the holding as a ``kg:Position`` node shared by
  all articles about the same holder, office and post, with the days this article gives:
  ``kg:heldFrom``/``kg:heldUntil`` from "periode 2014-2019" or "sejak April 2016",
  ``kg:attestedOn`` its publication day (``kg:formerAsOf`` when it says "mantan"). SPARQL then
  asks "who was mayor of Bogor on 2017-07-21" (``queries/office-holders.rq``).

No blank nodes: every node is minted deterministically, so re-ingesting an article yields the
same triples and the facts graph can deduplicate them.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.model.iri import (
    article_iri,
    entity_iri,
    name_key,
    position_iri,
    quote_iri,
    sentence_iri,
    statement_iri,
)
from kg.model.periods import period
from kg.model.records import ARTICLE, Entity, Extraction, Relation, Sentence
from kg.model.terms import KG, OWL, PROV, RDF, RDFS, RELATIONS, SCHEMA, SKOS, WD, XSD, class_iri
from kg.model.wikidata import wikidata_qid

__all__ = ["MAX_EVIDENCE", "OFFICES", "article_triples", "date_literal", "to_rdf"]

Triple = tuple[Node, Node, Node]

_QUALIFIERS = {
    "start": KG.startDate,
    "end": KG.endDate,
    "date": KG.date,
    "past": KG.isPast,
    "role": KG.role,
}
OFFICES = frozenset(
    {"mayorOf", "viceMayorOf", "regentOf", "viceRegentOf", "governorOf", "viceGovernorOf", "headOf"}
)
"""The relation properties that name an office held for a time: each gets a ``kg:Position``."""
MAX_EVIDENCE = 3
"""Statements (sentences of evidence) kept per fact and article: the most confident."""

_DATE_SHAPES = (
    (re.compile(r"^\d{4}$"), XSD.gYear),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?$"), XSD.dateTime),
)


def date_literal(value: str) -> Literal:
    """Type an ISO 8601 value by its precision: a year is never turned into a day.

    >>> date_literal("2016-04").datatype.endswith("gYearMonth")
    True
    """
    for shape, datatype in _DATE_SHAPES:
        if shape.match(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def _qualifier(key: str, value: str) -> tuple[URIRef, Literal]:
    prop = _QUALIFIERS.get(key, KG[key])
    if key == "past":
        return prop, Literal(value == "true", datatype=XSD.boolean)
    if key in ("start", "end", "date"):
        return prop, date_literal(value)
    return prop, Literal(value)


def _entity_triples(node: URIRef, entity: Entity) -> list[Triple]:
    triples: list[Triple] = [
        (node, RDF.type, class_iri(entity.cls)),
        (node, RDFS.label, Literal(entity.name)),
    ]
    triples += [(node, SKOS.altLabel, Literal(alias)) for alias in entity.aliases]
    if entity.ident:
        triples.append((node, KG.identifier, Literal(entity.ident)))
    elif entity.cls == "Person":
        triples.append((node, KG.nameKey, Literal(name_key(entity.name))))
    qid = wikidata_qid(entity)
    if qid:  # from the table kg ships; kg link --wikidata adds the others in the links graph
        triples.append((node, OWL.sameAs, WD[qid]))
    return triples


def _day(value: str, last: bool) -> Literal | None:
    try:
        first_day, last_day = period(value)
    except ValueError:
        return None
    return Literal(last_day if last else first_day, datatype=XSD.date)


def _position_triples(
    stmt: URIRef,
    subject: URIRef,
    office: URIRef,
    post: URIRef,
    qualifiers: dict[str, str],
    published: str | None,
) -> list[Triple]:
    node = position_iri(str(subject), str(office), str(post))
    triples: list[Triple] = [
        (stmt, KG.position, node),
        (node, RDF.type, KG.Position),
        (node, KG.holder, subject),
        (node, KG.office, office),
        (node, KG.post, post),
    ]
    for key, prop, last in (("start", KG.heldFrom, False), ("end", KG.heldUntil, True)):
        day = _day(qualifiers[key], last) if key in qualifiers else None
        if day is not None:
            triples.append((node, prop, day))
    seen = _day(published, False) if published and len(published) >= 10 else None
    if seen is not None:  # only a known day: "2017" does not say when in 2017
        ended = "end" in qualifiers and str(_day(qualifiers["end"], True) or "") < str(seen)
        past = qualifiers.get("past") == "true" or ended  # "periode 2004-2014" read in 2015
        triples.append((node, KG.formerAsOf if past else KG.attestedOn, seen))
    return triples


def _article_triples(extraction: Extraction, node: URIRef) -> list[Triple]:
    article = extraction.article
    triples: list[Triple] = [
        (node, RDF.type, KG.NewsArticle),
        (node, KG.identity, Literal(article.identity)),
        (node, KG.contentHash, Literal(article.content_hash)),
        (node, KG.extractor, Literal(extraction.extractor)),
    ]
    if article.title:
        triples.append((node, SCHEMA.headline, Literal(article.title)))
    if extraction.published:
        triples.append((node, SCHEMA.datePublished, date_literal(extraction.published)))
    if article.url:
        triples.append((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.source:
        triples.append((node, KG.sourceFile, Literal(article.source)))
    for key, value in extraction.metadata:
        triples.append((node, KG[key], Literal(value)))
    return triples


def _scopes(extraction: Extraction, article: URIRef) -> dict[str, URIRef]:
    """Where a one-word person name holds: a byline credit within its outlet, others within
    the article ("Naryo", editor at ANTARA, is one person across ANTARA's articles)."""
    publisher = next((r.object for r in extraction.relations if r.predicate == "publisher"), None)
    if publisher is None:
        return {}
    outlet = entity_iri(extraction.entity(publisher))
    return {
        r.object: outlet
        for r in extraction.relations
        if r.subject == ARTICLE and r.predicate in ("author", "editor")
    }


def _by_confidence(relations: tuple[Relation, ...]) -> list[Relation]:
    """Relations, most confident first (then in the order the text gives them), so that the
    statements a fact keeps (:data:`MAX_EVIDENCE`) are its best."""
    return sorted(relations, key=lambda r: (-r.confidence, r.sentence, r.start))


def _statement_triples(
    stmt: URIRef, relation: Relation, fact: Triple, article: URIRef, sentence: Sentence | None
) -> list[Triple]:
    """The evidence of one statement: the fact, the article, confidence, rule, offsets and the
    sentence, a node of its own shared by every statement of the same sentence."""
    triples: list[Triple] = [
        (stmt, RDF.type, RDF.Statement),
        (stmt, RDF.subject, fact[0]),
        (stmt, RDF.predicate, fact[1]),
        (stmt, RDF.object, fact[2]),
        (stmt, PROV.wasDerivedFrom, article),
        (stmt, KG.confidence, Literal(round(relation.confidence, 3), datatype=XSD.decimal)),
        (stmt, KG.rule, Literal(relation.rule)),
        (stmt, KG.charStart, Literal(relation.start)),
        (stmt, KG.charEnd, Literal(relation.end)),
    ]
    if sentence is not None:
        node = sentence_iri(article, sentence.index)
        triples += [
            (stmt, KG.sentenceIndex, Literal(sentence.index)),
            (stmt, KG.inSentence, node),
            (node, RDF.type, KG.Sentence),
            (node, KG.sentenceIndex, Literal(sentence.index)),
            (node, KG.sentenceText, Literal(sentence.text)),
            (node, PROV.wasDerivedFrom, article),
        ]
    return triples


def to_rdf(extraction: Extraction) -> tuple[URIRef, Graph]:
    """Build the article graph of one extraction.

    Returns:
        The article's IRI (also the name of its graph) and the graph's triples.

    >>> from kg.model.records import Article
    >>> iri, graph = to_rdf(Extraction(Article("Teks.")))
    >>> (iri, RDF.type, KG.NewsArticle) in graph
    True
    """
    article, triples = article_triples(extraction)
    graph = Graph(identifier=article)
    for triple in triples:
        graph.add(triple)
    return article, graph


def article_triples(extraction: Extraction) -> tuple[URIRef, list[Triple]]:
    """The article's IRI and the triples of its graph, each once, without building an rdflib
    graph (half the cost of :func:`to_rdf`: adding to a graph updates three indexes)."""
    article = article_iri(extraction.article)
    out: dict[Triple, None] = dict.fromkeys(_article_triples(extraction, article))
    nodes: dict[str, URIRef] = {ARTICLE: article}
    scopes = _scopes(extraction, article)
    for entity in extraction.entities:
        node = entity_iri(entity, scopes.get(entity.key, article))
        nodes[entity.key] = node
        out[(article, KG.mentions, node)] = None
        for triple in _entity_triples(node, entity):
            out[triple] = None
    sentences = {s.index: s for s in extraction.sentences}
    kept: dict[Triple, set[URIRef]] = {}  # a fact's statements (one per sentence)
    for relation in _by_confidence(extraction.relations):
        spec = RELATIONS[relation.predicate]
        subject, obj = nodes[relation.subject], nodes[relation.object]
        if spec.symmetric and str(obj) < str(subject):
            subject, obj = obj, subject  # one direction, so two articles state one triple
        out[(subject, spec.iri, obj)] = None
        stmt = statement_iri(article, str(subject), spec.name, str(obj), relation.sentence)
        statements = kept.setdefault((subject, spec.iri, obj), set())
        if stmt not in statements and len(statements) >= MAX_EVIDENCE:
            if spec.name in OFFICES:  # no statement, but the dates it gives the holding stay
                qualifiers = dict(relation.qualifiers)
                for triple in _position_triples(
                    stmt, subject, spec.iri, obj, qualifiers, extraction.published
                ):
                    if triple[0] != stmt:
                        out[triple] = None
            continue
        statements.add(stmt)
        evidence = sentences.get(relation.sentence)
        for triple in _statement_triples(
            stmt, relation, (subject, spec.iri, obj), article, evidence
        ):
            out[triple] = None
        for key, value in relation.qualifiers:
            prop, literal = _qualifier(key, value)
            out[(stmt, prop, literal)] = None
        if spec.name in OFFICES:
            qualifiers = dict(relation.qualifiers)
            for triple in _position_triples(
                stmt, subject, spec.iri, obj, qualifiers, extraction.published
            ):
                out[triple] = None
    for quote in extraction.quotes:
        node_q = quote_iri(article, quote.start, quote.end)
        out[(node_q, RDF.type, KG.Quote)] = None
        out[(node_q, KG.quoteText, Literal(quote.text))] = None
        out[(node_q, PROV.wasDerivedFrom, article)] = None
        out[(node_q, KG.charStart, Literal(quote.start))] = None
        out[(node_q, KG.charEnd, Literal(quote.end))] = None
        if quote.speaker is not None and quote.speaker in nodes:
            out[(node_q, KG.speaker, nodes[quote.speaker])] = None
    return article, list(out)
