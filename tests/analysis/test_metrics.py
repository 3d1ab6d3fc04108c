"""Metrics: known values, the two engines agree, results reach SPARQL through the analysis graph."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

import networkx as nx
import pytest

import kg
from kg.analysis import (
    MetricOptions,
    Projection,
    analysis_triples,
    compute_metrics,
    project_frame,
    save_analysis,
)
from kg.analysis.synthetic import comention_from_articles, synthetic_articles
from kg.errors import AnalysisError
from kg.model.terms import ANALYSIS_GRAPH

pytest.importorskip("igraph", reason="igraph is in the dev extra")


@pytest.fixture(scope="module")
def synthetic() -> Any:
    return comention_from_articles(synthetic_articles(400, seed=3, mentions=5, regions=20))


def test_known_values_on_a_path() -> None:
    m = compute_metrics(nx.path_graph(["a", "b", "c", "d"]), MetricOptions(engine="networkx"))
    assert m.degree == {"a": 1, "b": 2, "c": 2, "d": 1}
    assert m.betweenness["b"] == pytest.approx(2 / 3)
    assert m.core == dict.fromkeys("abcd", 1)
    assert m.components == 1


def test_parallel_edges_merge_and_weights_add() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="mayorOf", weight=2)
    G.add_edge("b", "a", key="cooperatesWith", weight=3)
    m = compute_metrics(G, MetricOptions(engine="networkx"))
    assert m.degree["a"] == 1
    assert m.weighted_degree["a"] == 5


@pytest.mark.parametrize("k", [pytest.param(None, id="exact"), pytest.param(60, id="sampled")])
def test_engines_agree_within_tolerance(synthetic: Any, k: int | None) -> None:
    a = compute_metrics(synthetic, MetricOptions(engine="networkx", betweenness_k=k))
    b = compute_metrics(synthetic, MetricOptions(engine="igraph", betweenness_k=k))
    assert (a.engine, b.engine) == ("networkx", "igraph")
    for name, tolerance in (("pagerank", 1e-4), ("betweenness", 1e-9), ("eigenvector", 1e-3)):
        x, y = getattr(a, name), getattr(b, name)
        assert max(abs(x[n] - y[n]) for n in x) < tolerance, name
    assert a.core == b.core
    assert a.component == b.component
    assert a.degree == b.degree
    assert a.modularity == pytest.approx(b.modularity, abs=0.02)


def test_leiden_comes_from_igraph(synthetic: Any) -> None:
    m = compute_metrics(synthetic, MetricOptions(communities="leiden"))
    assert m.engine == "igraph"
    assert m.modularity > 0.3
    with pytest.raises(AnalysisError, match="Leiden needs the igraph engine"):
        compute_metrics(synthetic, MetricOptions(engine="networkx", communities="leiden"))


def test_communities_are_numbered_largest_first(synthetic: Any) -> None:
    m = compute_metrics(synthetic, MetricOptions(engine="networkx", betweenness_k=0))
    sizes = [list(m.community.values()).count(c) for c in range(m.communities)]
    assert sizes == sorted(sizes, reverse=True)


def test_analyze_writes_the_analysis_graph(news_graph: kg.KnowledgeGraph) -> None:
    result = news_graph.analyze()
    top = result.rows(top=1)[0]
    rows = news_graph.query(
        f"""PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name ?pr ?engine WHERE {{
          GRAPH <{ANALYSIS_GRAPH}> {{ ?e kg:pageRank ?pr . <{ANALYSIS_GRAPH}> kg:engine ?engine }}
          ?e rdfs:label ?name }} ORDER BY DESC(?pr) LIMIT 1"""
    )
    name, pagerank, engine = rows.rows[0]
    assert str(name) == top["entity"]
    assert float(str(pagerank)) == pytest.approx(top["pagerank"], rel=1e-6)
    assert str(engine) == "networkx"


def test_analysis_graph_is_replaced_not_accumulated(news_graph: kg.KnowledgeGraph) -> None:
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?s ?p ?o }} }}"
    news_graph.analyze()
    first = int(str(news_graph.query(count).rows[0][0]))
    news_graph.analyze()
    assert int(str(news_graph.query(count).rows[0][0])) == first > 0


def _analysis_graph(graph: kg.KnowledgeGraph) -> set[tuple[str, str, object]]:
    rows = graph.store.select_values(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?s ?p ?o }} }}"
    )
    return {(s, p, _number(o)) for s, p, o in rows}


def _number(value: object) -> object:
    """A value as a number or a time where it is one (stores write them in their own forms)."""
    for parse in (float, datetime.fromisoformat):
        try:
            return parse(str(value))
        except ValueError:
            continue
    return str(value)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_saving_writes_only_what_changed(samples_path: Any, tmp_path: Any, store: str) -> None:
    graph = kg.KnowledgeGraph("memory" if store == "memory" else tmp_path / "store")
    graph.build([samples_path])
    when = datetime(2026, 1, 2, tzinfo=timezone.utc)
    for projection, expected in (
        (Projection(), None),  # first run: everything added
        (Projection(), (0, 0)),  # the same run again: nothing to write
        (Projection(kind="comention"), None),  # another projection: most values change
    ):
        G = project_frame(graph.store, projection)
        metrics = compute_metrics(G)
        changed = save_analysis(
            graph.store, G, metrics, description=projection.describe(), when=when
        )
        if expected is not None:
            assert changed == expected
        triples = analysis_triples(G, metrics, description=projection.describe(), when=when)
        assert _analysis_graph(graph) == {(str(s), str(p), _number(o)) for s, p, o in triples}
    graph.close()


def test_each_stage_says_its_cpu_time_in_this_thread_and_in_others(
    news_graph: kg.KnowledgeGraph, caplog: pytest.LogCaptureFixture
) -> None:
    """``kg -v`` tells a stage that waited for the CPU from one that shared it with a
    background compaction (benchmarks/analysis_e2e.py reads these lines)."""
    import re

    with caplog.at_level(logging.INFO, logger="kg"):
        news_graph.analyze(save=False)
    stage = re.compile(r"^(\w+)\s+[\d.]+ s \(CPU ([\d.]+) s here, ([\d.]+) s in other threads\)$")
    found = {m.group(1) for r in caplog.records if (m := stage.match(r.getMessage()))}
    assert found == {"project", "metrics"}
