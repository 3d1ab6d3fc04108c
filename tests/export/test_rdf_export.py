"""Exports of a store: the dataset keeps its graphs, the facts graph is the union."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

import kg
from kg.model.terms import FACTS_GRAPH


def test_nquads_export_keeps_every_named_graph(
    oxi_graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    path = oxi_graph.export(tmp_path / "all.nq")
    ds = Dataset()
    ds.parse(path, format="nquads")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert str(FACTS_GRAPH) in names
    assert any("/article/" in n for n in names)


def test_turtle_export_is_the_facts_graph(seed_graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    path = seed_graph.export(tmp_path / "facts.ttl")
    assert len(Graph().parse(path)) == len(seed_graph.facts_graph())
