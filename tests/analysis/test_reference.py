"""The array path gives exactly what the NetworkX path it replaced gave (kept in
``reference_projections.py``): the same graphs, node for node and edge for edge, in the same
order, on the embedded store and on the memory store, for every projection and filter."""

from __future__ import annotations

import json
import math
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kg
from kg.analysis import (
    MetricOptions,
    Projection,
    annotate,
    compute_metrics,
    layout,
    project,
    project_frame,
)
from kg.export import write_gexf, write_html

sys.path.insert(0, str(Path(__file__).parent))
import reference_projections as reference

CASES = [
    pytest.param(Projection(), id="relation"),
    pytest.param(Projection(kind="comention"), id="comention"),
    pytest.param(Projection(kind="bipartite"), id="bipartite"),
    pytest.param(Projection(min_weight=2), id="relation-min-weight"),
    pytest.param(Projection(kind="comention", min_weight=2), id="comention-min-weight"),
    pytest.param(Projection(until="2020"), id="until-a-year"),
    pytest.param(Projection(kind="comention", since="2021-06-15", until="2022"), id="a-month"),
    pytest.param(Projection(kind="bipartite", outlet="kompas"), id="bipartite-outlet"),
    pytest.param(Projection(outlet="ANTARA"), id="outlet"),
    pytest.param(Projection(predicates=("memberOf",)), id="predicate"),
    pytest.param(Projection(types=("Person", "Province")), id="types-with-subclasses"),
    pytest.param(Projection(kind="comention", types=("Place",)), id="comention-types"),
    pytest.param(Projection(kind="comention", include_credits=True), id="comention-credits"),
    pytest.param(Projection(kind="bipartite", include_credits=True), id="bipartite-credits"),
]


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def graph(
    request: pytest.FixtureRequest,
    samples_path: Path,
    news_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[kg.KnowledgeGraph]:
    """The demo samples and the dated news articles in one store of each kind."""
    store = "memory" if request.param == "memory" else tmp_path_factory.mktemp("ox") / "store"
    graph = kg.KnowledgeGraph(store)
    graph.build([samples_path, news_dir])
    yield graph
    graph.close()


def _contents(G: Any) -> tuple[Any, ...]:
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    return dict(G.graph), list(G.nodes(data=True)), list(edges)


@pytest.mark.parametrize("projection", CASES)
def test_projection_equals_the_reference(graph: kg.KnowledgeGraph, projection: Projection) -> None:
    old = reference.project(graph.store, projection)
    assert old.number_of_edges() > 0
    assert _contents(project(graph.store, projection)) == _contents(old)


@pytest.mark.parametrize("projection", CASES[:3])
def test_frame_edges_come_in_networkx_order(
    graph: kg.KnowledgeGraph, projection: Projection
) -> None:
    frame = project_frame(graph.store, projection)
    old = reference.project(graph.store, projection)
    edges = old.edges(data=True)
    assert list(frame.edges()) == list(edges)
    assert [frame.degree(n) for n in frame.nodes] == [old.degree(n) for n in old.nodes]


@pytest.mark.parametrize("projection", CASES[:3])
@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_metrics_on_the_frame_equal_the_reference(
    graph: kg.KnowledgeGraph, projection: Projection, engine: str
) -> None:
    options = MetricOptions(engine=engine)
    new = compute_metrics(project_frame(graph.store, projection), options)
    old = compute_metrics(reference.project(graph.store, projection), options)
    for name in ("pagerank", "betweenness", "eigenvector", "weighted_degree"):
        a, b = getattr(new, name), getattr(old, name)
        assert list(a) == list(b)
        # ARPACK (eigenvector) starts from a random vector: equal to rounding only
        assert max(abs(a[n] - b[n]) for n in a) < 1e-9, name
    for name in ("degree", "core", "community", "component"):
        assert getattr(new, name) == getattr(old, name), name
    assert (new.engine, new.betweenness_k) == (old.engine, old.betweenness_k)
    assert new.modularity == pytest.approx(old.modularity, abs=1e-12)


def _close(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    try:
        return math.isclose(float(a or ""), float(b or ""), rel_tol=1e-9, abs_tol=1e-12)
    except ValueError:
        return False


def _same_xml(a: ET.Element, b: ET.Element, where: str = "") -> None:
    """Equal trees: tags, children in order, attributes in any order, numbers to rounding
    (ARPACK starts the eigenvector from a random vector)."""
    where = f"{where}/{a.tag.rsplit('}', 1)[-1]}"
    assert a.tag == b.tag, where
    assert set(a.attrib) == set(b.attrib), where
    for name, value in a.attrib.items():
        assert _close(value, b.attrib[name]), (where, name, value, b.attrib[name])
    assert (a.text or "").strip() == (b.text or "").strip(), where
    assert len(a) == len(b), where
    for x, y in zip(a, b, strict=True):
        _same_xml(x, y, where)


def _reference_graph(graph: kg.KnowledgeGraph, projection: Projection) -> Any:
    """The old path: the reference projection, its metrics and layout, on NetworkX."""
    G = reference.project(graph.store, projection)
    annotate(G, compute_metrics(G))
    for node, (x, y) in layout(G).items():
        G.nodes[node]["x"], G.nodes[node]["y"] = x, y
    return G


@pytest.mark.parametrize("projection", CASES[:3] + CASES[5:6])
def test_gexf_equals_the_reference(
    graph: kg.KnowledgeGraph, projection: Projection, tmp_path: Path
) -> None:
    new = graph.export(tmp_path / "new.gexf", projection=projection)
    old = write_gexf(_reference_graph(graph, projection), tmp_path / "old.gexf")
    _same_xml(ET.parse(new).getroot(), ET.parse(old).getroot())


def _payload(path: Path) -> Any:
    page = path.read_text(encoding="utf-8")
    start = page.index('<script id="kg-data" type="application/json">') + 45
    return json.loads(page[start : page.index("</script>", start)].replace("<\\/", "</"))


@pytest.mark.parametrize("projection", CASES[:2])
def test_browser_view_equals_the_reference(
    graph: kg.KnowledgeGraph, projection: Projection, tmp_path: Path
) -> None:
    new = _payload(graph.viz(tmp_path / "new.html", projection))
    G = _reference_graph(graph, projection)
    facts, mentions, articles = reference.view_facts(graph.store, G)
    write_html(G, tmp_path / "old.html", facts=facts, mentions=mentions, articles=articles)
    old = _payload(tmp_path / "old.html")
    for payload in (new, old):  # metrics to rounding, as in the GEXF
        for node in payload["nodes"]:
            node["metrics"] = {k: round(v, 9) for k, v in node["metrics"].items()}
    assert new == old
