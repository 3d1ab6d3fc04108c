"""Queries: the ready catalogue in ``queries/``, safe parameters, and running them on a store."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from rdflib import BNode

from kg.errors import QueryError
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
from kg.query.paging import PAGE_SIZE, cut_page, page_text, parse_cursor, split_page, with_rows
from kg.store.base import Cell, Rows, Store, Stream, cell_of

STREAM_PAGE = 5_000
"""Rows per page when every page is read in turn (:func:`iter_query`)."""

__all__ = [
    "PAGE_SIZE",
    "PREFIXES",
    "STREAM_PAGE",
    "Param",
    "Query",
    "bind",
    "check_syntax",
    "internal_query",
    "iter_query",
    "list_queries",
    "load_query",
    "read_facts",
    "resolve",
    "run_query",
    "stream_query",
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


def resolve(name_or_text: str) -> Query:
    """The query a name, a ``.rq`` path or SPARQL text means, with kg's prefixes declared."""
    if _SPARQL.search(name_or_text) and "{" in name_or_text:
        return Query("text", with_prefixes(name_or_text))
    query = load_query(name_or_text)
    return dataclasses.replace(query, text=with_prefixes(query.text))


def run_query(
    store: Store,
    name_or_text: str | Query,
    params: dict[str, str] | None = None,
    *,
    limit: int | None = None,
    after: str | None = None,
) -> Rows:
    """Run a ready query by name, a ``.rq`` file, or SPARQL text, on a store.

    A listing (a query with a ``# page:`` line) returns one page: ``limit`` rows (default
    :data:`~kg.query.paging.PAGE_SIZE`) below the cursor ``after``, and the next page's cursor
    as ``Rows.next_cursor``. Any other query returns all its rows, as its text says.

    Raises:
        QueryError: unknown query, bad parameters, a page asked of a query that has none, or
            malformed SPARQL.
    """
    query = name_or_text if isinstance(name_or_text, Query) else resolve(name_or_text)
    text = bind(query, params or {})
    if not query.page:
        if limit is not None or after is not None:
            raise QueryError(
                f"query {query.name!r} is not a paged listing (no '# page: ?key' line); "
                "put a LIMIT in its text, or drop --limit and --after"
            )
        rows = store.select(text)
    else:
        rows = _page(store, text, query.page, PAGE_SIZE if limit is None else limit, after)
    if not rows.rows and after is None and any(p.kind == "name" for p in query.params):
        _check_name_keys(store)
    return rows


def _page(store: Store, text: str, keys: Sequence[str], limit: int, after: str | None) -> Rows:
    if limit < 1:
        raise QueryError(f"a page holds at least one row; --limit {limit} asks for none")
    cursor = parse_cursor(after, len(keys))
    fetch = limit
    while True:  # a key whose rows overflow the page is fetched whole with a larger limit
        rows = _select_page(store, text, keys, fetch, cursor)
        page = cut_page(rows.columns, rows.rows, keys, limit, fetch)
        if page is not None:
            columns, kept, next_cursor = page
            if not kept and cursor is None:
                _check_numbered(store)
            return Rows(columns, tuple(kept), next_cursor)
        fetch *= 2


def _select_page(
    store: Store, text: str, keys: Sequence[str], limit: int, after: tuple[int, ...] | None
) -> Rows:
    """The rows of one page (``limit + 1`` keys at most): one query, or on a store that
    chooses a page's rows wrongly inside the whole text (``Store.pages_in_two_steps``) the
    rows chosen alone, then the listing of exactly those (:func:`split_page`)."""
    if not store.pages_in_two_steps:
        return store.select(page_text(text, keys, limit=limit, after=after))
    chosen_text, rest = split_page(text, keys, limit=limit, after=after)
    chosen = store.select(chosen_text)
    if any(isinstance(value, BNode) for row in chosen.rows for value in row):
        return store.select(page_text(text, keys, limit=limit, after=after))  # not as data
    return store.select(with_rows(rest, chosen.columns, chosen.rows))


def _check_numbered(store: Store) -> None:
    """A listing is empty on a store whose articles were stored without listing keys.

    Raises:
        QueryError: such an article is stored.
    """
    # a store holding one numbered article was written by this kg (a lookup); the full check
    # looks at every article (270 ms at 14,300), so it runs only on a store with none
    if store.ask(with_prefixes("ASK { ?a kg:seq ?n }")):
        return
    if store.ask(with_prefixes("ASK { ?a a kg:NewsArticle FILTER NOT EXISTS { ?a kg:seq ?n } }")):
        raise QueryError(
            "this store holds articles written by an earlier kg, without the keys listings "
            "page by (kg:seq); build the store again from the same sources into a new store"
        )


def _check_name_keys(store: Store) -> None:
    """A name is looked up among keys (``kg:labelKey``) an earlier kg did not write.

    Raises:
        QueryError: the store holds labels but no key.
    """
    if store.ask(with_prefixes("ASK { ?e kg:labelKey ?k }")):
        return
    if store.ask(with_prefixes("ASK { ?e rdfs:label ?l }")):
        raise QueryError(
            "this store's names were written by an earlier kg, without the keys a name is "
            "looked up by (kg:labelKey); build the store again from the same sources into a "
            "new store"
        )


def iter_query(
    store: Store,
    name_or_text: str,
    params: dict[str, str] | None = None,
    *,
    page_size: int = STREAM_PAGE,
    after: str | None = None,
) -> Iterator[Rows]:
    """Every page of a query in turn (one page for a query that is not a listing); each page
    is read when the one before has been used, so memory stays flat in the number of rows."""
    query = resolve(name_or_text)
    if not query.page:
        yield run_query(store, query, params)
        return
    text = bind(query, params or {})
    cursor = after
    while True:
        page = _page(store, text, query.page, page_size, cursor)
        yield page
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def stream_query(store: Store, name_or_text: str, params: dict[str, str] | None = None) -> Stream:
    """Every row of a query as :data:`~kg.store.base.Cell` values (text and kind, no rdflib
    terms), read as they are used: what ``kg query --all`` writes to CSV, TSV or JSON Lines.

    On a store that streams its results (the embedded store) a listing is read by one query,
    its whole text: its ``ORDER BY`` starts with its key, so the rows come in the order of its
    pages, and the engine sorts them as encoded terms while Python holds one row at a time.
    On the others it is read page by page (:func:`iter_query`), as a server's answer is read
    whole.

    Raises:
        QueryError: as :func:`run_query`.
    """
    query = resolve(name_or_text)
    if not query.page or store.streams:
        columns, rows = store.select_cells(bind(query, params or {}))
        if not query.page:
            return columns, rows
        if query.page[-1] not in columns:
            raise QueryError(
                f"a paged query must select its key ?{query.page[-1]}; add it to the SELECT"
            )
        hidden = columns.index(query.page[-1])  # bookkeeping, as on a page
        shown = columns[:hidden] + columns[hidden + 1 :]
        return shown, (row[:hidden] + row[hidden + 1 :] for row in rows)
    pages = iter_query(store, name_or_text, params)
    first = next(pages)

    def cells() -> Iterator[tuple[Cell, ...]]:
        for page in _chain(first, pages):
            for row in page.rows:
                yield tuple(map(cell_of, row))

    return first.columns, cells()


def _chain(first: Rows, rest: Iterator[Rows]) -> Iterator[Rows]:
    yield first
    yield from rest
