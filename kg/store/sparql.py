"""A store on any SPARQL 1.1 server, over the SPARQL 1.1 Protocol with requests.

Endpoints: ``query_url`` (queries; they get the facts graph as ``default-graph-uri``, except
queries with a ``GRAPH`` pattern, which get the server's whole dataset),
``update_url`` (SPARQL Update; default: the query endpoint) and, when the server has one,
``graph_store_url`` (the Graph Store Protocol, used to bulk-load brand-new articles as N-Quads
in one transactional request where the server accepts a whole dataset, as Oxigraph does).

Writes are gathered into requests of up to :attr:`Dialect.request_quads` quads, whole articles
only, because servers spend ~1.4 ms per request and little per quad: measured on Oxigraph,
one article per request runs at 8-10k quads/s and batches of 10k quads at 27-29k quads/s
(``../shared/notes/sparql-servers.md``). Each request adds every triple to its article graph
and to the facts graph together, so the facts graph is the union of the article graphs after
every request, and a request that replaces an article removes and rewrites it at once.

Virtuoso (recognised by its ``Server`` header) needs more care, all handled here:

* ``INSERT DATA`` of 2,000 triples or more fails unless the update starts with
  ``define sql:big-data-const 1``, and past ~2,000 quads it fails anyway (SP030/SP031), so
  requests hold at most 2,000 quads. An article larger than that is written in several
  requests: the first removes the old version, the last adds the content-hash triple. A
  crash in between leaves the article without its hash, which :meth:`Store.stored_hashes`
  reports as stored-but-incomplete, so the next build replaces it; the facts graph is the
  union of the article graphs after each request all the same. That is the atomicity one gets
  on Virtuoso: per request, and per article only for articles under 1,000 triples.
* writes go to ``/sparql-auth`` with Digest auth (chosen automatically for Virtuoso);
* it has no dataset-level Graph Store POST, so the Graph Store URL is not used for writes;
* it answers ASK in JSON as a one-row SELECT, and returns ``xsd:boolean`` as ``1``/``0`` and
  ``xsd:decimal`` without a decimal point; both are mapped back to the forms kg writes;
* it cuts results at ``ResultSetMaxRows`` (10,000 in Debian's ini), saying so only in an
  ``X-SPARQL-MaxRows`` header: a cut result raises an error naming the fix instead of
  returning short data.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import requests
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.model.terms import FACTS_GRAPH, KG, KGR
from kg.store.auth import BearerAuth, auth_for, redact
from kg.store.base import (
    ArticleGraph,
    Rows,
    Store,
    TermCache,
    Values,
    WritePlan,
    check_derived,
    insert_data,
    nquads,
    removal_update,
    replace_update,
    written_keys,
)
from kg.store.sparql_text import uses_keyword
from kg.store.summary import Keys, summary_update

__all__ = ["DIALECTS", "Dialect", "SparqlStore", "uses_graph"]

log = logging.getLogger("kg.store")

_XSD_STRING = str(XSD.string)
_KG_GRAPHS = (  # kg's graphs, and the graphs kg load wrote (any IRI, marked inside)
    f'FILTER(STRSTARTS(STR(?g), "{KGR}") || EXISTS {{ GRAPH ?g {{ ?g a <{KG.LoadedGraph}> }} }})'
)


@dataclass(frozen=True)
class Dialect:
    """What a server needs beyond the standard protocol."""

    name: str
    request_quads: int = 20_000
    """Most quads in one update request."""
    update_prefix: str = ""
    dataset_post: bool = True
    """The Graph Store endpoint accepts N-Quads for the whole dataset (Oxigraph, Fuseki)."""
    canonical_literals: bool = False
    """Map the server's rewritten booleans and decimals back to the forms kg writes."""
    pages_in_two_steps: bool = False
    """Choose a listing page's rows in a query of their own (``Store.pages_in_two_steps``)."""


DIALECTS: dict[str, Dialect] = {
    "generic": Dialect("generic"),
    "oxigraph": Dialect("oxigraph", request_quads=50_000),
    "virtuoso": Dialect(
        "virtuoso",
        request_quads=2_000,
        update_prefix="define sql:big-data-const 1\n",
        dataset_post=False,
        canonical_literals=True,
        # a store that has seen enough writes answered officials' whole page text with rows
        # out of its ORDER BY (7 of 14 on the second page); the rows alone came right
        pages_in_two_steps=True,
    ),
}


