"""The article graph: provenance of every relation, no blank nodes, round trips."""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal
from rdflib.compare import isomorphic

import kg
from kg.model.rdf import MAX_EVIDENCE, date_literal, to_rdf
from kg.model.records import Entity, Relation, Sentence
from kg.model.terms import KG, PROV, RDF, XSD


def test_every_relation_has_a_statement_with_evidence(seed_extraction: kg.Extraction) -> None:
    iri, graph = to_rdf(seed_extraction)
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert len(statements) == len(seed_extraction.relations)
    for stmt in statements:
        s, p, o = (
            graph.value(stmt, RDF.subject),
            graph.value(stmt, RDF.predicate),
            graph.value(stmt, RDF.object),
        )
        assert (s, p, o) in graph
        assert graph.value(stmt, PROV.wasDerivedFrom) == iri
        confidence = float(graph.value(stmt, KG.confidence))  # type: ignore[arg-type]
        assert 0 <= confidence <= 1
        assert graph.value(stmt, KG.rule) is not None


def test_article_graph_has_no_blank_nodes(seed_extraction: kg.Extraction) -> None:
    _, graph = to_rdf(seed_extraction)
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


def test_same_extraction_gives_same_triples(seed_text: str) -> None:
    _, a = to_rdf(kg.extract(seed_text))
    _, b = to_rdf(kg.extract(seed_text))
    assert set(a) == set(b)


def _dataset(extraction: kg.Extraction) -> Dataset:
    iri, graph = to_rdf(extraction)
    ds = Dataset()
    named = ds.graph(iri)
    for triple in graph:
        named.add(triple)
    return ds


def test_trig_and_nquads_round_trips_are_isomorphic(seed_extraction: kg.Extraction) -> None:
    ds = _dataset(seed_extraction)
    for fmt in ("trig", "nquads"):
        back = Dataset()
        back.parse(data=ds.serialize(format=fmt), format=fmt)
        for graph in ds.graphs():
            if len(graph) == 0:
                continue
            copy = back.graph(graph.identifier)
            assert isomorphic(Graph() + graph, Graph() + copy), fmt


def test_dates_keep_their_precision() -> None:
    assert date_literal("2016").datatype == XSD.gYear
    assert date_literal("2016-04").datatype == XSD.gYearMonth
    assert date_literal("2016-04-05").datatype == XSD.date


def _listing(names: int, facts_in: int = 1) -> kg.Extraction:
    """One sentence naming ``names`` people who took part in one event, stated ``facts_in``
    times (the same facts again in later sentences, confidence falling)."""
    text = "Rapat dihadiri " + ", ".join(f"Orang Nomor{i}" for i in range(names)) + "."
    sentences = tuple(Sentence(i, 0, len(text), text) for i in range(facts_in))
    people = tuple(Entity(f"p{i}", "Person", f"Orang Nomor{i}") for i in range(names))
    event = Entity("ev", "Event", "Rapat Koordinasi Daerah")
    relations = tuple(
        Relation(f"p{i}", "participatedIn", "ev", s, 0, len(text), 0.9 - s / 10, f"r{s}")
        for s in range(facts_in)
        for i in range(names)
    )
    return kg.Extraction(kg.Article(text * facts_in), sentences, (*people, event), relations)


def test_a_sentence_is_stored_once_however_many_facts_it_supports() -> None:
    extraction = _listing(200)
    _, graph = to_rdf(extraction)
    text = extraction.sentences[0].text
    assert len(set(graph.subjects(RDF.type, RDF.Statement))) == 200
    assert sum(1 for t in graph if t[2] == Literal(text)) == 1  # was once per statement
    (node,) = graph.subjects(RDF.type, KG.Sentence)
    assert set(graph.objects(None, KG.inSentence)) == {node}
    assert graph.value(node, KG.sentenceText) == Literal(text)
    assert len(graph.serialize(format="nt")) < 200 * 3_000  # 200 copies of the text were 3 MB


def test_a_fact_keeps_its_most_confident_statements() -> None:
    _, graph = to_rdf(_listing(2, facts_in=MAX_EVIDENCE + 3))
    for person in ("p0", "p1"):
        about = [
            st
            for st in graph.subjects(RDF.type, RDF.Statement)
            if str(graph.value(st, RDF.subject)).endswith(f"nomor{person[1:]}")
        ]
        assert len(about) == MAX_EVIDENCE
        kept = sorted(int(str(graph.value(st, KG.sentenceIndex))) for st in about)
        assert kept == list(range(MAX_EVIDENCE))  # the first sentences are the most confident
    assert len(set(graph.subjects(RDF.type, KG.Sentence))) == MAX_EVIDENCE
    assert len(set(graph.triples((None, KG.participatedIn, None)))) == 2


def test_a_holding_keeps_the_dates_of_statements_over_the_cap() -> None:
    text = "Wali Kota Bogor Bima Arya."
    relations = tuple(
        Relation("p", "mayorOf", "c", s, 0, 9, 0.9 - s / 10, "title", (("start", "2014-04"),))
        if s == MAX_EVIDENCE
        else Relation("p", "mayorOf", "c", s, 0, 9, 0.9 - s / 10, "title")
        for s in range(MAX_EVIDENCE + 1)
    )
    extraction = kg.Extraction(
        kg.Article(text),
        tuple(Sentence(s, 0, len(text), text) for s in range(MAX_EVIDENCE + 1)),
        (Entity("p", "Person", "Bima Arya"), Entity("c", "City", "Bogor")),
        relations,
    )
    _, graph = to_rdf(extraction)
    assert len(set(graph.subjects(RDF.type, RDF.Statement))) == MAX_EVIDENCE
    (position,) = graph.subjects(RDF.type, KG.Position)
    assert str(graph.value(position, KG.heldFrom)).startswith("2014-04")
