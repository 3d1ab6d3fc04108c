"""What every store does, and the SPARQL Update that keeps article graphs and facts in step.

The dataset layout (README, "Data model"):

* one named graph per article, named by the article's IRI;
* the facts graph (:data:`~kg.model.terms.FACTS_GRAPH`): exactly the union of all article
  graphs, each triple once, plus the kept summaries the ranked queries read
  (:mod:`kg.store.summary`), recounted by each write for the keys it touches.

Every backend writes through the same SPARQL Update text built here, so the invariant is kept
by one piece of code: replacing an article first removes from the facts graph the triples no
other article supports, then drops and refills the article graph, then adds its triples to the
facts graph. A batch of articles is one update request, hence one transaction. Backends may
take a faster path for brand-new articles (the embedded store bulk-loads them, a SPARQL server
gets them over the Graph Store Protocol) as long as each write stays atomic and adds every
triple to its article graph and to the facts graph together.
"""

from __future__ import annotations

import abc
import datetime
import decimal
import html
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import ExportError, StoreError
from kg.model.closing import Closing
from kg.model.terms import CURATION_GRAPH, FACTS_GRAPH, KG, KGR, local_name
from kg.store.listing import with_listing
from kg.store.summary import Keys, keys_of, summary_update, touched

__all__ = [
    "ArticleGraph",
    "Cell",
    "Rows",
    "Store",
    "Stream",
    "TermCache",
    "Values",
    "WritePlan",
    "cell_json",
    "cell_of",
    "check_derived",
    "insert_data",
    "nquads",
    "plain",
    "removal_update",
    "replace_update",
    "term_text",
    "written_keys",
]

Triple = tuple[Node, Node, Node]
XSD_STRING = XSD.string

ARTICLE_PREFIX = str(KGR["article/"])


def is_source(graph: str) -> bool:
    """True for a graph whose triples the facts graph holds by its name: an article's, or the
    curation graph (a user's aliases and decisions count as a source like an article). A graph
    ``kg load`` wrote is one too, known by the ``kg:LoadedGraph`` node it holds."""
    return graph.startswith(ARTICLE_PREFIX) or graph == str(CURATION_GRAPH)


def check_derived(graph: str) -> None:
    """Refuse to write a derived graph's triples into an article graph or the facts graph."""
    if is_source(graph) or graph == str(FACTS_GRAPH):
        raise StoreError(f"graph {graph} holds sources or facts; only builds write it")


@dataclass(frozen=True)
class ArticleGraph:
    """The triples of one article graph, ready to write."""

    iri: URIRef
    triples: tuple[tuple[Node, Node, Node], ...]
    content_hash: str
    notes: tuple[str, ...] = ()
    """What the extractor left out of this article, and why (:attr:`Extraction.notes`): the
    build reports them; they are not written."""


def plain(value: Node | None) -> Any:
    """An RDF term as a plain Python value: a literal by its datatype (``int``, ``float``,
    ``bool``, ``datetime.date`` ...; a ``gYear`` or a language string stays text), an IRI as
    its text, an unbound cell as None.

    >>> plain(Literal("0.9", datatype=XSD.decimal)), plain(Literal(2)), plain(URIRef("x:y"))
    (0.9, 2, 'x:y')
    """
    if value is None:
        return None
    if isinstance(value, Literal):
        if value.datatype is None:
            return str(value)
        python = value.toPython()
        if isinstance(python, Literal):  # a datatype rdflib does not map
            return str(python)
        return float(python) if isinstance(python, decimal.Decimal) else python
    return str(value)


