"""A store on any SPARQL 1.1 server, over the SPARQL 1.1 Protocol with requests.

``query_url`` is the query endpoint; ``update_url`` the update endpoint (defaults to the query
endpoint). Queries send the facts graph as ``default-graph-uri`` so ready queries read it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import requests
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.model.terms import FACTS_GRAPH
from kg.store.base import Rows, Store

__all__ = ["SparqlStore"]


def _from_json(binding: dict[str, Any]) -> Node:
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


class SparqlStore(Store):
    """Any SPARQL 1.1 server (Oxigraph, Virtuoso, Fuseki, GraphDB ...)."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        auth: requests.auth.AuthBase | tuple[str, str] | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.name = query_url
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "kg (knowledge graphs from Indonesian news)"
        if auth is not None:
            self.session.auth = auth

    def _post(self, url: str, data: dict[str, str], accept: str) -> requests.Response:
        try:
            response = self.session.post(
                url, data=data, headers={"Accept": accept}, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise StoreError(
                f"SPARQL server {url} unreachable: {exc}; check the URL and that it is running"
            ) from exc
        if response.status_code == 400:
            raise QueryError(f"{url} rejected the request: {response.text[:300]}")
        if response.status_code in (401, 403):
            raise StoreError(
                f"{url} refused access (HTTP {response.status_code}); set KG_SPARQL_USER and "
                "KG_SPARQL_PASSWORD or add the host to ~/.netrc"
            )
        if response.status_code >= 300:
            raise StoreError(f"{url} answered HTTP {response.status_code}: {response.text[:300]}")
        return response

    def _query(self, query: str, accept: str) -> requests.Response:
        data = {"query": query, "default-graph-uri": str(FACTS_GRAPH)}
        return self._post(self.query_url, data, accept)

    def select(self, query: str) -> Rows:
        response = self._query(query, "application/sparql-results+json")
        try:
            payload = json.loads(response.content)
            columns = tuple(payload["head"]["vars"])
            rows = tuple(
                tuple(_from_json(b[c]) if c in b else None for c in columns)
                for b in payload["results"]["bindings"]
            )
        except (ValueError, KeyError) as exc:
            raise QueryError(f"{self.query_url} sent an unreadable SELECT result: {exc}") from exc
        return Rows(columns, rows)

    def ask(self, query: str) -> bool:
        response = self._query(query, "application/sparql-results+json")
        try:
            return bool(json.loads(response.content)["boolean"])
        except (ValueError, KeyError) as exc:
            raise QueryError(f"{self.query_url} sent an unreadable ASK result: {exc}") from exc

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        response = self._query(query, "application/n-triples")
        graph = Graph()
        try:
            graph.parse(data=response.content, format="nt")
        except Exception as exc:
            raise QueryError(f"{self.query_url} sent unreadable triples: {exc}") from exc
        return list(graph)

    def update(self, update: str) -> None:
        self._post(self.update_url, {"update": update}, "*/*")

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in rows:
            if s is not None and p is not None and o is not None:
                yield s, p, o, URIRef(str(g)) if g is not None else None

    def close(self) -> None:
        self.session.close()
