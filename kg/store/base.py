"""What every store does, and the SPARQL Update that keeps article graphs and facts in step.

The dataset layout (README, "Data model"):

* one named graph per article, named by the article's IRI;
* the facts graph (:data:`~kg.model.terms.FACTS_GRAPH`): exactly the union of all article
  graphs, each triple once.

Every backend writes through the same SPARQL Update text built here, so the invariant is kept
by one piece of code: replacing an article first removes from the facts graph the triples no
other article supports, then drops and refills the article graph, then adds its triples to the
facts graph. A batch of articles is one update request, hence one transaction.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.model.terms import FACTS_GRAPH, KG, KGR

__all__ = ["ArticleGraph", "Rows", "Store", "removal_update", "replace_update"]

ARTICLE_PREFIX = str(KGR["article/"])


@dataclass(frozen=True)
class ArticleGraph:
    """The triples of one article graph, ready to write."""

    iri: URIRef
    triples: tuple[tuple[Node, Node, Node], ...]
    content_hash: str


@dataclass(frozen=True)
class Rows:
    """The result of a SELECT query: column names and rows of RDF terms (None when unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Node | None]]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _term(node: Node) -> str:
    if isinstance(node, BNode):
        raise ValueError("article graphs hold no blank nodes")
    if isinstance(node, (URIRef, Literal)):
        return node.n3()
    raise ValueError(f"unsupported RDF term {node!r}")


def _triples_block(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    return "\n".join(f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in triples)


def _unsupported_elsewhere(article: URIRef) -> str:
    return (
        f"DELETE {{ GRAPH <{FACTS_GRAPH}> {{ ?s ?p ?o }} }}\n"
        f"WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }}\n"
        f'    FILTER(?other != <{article}> && STRSTARTS(STR(?other), "{ARTICLE_PREFIX}")) }} }}'
    )


def removal_update(article: URIRef) -> str:
    """SPARQL Update that removes one article and the facts only it supports."""
    return f"{_unsupported_elsewhere(article)} ;\nDROP SILENT GRAPH <{article}>"


def replace_update(batch: Sequence[ArticleGraph], *, existing: set[URIRef]) -> str:
    """SPARQL Update that writes a batch of articles (replacing those already stored).

    Args:
        batch: the article graphs to write.
        existing: IRIs of the batch's articles already in the store (these are replaced).
    """
    operations: list[str] = [removal_update(item.iri) for item in batch if item.iri in existing]
    data = [f"GRAPH <{item.iri}> {{\n{_triples_block(item.triples)}\n}}" for item in batch]
    facts = "\n".join(_triples_block(item.triples) for item in batch)
    data.append(f"GRAPH <{FACTS_GRAPH}> {{\n{facts}\n}}")
    operations.append("INSERT DATA {\n" + "\n".join(data) + "\n}")
    return " ;\n".join(operations)


def hashes_query(iris: Sequence[URIRef]) -> str:
    """SELECT the stored content hash of each of these articles."""
    values = " ".join(f"<{iri}>" for iri in iris)
    return (
        f"SELECT ?a ?h WHERE {{ VALUES ?a {{ {values} }} GRAPH ?a {{ ?a <{KG.contentHash}> ?h }} }}"
    )


class Store(abc.ABC):
    """A dataset of article graphs plus the facts graph, queried with SPARQL 1.1.

    Subclasses implement :meth:`select`, :meth:`ask`, :meth:`construct`, :meth:`update`,
    :meth:`dump` and :meth:`close`; the article-level operations are shared.
    """

    name: str = "store"
    read_only: bool = False

    # -- backend primitives ---------------------------------------------------------
    @abc.abstractmethod
    def select(self, query: str) -> Rows:
        """Run a SELECT query (the facts graph is the default graph)."""

    @abc.abstractmethod
    def ask(self, query: str) -> bool:
        """Run an ASK query."""

    @abc.abstractmethod
    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        """Run a CONSTRUCT or DESCRIBE query."""

    @abc.abstractmethod
    def update(self, update: str) -> None:
        """Run a SPARQL Update as one transaction."""

    @abc.abstractmethod
    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        """Every quad of the dataset (graph None = default graph)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the store."""

    # -- article operations ---------------------------------------------------------
    def stored_hashes(self, iris: Sequence[URIRef]) -> dict[URIRef, str]:
        """Content hash of each given article that is stored."""
        if not iris:
            return {}
        rows = self.select(hashes_query(iris))
        return {URIRef(str(a)): str(h) for a, h in rows if a is not None and h is not None}

    def write_articles(self, batch: Sequence[ArticleGraph]) -> dict[URIRef, str]:
        """Write a batch in one transaction; skip unchanged articles.

        Returns:
            Each article's outcome: ``new``, ``changed`` or ``unchanged``.
        """
        stored = self.stored_hashes([item.iri for item in batch])
        outcome: dict[URIRef, str] = {}
        todo: list[ArticleGraph] = []
        for item in batch:
            if item.iri in outcome:
                continue
            if stored.get(item.iri) == item.content_hash:
                outcome[item.iri] = "unchanged"
            else:
                outcome[item.iri] = "changed" if item.iri in stored else "new"
                todo.append(item)
        if todo:
            self.update(replace_update(todo, existing=set(stored)))
        return outcome

    def remove_article(self, iri: URIRef) -> bool:
        """Remove an article and the facts only it supports; False when it is not stored."""
        if not self.stored_hashes([iri]):
            return False
        self.update(removal_update(iri))
        return True

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