@dataclass(frozen=True)
class Rows:
    """The result of a SELECT query: column names and rows of RDF terms (None when unbound);
    for a page of a listing, the cursor of the next page (None on the last page).

    In Jupyter it shows as an HTML table; :meth:`to_df` makes a pandas DataFrame.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    next_cursor: str | None = None

    HTML_ROWS = 50
    """Rows an HTML display shows (the rest are counted)."""

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Node | None]]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def values(self) -> list[tuple[Any, ...]]:
        """Rows of plain Python values (see :func:`plain`): numbers, booleans, dates, text."""
        return [tuple(plain(v) for v in row) for row in self.rows]

    def to_df(self) -> Any:
        """The rows as a pandas DataFrame of plain values (needs ``kg-indonesia[pandas]``).

        Raises:
            ExportError: pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise ExportError(
                "Rows.to_df needs pandas; pip install 'kg-indonesia[pandas]' (or pandas)"
            ) from exc
        return pd.DataFrame(self.values(), columns=list(self.columns))

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{_html_cell(v)}</td>" for v in row) + "</tr>"
            for row in self.rows[: self.HTML_ROWS]
        )
        more = len(self.rows) - self.HTML_ROWS
        note = f"<p>… {more} more rows (Rows.to_df() has them all)</p>" if more > 0 else ""
        count = f"<p>{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}</p>"
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note or count}"


def _html_cell(value: Node | None) -> str:
    if isinstance(value, URIRef):
        iri = html.escape(str(value), quote=True)
        return f'<a href="{iri}" title="{iri}">{html.escape(local_name(value))}</a>'
    shown = plain(value)
    return "" if shown is None else html.escape(str(shown))


Values = list[tuple[str | None, ...]]
"""Rows of plain values: an IRI as its string, a literal as its lexical form, None unbound."""

Cell = tuple[str, str] | None
"""A term as text, for a writer: its text (an IRI, a blank node's id, a literal's lexical form)
and its kind (``iri``, ``bnode``, ``""`` for a plain or language-tagged string, else the
literal's datatype IRI); None unbound."""

Stream = tuple[tuple[str, ...], Iterator[tuple[Cell, ...]]]
"""A SELECT's columns and its rows as cells, each row read when the one before is used."""


def cell_of(node: Node | None) -> Cell:
    """The cell of an rdflib term.

    >>> cell_of(URIRef("x:y")), cell_of(Literal("a", lang="id")), cell_of(Literal(2))
    (('x:y', 'iri'), ('a', ''), ('2', 'http://www.w3.org/2001/XMLSchema#integer'))
    """
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node), "iri"
    if isinstance(node, BNode):
        return str(node), "bnode"
    if isinstance(node, Literal) and node.datatype is not None and node.datatype != XSD_STRING:
        return str(node), str(node.datatype)
    return str(node), ""


def _boolean(text: str) -> bool:
    return {"true": True, "1": True, "false": False, "0": False}[text]


def _date(text: str) -> str:
    if len(text) != 10:
        raise ValueError(text)
    datetime.date.fromisoformat(text)
    return text


_JSON_OF: dict[str, Callable[[str], Any]] = {
    str(XSD.integer): int,
    str(XSD.int): int,
    str(XSD.long): int,
    str(XSD.decimal): float,
    str(XSD.double): float,
    str(XSD.float): float,
    str(XSD.boolean): _boolean,
    str(XSD.date): _date,
}


def cell_json(cell: Cell) -> Any:
    """A cell as JSON, the value ``kg query -f jsonl`` writes for its term: a string as it is,
    an IRI as ``{"@id": IRI}``, a literal by its datatype (:func:`plain`; a date in ISO form).

    >>> cells = (("2", str(XSD.integer)), ("x:y", "iri"), ("0.90", str(XSD.decimal)))
    >>> [cell_json(c) for c in cells]
    [2, {'@id': 'x:y'}, 0.9]
    """
    if cell is None:
        return None
    text, kind = cell
    if not kind:
        return text
    if kind == "iri":
        return {"@id": text}
    if kind == "bnode":
        return {"@id": f"_:{text}"}
    convert = _JSON_OF.get(kind)
    if convert is not None:
        try:
            return convert(text)
        except (KeyError, ValueError):
            pass  # an ill-typed value: as rdflib reads it
    value = plain(Literal(text, datatype=URIRef(kind)))
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value if isinstance(value, bool | int | float | str) or value is None else str(value)


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_BAD_IRI = frozenset('<>"{}|^`\\ \t\n\r')


