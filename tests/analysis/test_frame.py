"""The array form of a projection: NetworkX's order and attributes; GEXF written from arrays."""

from __future__ import annotations

import logging
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import kg
from kg.analysis import MetricOptions, Projection
from kg.analysis import metrics as metrics_module
from kg.export import write_gexf
from kg.model.frame import Frame


def _frame(*, directed: bool) -> Frame:
    """Four nodes; multi-dated edges and a malformed date; parallel and opposite edges when
    directed, edges stored against node order when not (a Graph holds one edge per pair)."""
    names = ["https://w3id.org/kg-indonesia/id/person/c", "b", "https://x.test/a", "d"]
    nodes = {
        n: {"label": f"N{i} <&>", "type": "Person", "dates": ("2020-02",), "pagerank": 0.1 * i}
        for i, n in enumerate(names)
    }
    datesets = [(), ("2019-03-14",), ("2017", "2019-03-14", "2021-06"), ("2020-13",)]
    return Frame(
        nodes=nodes,
        graph={"projection": "test", "kind": "test"},
        source=np.array([0, 1, 2, 0, 3, 1]) if directed else np.array([0, 2, 3, 2, 3, 2]),
        target=np.array([1, 0, 3, 1, 2, 2]) if directed else np.array([1, 1, 0, 0, 1, 3]),
        weight=np.array([1, 2, 3, 1, 5, 1_000_000]),
        label=np.array([0, 1, 0, 1, 1, 0]),
        labels=("mayorOf", "memberOf") if directed else ("comention", "comention"),
        dateset=np.array([1, 2, 0, 3, 2, 1]),
        datesets=datesets,
        articles=[("a1",), ("a1", "a2"), (), ("a3",), ("a4",), ("a5",)] if directed else None,
        directed=directed,
        multigraph=directed,
        predicates=directed,
    )


@pytest.mark.parametrize("directed", [True, False], ids=["relation", "comention"])
def test_frame_gexf_is_the_networkx_gexf(directed: bool, tmp_path: Path) -> None:
    frame = _frame(directed=directed)
    fast = write_gexf(frame, tmp_path / "frame.gexf").read_text(encoding="utf-8")
    slow = write_gexf(frame.to_networkx(), tmp_path / "nx.gexf").read_text(encoding="utf-8")
    assert fast == slow
    assert 'weight="1e+06"' in fast
    assert fast.count("<edge ") == 6


def test_frame_edges_follow_networkx(tmp_path: Path) -> None:
    frame = _frame(directed=False)
    G = frame.to_networkx()
    assert list(frame.edges()) == list(G.edges(data=True))
    assert [frame.degree(n) for n in frame.nodes] == [G.degree(n) for n in G.nodes]
    sub = frame.subgraph(["b", "d", "https://x.test/a"])
    assert list(sub.nodes) == ["b", "https://x.test/a", "d"]
    assert list(sub.to_networkx().edges(data=True)) == list(
        G.subgraph(["b", "d", "https://x.test/a"]).edges(data=True)
    )


def test_simple_view_merges_parallel_and_opposite_edges() -> None:
    from kg.analysis.metrics import simple_view
    from kg.analysis.simple import SimpleGraph, simple_graph

    frame = _frame(directed=True)
    arrays = simple_graph(frame)
    reference = SimpleGraph.from_networkx(simple_view(frame.to_networkx()))
    found = zip(arrays.u, arrays.v, arrays.w, strict=True)
    assert {(arrays.names[u], arrays.names[v], w) for u, v, w in found} == {
        (reference.names[u], reference.names[v], w)
        for u, v, w in zip(reference.u, reference.v, reference.w, strict=True)
    }
    assert arrays.degrees() == dict(simple_view(frame.to_networkx()).degree())


