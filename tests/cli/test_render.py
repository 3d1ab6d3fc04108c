"""The one renderer: query rows (RDF terms) and plain rows (metrics) as a table, CSV or JSON."""

from __future__ import annotations

import json

from rdflib import XSD, Literal, URIRef

from kg.api import Rows
from kg.cli.render import MAX_WIDTH, render

QUERY_ROWS = Rows(
    ("person", "articles"),
    ((URIRef("https://w3id.org/kg-indonesia/id/person/x"), Literal(2)), (Literal("Bima"), None)),
)
PLAIN_ROWS = [{"entity": "Kota Bogor", "pagerank": 0.123456, "core": 2}]


def test_query_rows_are_typed_in_json_and_text_in_csv() -> None:
    assert json.loads(render(QUERY_ROWS, "json")) == [
        {"person": {"@id": "https://w3id.org/kg-indonesia/id/person/x"}, "articles": 2},
        {"person": "Bima", "articles": None},
    ]
    assert render(QUERY_ROWS, "csv").splitlines() == [
        "person,articles",
        "https://w3id.org/kg-indonesia/id/person/x,2",
        "Bima,",
    ]


TYPED = Rows(
    ("n", "score", "past", "day", "month", "label"),
    (
        (
            Literal(3),
            Literal("0.90", datatype=XSD.decimal),
            Literal(True),
            Literal("2017-07-21", datatype=XSD.date),
            Literal("2017-07", datatype=XSD.gYearMonth),
            Literal("Kota Bogor", lang="id"),
        ),
    ),
)


def test_json_and_jsonl_type_numbers_booleans_and_dates() -> None:
    expected = {
        "n": 3,
        "score": 0.9,
        "past": True,
        "day": "2017-07-21",
        "month": "2017-07",
        "label": "Kota Bogor",
    }
    assert json.loads(render(TYPED, "json")) == [expected]
    lines = render(Rows(TYPED.columns, TYPED.rows * 2), "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [expected, expected]


def test_tsv_escapes_what_would_break_its_lines() -> None:
    rows = Rows(("a", "b"), ((Literal("x\ty"), Literal("one\ttwo\nthree")),))
    assert render(rows, "tsv").splitlines() == ["a\tb", "x\\ty\tone\\ttwo\\nthree"]


def test_a_cut_cell_ends_in_an_ellipsis_and_wide_keeps_it_whole() -> None:
    rows = [{"name": "Sekretaris Jenderal UCLG ASPAC"}]
    assert render(rows, "table", max_width=12).splitlines()[2] == "Sekretaris …"
    assert render(rows, "table", max_width=None).splitlines()[2] == rows[0]["name"]


def test_control_characters_in_a_table_are_shown_not_obeyed() -> None:
    rows = Rows(("headline",), ((Literal("Berita \x1b[31mmerah\x1b[0m\nbaru"),),))
    cell = render(rows, "table").splitlines()[2]
    assert cell == "Berita \\x1b[31mmerah\\x1b[0m\\nbaru"
    assert "\x1b" not in render(rows, "table")


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
            "x" * (MAX_WIDTH - 1) + "…",
            "(1 row)",
        ]


def test_no_rows_still_show_the_columns_and_the_count() -> None:
    assert render(Rows(("a", "b"), ()), "table").splitlines() == ["a  b", "-  -", "(0 rows)"]
    assert render([], "table").splitlines()[-1] == "(0 rows)"


def test_control_characters_are_escaped_in_tables_but_kept_in_data_formats() -> None:
    title = "Judul\x1b]0;diretas\x07 \x1b[31mmerah\x9b\nbaris dua"
    rows = Rows(("headline",), ((Literal(title),),))
    table = render(rows, "table")
    assert not {"\x1b", "\x07", "\x9b"} & set(table)
    assert "Judul\\x1b]0;diretas\\x07 \\x1b[31mmerah\\x9b\\nbaris dua" in table
    assert len(table.splitlines()) == 4  # the line break in the cell stays in its row
    assert json.loads(render(rows, "json")) == [{"headline": title}]
