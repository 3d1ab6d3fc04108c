"""The same behaviour on every embedded backend: idempotent writes, facts = union of articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import kg
from kg.model.terms import FACTS_GRAPH, KG, RDF, RDFS
from kg.store import ArticleGraph, Store, open_store
from kg.store.base import ARTICLE_PREFIX

A = URIRef(ARTICLE_PREFIX + "a")
B = URIRef(ARTICLE_PREFIX + "b")
X = URIRef("https://w3id.org/kg-indonesia/id/person/x")


@pytest.fixture(params=["memory", "oxigraph-disk", "oxigraph-memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "memory":
        s: Store = open_store("memory")
    elif request.param == "oxigraph-disk":
        s = open_store(tmp_path / "db")
    else:
        from kg.store.oxigraph import OxigraphStore

        s = OxigraphStore(None)
    yield s
    s.close()


def article(iri: URIRef, *labels: str, digest: str = "h") -> ArticleGraph:
    triples = [(iri, RDF.type, KG.NewsArticle), (iri, KG.contentHash, Literal(digest))]
    triples += [(X, RDFS.label, Literal(label)) for label in labels]
    return ArticleGraph(iri, tuple(triples), digest)


def facts(store: Store) -> set[tuple[object, object, object]]:
    return {(s, p, o) for s, p, o, g in store.quads() if g == FACTS_GRAPH}


def union(store: Store) -> set[tuple[object, object, object]]:
    return {
        (s, p, o)
        for s, p, o, g in store.quads()
        if g is not None and str(g).startswith(ARTICLE_PREFIX)
    }


def test_writing_twice_changes_nothing(store: Store) -> None:
    assert store.write_articles([article(A, "x")]) == {A: "new"}
    before = set(store.quads())
    assert store.write_articles([article(A, "x")]) == {A: "unchanged"}
    assert set(store.quads()) == before


def test_a_fact_supported_by_two_articles_survives_removing_one(store: Store) -> None:
    store.write_articles([article(A, "shared", "only-a"), article(B, "shared")])
    assert store.remove_article(A)
    labels = {o for s, p, o in facts(store) if p == RDFS.label}
    assert labels == {Literal("shared")}
    assert facts(store) == union(store)


def test_replacing_an_article_replaces_its_facts(store: Store) -> None:
    store.write_articles([article(A, "old", digest="1")])
    assert store.write_articles([article(A, "new", digest="2")]) == {A: "changed"}
    labels = {o for s, p, o in facts(store) if p == RDFS.label}
    assert labels == {Literal("new")}


def test_removing_an_unknown_article_is_reported(store: Store) -> None:
    assert not store.remove_article(A)


def test_build_twice_gives_the_same_quads(tmp_path: Path, seed_path: Path) -> None:
    with kg.KnowledgeGraph(tmp_path / "s") as graph:
        first = graph.build([seed_path])
        quads = set(graph.store.quads())
        second = graph.build([seed_path])
        assert (first.new, second.unchanged) == (1, 1)
        assert set(graph.store.quads()) == quads


def test_a_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    with kg.KnowledgeGraph(tmp_path / "s"), pytest.raises(kg.StoreLockedError, match="kg serve"):
        kg.KnowledgeGraph(tmp_path / "s")


def test_backends_agree_on_the_seed(tmp_path: Path, seed_path: Path) -> None:
    results = []
    for spec in ("memory", tmp_path / "s"):
        with kg.KnowledgeGraph(spec) as graph:
            graph.build([seed_path])
            results.append(({q for q in graph.store.quads()}, graph.query("officials").rows))
    assert results[0] == results[1]
