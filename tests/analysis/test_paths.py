"""Connections between entities, with the facts and sentences behind each hop; ego networks."""

from __future__ import annotations

import pytest

import kg
from kg.errors import AnalysisError


def test_bima_reaches_bernadia_through_uclg_aspac(demo_graph: kg.KnowledgeGraph) -> None:
    [connection] = demo_graph.path("Bima Arya Sugiarto", "Bernadia Irawati Tjandradewi")
    assert connection.labels == (
        "Bima Arya Sugiarto",
        "Kota Bogor",
        "United Cities and Local Governments Asia Pasific",
        "Bernadia Irawati Tjandradewi",
    )
    first, middle, last = connection.hops
    assert [f.predicate for f in first] == ["mayorOf"]
    assert {f.predicate for f in middle} == {"memberOf", "cooperatesWith"}
    assert [(f.subject_label, f.predicate) for f in last] == [
        ("Bernadia Irawati Tjandradewi", "worksFor")
    ]
    sentence = last[0].evidence[0].sentence
    assert "Sekretaris Jenderal (Sekjen) UCLG ASPAC Bernadia Irawati Tjandradewi" in sentence
    assert last[0].evidence[0].date == "2017"


@pytest.mark.parametrize(
    "name", ["uclg aspac", "UCLG Asia Pacific", "united cities and local governments asia pasific"]
)
def test_entities_are_found_by_alias_in_any_case(demo_graph: kg.KnowledgeGraph, name: str) -> None:
    [connection] = demo_graph.path("Kota Bogor", name)
    assert connection.labels[-1] == "United Cities and Local Governments Asia Pasific"


def test_an_unknown_name_suggests_close_ones(demo_graph: kg.KnowledgeGraph) -> None:
    with pytest.raises(
        AnalysisError,
        match=r"no entity named 'Bernadia'.*did you mean 'Bernadia Irawati Tjandradewi'",
    ) as err:
        demo_graph.path("Bima Arya Sugiarto", "Bernadia")
    assert str(err.value).count("\n") == 0


def test_no_connection_is_an_error(demo_graph: kg.KnowledgeGraph) -> None:
    with pytest.raises(AnalysisError, match="no connection between"):
        demo_graph.path("Bima Arya Sugiarto", "Tyas Ajeng Fitriani")


def test_filters_apply_to_paths(news_graph: kg.KnowledgeGraph) -> None:
    with pytest.raises(AnalysisError, match="has no relations in this projection"):
        news_graph.path("Bima Arya Sugiarto", "UCLG ASPAC", kg.Projection(until="2020"))


def test_ego_network(demo_graph: kg.KnowledgeGraph) -> None:
    G = demo_graph.ego("UCLG ASPAC")
    assert {d["label"] for _, d in G.nodes(data=True)} == {
        "United Cities and Local Governments Asia Pasific",
        "Kota Bogor",
        "Bernadia Irawati Tjandradewi",
    }
    assert G.number_of_edges() == 3
    assert len(demo_graph.ego("UCLG ASPAC", radius=2)) > len(G)
