"""GEXF 1.3, GraphML and Gephi's spreadsheet CSV: structure, read-back, and what Gephi needs."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kg
from kg.export import write_gexf

NS = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}
TIMESET = re.compile(
    r"^<\[\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2}\](;\[\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2}\])*>$"
)


@pytest.fixture(scope="module")
def dated_graph(news_graph: kg.KnowledgeGraph) -> kg.KnowledgeGraph:
    return news_graph


def _check_value(kind: str, value: str) -> None:
    if kind in ("integer", "long"):
        int(value)
    elif kind in ("double", "float"):
        float(value)
    elif kind == "boolean":
        assert value in ("true", "false")


def validate_gexf(path: Path) -> ET.Element:
    """Check the GEXF 1.3 schema rules that can be checked without the XSD."""
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf"
    assert root.get("version") == "1.3"
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert graph.get("defaultedgetype") in ("directed", "undirected", "mutual")
    assert graph.get("mode") in ("static", "dynamic")
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for attributes in graph.findall("g:attributes", NS):
        cls = attributes.get("class")
        assert cls in declared
        for attribute in attributes.findall("g:attribute", NS):
            assert attribute.get("id")
            assert attribute.get("title")
            assert attribute.get("type") in GEXF_TYPES
            declared[cls][attribute.get("id", "")] = attribute.get("type", "")

    def check_item(item: ET.Element, cls: str) -> None:
        for value in item.findall("g:attvalues/g:attvalue", NS):
            assert value.get("for") in declared[cls], value.get("for")
            _check_value(declared[cls][value.get("for", "")], value.get("value", ""))
        for spell in item.findall("g:spells/g:spell", NS):
            assert graph.get("mode") == "dynamic"
            assert graph.get("timeformat") == "date"
            start = date.fromisoformat(spell.get("start", ""))
            end = date.fromisoformat(spell.get("end", ""))
            assert start <= end

    ids = set()
    for node in graph.findall("g:nodes/g:node", NS):
        assert node.get("id") not in ids
        ids.add(node.get("id"))
        label = node.get("label", "")
        assert label
        assert not label.startswith(("http://", "https://"))
        check_item(node, "node")
        color = node.find("viz:color", NS)
        assert color is not None
        assert all(0 <= int(color.get(c, "-1")) <= 255 for c in "rgb")
        size = node.find("viz:size", NS)
        assert size is not None
        assert float(size.get("value", "0")) > 0
    edge_ids = set()
    for edge in graph.findall("g:edges/g:edge", NS):
        assert edge.get("id") not in edge_ids
        edge_ids.add(edge.get("id"))
        assert edge.get("source") in ids
        assert edge.get("target") in ids
        assert float(edge.get("weight", "x")) > 0
        assert edge.get("kind")
        assert edge.get("label") == edge.get("kind")
        check_item(edge, "edge")
    return root


def test_gexf_is_gexf_13_with_gephi_essentials(
    dated_graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    root = validate_gexf(dated_graph.export(tmp_path / "g.gexf"))
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    nodes = {n.get("label"): n for n in graph.findall("g:nodes/g:node", NS)}
    bima = nodes["Bima Arya Sugiarto"]
    values = {v.get("for"): v.get("value") for v in bima.findall("g:attvalues/g:attvalue", NS)}
    assert values["type"] == "Person"
    assert values["iri"] == "https://w3id.org/kg-indonesia/id/person/bima-arya-sugiarto"
    assert {"pagerank", "community", "betweenness", "degree", "core"} <= set(values)
    assert bima.find("viz:position", NS) is not None
    edge = next(e for e in graph.findall("g:edges/g:edge", NS) if e.get("source") == bima.get("id"))
    assert (edge.get("kind"), edge.get("weight")) == ("mayorOf", "2")
    spells = [(s.get("start"), s.get("end")) for s in edge.findall("g:spells/g:spell", NS)]
    assert spells == [("2019-03-14", "2019-03-14"), ("2021-06-01", "2021-06-30")]


def test_gexf_reads_back_with_networkx(dated_graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    G = nx.read_gexf(dated_graph.export(tmp_path / "g.gexf"))
    labels = {d["label"]: n for n, d in G.nodes(data=True)}
    bima = labels["Bima Arya Sugiarto"]
    assert G.nodes[bima]["type"] == "Person"
    [(_, target, data)] = list(G.out_edges(bima, data=True))
    assert G.nodes[target]["label"] == "Kota Bogor"
    assert (data["label"], data["predicate"], data["weight"]) == ("mayorOf", "mayorOf", 2.0)
    assert data["spells"] == [("2019-03-14", "2019-03-14"), ("2021-06-01", "2021-06-30")]


def test_comention_gexf_is_undirected_and_keeps_kind(
    dated_graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    path = dated_graph.export(tmp_path / "c.gexf", projection=kg.Projection(kind="comention"))
    root = validate_gexf(path)
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert graph.get("defaultedgetype") == "undirected"
    assert {e.get("kind") for e in graph.findall("g:edges/g:edge", NS)} == {"comention"}
    assert not nx.read_gexf(path).is_directed()


def test_a_graph_without_dates_is_static(tmp_path: Path) -> None:
    G = nx.Graph()
    G.add_edge("https://w3id.org/kg-indonesia/id/person/a", "b", kind="x", weight=1)
    G.nodes["https://w3id.org/kg-indonesia/id/person/a"].update(label="A <&> \x01", type="Person")
    root = validate_gexf(write_gexf(G, tmp_path / "s.gexf"))
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert graph.get("mode") == "static"
    assert graph.get("timeformat") is None
    assert graph.find("g:nodes/g:node", NS).get("label") == "A <&> "  # type: ignore[union-attr]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_tables_have_the_headers_gephi_imports(
    dated_graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    nodes_path = dated_graph.export(tmp_path / "g.csv")
    nodes_path, edges_path = kg.KnowledgeGraph.csv_paths(tmp_path / "g.csv")
    nodes, edges = _rows(nodes_path), _rows(edges_path)
    assert nodes[0][:3] == ["Id", "Label", "Timeset"]
    assert {"type", "iri", "pagerank", "community"} <= set(nodes[0])
    assert edges[0][:8] == ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "Timeset"]
    ids = {row[0] for row in nodes[1:]}
    labels = {row[1] for row in nodes[1:]}
    assert "Bima Arya Sugiarto" in labels
    assert not any(label.startswith("http") for label in labels)
    for row in edges[1:]:
        assert row[0] in ids
        assert row[1] in ids
        assert row[2] == "Directed"
        assert row[3] == row[5]
        assert float(row[6]) >= 1
        assert TIMESET.match(row[7]), row[7]
    for row in nodes[1:]:
        assert TIMESET.match(row[2]), row[2]


def test_graphml_reads_back(dated_graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    G: Any = nx.read_graphml(dated_graph.export(tmp_path / "g.graphml"))
    labels = {d["label"]: d for _, d in G.nodes(data=True)}
    assert labels["Kota Bogor"]["type"] == "Place"
    assert {d["label"] for *_, d in G.edges(data=True)} == {"mayorOf", "memberOf", "governorOf"}
    assert labels["Kota Bogor"]["timeset"].startswith("<[2019-03-14,2019-03-14]")


def test_rdf_formats_still_export(dated_graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    assert dated_graph.export(tmp_path / "f.ttl").stat().st_size > 1000