def term_text(node: Node) -> str:
    """An RDF term in N-Triples syntax, which is also valid SPARQL (no prefixes, no blank nodes).

    >>> print(term_text(Literal('kata "Bima"', lang="id")))
    "kata \\"Bima\\""@id
    """
    if isinstance(node, URIRef):
        if _BAD_IRI.intersection(node):
            raise ValueError(f"IRI {str(node)!r} holds characters IRIs cannot hold")
        return f"<{node}>"
    if isinstance(node, Literal):
        text = '"' + str(node).translate(_ESCAPES) + '"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None and node.datatype != XSD_STRING:
            return f"{text}^^{term_text(node.datatype)}"
        return text
    if isinstance(node, BNode):
        raise ValueError("article graphs hold no blank nodes")
    raise ValueError(f"unsupported RDF term {node!r}")


class TermCache(dict[Node, str]):
    """Memoised :func:`term_text`: entity IRIs and predicates recur in every article."""

    def __missing__(self, node: Node) -> str:
        text = self[node] = term_text(node)
        return text


def triple_lines(triples: Iterable[Triple], cache: TermCache | None = None) -> list[str]:
    """Each triple as ``s p o`` (no final dot), in N-Triples syntax."""
    terms = cache if cache is not None else TermCache()
    return [f"{terms[s]} {terms[p]} {terms[o]}" for s, p, o in triples]


def nquads(batch: Sequence[ArticleGraph], cache: TermCache | None = None) -> bytes:
    """N-Quads of a batch: each article graph, and each of its triples in the facts graph."""
    terms = cache if cache is not None else TermCache()
    facts = f" <{FACTS_GRAPH}> .\n"
    out: list[str] = []
    for item in batch:
        graph = f" <{item.iri}> .\n"
        for line in triple_lines(item.triples, terms):
            out += (line, graph, line, facts)
    return "".join(out).encode("utf-8")


def _unsupported_elsewhere(article: URIRef) -> str:
    return (
        f"DELETE {{ GRAPH <{FACTS_GRAPH}> {{ ?s ?p ?o }} }}\n"
        f"WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }}\n"
        f"    FILTER(?other != <{FACTS_GRAPH}> && ?other != <{article}>\n"
        f'      && (STRSTARTS(STR(?other), "{ARTICLE_PREFIX}")\n'
        f"          || ?other = <{CURATION_GRAPH}>\n"
        f"          || EXISTS {{ GRAPH ?other {{ ?other a <{KG.LoadedGraph}> }} }})) }} }}"
    )


def removal_update(article: URIRef) -> str:
    """SPARQL Update that removes one article and the facts only it supports."""
    return f"{_unsupported_elsewhere(article)} ;\nDROP SILENT GRAPH <{article}>"


def insert_data(
    parts: Sequence[tuple[URIRef, Sequence[Triple]]], cache: TermCache | None = None
) -> str:
    """``INSERT DATA`` of triples into their article graphs and into the facts graph."""
    terms = cache if cache is not None else TermCache()
    blocks: list[str] = []
    facts: list[str] = []
    for iri, triples in parts:
        lines = triple_lines(triples, terms)
        blocks.append(f"GRAPH <{iri}> {{\n" + " .\n".join(lines) + " .\n}")
        facts += lines
    blocks.append(f"GRAPH <{FACTS_GRAPH}> {{\n" + " .\n".join(facts) + " .\n}")
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def replace_update(
    batch: Sequence[ArticleGraph],
    *,
    existing: Set[URIRef],
    cache: TermCache | None = None,
    keys: Keys | None = None,
) -> str:
    """SPARQL Update that writes a batch of articles (replacing those already stored).

    Args:
        batch: the article graphs to write.
        existing: IRIs of the batch's articles already in the store (these are replaced).
        cache: term texts already computed.
        keys: the summaries to recount in the same request (:mod:`kg.store.summary`).
    """
    operations = [removal_update(item.iri) for item in batch if item.iri in existing]
    operations.append(insert_data([(item.iri, item.triples) for item in batch], cache))
    operations += summary_update(keys) if keys else []
    return " ;\n".join(operations)


def written_keys(batch: Iterable[ArticleGraph], before: Keys) -> Keys:
    """The summary keys of a write: those the replaced graphs counted towards (``before``,
    from :func:`~kg.store.summary.touched`) and those of the graphs written."""
    keys = Keys()
    keys.update(before)
    for item in batch:
        keys.update(keys_of(item.triples))
    return keys


HASHES_CHUNK = 200
"""Articles per hash lookup: keeps the VALUES block small enough for every server."""


