"""``kg load``: RDF files a user already has, each into a named graph of its own
(:mod:`kg.model.loaded`), written like an article: in one transaction, unchanged files skipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from kg.errors import IngestError
from kg.model.loaded import read_rdf_file
from kg.model.terms import KG
from kg.store import ArticleGraph, Store
from kg.store.base import term_text

__all__ = ["LoadReport", "is_loaded", "load_rdf"]


@dataclass(frozen=True)
class LoadReport:
    """What ``kg load`` did with one file."""

    path: str
    graph: str
    triples: int
    outcome: str
    """``new``, ``changed`` (the graph was replaced) or ``unchanged``."""

    def summary(self) -> str:
        """``loaded kota.ttl into <…/graph/loaded/kota.ttl>: 12 triples (new)``."""
        return f"loaded {self.path} into <{self.graph}>: {self.triples} triples ({self.outcome})"


def load_rdf(
    store: Store, path: Path, *, graph: str | None = None, fmt: str | None = None
) -> LoadReport:
    """Read an RDF file into its own named graph (replacing what an earlier load put there).

    Raises:
        IngestError: the file cannot be read or parsed, or it names an article graph.
        StoreError: the store takes no writes.
    """
    store.check_writable()
    loaded = read_rdf_file(path, graph=graph, fmt=fmt)
    if store.ask(f"ASK {{ GRAPH <{loaded.iri}> {{ <{loaded.iri}> a <{KG.NewsArticle}> }} }}"):
        raise IngestError(
            f"<{loaded.iri}> is an article's graph; kg load never writes into one, pick another "
            "--graph"
        )
    try:
        item = ArticleGraph(loaded.iri, loaded.triples, loaded.content_hash)
        outcome = store.write_articles([item])[loaded.iri]
    except ValueError as exc:  # a term N-Triples cannot hold (an IRI with a space ...)
        raise IngestError(f"{path}: {exc}; fix the file") from exc
    return LoadReport(str(path), str(loaded.iri), len(loaded.triples), outcome)


def is_loaded(store: Store, iri: URIRef) -> bool:
    """Whether an IRI names a graph ``kg load`` wrote (False for text that is no IRI: it is
    never spliced into the query)."""
    try:
        graph = term_text(iri)
    except ValueError:
        return False
    return store.ask(f"ASK {{ GRAPH {graph} {{ {graph} a <{KG.LoadedGraph}> }} }}")
