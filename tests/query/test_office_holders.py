"""Time of office: ``queries/office-holders.rq`` answers "who was mayor of Bogor on D".

The articles are written for this test (fictional people and dates); each has its own
publication day, so the holdings they attest span different times.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import kg
from kg.model.terms import KG

ARTICLES = (
    (
        "Bogor (ANTARA) - Wali Kota Bogor Andri Saputra membuka pameran batik di Bogor.",
        "2017-07-21",
    ),
    ("Bogor (ANTARA) - Wali Kota Bogor Andri Saputra meninjau banjir di Bogor.", "2018-02-10"),
    ("Bogor (ANTARA) - Wali Kota Bogor Sinta Maharani meresmikan taman di Bogor.", "2024-05-02"),
    (
        "Bogor (ANTARA) - Mantan Wali Kota Bogor Andri Saputra hadir dalam diskusi di Bogor.",
        "2025-01-15",
    ),
    (
        "Bogor (ANTARA) - Hasan Basri, Wali Kota Bogor periode 2004-2014, meluncurkan buku.",
        "2015-03-10",
    ),
    ("Cibinong (ANTARA) - Bupati Bogor Rina Wulandari membuka pasar di Cibinong.", "2017-07-21"),
)


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def graph(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[kg.KnowledgeGraph]:
    store = "memory" if request.param == "memory" else tmp_path_factory.mktemp("s") / "store"
    with kg.KnowledgeGraph(store) as g:
        for n, (text, day) in enumerate(ARTICLES):
            g.add_article(kg.Article(text, published=day, url=f"https://example.org/{n}"))
        yield g


def holders(graph: kg.KnowledgeGraph, office: str, place: str, date: str) -> list[str]:
    rows = graph.query("office-holders", office=office, place=place, date=date)
    return sorted(str(row.get("name")) for row in rows.dicts())


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2017-07-21", ["Andri Saputra"]),
        ("2017-12-01", ["Andri Saputra"]),  # between two articles naming him in office
        ("2010-06-30", ["Hasan Basri"]),  # inside "periode 2004-2014"
        ("2024-05-02", ["Sinta Maharani"]),
        ("2020-01-01", []),  # no article supports anyone then
    ],
)
def test_who_was_mayor_of_bogor_on_a_day(
    graph: kg.KnowledgeGraph, date: str, expected: list[str]
) -> None:
    assert holders(graph, "mayorOf", "Kota Bogor", date) == expected


def test_kota_and_kabupaten_have_their_own_holders(graph: kg.KnowledgeGraph) -> None:
    assert holders(graph, "regentOf", "Kabupaten Bogor", "2017-07-21") == ["Rina Wulandari"]
    assert holders(graph, "regentOf", "Kota Bogor", "2017-07-21") == []


def test_a_later_holder_and_a_former_mention_erase_nothing(graph: kg.KnowledgeGraph) -> None:
    rows = graph.query("office-holders", office="mayorOf", place="Bogor", date="2017-07-21")
    (row,) = rows.dicts()
    assert str(row["from"]) == "2017-07-21"
    assert str(row["until"]) == "2018-02-10"  # "mantan" in 2025 does not stretch the span
    former = graph.store.select(f"SELECT ?p WHERE {{ ?p <{KG.formerAsOf}> ?d }}").rows
    assert len(former) == 2  # the "mantan" article, and "periode 2004-2014" read in 2015
    mayors = graph.store.select(f"SELECT DISTINCT ?p WHERE {{ ?p <{KG.mayorOf}> ?x }}").rows
    assert len(mayors) == 3
