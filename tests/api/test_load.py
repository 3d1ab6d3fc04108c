"""``kg load``: a user's RDF in a named graph of its own, queryable with the rest, removable."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import kg
from kg.model.terms import FACTS_GRAPH, RDFS
from kg.store.base import ARTICLE_PREFIX

ROOT = Path(__file__).resolve().parents[2]
BIMA = URIRef("https://w3id.org/kg-indonesia/id/person/bima-arya-sugiarto")
EXTRA = """\
@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kg: <https://w3id.org/kg-indonesia/ontology#> .
<https://w3id.org/kg-indonesia/id/person/bima-arya-sugiarto> ex:born "1972-12-17" ;
    rdfs:label "Bima Arya Sugiarto" ;
    ex:note [ ex:text "a blank node" ] .
ex:party a kg:PoliticalParty ; rdfs:label "Partai Contoh" .
"""


def _article_quads(graph: kg.KnowledgeGraph) -> set[tuple[object, ...]]:
    return {q for q in graph.store.quads() if str(q[3]).startswith(ARTICLE_PREFIX)}


def _facts(graph: kg.KnowledgeGraph) -> set[tuple[object, ...]]:
    return {q[:3] for q in graph.store.quads() if q[3] == FACTS_GRAPH}


@pytest.fixture(params=["memory", "oxigraph"])
def graph(
    request: pytest.FixtureRequest, tmp_path: Path, seed_path: Path
) -> Iterator[kg.KnowledgeGraph]:
    store = "memory" if request.param == "memory" else tmp_path / "store"
    with kg.KnowledgeGraph(store) as opened:
        opened.build([seed_path], workers=1)
        yield opened


def test_a_loaded_file_is_queryable_with_the_rest_and_leaves_articles_alone(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    (tmp_path / "extra.ttl").write_text(EXTRA)
    before = _article_quads(graph)
    report = graph.load(tmp_path / "extra.ttl")
    assert report.outcome == "new"
    assert report.graph == "https://w3id.org/kg-indonesia/id/graph/loaded/extra.ttl"
    assert _article_quads(graph) == before
    rows = graph.query(
        "SELECT ?born ?office WHERE { ?p <https://example.org/born> ?born ; kg:mayorOf ?office }"
    )
    assert [str(r[0]) for r in rows] == ["1972-12-17"]  # loaded and extracted facts join
    blank = graph.query("SELECT ?t WHERE { ?n <https://example.org/text> ?t }")
    assert [str(r[0]) for r in blank] == ["a blank node"]
    assert graph.load(tmp_path / "extra.ttl").outcome == "unchanged"


def test_removing_a_loaded_graph_keeps_what_articles_support(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    facts = _facts(graph)
    (tmp_path / "extra.ttl").write_text(EXTRA)
    report = graph.load(tmp_path / "extra.ttl", graph="https://example.org/graphs/mine")
    assert report.graph == "https://example.org/graphs/mine"
    assert (BIMA, RDFS.label, Literal("Bima Arya Sugiarto")) in facts  # shared with the article
    assert graph.remove("https://example.org/graphs/mine")
    assert _facts(graph) == facts
    assert not graph.remove("https://example.org/graphs/mine")


def test_loading_again_replaces_the_graph(graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "extra.ttl"
    path.write_text(EXTRA)
    graph.load(path)
    path.write_text(EXTRA.replace("Partai Contoh", "Partai Baru"))
    assert graph.load(path).outcome == "changed"
    names = graph.query("SELECT ?n WHERE { <https://example.org/party> rdfs:label ?n }")
    assert [str(r[0]) for r in names] == ["Partai Baru"]


def test_an_article_graph_is_never_a_load_target(graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    (tmp_path / "extra.ttl").write_text(EXTRA)
    article = next(graph.iter_articles())
    with pytest.raises(kg.IngestError, match="article's graph"):
        graph.load(tmp_path / "extra.ttl", graph=article)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        pytest.param("bad.ttl", "<a> <b> .", "is not valid turtle", id="syntax"),
        pytest.param("data.xyz", "x", "unknown RDF format", id="format"),
    ],
)
def test_a_bad_file_is_one_clear_error(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / name).write_text(text)
    with kg.KnowledgeGraph("memory") as graph, pytest.raises(kg.IngestError, match=message):
        graph.load(tmp_path / name)


def test_kg_load_and_kg_remove_on_the_command_line(tmp_path: Path, seed_path: Path) -> None:
    store = str(tmp_path / "store")
    (tmp_path / "extra.nq").write_text(
        '<https://example.org/a> <https://example.org/p> "x" <https://example.org/g1> .\n'
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kg.cli", *args, "--store", store],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )

    loaded = run("load", str(tmp_path / "extra.nq"), "--graph", "https://example.org/mine")
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith(
        f"loaded {tmp_path / 'extra.nq'} into <https://example.org/mine>"
    )
    found = run("query", "SELECT ?o WHERE { ?s <https://example.org/p> ?o }", "-f", "csv")
    assert found.stdout.splitlines() == ["o", "x"]
    assert run("remove", "https://example.org/mine").returncode == 0
    gone = run("query", "SELECT ?o WHERE { ?s <https://example.org/p> ?o }", "-f", "csv")
    assert gone.stdout.splitlines() == ["o"]
