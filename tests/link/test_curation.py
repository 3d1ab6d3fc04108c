"""Curation: merge, split and alias decisions are stored as RDF and survive later builds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.term import Node

import kg
from kg.cli import cli
from kg.errors import CurationError
from kg.model.terms import CURATION_GRAPH, KG, LINKS_GRAPH, OWL, SKOS
from kg.store.base import plain
from kg.store.summary import SUMMARY_PREDICATES, kept, recount

ARTICLES = {
    "h1": 'Surabaya (ANTARA) - "Kontrak ini penting bagi pelabuhan," kata Teguh Prakoso di '
    "Surabaya, Senin (3/2/2020).",
    "h2": 'Surabaya (ANTARA) - "Pelabuhan harus bersih," ujar Teguh Prakoso di Surabaya, Selasa '
    "(4/2/2020).",
    "h3": 'Malang (ANTARA) - "Anak-anak berlatih keras," kata pelatih sepak bola remaja Teguh '
    "Prakoso di Malang, Rabu (5/2/2020).",
    "h4": "Surabaya (ANTARA) - Forum Kota Pelabuhan Nusantara (FKPN) menggelar rapat di "
    "Surabaya, Kamis (6/2/2020).",
    "h5": "Surabaya (ANTARA) - Forum Pelabuhan Nusantara menerima anggota baru, Jumat (7/2/2020).",
}


def write(folder: Path, articles: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(f"url: https://example.org/{name}\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with kg.KnowledgeGraph(path) as graph:
        report = graph.build(write(tmp_path / "in", ARTICLES), workers=1)
        assert report.failed == 0
    return path


@pytest.fixture
def graph(store: Path) -> Iterator[kg.KnowledgeGraph]:
    with kg.KnowledgeGraph(store) as g:
        yield g


def article_of(graph: kg.KnowledgeGraph, name: str) -> str:
    return str(graph._article_iri(f"https://example.org/{name}"))


def facts_hold_union(graph: kg.KnowledgeGraph) -> None:
    """The store invariant: facts = union of article graphs and the curation graph (plus the
    kept summaries, which no source holds, and which equal their count from scratch)."""
    facts: set[tuple[object, ...]] = set()
    sources: set[tuple[object, ...]] = set()
    every: list[tuple[Node, Node, Node]] = []
    for s, p, o, g in graph.store.quads():
        if g is not None and str(g).endswith("graph/facts"):
            every.append((s, p, o))
            if p not in SUMMARY_PREDICATES:
                facts.add((s, p, o))
        elif g is not None and ("/article/" in str(g) or g == CURATION_GRAPH):
            sources.add((s, p, o))
    assert facts == sources
    held = {(s, p, plain(o)) for s, p, o in kept(graph.store.select)}
    assert held == {(s, p, plain(o)) for s, p, o in recount(every)}


def test_split_a_wrong_merge_and_the_rebuild_keeps_it(
    graph: kg.KnowledgeGraph, store: Path
) -> None:
    node = graph.entity("Teguh Prakoso").iri
    coach = article_of(graph, "h3")
    new = graph.split("Teguh Prakoso", [coach])
    assert graph.entity(new).articles == (coach,)
    assert coach not in graph.entity(str(node)).articles
    facts_hold_union(graph)
    assert graph.store.ask(f"ASK {{ <{new}> <{KG.differentFrom}> <{node}> }}")
    # a later build that re-extracts the coach's article keeps the decision
    changed = {"h3": ARTICLES["h3"] + " Latihan berlangsung dua jam."}
    report = graph.build(write(store.parent / "in", changed), workers=1)
    assert report.changed == 1
    coach_rows = graph.store.select(
        f"SELECT ?a WHERE {{ ?a <{KG.mentions}> <{new}> ; <{KG.sourceFile}> ?f }}"
    )
    assert len(coach_rows) == 1
    assert len(graph.entity(str(node)).articles) == 2
    facts_hold_union(graph)


def test_merge_rewrites_the_store_and_later_builds(graph: kg.KnowledgeGraph, store: Path) -> None:
    short = graph.entity("Forum Pelabuhan Nusantara").iri
    full = graph.entity("Forum Kota Pelabuhan Nusantara").iri
    assert short != full
    graph.store.update(
        f"INSERT DATA {{ GRAPH <{LINKS_GRAPH}> {{ <{short}> <{OWL.sameAs}> "
        "<http://www.wikidata.org/entity/Q900000001> } }"
    )
    count = graph.merge(str(short), str(full))
    assert count == 1
    assert graph.store.ask(
        f"ASK {{ GRAPH <{LINKS_GRAPH}> {{ <{full}> <{OWL.sameAs}> "
        "<http://www.wikidata.org/entity/Q900000001> } }"
    )
    assert "Forum Pelabuhan Nusantara" in graph.entity(str(full)).aliases
    assert graph.entity(str(short)).iri == full  # a merged-away IRI shows its target
    assert not graph.store.ask(f"ASK {{ ?a <{KG.mentions}> <{short}> }}")
    assert graph.store.ask(
        f"ASK {{ GRAPH <{CURATION_GRAPH}> {{ <{short}> <{OWL.sameAs}> <{full}> }} }}"
    )
    facts_hold_union(graph)
    # a new article naming the merged-away form lands on the target
    folder = store.parent / "new"
    paths = write(
        folder,
        {
            "h6": "Makassar (ANTARA) - Forum Pelabuhan Nusantara membuka kantor di Makassar, "
            "Senin (10/2/2020)."
        },
    )
    graph.build(paths, workers=1)
    assert len(graph.entity(str(full)).articles) == 3
    assert not graph.store.ask(f"ASK {{ ?a <{KG.mentions}> <{short}> }}")


def test_alias_is_queryable_and_survives_removing_articles(graph: kg.KnowledgeGraph) -> None:
    iri = graph.alias("Forum Kota Pelabuhan Nusantara", "Forum Pelabuhan")
    # queries read the facts graph: the alias is there
    assert graph.store.ask(f'ASK {{ <{iri}> <{SKOS.altLabel}> "Forum Pelabuhan" }}')
    assert graph.entity("Forum Pelabuhan").iri == URIRef(iri)
    graph.remove(article_of(graph, "h4"))
    assert graph.store.ask(f'ASK {{ <{iri}> <{SKOS.altLabel}> "Forum Pelabuhan" }}')
    facts_hold_union(graph)


def test_ambiguous_and_unknown_names_are_clear_errors(graph: kg.KnowledgeGraph) -> None:
    with pytest.raises(CurationError, match="no entity named"):
        graph.entity("Nama Yang Tidak Ada")
    with pytest.raises(CurationError, match="nothing to merge"):
        graph.merge("Teguh Prakoso", "Teguh Prakoso")
    view = graph.entity("Teguh Prakoso")
    with pytest.raises(CurationError, match="must leave some behind"):
        graph.split("Teguh Prakoso", list(view.articles))


def test_cli_entities_commands(store: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["entities", "list", "--store", str(store), "--name", "teguh"])
    assert listed.exit_code == 0, listed.output
    assert "Teguh Prakoso" in listed.output
    shown = runner.invoke(cli, ["entities", "show", "Teguh Prakoso", "--store", str(store)])
    assert shown.exit_code == 0, shown.output
    assert "articles (3)" in shown.output
    aliased = runner.invoke(
        cli, ["entities", "alias", "Teguh Prakoso", "Pak Teguh", "--store", str(store)]
    )
    assert aliased.exit_code == 0, aliased.output
    bad = runner.invoke(
        cli, ["entities", "merge", "Tidak Ada", "Teguh Prakoso", "--store", str(store)]
    )
    # `kg` (kg.cli.main) prints a KGError on one line and exits 1
    assert isinstance(bad.exception, CurationError)
    assert "no entity named 'Tidak Ada'" in str(bad.exception)


@pytest.mark.parametrize(
    "cls",
    [
        f"Person> . ?x ?y ?z . ?e a <{KG.Person}",
        "Persn",
    ],
    ids=["injection", "typo"],
)
def test_entities_type_is_checked_like_a_parameter(graph: kg.KnowledgeGraph, cls: str) -> None:
    with pytest.raises(CurationError, match=r"^unknown entity type .*; use one of Person, "):
        graph.entities(cls=cls)


@pytest.mark.parametrize(
    "ref",
    [
        "https://w3id.org/kg-indonesia/id/person/x> ?p ?o } #",
        "https://w3id.org/kg-indonesia/id/article/x> } ; DROP ALL ; #",
    ],
    ids=["entity", "article"],
)
def test_an_iri_given_by_a_user_is_never_spliced_into_sparql(
    graph: kg.KnowledgeGraph, ref: str
) -> None:
    before = len(list(graph.store.quads()))
    use = graph.remove if "/article/" in ref else graph.entity
    with pytest.raises(CurationError, match="is not an"):
        use(ref)
    assert len(list(graph.store.quads())) == before
