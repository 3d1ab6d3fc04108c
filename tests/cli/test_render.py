"""The one renderer: query rows (RDF terms) and plain rows (metrics) as a table, CSV or JSON."""

from __future__ import annotations

import json

from rdflib import Literal, URIRef

from kg.api import Rows
from kg.cli.render import MAX_WIDTH, render

QUERY_ROWS = Rows(
    ("person", "articles"),
    ((URIRef("https://w3id.org/kg-indonesia/id/person/x"), Literal(2)), (Literal("Bima"), None)),
)
PLAIN_ROWS = [{"entity": "Kota Bogor", "pagerank": 0.123456, "core": 2}]


def test_query_rows_become_text_in_every_format() -> None:
    assert json.loads(render(QUERY_ROWS, "json")) == [
        {"person": "https://w3id.org/kg-indonesia/id/person/x", "articles": "2"},
        {"person": "Bima", "articles": ""},
    ]
    assert render(QUERY_ROWS, "csv").splitlines() == [
        "person,articles",
        "https://w3id.org/kg-indonesia/id/person/x,2",
        "Bima,",
    ]


def test_plain_rows_keep_their_numbers_in_json_and_round_them_in_tables() -> None:
    assert json.loads(render(PLAIN_ROWS, "json")) == PLAIN_ROWS
    assert render(PLAIN_ROWS, "table").splitlines() == [
        "entity      pagerank  core",
        "----------  --------  ----",
        "Kota Bogor  0.1235    2",
        "(1 row)",
    ]


def test_both_kinds_of_rows_share_one_table_layout() -> None:
    long = "x" * 80
    for rows in (Rows(("name",), ((Literal(long),),)), [{"name": long}]):
        lines = render(rows, "table").splitlines()
        assert lines == [
            "name".ljust(MAX_WIDTH).rstrip(),
            "-" * MAX_WIDTH,
            "x" * MAX_WIDTH,
            "(1 row)",
        ]


def test_no_rows_still_show_the_columns_and_the_count() -> None:
    assert render(Rows(("a", "b"), ()), "table").splitlines() == ["a  b", "-  -", "(0 rows)"]
    assert render([], "table").splitlines()[-1] == "(0 rows)"
