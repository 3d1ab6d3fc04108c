"""Query rows for Python users: plain values, a pandas DataFrame, an HTML table in Jupyter."""

from __future__ import annotations

import datetime
import sys

import pytest
from rdflib import XSD, Literal, URIRef

import kg
from kg.store import Rows

ROWS = Rows(
    ("entity", "articles", "score", "day", "note"),
    (
        (
            URIRef("https://w3id.org/kg-indonesia/id/place/kemendagri/32.71"),
            Literal(3),
            Literal("0.90", datatype=XSD.decimal),
            Literal("2017-07-21", datatype=XSD.date),
            Literal("<b>Bogor</b> & co"),
        ),
        (URIRef("https://w3id.org/kg-indonesia/id/place/x"), Literal(1), None, None, None),
    ),
)


def test_values_are_plain_python() -> None:
    assert ROWS.values()[0] == (
        "https://w3id.org/kg-indonesia/id/place/kemendagri/32.71",
        3,
        0.9,
        datetime.date(2017, 7, 21),
        "<b>Bogor</b> & co",
    )
    assert ROWS.values()[1][2:] == (None, None, None)


def test_to_df_has_the_columns_and_typed_values() -> None:
    pd = pytest.importorskip("pandas")
    df = ROWS.to_df()
    assert list(df.columns) == list(ROWS.columns)
    assert df["articles"].tolist() == [3, 1]
    assert pd.api.types.is_integer_dtype(df["articles"])
    assert df.loc[0, "score"] == pytest.approx(0.9)


def test_to_df_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(kg.KGError, match=r"kg-indonesia\[pandas\]"):
        ROWS.to_df()


def test_rows_show_as_an_escaped_html_table() -> None:
    page = ROWS._repr_html_()
    assert page.startswith("<table><thead><tr><th>entity</th><th>articles</th>")
    assert "&lt;b&gt;Bogor&lt;/b&gt; &amp; co" in page
    assert '<a href="https://w3id.org/kg-indonesia/id/place/kemendagri/32.71"' in page
    assert "<p>2 rows</p>" in page
    many = Rows(("n",), tuple((Literal(i),) for i in range(60)))
    assert "… 10 more rows" in many._repr_html_()
    assert many._repr_html_().count("<tr>") == 51