def uses_graph(query: str) -> bool:
    """Whether a query has a ``GRAPH`` pattern (IRIs, strings and comments do not count).

    >>> uses_graph("SELECT * { GRAPH ?g { ?s ?p ?o } }"), uses_graph("ASK { <x:graph> ?p 'GRAPH' }")
    (True, False)
    """
    return uses_keyword(query, "GRAPH")


def _literal(binding: dict[str, Any], canonical: bool) -> Literal:
    value = binding["value"]
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if not datatype or datatype == _XSD_STRING:
        return Literal(value)
    if canonical:
        value = _canonical(value, datatype)
    return Literal(value, datatype=URIRef(datatype))


def _canonical(value: str, datatype: str) -> str:
    if datatype == str(XSD.boolean):
        return {"1": "true", "0": "false"}.get(value, value)
    if datatype == str(XSD.decimal) and value.lstrip("+-").isdigit():
        return value + ".0"
    return value


def _plain(binding: dict[str, Any]) -> str:
    """A binding's value, with a server's rewritten booleans and decimals mapped back."""
    datatype = binding.get("datatype")
    return _canonical(binding["value"], datatype) if datatype else str(binding["value"])


def _from_json(binding: dict[str, Any], canonical: bool = False) -> Node:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    return _literal(binding, canonical)


