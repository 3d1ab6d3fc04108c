"""The API's own queries (queries/internal/): they parse, they are not in the public catalogue,
and the relation counts cover every relation of the vocabulary."""

from __future__ import annotations

import re

import pytest

from kg.errors import QueryError
from kg.model.resources import resource_dir
from kg.model.terms import RELATIONS
from kg.query import check_syntax, internal_query, list_queries

INTERNAL = sorted(p.stem for p in (resource_dir("queries") / "internal").glob("*.rq"))


@pytest.mark.parametrize("name", INTERNAL)
def test_an_internal_query_parses_and_stays_out_of_kg_queries(name: str) -> None:
    check_syntax(internal_query(name))
    assert name not in {q.name for q in list_queries()}


def test_the_relation_counts_cover_every_relation() -> None:
    values = re.search(r"VALUES \?p \{(.*?)\}", internal_query("stats-relations"), re.S)
    assert values is not None
    assert values.group(1).split() == [f"kg:{name}" for name in RELATIONS]


def test_an_unknown_internal_query_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="unknown query 'nope'"):
        internal_query("nope")
