"""The relation graph projection: only relations become edges."""

from __future__ import annotations

import kg


def test_relation_graph_has_labelled_nodes_and_predicate_edges(
    seed_graph: kg.KnowledgeGraph,
) -> None:
    G = seed_graph.to_networkx()
    labels = {data["label"] for _, data in G.nodes(data=True)}
    assert {"Bima Arya Sugiarto", "Kota Bogor"} <= labels
    predicates = {data["predicate"] for _, _, data in G.edges(data=True)}
    assert "mayorOf" in predicates
    assert not predicates & {"type", "label", "mentions", "altLabel", "wasDerivedFrom"}