class SparqlStore(Store):
    """Any SPARQL 1.1 server (Oxigraph, Virtuoso, Fuseki, GraphDB ...).

    Args:
        query_url: the query endpoint.
        update_url: the update endpoint (default: the query endpoint).
        graph_store_url: the Graph Store Protocol endpoint, for bulk loads.
        auth: explicit auth (requests auth object or a (user, password) pair for Basic);
            default: from the environment or ~/.netrc (see :mod:`kg.store.auth`).
        dialect: ``generic``, ``oxigraph`` or ``virtuoso``; default: from the server's header.
        timeout: seconds to wait for a response.
        token: a write token, sent as ``Authorization: Bearer`` (``kg serve --writable``).
        query_only: refuse writes at once (the server takes none).
    """

    name = "sparql"
    batch_quads = 20_000

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        graph_store_url: str | None = None,
        auth: requests.auth.AuthBase | tuple[str, str] | None = None,
        dialect: str | None = None,
        timeout: float = 300.0,
        token: str | None = None,
        query_only: bool = False,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.update_given = update_url is not None
        self.query_only = query_only
        self._refusal: tuple[str | None] | None = None
        if token is not None and auth is None:
            auth = BearerAuth(token)
        self.graph_store_url = graph_store_url
        self.name = redact(query_url)
        self.timeout = timeout
        self._explicit_auth = auth
        self._auth: dict[str, requests.auth.AuthBase | tuple[str, str] | None] = {}
        self._dialect = DIALECTS[dialect] if dialect else None
        self.session = requests.Session()
        self.session.trust_env = False  # no implicit ~/.netrc Basic auth, no proxies for loopback
        self.session.headers["User-Agent"] = "kg (knowledge graphs from Indonesian news)"

    # -- transport ------------------------------------------------------------------
    @property
    def pages_in_two_steps(self) -> bool:  # type: ignore[override]
        return self.dialect.pages_in_two_steps

    @property
    def dialect(self) -> Dialect:
        """The server's dialect, recognised once from an anonymous ASK (no login, no ban)."""
        if self._dialect is None:
            try:  # any answer will do, 401 included: only its Server header is read
                response = self.session.post(
                    self.query_url, data={"query": "ASK {}"}, timeout=(10, self.timeout)
                )
            except requests.RequestException as exc:
                raise StoreError(
                    f"SPARQL server {self.name} unreachable ({type(exc).__name__}); "
                    "check the URL and that the server is running"
                ) from exc
            server = response.headers.get("Server", "").lower()
            name = next((n for n in ("virtuoso", "oxigraph") if n in server), "generic")
            self._dialect = DIALECTS[name]
            log.info("%s is a %s SPARQL server", self.name, name)
        return self._dialect

    def _auth_for(self, url: str) -> requests.auth.AuthBase | tuple[str, str] | None:
        if self._explicit_auth is not None:
            return self._explicit_auth
        if url not in self._auth:
            scheme = "digest" if self.dialect.name == "virtuoso" else "basic"
            self._auth[url] = auth_for(url, scheme)
        return self._auth[url]

    def _send(
        self, method: str, url: str, *, auth: bool = True, **kwargs: Any
    ) -> requests.Response:
        try:
            response = self.session.request(
                method,
                url,
                auth=self._auth_for(url) if auth else None,
                timeout=(10, self.timeout),
                **kwargs,
            )
        except requests.RequestException as exc:
            raise StoreError(
                f"SPARQL server {redact(url)} unreachable ({type(exc).__name__}); "
                "check the URL and that the server is running"
            ) from exc
        if response.status_code in (401, 403):
            if "bearer" in response.headers.get("WWW-Authenticate", "").lower():
                raise StoreError(
                    f"{redact(url)} refused access (HTTP {response.status_code}); set "
                    "KG_SPARQL_TOKEN to the write token the server printed at start"
                )
            raise StoreError(
                f"{redact(url)} refused access (HTTP {response.status_code}); set "
                "KG_SPARQL_USER and KG_SPARQL_PASSWORD or add the host to ~/.netrc "
                "(KG_SPARQL_AUTH=basic|digest picks the scheme)"
            )
        if response.status_code >= 300:
            error = QueryError if response.status_code == 400 else StoreError
            raise error(
                f"{redact(url)} answered HTTP {response.status_code}: {response.text[:500]}"
            )
        return response

    def _query(self, query: str, accept: str) -> requests.Response:
        data = {"query": query}
        if not uses_graph(query):
            # A protocol dataset without named-graph-uri has no named graphs (Oxigraph keeps
            # to that), so GRAPH queries run on the server's own dataset instead.
            data["default-graph-uri"] = str(FACTS_GRAPH)
        return self._send("POST", self.query_url, data=data, headers={"Accept": accept})

    # -- reading --------------------------------------------------------------------
    def _bindings(self, query: str) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
        """A SELECT result's variables and JSON bindings, refusing a result the server cut."""
        response = self._query(query, "application/sparql-results+json")
        try:
            payload = json.loads(response.content)
            columns = tuple(payload["head"]["vars"])
            bindings = payload["results"]["bindings"]
        except (ValueError, KeyError, TypeError) as exc:
            raise QueryError(f"{self.name} sent an unreadable SELECT result: {exc}") from exc
        limit = response.headers.get("X-SPARQL-MaxRows")  # Virtuoso: the result was cut
        if limit is not None and len(bindings) >= int(limit):
            raise QueryError(
                f"{self.name} cut the result at {limit} rows (its ResultSetMaxRows); raise "
                "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini, or add a LIMIT"
            )
        return columns, bindings

    def select(self, query: str) -> Rows:
        columns, bindings = self._bindings(query)
        canonical = self.dialect.canonical_literals
        try:
            rows = tuple(
                tuple(_from_json(b[c], canonical) if c in b else None for c in columns)
                for b in bindings
            )
        except (KeyError, TypeError) as exc:
            raise QueryError(f"{self.name} sent an unreadable SELECT result: {exc}") from exc
        return Rows(columns, rows)

    def select_values(self, query: str) -> Values:
        columns, bindings = self._bindings(query)
        try:
            if self.dialect.canonical_literals:
                return [tuple(_plain(b[c]) if c in b else None for c in columns) for b in bindings]
            return [tuple(b[c]["value"] if c in b else None for c in columns) for b in bindings]
        except (KeyError, TypeError) as exc:
            raise QueryError(f"{self.name} sent an unreadable SELECT result: {exc}") from exc

    def ask(self, query: str) -> bool:
        response = self._query(query, "application/sparql-results+json")
        try:
            payload = json.loads(response.content)
            if "boolean" in payload:
                return bool(payload["boolean"])
            # Virtuoso answers ASK as a one-row SELECT of 1 or 0, or with no row for false
            bindings = payload["results"]["bindings"]
            if not bindings:
                return False
            (binding,) = bindings
            return next(iter(binding.values()))["value"] in ("1", "true")
        except (ValueError, KeyError, TypeError, StopIteration) as exc:
            raise QueryError(f"{self.name} sent an unreadable ASK result: {exc}") from exc

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        response = self._query(query, "application/n-triples")
        graph = Graph()
        try:
            graph.parse(data=response.content, format="nt")
        except Exception as exc:
            raise QueryError(f"{self.name} sent unreadable triples: {exc}") from exc
        if not self.dialect.canonical_literals:
            return list(graph)
        return [(s, p, self._canonical_term(o)) for s, p, o in graph]

    def _canonical_term(self, node: Node) -> Node:
        if isinstance(node, Literal) and node.datatype is not None:
            value = _canonical(str(node), str(node.datatype))
            return Literal(value, datatype=node.datatype) if value != str(node) else node
        return node

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        rows = self.select(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_KG_GRAPHS} }}")
        for s, p, o, g in rows:
            if s is not None and p is not None and o is not None:
                yield s, p, o, URIRef(str(g)) if g is not None else None

    # -- writing --------------------------------------------------------------------
    def write_refusal(self) -> str | None:
        """Why this server takes no writes, else None: asked once with an empty update."""
        if self.query_only:
            return (
                f"{self.name} is served read-only; serve it with `kg serve --writable`, or stop "
                "the server and write to the store directory"
            )
        if self._refusal is None:
            reason: str | None = None
            try:
                self.update("INSERT DATA { }")
            except (StoreError, QueryError) as exc:
                hint = (
                    "check the update endpoint and the credentials (KG_SPARQL_TOKEN for a "
                    "kg serve --writable)"
                    if self.update_given
                    else "pass the server's update endpoint with --update-url"
                )
                reason = f"{redact(self.update_url)} takes no writes ({exc}); {hint}"
            self._refusal = (reason,)
        return self._refusal[0]

    def update(self, update: str) -> None:
        text = self.dialect.update_prefix + update
        self._send("POST", self.update_url, data={"update": text}, headers={"Accept": "*/*"})

    def write_planned(self, plan: WritePlan) -> None:
        cache = TermCache()
        if not plan.existing and self.graph_store_url and self.dialect.dataset_post:
            for group in self._groups(plan.todo, 10 * self.dialect.request_quads):
                self._send(
                    "POST",
                    self.graph_store_url,
                    data=nquads(group, cache),
                    headers={"Content-Type": "application/n-quads"},
                )
                # the Graph Store Protocol takes no update: the group's summaries follow it
                operations = summary_update(written_keys(group, Keys()))
                if operations:
                    self.update(" ;\n".join(operations))
            return
        for group in self._groups(plan.todo, self.dialect.request_quads):
            replaced = WritePlan(plan.outcome, tuple(group), plan.existing & {g.iri for g in group})
            keys = written_keys(group, self.keys_before(replaced))
            if len(group) == 1 and 2 * len(group[0].triples) > self.dialect.request_quads:
                self._write_split(group[0], group[0].iri in plan.existing, cache, keys)
            else:
                self.update(replace_update(group, existing=plan.existing, cache=cache, keys=keys))
        log.info("wrote %d article(s) to %s", len(plan.todo), self.name)

    def insert_triples(self, graph: str, lines: Sequence[str]) -> None:
        check_derived(graph)
        step = self.dialect.request_quads
        for start in range(0, len(lines), step):
            body = " .\n".join(lines[start : start + step])
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body} .\n}} }}")

    def _groups(self, todo: Sequence[ArticleGraph], limit: int) -> Iterator[list[ArticleGraph]]:
        """Whole articles, up to ``limit`` quads (article graph + facts) per group."""
        group: list[ArticleGraph] = []
        size = 0
        for item in todo:
            quads = 2 * len(item.triples)
            if group and size + quads > limit:
                yield group
                group, size = [], 0
            group.append(item)
            size += quads
        if group:
            yield group

    def _write_split(
        self, item: ArticleGraph, existing: bool, cache: TermCache, keys: Keys
    ) -> None:
        """An article too large for one request: old version out first, hash triple and the
        summaries it touches last."""
        if self.dialect.name != "virtuoso":
            done = {item.iri} if existing else set()
            self.update(replace_update([item], existing=done, keys=keys))
            return
        triples = sorted(item.triples, key=lambda t: t[1] == KG.contentHash)
        step = max(1, self.dialect.request_quads // 2)
        for start in range(0, len(triples), step):
            text = insert_data([(item.iri, triples[start : start + step])], cache)
            if start == 0 and existing:
                text = f"{removal_update(item.iri)} ;\n{text}"
            if start + step >= len(triples):
                text = " ;\n".join([text, *summary_update(keys)])
            self.update(text)

    def close(self) -> None:
        self.session.close()
