"""Projections: only relations and mentions become edges; every filter narrows the graph."""

from __future__ import annotations

from typing import Any

import pytest

import kg
from kg.analysis import Projection
from kg.errors import AnalysisError


def _facts(G: Any) -> set[tuple[str, str, str, int]]:
    return {
        (G.nodes[u]["label"], d["predicate"], G.nodes[v]["label"], d["weight"])
        for u, v, d in G.edges(data=True)
    }


def test_relation_graph_has_labelled_nodes_and_predicate_edges(
    demo_graph: kg.KnowledgeGraph,
) -> None:
    G = demo_graph.to_networkx()
    labels = {data["label"] for _, data in G.nodes(data=True)}
    assert {"Bima Arya Sugiarto", "Kota Bogor"} <= labels
    predicates = {data["predicate"] for _, _, data in G.edges(data=True)}
    assert "mayorOf" in predicates
    assert not predicates & {"type", "label", "mentions", "altLabel", "wasDerivedFrom"}
    assert {d["type"] for _, d in G.nodes(data=True)} <= {
        "Person",
        "Organization",
        "Place",
        "Event",
    }


def test_relation_weights_count_articles_and_keep_dates(news_graph: kg.KnowledgeGraph) -> None:
    G = news_graph.project()
    assert ("Bima Arya Sugiarto", "mayorOf", "Kota Bogor", 2) in _facts(G)
    bima = next(n for n, d in G.nodes(data=True) if d["label"] == "Bima Arya Sugiarto")
    edge = G.edges[bima, next(iter(G[bima])), "mayorOf"]
    assert (edge["first"], edge["last"]) == ("2019-03-14", "2021-06")
    assert len(edge["articles"]) == 2


@pytest.mark.parametrize(
    ("projection", "expected"),
    [
        pytest.param(
            Projection(min_weight=2),
            {
                ("Bima Arya Sugiarto", "mayorOf", "Kota Bogor", 2),
                ("Eri Cahyadi", "mayorOf", "Kota Surabaya", 2),
            },
            id="min-weight",
        ),
        pytest.param(
            Projection(until="2020"),
            {
                ("Bima Arya Sugiarto", "mayorOf", "Kota Bogor", 1),
                ("Eri Cahyadi", "mayorOf", "Kota Surabaya", 1),
            },
            id="until-a-year",
        ),
        pytest.param(
            Projection(since="2021-06-15", until="2022-01-01"),
            {
                ("Bima Arya Sugiarto", "mayorOf", "Kota Bogor", 1),
                ("Kota Bogor", "memberOf", "United Cities and Local Governments Asia Pasific", 1),
            },
            id="a-month-overlaps-the-range",
        ),
        pytest.param(
            Projection(outlet="kompas"),
            {
                ("Bima Arya Sugiarto", "mayorOf", "Kota Bogor", 1),
                ("Kota Bogor", "memberOf", "United Cities and Local Governments Asia Pasific", 1),
            },
            id="outlet",
        ),
        pytest.param(
            Projection(predicates=("memberOf",)),
            {("Kota Bogor", "memberOf", "United Cities and Local Governments Asia Pasific", 1)},
            id="predicate",
        ),
        pytest.param(
            Projection(types=("Person", "Province")),
            {("Khofifah Indar Parawansa", "governorOf", "Jawa Timur", 1)},
            id="types-with-subclasses",
        ),
    ],
)
def test_filters(
    news_graph: kg.KnowledgeGraph, projection: Projection, expected: set[tuple[str, str, str, int]]
) -> None:
    assert _facts(news_graph.project(projection)) == expected


def test_comention_weights_are_shared_articles(news_graph: kg.KnowledgeGraph) -> None:
    G = news_graph.project(Projection(kind="comention"))
    ids = {d["label"]: n for n, d in G.nodes(data=True)}
    assert G.edges[ids["Eri Cahyadi"], ids["Kota Surabaya"]]["weight"] == 2
    assert G.edges[ids["Eri Cahyadi"], ids["Bima Arya Sugiarto"]]["weight"] == 1
    assert "Khofifah Indar Parawansa" not in {
        G.nodes[n]["label"] for n in G[ids["Bima Arya Sugiarto"]]
    }
    assert {d["kind"] for *_, d in G.edges(data=True)} == {"comention"}


def test_bipartite_links_articles_to_what_they_mention(news_graph: kg.KnowledgeGraph) -> None:
    G = news_graph.project(Projection(kind="bipartite", outlet="ANTARA"))
    articles = [n for n, d in G.nodes(data=True) if d.get("bipartite") == 0]
    assert sorted(G.nodes[a]["label"] for a in articles) == [
        "Gubernur Jawa Timur tinjau Surabaya",
        "Surabaya dan Bogor jalin kerja sama",
    ]
    for a in articles:
        assert all(G.nodes[e]["bipartite"] == 1 for e in G[a])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param({"kind": "everything"}, "unknown projection 'everything'", id="kind"),
        pytest.param({"predicates": ("label",)}, "unknown predicate 'label'", id="predicate"),
        pytest.param({"types": ("Planet",)}, "unknown entity type 'Planet'", id="type"),
        pytest.param({"since": "14/03/2019"}, "bad date '14/03/2019'", id="date"),
        pytest.param({"min_weight": 0}, "min_weight must be at least 1", id="weight"),
    ],
)
def test_bad_options_name_the_value_and_the_fix(options: dict[str, Any], message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        Projection(**options)


def test_credits_are_left_out_of_mentions_unless_asked(
    samples_graph: kg.KnowledgeGraph,
) -> None:
    graph = samples_graph
    credited = {
        str(r[0])
        for r in graph.query("SELECT DISTINCT ?n { ?a kg:editor|kg:author ?e . ?e rdfs:label ?n }")
    }
    assert "Hendra Gunawan" in credited
    for kind in ("comention", "bipartite"):
        plain = graph.project(kg.Projection(kind=kind))
        labels = {d.get("label") for _, d in plain.nodes(data=True)}
        assert not labels & credited, kind
        framed = graph.project(kg.Projection(kind=kind, include_credits=True))
        assert "Hendra Gunawan" in {d.get("label") for _, d in framed.nodes(data=True)}
    top = [str(r[0]) for r in graph.query("top-entities")]
    assert "Hendra Gunawan" not in top
    assert "Hendra Gunawan" in [str(r[0]) for r in graph.query("top-entities", credits="true")]


@pytest.mark.parametrize(
    "outlet",
    [
        pytest.param("http://x> || true || <http://y", id="or-true"),
        pytest.param("https://x> } } UNION { ?a ?p ?o } #", id="union"),
    ],
)
def test_an_outlet_is_bound_as_one_value_and_cannot_widen_the_filter(
    news_graph: kg.KnowledgeGraph, outlet: str
) -> None:
    assert news_graph.project(Projection(outlet=outlet)).number_of_edges() == 0
