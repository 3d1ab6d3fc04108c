"""KnowledgeGraph's read side as the CLI uses it: counts, paths with display names, ego links,
and StoreOptions opening a graph."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.api import Paths, StoreOptions


def test_stats_count_articles_entities_and_relations(seed_graph: kg.KnowledgeGraph) -> None:
    stats = seed_graph.stats()
    assert stats.articles == 1
    assert stats.entities["City"] >= 1
    assert stats.relations["mayorOf"] == 1
    assert list(stats.relations) == sorted(stats.relations)
    assert list(seed_graph.iter_articles()) == [str(next(iter(seed_graph.query("articles")))[0])]


def test_a_path_gives_each_node_a_display_name_with_its_acronym(
    seed_graph: kg.KnowledgeGraph,
) -> None:
    found = seed_graph.path("Bima Arya Sugiarto", "Bernadia Irawati Tjandradewi")
    assert isinstance(found, Paths)
    assert len(found) == 1
    names = [found.names[node] for node in found[0].nodes]
    assert names == [
        "Bima Arya Sugiarto",
        "Kota Bogor",
        "United Cities and Local Governments Asia Pasific (UCLG ASPAC)",
        "Bernadia Irawati Tjandradewi",
    ]
    assert list(found) == list(found.connections)


def test_ego_links_are_rows_heaviest_first(seed_graph: kg.KnowledgeGraph) -> None:
    rows = seed_graph.ego_links("uclg aspac")
    assert len(rows) == 3
    assert list(rows[0]) == ["source", "link", "target", "weight", "first", "last"]
    assert [r["weight"] for r in rows] == sorted((r["weight"] for r in rows), reverse=True)


def test_store_options_open_the_store_they_name(tmp_path: Path) -> None:
    with StoreOptions(str(tmp_path / "s")).open("create") as graph:
        assert graph.stats().articles == 0
    with StoreOptions(str(tmp_path / "s"), read_only=True).open() as graph:
        assert getattr(graph.store, "read_only", None) is True


def test_a_store_opened_by_a_relative_path_survives_a_change_of_directory(
    tmp_path: Path, samples_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    graph = kg.KnowledgeGraph("kg-data")
    try:
        monkeypatch.chdir(tmp_path / "elsewhere")
        assert graph.build([samples_path], workers=1).failed == 0
    finally:
        graph.close()
    assert not (tmp_path / "elsewhere" / "kg-data").exists()
    reopened = kg.KnowledgeGraph(str(tmp_path / "kg-data"))
    try:
        assert reopened.stats().articles == 4
    finally:
        reopened.close()