def hashes_query(iris: Sequence[URIRef]) -> str:
    """SELECT each stored article of these, its content hash (unbound when incomplete) and the
    extractor that read it (unbound for a loaded graph).

    An article graph without its hash triple was cut short by a crash between the requests of a
    split write (servers whose request size limit is below one article); it counts as stored, so
    the next write replaces it.
    """
    values = " ".join(f"<{iri}>" for iri in iris)
    return (
        f"SELECT DISTINCT ?a ?h ?r WHERE {{ VALUES ?a {{ {values} }} GRAPH ?a {{ ?a ?p ?x }}\n"
        f"  OPTIONAL {{ GRAPH ?a {{ ?a <{KG.contentHash}> ?h }} }}\n"
        f"  OPTIONAL {{ GRAPH ?a {{ ?a <{KG.extractor}> ?r }} }} }}"
    )


def reader_of(item: ArticleGraph) -> str:
    """The extractor that read an article graph (its ``kg:extractor``), "" for a loaded graph."""
    return next((str(o) for s, p, o in item.triples if p == KG.extractor and s == item.iri), "")


@dataclass(frozen=True)
class WritePlan:
    """What a batch needs: the articles to write, which of them replace a stored one."""

    outcome: dict[URIRef, str]
    todo: tuple[ArticleGraph, ...]
    existing: frozenset[URIRef]


