"""The ready queries in ``queries/`` and safe parameter binding.

A query file starts with comment lines that describe it::

    # title: Officials
    # description: People and the places or organisations they hold office in.
    # param: name  -- an entity's name or alias (any case)
    # page: ?key

``page`` makes the query a listing read a page at a time (:mod:`kg.query.paging`): its first
sub-SELECT selects the rows and their integer key ``?key`` (or several integers, compared in
turn: ``# page: ?articles ?tie``).

A parameter is a variable of the query, of a kind: ``literal`` (the default), ``iri``, or
``name``: a name matched in any case, bound in lower case as ``kg:labelKey`` and
``kg:labelPrefix`` hold every label and alias (:func:`~kg.model.listing.label_keys`), so that
``?e kg:labelKey ?name`` finds it by a lookup. Binding never splices the user's text into the query:
the value becomes one RDF literal (or IRI), serialised and escaped by rdflib, in a ``VALUES``
block placed at the start of the query's WHERE group, and the result is parsed again before it
runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.model.listing import lookup_key
from kg.model.resources import resource_dir
from kg.model.terms import PREFIXES

__all__ = [
    "PREFIXES",
    "Query",
    "bind",
    "internal_query",
    "list_queries",
    "load_query",
    "prologue",
    "subquery",
    "subquery_where",
]

_SELECT = re.compile(r"SELECT\b", re.IGNORECASE)
_HEADER = re.compile(r"^#\s*(title|description|param|page):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*(?:\((\w+)\))?\s*(?:=\s*(\S+))?\s*(?:--\s*(.*))?$")


@dataclass(frozen=True)
class Param:
    """A declared parameter: name, kind (``literal``, ``iri`` or ``name``), default, help."""

    name: str
    kind: str = "literal"
    default: str | None = None
    help: str = ""


@dataclass(frozen=True)
class Query:
    """A SPARQL query with its description and declared parameters."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None
    page: tuple[str, ...] = ()
    """The variables of the rows' key when the query is a paged listing (else empty)."""


def _parse_file(path: Path) -> Query:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read query file {path}: {exc}") from exc
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = match.groups()
        if key == "param":
            pm = _PARAM.match(value.strip())
            if pm is None:
                raise QueryError(
                    f"{path}: bad param line {value!r}; write 'name (literal) -- help'"
                )
            name, kind, default, help_text = pm.groups()
            params.append(Param(name, kind or "literal", default, help_text or ""))
        else:
            meta[key] = value.strip()
    page = tuple(v.lstrip("?$") for v in meta.get("page", "").split())
    if not all(re.fullmatch(r"\w+", v) for v in page):
        raise QueryError(f"{path}: bad page line {meta['page']!r}; write '# page: ?key'")
    return Query(
        path.stem,
        text,
        meta.get("title", path.stem),
        meta.get("description", ""),
        tuple(params),
        path,
        page,
    )


def list_queries(folder: Path | None = None) -> list[Query]:
    """Every ready query, sorted by name.

    >>> "officials" in [q.name for q in list_queries()]
    True
    """
    folder = folder or resource_dir("queries")
    return [_parse_file(p) for p in sorted(folder.glob("*.rq"))]


def load_query(name_or_path: str, folder: Path | None = None) -> Query:
    """A ready query by name (``officials``) or a ``.rq`` file by path.

    Raises:
        QueryError: no such query or file.
    """
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryError(f"query file {name_or_path!r} not found; check the path")
        return _parse_file(path)
    folder = folder or resource_dir("queries")
    candidate = folder / f"{name_or_path}.rq"
    if not candidate.is_file():
        available = ", ".join(q.name for q in list_queries(folder))
        raise QueryError(
            f"unknown query {name_or_path!r}; available: {available}; "
            f"or add queries/{name_or_path}.rq"
        )
    return _parse_file(candidate)


@cache
def internal_query(name: str) -> str:
    """The text of one of kg's own queries, ``queries/internal/NAME.rq`` (not listed by
    ``kg queries``; the API runs them).

    Raises:
        QueryError: no such query.

    >>> "kg:NewsArticle" in internal_query("article-iris")
    True
    """
    return load_query(name, resource_dir("queries") / "internal").text


def _skip_to(text: str, i: int) -> int:
    """Index after the comment, string or IRI starting at i (or i itself)."""
    ch = text[i]
    if ch == "#":
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if ch in "\"'":
        triple = text[i : i + 3] in ('"""', "'''")
        quote = text[i : i + 3] if triple else ch
        j = i + len(quote)
        while j < len(text):
            if text[j] == "\\":
                j += 2
                continue
            if text.startswith(quote, j):
                return j + len(quote)
            j += 1
        return len(text)
    if ch == "<":
        end = text.find(">", i)
        if end > 0 and not re.search(r"\s", text[i:end]):
            return end + 1
    return i


def _where_brace(text: str) -> int:
    """Index of the opening brace of the query's top-level WHERE group."""
    depth = 0
    i = 0
    first_brace = -1
    where_seen = False
    while i < len(text):
        j = _skip_to(text, i)
        if j != i:
            i = j
            continue
        ch = text[i]
        if ch == "{":
            if depth == 0:
                if where_seen:
                    return i
                if first_brace < 0:
                    first_brace = i
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and text[i : i + 5].upper() == "WHERE" and not text[i - 1 : i].isalnum():
            where_seen = True
        i += 1
    if first_brace < 0:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return first_brace


