"""Queries: the ready catalogue in ``queries/``, safe parameters, and running them on a store."""

from __future__ import annotations

import re

from kg.model.terms import sparql_prefixes
from kg.query.catalogue import (
    PREFIXES,
    Param,
    Query,
    bind,
    check_syntax,
    internal_query,
    list_queries,
    load_query,
)
from kg.query.facts import read_facts
from kg.store.base import Rows, Store

__all__ = [
    "PREFIXES",
    "Param",
    "Query",
    "bind",
    "check_syntax",
    "internal_query",
    "list_queries",
    "load_query",
    "read_facts",
    "run_query",
    "with_prefixes",
]

_SPARQL = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def with_prefixes(text: str) -> str:
    """Declare kg's usual prefixes (kg:, rdfs:, schema: ...) that the text uses but lacks."""
    missing = [
        prefix
        for prefix in PREFIXES
        if not re.search(rf"PREFIX\s+{prefix}:", text, re.IGNORECASE)
        and re.search(rf"(?<![\w<]){prefix}:", text)
    ]
    return sparql_prefixes(missing) + text if missing else text


def run_query(store: Store, name_or_text: str, params: dict[str, str] | None = None) -> Rows:
    """Run a ready query by name, a ``.rq`` file, or SPARQL text, on a store.

    Raises:
        QueryError: unknown query, bad parameters or malformed SPARQL.
    """
    if _SPARQL.search(name_or_text) and "{" in name_or_text:
        query = Query("text", with_prefixes(name_or_text))
    else:
        query = load_query(name_or_text)
        query = Query(
            query.name,
            with_prefixes(query.text),
            query.title,
            query.description,
            query.params,
            query.path,
        )
    text = bind(query, params or {})
    return store.select(text)