class Store(Closing):
    """A dataset of article graphs plus the facts graph, queried with SPARQL 1.1.

    Subclasses implement :meth:`select`, :meth:`ask`, :meth:`construct`, :meth:`update`,
    :meth:`quads` and :meth:`close`; the article-level operations are shared, and a backend
    may override :meth:`write_planned` with a faster path that keeps the same guarantees.
    """

    name: str = "store"
    read_only: bool = False
    note: str | None = None
    """How the store was reached, when it is not what was asked for (a served directory is
    read through its server): one line a command shows."""
    batch_quads: int = 20_000
    """Quads (article graphs plus facts) a build should gather before each write."""

    # -- backend primitives ---------------------------------------------------------
    @abc.abstractmethod
    def select(self, query: str) -> Rows:
        """Run a SELECT query (the facts graph is the default graph)."""

    def select_values(self, query: str) -> Values:
        """Run a SELECT query and return plain values, in the order of its SELECT clause.

        The read path of large analyses: no rdflib terms are built (the embedded store and
        SPARQL servers hand their own values over directly), so a million rows cost seconds
        instead of tens of seconds. An IRI becomes its string, a literal its lexical form
        (numbers too), a blank node its id and an unbound variable None.

        >>> from kg.store import open_store
        >>> open_store("memory").select_values("SELECT ?x WHERE { VALUES ?x { <urn:a> 7 } }")
        [('urn:a',), ('7',)]
        """
        return [tuple(None if t is None else str(t) for t in row) for row in self.select(query)]

    pages_in_two_steps = False
    """Whether a listing's page is read as two queries, its rows chosen alone and then their
    columns (:func:`kg.query.paging.split_page`): Virtuoso answers some whole page texts
    with the wrong rows."""

    streams = False
    """Whether :meth:`select_cells` reads rows as they are used (the embedded store): a
    listing is then streamed whole by one query, not page by page."""

    def select_cells(self, query: str) -> Stream:
        """Run a SELECT query; its columns and its rows as :data:`Cell` values, for a writer.

        >>> from kg.store import open_store
        >>> store = open_store("memory")
        >>> columns, rows = store.select_cells("SELECT ?x WHERE { VALUES ?x { <urn:a> } }")
        >>> columns, list(rows)
        (('x',), [(('urn:a', 'iri'),)])
        """
        rows = self.select(query)
        return rows.columns, (tuple(map(cell_of, row)) for row in rows.rows)

    def insert_triples(self, graph: str, lines: Sequence[str]) -> None:
        """Add triples to a derived named graph (the analysis graph), not to the facts graph.

        Args:
            graph: the graph's IRI; never an article graph nor the facts graph, whose triples
                only builds write.
            lines: the triples in N-Triples syntax, ``s p o`` without the final dot.

        Raises:
            StoreError: ``graph`` is an article graph or the facts graph, or the write failed.
        """
        check_derived(graph)
        for start in range(0, len(lines), self.batch_quads):
            body = " .\n".join(lines[start : start + self.batch_quads])
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body} .\n}} }}")

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
        """Every quad of kg's graphs (graph None = default graph)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the store."""

    def write_refusal(self) -> str | None:
        """Why this store takes no writes (a one-line reason naming the fix), else None."""
        if self.read_only:
            return f"store {self.name} is open read-only; open it for writing to change it"
        return None

    def check_writable(self) -> None:
        """Fail before any work when the store takes no writes.

        Raises:
            StoreError: it does not; the message says why and what to pass.
        """
        reason = self.write_refusal()
        if reason is not None:
            raise StoreError(reason)

    # -- article operations ---------------------------------------------------------
    def stored_hashes(self, iris: Sequence[URIRef]) -> dict[URIRef, str]:
        """Content hash of each given article that is stored ("" when stored incomplete)."""
        return {iri: digest for iri, (digest, _) in self.stored_readings(iris).items()}

    def stored_readings(self, iris: Sequence[URIRef]) -> dict[URIRef, tuple[str, str]]:
        """Content hash and reader (:func:`reader_of`) of each given article that is stored;
        an article is unchanged only when both are those of its new reading."""
        unique = list(dict.fromkeys(iris))
        found: dict[URIRef, tuple[str, str]] = {}
        for start in range(0, len(unique), HASHES_CHUNK):
            for a, h, r in self.select(hashes_query(unique[start : start + HASHES_CHUNK])):
                if a is not None:
                    iri = URIRef(str(a))
                    digest, reader = found.get(iri, ("", ""))
                    found[iri] = (digest or str(h or ""), reader or str(r or ""))
        return found

    def plan(self, batch: Sequence[ArticleGraph]) -> WritePlan:
        """Sort a batch into new, changed and unchanged articles (the first copy of an IRI wins);
        an article with its stored text that another extractor (or another version) read is
        changed."""
        stored = self.stored_readings([item.iri for item in batch])
        outcome: dict[URIRef, str] = {}
        todo: list[ArticleGraph] = []
        for item in batch:
            if item.iri in outcome:
                continue
            if stored.get(item.iri) == (item.content_hash, reader_of(item)):
                outcome[item.iri] = "unchanged"
            else:
                outcome[item.iri] = "changed" if item.iri in stored else "new"
                todo.append(item)
        existing = frozenset(item.iri for item in todo if item.iri in stored)
        return WritePlan(outcome, tuple(todo), existing)

    def write_articles(self, batch: Sequence[ArticleGraph]) -> dict[URIRef, str]:
        """Write a batch in one transaction; skip unchanged articles. Each written graph gets
        its listing triples (the keys the ready queries page by, :mod:`kg.store.listing`).

        Returns:
            Each article's outcome: ``new``, ``changed`` or ``unchanged``.
        """
        plan = self.plan(batch)
        if plan.todo:
            listed = with_listing(self.select, [(g.iri, g.triples) for g in plan.todo])
            todo = tuple(
                ArticleGraph(g.iri, triples, g.content_hash)
                for g, triples in zip(plan.todo, listed, strict=True)
            )
            self.write_planned(WritePlan(plan.outcome, todo, plan.existing))
        return plan.outcome

    def keys_before(self, plan: WritePlan) -> Keys:
        """The summary keys the stored versions of the plan's replaced graphs count towards."""
        return touched(self.select, sorted(plan.existing)) if plan.existing else Keys()

    def write_planned(self, plan: WritePlan) -> None:
        """Write the planned articles and recount the summaries they touch: here one SPARQL
        Update, hence one transaction."""
        keys = written_keys(plan.todo, self.keys_before(plan))
        self.update(replace_update(plan.todo, existing=plan.existing, keys=keys))

    def remove_article(self, iri: URIRef) -> bool:
        """Remove an article and the facts only it supports (recounting the summaries it
        touched, in the same transaction); False when it is not stored."""
        if not self.stored_hashes([iri]):
            return False
        operations = [removal_update(iri), *summary_update(touched(self.select, [iri]))]
        self.update(" ;\n".join(operations))
        return True