def _code(text: str, start: int = 0) -> Iterator[int]:
    """Indices of the query's own characters from ``start`` (comments, strings, IRIs skipped)."""
    i = start
    while i < len(text):
        j = _skip_to(text, i)
        if j != i:
            i = j
            continue
        yield i
        i += 1


def _group(text: str, start: int) -> tuple[int, int]:
    """The first ``{ ... }`` group at or after ``start``: its brace and its closing brace."""
    depth, open_at = 0, -1
    for i in _code(text, start):
        if text[i] == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0 and open_at >= 0:
                return open_at, i
    raise QueryError("unbalanced braces in the query text")


def subquery(text: str) -> tuple[int, int]:
    """The braces of the group that holds the query's first sub-SELECT (a listing's rows).

    Raises:
        QueryError: the query has no sub-SELECT.

    >>> q = "SELECT ?a WHERE { { SELECT ?a ?k WHERE { ?a <p> ?k } } }"
    >>> start, end = subquery(q)
    >>> q[start : end + 1]
    '{ SELECT ?a ?k WHERE { ?a <p> ?k } }'
    """
    for i in _code(text):
        if text[i] == "{" and _SELECT.match(text[i + 1 :].lstrip()):
            return _group(text, i)
    raise QueryError("a paged query selects its rows in a sub-SELECT; none was found")


def subquery_where(text: str) -> tuple[int, int]:
    """The braces of the WHERE group of the query's first sub-SELECT (a listing's rows).

    Raises:
        QueryError: the query has no sub-SELECT.

    >>> q = "SELECT ?a WHERE { { SELECT ?a ?k WHERE { ?a <p> ?k } } }"
    >>> start, end = subquery_where(q)
    >>> q[start : end + 1]
    '{ ?a <p> ?k }'
    """
    return _group(text, subquery(text)[0] + 1)


def prologue(text: str) -> str:
    """The query's declarations before its SELECT (``BASE``, ``PREFIX``, comments).

    >>> prologue("BASE <x:> SELECT ?a { ?a ?p ?o }")
    'BASE <x:> '
    """
    main = next((i for i in _code(text) if _SELECT.match(text, i)), len(text))
    return text[:main]


def _term(param: Param, value: str) -> str:
    if param.kind == "iri":
        if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value, re.IGNORECASE):
            raise QueryError(f"parameter {param.name}={value!r} is not an IRI; pass a full IRI")
        return URIRef(value).n3()
    if param.kind == "name":
        return Literal(lookup_key(value)).n3()
    return Literal(value).n3()


def bind(query: Query, params: dict[str, str]) -> str:
    """The query text with parameters bound (missing ones take their defaults).

    Raises:
        QueryError: an unknown or missing parameter, or the result does not parse.

    >>> q = Query("x", "SELECT ?e WHERE { ?e ?p ?name }", params=(Param("name"),))
    >>> bind(q, {"name": 'Bogor" } DROP ALL {'})
    'SELECT ?e WHERE { VALUES ?name { "Bogor\\\\" } DROP ALL {" } ?e ?p ?name }'
    """
    declared = {p.name: p for p in query.params}
    unknown = set(params) - set(declared)
    if unknown:
        names = ", ".join(sorted(declared)) or "none"
        raise QueryError(
            f"query {query.name!r} has no parameter {', '.join(sorted(unknown))}; it takes: {names}"
        )
    values: list[str] = []
    for param in query.params:
        value = params.get(param.name, param.default)
        if value is None:
            raise QueryError(
                f"query {query.name!r} needs --param {param.name}=VALUE "
                f"({param.help or param.kind})"
            )
        values.append(f"VALUES ?{param.name} {{ {_term(param, value)} }} ")
    text = query.text
    if values:
        # a listing binds its parameters where its rows are chosen, in its sub-SELECT
        brace = subquery_where(text)[0] if query.page else _where_brace(text)
        text = text[: brace + 1] + " " + "".join(values) + text[brace + 1 :].lstrip(" ")
    if not _shipped(query):  # kg's own are parsed by the tests, not at each run (~40 ms)
        check_syntax(text)
    return text


def _shipped(query: Query) -> bool:
    """A query file of kg's own (``queries/`` and ``queries/internal/``)."""
    if query.path is None:
        return False
    folder = resource_dir("queries").resolve()
    return query.path.resolve().parent in (folder, folder / "internal")


def check_syntax(text: str) -> None:
    """Parse a query with rdflib's SPARQL 1.1 grammar.

    Raises:
        QueryError: the text is not a SPARQL 1.1 query; the message shows where.
    """
    from rdflib.plugins.sparql import prepareQuery  # rdflib's SPARQL engine: 0.1 s to import

    try:
        prepareQuery(text, initNs=PREFIXES)
    except Exception as exc:  # pyparsing errors carry the position
        raise QueryError(f"malformed SPARQL: {exc}; fix the query text") from exc
