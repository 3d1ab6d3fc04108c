"""The article graph: provenance of every relation, no blank nodes, round trips."""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph
from rdflib.compare import isomorphic

import kg
from kg.model.rdf import date_literal, to_rdf
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
