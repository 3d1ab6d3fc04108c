"""What the browser view reads besides the projection: the shown articles' details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kg
from kg.analysis import MAX_FACTS
from kg.analysis.view import _articles, view_facts


@pytest.fixture(scope="module")
def graph(
    samples_path: Path, news_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[kg.KnowledgeGraph]:
    graph = kg.KnowledgeGraph(tmp_path_factory.mktemp("ox") / "store")
    graph.build([samples_path, news_dir])
    yield graph
    graph.close()


def test_article_details_read_by_scans_equal_those_looked_up(graph: kg.KnowledgeGraph) -> None:
    iris = [*sorted(graph.iter_articles())[1:], "https://example.org/not-an-article"]
    looked_up = _articles(graph.store, iris, scan=False)
    assert len(looked_up) == len(iris) - 1
    assert any(d["title"] and d["url"] and d["outlet"] and d["date"] for d in looked_up.values())
    assert _articles(graph.store, iris, scan=True) == looked_up


def test_each_entity_shows_its_best_supported_facts_and_counts_them_all(
    graph: kg.KnowledgeGraph,
) -> None:
    G = graph.project()
    everything, _, _, counts = view_facts(graph.store, G, max_facts=None)
    shown, _, _, capped_counts = view_facts(graph.store, G, max_facts=2)
    assert capped_counts == counts
    assert counts == {node: len(found) for node, found in everything.items()}
    crowded = [node for node, n in counts.items() if n > 2]
    assert crowded, "the fixture needs an entity with more than two facts"
    for node, found in everything.items():
        kept = shown[node]
        assert len(kept) == min(2, len(found))
        assert all(fact in found for fact in kept)  # with the same evidence and sentences
        assert [found.index(f) for f in kept] == sorted(found.index(f) for f in kept)
        least = min(len(f["evidence"]) for f in kept)  # evidence shown: min(3, articles)
        dropped = [f for f in found if f not in kept]
        assert all(len(f["evidence"]) <= least for f in dropped)


def test_the_default_shows_every_fact_of_the_fixtures(graph: kg.KnowledgeGraph) -> None:
    G = graph.project()
    assert view_facts(graph.store, G)[0] == view_facts(graph.store, G, max_facts=None)[0]
    assert max(view_facts(graph.store, G)[3].values()) < MAX_FACTS
