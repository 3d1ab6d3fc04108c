"""Graphs the analysis tests share, built once per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kg


@pytest.fixture(scope="module")
def demo_graph(samples_path: Path) -> Iterator[kg.KnowledgeGraph]:
    """The demo graph (``kg build data/samples``), built once per module."""
    graph = kg.KnowledgeGraph("memory")
    graph.build([samples_path])
    yield graph
    graph.close()
