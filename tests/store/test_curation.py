"""Cross-article resolution and curation give the same graph on every backend.

Homonyms, a merge, a split and an alias, on memory, embedded Oxigraph, Oxigraph server and
Virtuoso: the curation graph is a source of the facts graph like an article, so the facts
graph stays the union of both after every decision.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

import kg
from kg.model.listing import lookup_key
from kg.model.terms import FACTS_GRAPH, KG, SKOS
from kg.store import Store
from kg.store.base import is_source
from kg.store.summary import SUMMARY_PREDICATES

ARTICLES = {
    "k1": "Bandung (ANTARA) - Wali Kota Bandung Budi Santoso meresmikan taman kota di Bandung, "
    "Senin (3/2/2020).",
    "k2": "Sleman (ANTARA) - Bupati Sleman Budi Santoso membuka pasar murah di Sleman, Selasa "
    "(4/2/2020).",
    "k3": "Surabaya (ANTARA) - Forum Kota Pelabuhan Nusantara menggelar rapat di Surabaya, Rabu "
    "(5/2/2020).",
    "k4": "Makassar (ANTARA) - Forum Pelabuhan Nusantara membuka kantor di Makassar, Kamis "
    "(6/2/2020).",
}


def _facts_are_the_union(store: Store) -> None:
    facts: set[tuple[object, ...]] = set()
    sources: set[tuple[object, ...]] = set()
    for s, p, o, g in store.quads():
        if g == FACTS_GRAPH and p not in SUMMARY_PREDICATES:
            facts.add((s, p, o))
        elif g is not None and is_source(str(g)):
            sources.add((s, p, o))
    assert facts == sources


def _people(store: Store) -> list[str]:
    rows = store.select(f"SELECT DISTINCT ?e WHERE {{ ?e a <{KG.Person}> }}")
    return sorted(str(e) for (e,) in rows)


def _named(store: Store, name: str) -> set[str]:
    """The entities a name finds by lookup (as the ready queries' name parameters do)."""
    key = Literal(lookup_key(name)).n3()
    rows = store.select(f"SELECT DISTINCT ?e WHERE {{ ?e <{KG.labelKey}> {key} }}")
    return {str(e) for (e,) in rows}


@pytest.mark.slow
def test_resolution_and_curation_on_every_backend(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for name, text in ARTICLES.items():
        path = folder / f"{name}.txt"
        path.write_text(f"url: https://example.org/{name}\n\n{text}", encoding="utf-8")
        paths.append(path)
    graph = kg.KnowledgeGraph(store)
    assert graph.build(paths, workers=1).failed == 0
    people = _people(store)
    assert len(people) == 2  # two Budi Santoso: unrelated offices
    assert store.ask(f"ASK {{ ?a <{SKOS.closeMatch}> ?b }}")

    graph.merge("Forum Pelabuhan Nusantara", "Forum Kota Pelabuhan Nusantara")
    full = graph.entity("Forum Kota Pelabuhan Nusantara")
    assert len(full.articles) == 2
    assert "Forum Pelabuhan Nusantara" in full.aliases
    _facts_are_the_union(store)
    # the merged node's name, now an alias, finds the node it was merged into
    assert _named(store, "forum pelabuhan nusantara") == {str(full.iri)}

    with pytest.raises(kg.errors.CurationError, match="must leave some behind"):
        graph.split(people[0], list(graph.entity(people[0]).articles))
    k4 = graph._article_iri("https://example.org/k4")
    new = graph.split("Forum Kota Pelabuhan Nusantara", [str(k4)])
    assert graph.entity(new).articles == (str(k4),)
    assert graph.entity("Forum Kota Pelabuhan Nusantara").articles != (str(k4),)
    graph.alias(new, "Forum Pelabuhan Makassar")
    assert store.ask(f'ASK {{ <{new}> <{SKOS.altLabel}> "Forum Pelabuhan Makassar" }}')
    _facts_are_the_union(store)
    # the alias curation added is found by its lookup key, in any case
    assert _named(store, "FORUM PELABUHAN MAKASSAR") == {new}

    graph.remove("https://example.org/k4")
    _facts_are_the_union(store)
    assert store.ask(f'ASK {{ <{new}> <{SKOS.altLabel}> "Forum Pelabuhan Makassar" }}')


@pytest.mark.slow
def test_office_holders_on_every_backend(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    dated = {"k1": "2020-02-03", "k2": "2020-02-04"}
    for name, day in dated.items():
        (folder / f"{name}.txt").write_text(
            f"url: https://example.org/{name}\ndate: {day}\n\n{ARTICLES[name]}", encoding="utf-8"
        )
    graph = kg.KnowledgeGraph(store)
    assert graph.build([folder], workers=1).failed == 0
    for place in ("bandung", "KOTA BANDUNG"):  # an alias, the label in another case
        rows = graph.query("office-holders", office="mayorOf", place=place, date="2020-02-03")
        assert [(str(r["name"]), str(r["from"]), str(r["articles"])) for r in rows.dicts()] == [
            ("Budi Santoso", "2020-02-03", "1")
        ]
    assert not graph.query("office-holders", office="mayorOf", place="Sleman", date="2020-02-04")