def test_simple_arrays_sum_parallel_weights_as_numpy_unique_would() -> None:
    """The packed sort (key and position in one integer) and the argsort it falls back to for
    keys too large to pack give the edges and summed weights of np.unique and np.bincount,
    float for float (the weights of one edge are added in the order they came)."""
    from kg.analysis import simple
    from kg.analysis.simple import SimpleGraph

    rng = np.random.default_rng(5)
    source, target = rng.integers(0, 60, 2000), rng.integers(0, 60, 2000)
    weight = rng.random(2000)
    names = [f"n{i}" for i in range(60)]
    arrays = SimpleGraph.from_arrays(names, source, target, weight)
    low, high = np.minimum(source, target), np.maximum(source, target)
    keep = low != high
    keys, inverse = np.unique(high[keep] * 60 + low[keep], return_inverse=True)
    assert np.array_equal(arrays.u, keys % 60)
    assert np.array_equal(arrays.v, keys // 60)
    assert np.array_equal(arrays.w, np.bincount(inverse, weights=weight[keep]))
    big = rng.integers(0, 1 << 50, 3000) | (1 << 50)  # 51 bits + 12 of positions: no packing
    big[::3] = big[1::3]
    for values in (big, big >> 30):  # the argsort, then the packed sort
        found, order = simple._sorted_keys(values)
        assert np.array_equal(order, np.argsort(values, kind="stable"))
        assert np.array_equal(found, np.sort(values))
    empty = SimpleGraph.from_arrays(names, np.zeros(0, int), np.zeros(0, int), np.zeros(0))
    assert len(empty.u) == len(empty.w) == 0


def test_igraph_gets_the_edges_in_its_own_order_however_they_came() -> None:
    """igraph indexes an undirected edge by its larger end; the arrays of a frame come in that
    order (no sort), other arrays are sorted first: the same graph, edge for edge."""
    pytest.importorskip("igraph")
    from kg.analysis.simple import SimpleGraph

    rng = np.random.default_rng(3)
    source, target = rng.integers(0, 40, 300), rng.integers(0, 40, 300)
    names = [f"n{i}" for i in range(40)]
    arrays = SimpleGraph.from_arrays(names, source, target, np.ones(300))
    key = arrays.v * 40 + arrays.u
    assert bool(np.all(key[1:] > key[:-1]))  # already in igraph's order
    shuffled = rng.permutation(len(arrays.u))
    other = SimpleGraph(names, arrays.u[shuffled], arrays.v[shuffled], arrays.w[shuffled])
    g, h = arrays.to_igraph(), other.to_igraph()
    assert g.get_edgelist() == h.get_edgelist()
    assert g.es["weight"] == h.es["weight"]
    assert sorted(g.get_edgelist(), key=lambda e: (max(e), min(e))) == g.get_edgelist()


def test_a_shrunk_betweenness_sample_is_said(
    news_graph: kg.KnowledgeGraph,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    """Large graphs get fewer betweenness sources; the output and the GEXF say so."""
    monkeypatch.setattr(metrics_module, "EXACT_BETWEENNESS_NODES", 2)
    monkeypatch.setattr(metrics_module, "SAMPLE_BUDGET", 10)
    monkeypatch.setattr(metrics_module, "MIN_K", 3)
    projection = Projection(kind="comention")
    with caplog.at_level(logging.WARNING, logger="kg"):
        result = news_graph.analyze(projection, save=False)
    nodes = result.frame.number_of_nodes()
    assert result.metrics.betweenness_k == 3
    assert f"betweenness sampled (k=3 of {nodes} nodes)" in result.summary()
    assert "betweenness sampled (k=3" in caplog.text
    gexf = news_graph.export(tmp_path / "g.gexf", projection=projection).read_text()
    assert f"betweenness sampled from 3 of {nodes} nodes" in gexf
    caplog.clear()
    news_graph.analyze(projection, MetricOptions(betweenness_k=3), save=False)
    assert "betweenness sampled" not in caplog.text  # asked for: nothing to warn about


def test_a_graph_of_networkx_still_exports(tmp_path: Path) -> None:
    G = nx.path_graph(["a", "b", "c"])
    assert write_gexf(G, tmp_path / "p.gexf").read_text().count("<edge ") == 2
