"""What the browser view reads besides the projection: the shown articles' details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kg
from kg.analysis.view import _articles


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
