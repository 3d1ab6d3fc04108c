"""Every ready query parses and runs on the seed graph; parameters are bound safely."""

from __future__ import annotations

import pytest

import kg
from kg.errors import QueryError
from kg.query import Query, bind, list_queries, load_query
from kg.query.catalogue import Param


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_ready_query_runs_on_the_seed(query: Query, seed_graph: kg.KnowledgeGraph) -> None:
    params = {p.name: "Bima Arya Sugiarto" for p in query.params}
    rows = seed_graph.query(query.name, **params)
    assert rows.columns
    assert query.description


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_ready_query_runs_on_the_embedded_store(
    query: Query, oxi_graph: kg.KnowledgeGraph
) -> None:
    params = {p.name: "Kota Bogor" for p in query.params}
    oxi_graph.query(query.name, **params)


def test_officials_lists_the_mayor(seed_graph: kg.KnowledgeGraph) -> None:
    rows = [tuple(map(str, r[:3])) for r in seed_graph.query("officials")]
    assert ("Bima Arya Sugiarto", "mayorOf", "Kota Bogor") in rows


def test_entity_finds_any_alias_in_any_case(seed_graph: kg.KnowledgeGraph) -> None:
    rows = seed_graph.query("entity", name="pemkot bogor").dicts()
    assert {str(r["predicate"]) for r in rows} >= {"memberOf", "mayorOf", "cooperatesWith"}


def test_injection_stays_a_literal(seed_graph: kg.KnowledgeGraph) -> None:
    rows = seed_graph.query("entity", name='x" } } DELETE WHERE { ?s ?p ?o } #')
    assert len(rows) == 0
    assert len(seed_graph.query("officials")) > 0


def test_binding_goes_into_the_where_group() -> None:
    query = Query(
        "q",
        'SELECT ?x WHERE { # a { comment\n ?x <p> "{" . FILTER(?x = ?name) }',
        params=(Param("name"),),
    )
    text = bind(query, {"name": "Bogor"})
    assert text.index("VALUES ?name") > text.index("WHERE {")


def test_unknown_query_names_the_available_ones() -> None:
    with pytest.raises(QueryError, match=r"available: .*officials"):
        load_query("no-such-query")


def test_missing_parameter_is_explained(seed_graph: kg.KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="--param name="):
        seed_graph.query("entity")


def test_malformed_sparql_is_a_query_error(seed_graph: kg.KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        seed_graph.query("SELECT ?x WHERE { ?x ?y }")


def test_officials_tell_two_mayors_of_one_city_apart(samples_graph: kg.KnowledgeGraph) -> None:
    rows = {
        str(r["person"]): {k: str(v) for k, v in r.items() if v is not None}
        for r in samples_graph.query("officials").dicts()
        if str(r["unit"]) == "Kota Depok"
    }
    assert rows["Andi Prasetyo"]["from"] == "2020-01-01"
    assert rows["Andi Prasetyo"]["lastSeen"] == "2024-05-20"
    assert rows["Andi Prasetyo"]["formerAsOf"] == "2025-02-20"
    assert "formerAsOf" not in rows["Dewi Lestari"]
    assert (rows["Dewi Lestari"]["from"], rows["Dewi Lestari"]["until"]) == (
        "2025-01-01",
        "2030-12-31",
    )


def test_members_show_their_span_and_last_date(samples_graph: kg.KnowledgeGraph) -> None:
    rows = {
        str(r["organization"]): {k: str(v) for k, v in r.items() if v is not None}
        for r in samples_graph.query("members").dicts()
        if str(r["member"]) == "Kota Depok"
    }
    forum = rows["Jaringan Kota Hijau Asia Tenggara"]
    assert (forum["from"], forum["lastSeen"]) == ("2024-01", "2024-05-20")
    assert rows["Asosiasi Pemerintah Kota Seluruh Indonesia"]["lastSeen"] == "2025-02-20"


def test_entity_finds_a_full_name_by_its_first_words(seed_graph: kg.KnowledgeGraph) -> None:
    full = seed_graph.query("entity", name="Bima Arya Sugiarto").dicts()
    assert full
    assert seed_graph.query("entity", name="bima arya").dicts() == full
    # one word finds only its own names ("Kota" starts many), a middle part finds nothing
    assert len(seed_graph.query("entity", name="Kota")) == 0
    assert len(seed_graph.query("entity", name="Arya Sugiarto")) == 0


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", id="service"
        ),
        pytest.param("SELECT ?x WHERE { ?s ?p ?o BIND(<urn:x-fn>(?o) AS ?x) }", id="function"),
    ],
)
def test_a_query_that_fails_while_it_runs_is_a_query_error(
    oxi_graph: kg.KnowledgeGraph, text: str
) -> None:
    with pytest.raises(QueryError, match=r"^the query failed on .*; check the query$"):
        oxi_graph.query(text)
