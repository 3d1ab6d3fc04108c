"""Keyset paging of the ready queries: a page is the rows whose key comes after the cursor.

A listing's query file names its key (``# page: ?key``, or ``# page: ?articles ?tie`` for a
key of several integers compared in turn) and selects its rows in its first sub-SELECT, which
projects the key. The key's integers are written when the rows' graphs are stored
(:mod:`kg.model.listing`) or counted by the query. A page adds to that sub-SELECT a filter
keeping the keys below the cursor, ``ORDER BY`` the key descending and ``LIMIT n + 1`` (the
extra row tells whether another page follows), so the engine sorts integers only and the columns
are looked up for one page of rows. The cursor is the last row's key: the next page starts below
it, whatever was written in between. Rows sharing a key always come on one page, so a page
never splits them and no row is lost or repeated. The last variable of the key is bookkeeping
(a number) and is left out of the page's columns; the others (a count) are shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib.term import Node

from kg.errors import QueryError
from kg.query.catalogue import prologue, subquery, subquery_where

__all__ = ["PAGE_SIZE", "cut_page", "page_text", "parse_cursor", "split_page", "with_rows"]

PAGE_SIZE = 50
"""Rows of a page when none is asked for (datasette's page size)."""

Key = tuple[int, ...]


def parse_cursor(after: str | None, size: int = 1) -> Key | None:
    """The key a cursor names: ``size`` non-negative integers joined by dots.

    Raises:
        QueryError: the cursor is not one.

    >>> parse_cursor("123"), parse_cursor("3.42", 2), parse_cursor(None)
    ((123,), (3, 42), None)
    """
    if after is None:
        return None
    parts = after.strip().split(".")
    if len(parts) != size or not all(p.isdigit() for p in parts):
        raise QueryError(
            f"cursor {after!r} is not a page cursor of this query; pass the value printed "
            "after --after under the page before"
        )
    return tuple(int(p) for p in parts)


def _below(keys: Sequence[str], cursor: Key) -> str:
    """The filter of rows whose key is below the cursor (compared left to right)."""
    name, value = keys[0], cursor[0]
    if len(keys) == 1:
        return f"?{name} < {value}"
    return f"?{name} < {value} || (?{name} = {value} && ({_below(keys[1:], cursor[1:])}))"


def page_text(text: str, keys: Sequence[str], *, limit: int, after: Key | None) -> str:
    """The text of one page: rows with a key below ``after``, the ``limit + 1`` highest.

    >>> q = "SELECT ?a { { SELECT ?a ?k { ?a <p> ?k } } }"
    >>> print(page_text(q, ["k"], limit=2, after=(9,)))
    SELECT ?a { { SELECT ?a ?k { ?a <p> ?k  FILTER(?k < 9) } ORDER BY DESC(?k) LIMIT 3 } }
    """
    start, end = subquery_where(text)
    body = text[start:end]
    if after is not None:
        body += f" FILTER({_below(keys, after)}) "
    order = " ".join(f"DESC(?{k})" for k in keys)
    return text[:start] + body + f"}} ORDER BY {order} LIMIT {limit + 1}" + text[end + 1 :]


def _key(row: tuple[Node | None, ...], at: Sequence[int]) -> Key:
    return tuple(int(str(row[i])) if row[i] is not None else -1 for i in at)


def cut_page(
    columns: Sequence[str],
    rows: Sequence[tuple[Node | None, ...]],
    keys: Sequence[str],
    limit: int,
    fetched: int | None = None,
) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]], str | None] | None:
    """The page's columns (the key's last variable left out), its rows and the cursor of the
    next page (None on the last page); None when one key's rows fill all ``fetched + 1`` rows
    (ask again with a larger ``fetched``).

    ``rows`` answer :func:`page_text` with a limit of ``fetched`` (default ``limit``). When
    they are full, the rows of their last key may go on, so they wait for the next page. The
    page takes whole keys, in order, until it holds ``limit`` rows or more.

    Raises:
        QueryError: the query does not project its key.
    """
    missing = [k for k in keys if k not in columns]
    if missing:
        raise QueryError(f"a paged query must select its key ?{missing[0]}; add it to the SELECT")
    at = [list(columns).index(k) for k in keys]
    ordered = sorted(rows, key=lambda row: _key(row, at), reverse=True)
    more = len(ordered) > (limit if fetched is None else fetched)
    if more:
        last = _key(ordered[-1], at)
        ordered = [row for row in ordered if _key(row, at) != last]
        if not ordered:
            return None
    page: list[tuple[Node | None, ...]] = []
    for row in ordered:
        if len(page) >= limit and _key(row, at) != _key(page[-1], at):
            more = True
            break
        page.append(row)
    hidden = at[-1]
    names = tuple(c for i, c in enumerate(columns) if i != hidden)
    kept = [row[:hidden] + row[hidden + 1 :] for row in page]
    cursor = ".".join(map(str, _key(page[-1], at))) if more else None
    return names, kept, cursor


def split_page(text: str, keys: Sequence[str], *, limit: int, after: Key | None) -> tuple[str, str]:
    """A page as two queries: the page's rows chosen alone (the prologue and the sub-SELECT
    of :func:`page_text`), and the listing with a placeholder where that sub-SELECT was, for
    :func:`with_rows` to fill with the rows it chose.

    Virtuoso, once a store has seen enough writes, can answer a listing's whole text with the
    wrong rows for the sub-SELECT's ``ORDER BY ... LIMIT`` (the keys alone it answers right):
    the rows passed back as data leave it nothing to reorder.

    >>> q = "BASE <x:> SELECT ?a ?n { { SELECT ?a ?k { ?a <k> ?k } } ?a <n> ?n }"
    >>> rows, rest = split_page(q, ["k"], limit=2, after=None)
    >>> rows
    'BASE <x:> SELECT ?a ?k { ?a <k> ?k } ORDER BY DESC(?k) LIMIT 3'
    >>> rest
    'BASE <x:> SELECT ?a ?n { {ROWS} ?a <n> ?n }'
    """
    paged = page_text(text, keys, limit=limit, after=after)
    opened, closed = subquery(paged)
    rows = prologue(paged) + paged[opened + 1 : closed].strip()
    return rows, paged[:opened] + _ROWS + paged[closed + 1 :]


_ROWS = "{ROWS}"


def with_rows(rest: str, columns: Sequence[str], rows: Sequence[tuple[Node | None, ...]]) -> str:
    """The listing of :func:`split_page` with the chosen rows as a ``VALUES`` block.

    >>> from rdflib import Literal, URIRef
    >>> rows = [(URIRef("x:a"), Literal("A")), (URIRef("x:b"), None)]
    >>> with_rows("SELECT ?a { {ROWS} }", ["a", "k"], rows)
    'SELECT ?a { VALUES (?a ?k) { (<x:a> "A") (<x:b> UNDEF) } }'
    """
    names = " ".join(f"?{c}" for c in columns)
    cells = " ".join(
        "(" + " ".join("UNDEF" if v is None else v.n3() for v in row) + ")" for row in rows
    )
    return rest.replace(_ROWS, f"VALUES ({names}) {{ {cells} }}", 1)
