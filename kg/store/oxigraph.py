"""The embedded default store: Oxigraph (pyoxigraph), in memory or on disk (RocksDB).

Chosen for its measured speed and size on this workload (README, "Why Oxigraph"); queries run
with the facts graph as their default graph.

Writes. A batch that replaces stored articles is one SPARQL Update (one RocksDB transaction).
A batch of brand-new articles, the common case of a build, is written as N-Quads through
``bulk_load``, which runs 2-4x faster than a transaction (``benchmarks/store.py``): it sorts the
quads into SST files and hands them to RocksDB's ``IngestExternalFiles`` in one call per
million quads, which RocksDB records atomically in its MANIFEST. Batches are kept below
:data:`BULK_MAX_QUADS` so each is one such call: after a crash a batch is there whole or not at
all, which ``tests/store/test_crash.py`` checks by killing ``kg build`` with SIGKILL. A bulk
load only adds, so the kept summaries of the new articles' keys (:mod:`kg.store.summary`) are
written by one update right after it (their new values read before it,
:mod:`kg.store.summary_delta`): the one write path whose summaries are a second atomic step.
The load marks its articles (:data:`~kg.store.summary.PENDING_GRAPH`) and the update removes
the marks, so a crash in between leaves marks that the next writable open finds: it recounts
those articles' keys from scratch (``tests/store/test_crash.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from itertools import repeat
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.model.terms import FACTS_GRAPH
from kg.store.base import (
    ArticleGraph,
    Cell,
    Rows,
    Store,
    Stream,
    TermCache,
    Values,
    WritePlan,
    check_derived,
    nquads,
)
from kg.store.lock import StoreLock, process_name, require_store
from kg.store.summary import catch_up, pending_marks, unmark
from kg.store.summary_delta import batch_summaries

log = logging.getLogger(__name__)

__all__ = ["BULK_MAX_QUADS", "OPTIMIZE_AFTER_QUADS", "OxigraphStore", "from_ox"]

BULK_MAX_QUADS = 500_000
"""Quads per bulk load; Oxigraph ingests up to 1,000,000 in one atomic RocksDB call."""
OPTIMIZE_AFTER_QUADS = 50_000
"""Bulk-loaded quads after which closing the store compacts it."""

_XSD_STRING = str(XSD.string)


def from_ox(term: object) -> Node | None:
    """Convert a pyoxigraph term to the equal rdflib term."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"unsupported term from Oxigraph: {term!r}")


CELL_MEMO = 100_000
"""Distinct terms a stream remembers as cells before it forgets them."""


def _cell(term: object) -> Cell:
    """The :data:`~kg.store.base.Cell` of a pyoxigraph term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value, "iri"
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value, ""
        datatype = term.datatype.value
        return term.value, "" if datatype == _XSD_STRING else datatype
    if isinstance(term, ox.BlankNode):
        return term.value, "bnode"
    raise StoreError(f"unsupported term from Oxigraph: {term!r}")


def _query_failed(store: str, exc: Exception) -> QueryError:
    """A query that parsed but failed while it ran: an unsupported function, a SERVICE that
    cannot be reached, a type error (Oxigraph raises OSError, RuntimeError or ValueError)."""
    reason = " ".join(str(exc).split())[:300]
    return QueryError(f"the query failed on {store}: {reason}; check the query")


class OxigraphStore(Store):
    """pyoxigraph store; ``path=None`` keeps it in memory."""

    batch_quads = 400_000
    """Quads per write of ``kg build``: one bulk load each (below :data:`BULK_MAX_QUADS`, so a
    batch stays one atomic RocksDB call); 10k articles load in 18 s in batches of 400-500k
    quads against 32 s in batches of 100k (``benchmarks/store.py``)."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.name = str(path) if path else "oxigraph-memory"
        # RocksDB reads a relative path against the working directory of each file it opens,
        # so a program that changes directory after opening would write elsewhere
        path = path.absolute() if path is not None else None
        self.path = path
        self.read_only = read_only
        self._lock: StoreLock | None = None
        if path is not None:
            if read_only:
                require_store(path)
            else:
                path.mkdir(parents=True, exist_ok=True)
            # readers share the store, a writer has it alone (kg/store/lock.py)
            self._lock = StoreLock(path, shared=read_only, command=process_name()).acquire()
        try:
            self._open(path)
        except BaseException:
            self.close()
            raise
        self._facts = ox.NamedNode(str(FACTS_GRAPH))
        self._bulk_loaded = 0
        if not read_only:
            try:
                self._catch_up()
            except BaseException:
                self.close()
                raise

    def _open(self, path: Path | None) -> None:
        try:
            if path is None:
                self._store = ox.Store()
            elif self.read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                self._store = ox.Store(str(path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreLockedError(
                    f"store {path} is in use by another program that opened it without kg "
                    "(its RocksDB files are locked); close that program, then run this again"
                ) from exc
            raise StoreError(f"cannot open store {path}: {message}; check the path") from exc

    def _query(self, query: str) -> object:
        try:
            return self._store.query(query, default_graph=self._facts)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}; fix the query text") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise _query_failed(self.name, exc) from exc

    def select(self, query: str) -> Rows:
        result = self._query(query)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query; use ask() or construct() for other forms")
        columns = tuple(v.value for v in result.variables)
        # rdflib terms cost ~10 us each to build and results repeat the same entities, labels
        # and classes: converting each distinct term once makes large results 5-10x faster.
        terms: dict[object, Node | None] = {None: None}

        def term(value: object) -> Node | None:
            found = terms.get(value, terms)
            if found is terms:
                found = terms[value] = from_ox(value)
            return found  # type: ignore[return-value]

        try:  # solutions are computed as they are read: a query fails here as well
            rows = tuple(tuple(term(solution[c]) for c in columns) for solution in result)
        except (OSError, RuntimeError, ValueError) as exc:
            raise _query_failed(self.name, exc) from exc
        return Rows(columns, rows)

    streams = True

    def select_cells(self, query: str) -> Stream:
        result = self._query(query)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query; use ask() or construct() for other forms")
        columns = tuple(v.value for v in result.variables)
        return columns, self._cells(result)

    def _cells(self, result: ox.QuerySolutions) -> Iterator[tuple[Cell, ...]]:
        # each distinct term is made a cell once (rows repeat entities and labels); the memo is
        # emptied now and then, so memory stays flat however many rows are read
        memo: dict[object, Cell] = {}

        def cell(term: object) -> Cell:
            found = memo.get(term, memo)
            if found is memo:
                if len(memo) >= CELL_MEMO:
                    memo.clear()
                found = memo[term] = _cell(term)
            return found  # type: ignore[return-value]

        try:  # solutions are computed as they are read: a query fails here as well
            for solution in result:
                yield tuple(map(cell, solution))
        except (OSError, RuntimeError, ValueError) as exc:
            raise _query_failed(self.name, exc) from exc

    def select_values(self, query: str) -> Values:
        result = self._query(query)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query; use ask() or construct() for other forms")
        # pyoxigraph decodes each term as the solution is built (5-10 us per string on RocksDB,
        # which is most of the time); `.value` is then a plain str whatever the term's kind,
        # and getattr(None, "value", None) is None: no Python code runs per term
        try:
            return [tuple(map(getattr, s, repeat("value"), repeat(None))) for s in result]
        except OSError as exc:
            raise StoreError(f"query failed on {self.name}: {exc}") from exc

    def ask(self, query: str) -> bool:
        result = self._query(query)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        result = self._query(query)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        out: list[tuple[Node, Node, Node]] = []
        try:  # triples are computed as they are read: a query fails here as well
            for triple in result:
                s, p, o = from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)
                if s is not None and p is not None and o is not None:
                    out.append((s, p, o))
        except (OSError, RuntimeError, ValueError) as exc:
            raise _query_failed(self.name, exc) from exc
        return out

    def update(self, update: str) -> None:
        if self.read_only:
            raise StoreError(f"store {self.name} is open read-only; open it without --read-only")
        try:
            self._store.update(update)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL Update: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"write to {self.name} failed: {exc}") from exc

    def write_planned(self, plan: WritePlan) -> None:
        if plan.existing or self.read_only:
            super().write_planned(plan)  # replacements: one SPARQL Update transaction
            return
        cache = TermCache()
        chunks: list[list[ArticleGraph]] = [[]]
        size = 0
        for item in plan.todo:
            if chunks[-1] and size + 2 * len(item.triples) > BULK_MAX_QUADS:
                chunks.append([])
                size = 0
            chunks[-1].append(item)
            size += 2 * len(item.triples)
        # the text first: a term no store can take fails the batch here (ValueError), before
        # anything is read or written for it
        texts = [nquads(chunk, cache) for chunk in chunks]
        # the summaries' new values are read before the load (kg.store.summary_delta) and
        # written by one update after it, a second atomic step: the articles carry a mark that
        # this update removes, so a crash in between is caught up at the next open
        operations = batch_summaries(self.select, [item.triples for item in plan.todo])
        for chunk, text in zip(chunks, texts, strict=True):
            self._bulk_load(text + pending_marks(i.iri for i in chunk if operations).encode())
        if operations:
            self.update(" ;\n".join([*operations, unmark(item.iri for item in plan.todo)]))

    def _catch_up(self) -> None:
        """Finish the recount of summaries a crash interrupted after a bulk load."""
        operations = catch_up(self.select)
        if operations is not None:
            log.warning("%s: recounting the summaries a crash left behind", self.name)
            self.update(operations)

    def insert_triples(self, graph: str, lines: Sequence[str]) -> None:
        # a bulk load (3-5x faster than INSERT DATA: 372k triples in 12-15 s against 30-60 s)
        check_derived(graph)
        if self.read_only:
            raise StoreError(f"store {self.name} is open read-only; open it without --read-only")
        suffix = f" <{graph}> .\n"
        for start in range(0, len(lines), BULK_MAX_QUADS):
            chunk = lines[start : start + BULK_MAX_QUADS]
            # not counted for the compaction at close, which is for builds: compacting 8.6M
            # quads to tidy 372k analysis triples took longer than writing them
            self._bulk_load("".join(line + suffix for line in chunk).encode("utf-8"), build=False)

    def _bulk_load(self, data: bytes, *, build: bool = True) -> None:
        try:
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"write to {self.name} failed: {exc}") from exc
        if build:
            self._bulk_loaded += data.count(b"\n")

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        for quad in self._store.quads_for_pattern(None, None, None, None):
            s, p, o = from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)
            g = from_ox(quad.graph_name)
            if s is not None and p is not None and o is not None:
                yield s, p, o, URIRef(str(g)) if g is not None else None

    def dump(self, fmt: str) -> bytes:
        """Serialise the whole dataset in N-Quads (``nq``) or TriG (``trig``)."""
        formats = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        data = self._store.dump(format=formats[fmt])
        return bytes(data) if data is not None else b""

    def close(self) -> None:
        try:
            if not hasattr(self, "_store"):
                return  # closed already
            if self.path is not None and not self.read_only:
                self._store.flush()
                if self._bulk_loaded >= OPTIMIZE_AFTER_QUADS:
                    # Each bulk load adds SST files; compacting them once at the end of a build
                    # makes the queries that follow 2-3x faster (benchmarks/store.py).
                    self._store.optimize()
            del self._store
        finally:
            if self._lock is not None:  # only once RocksDB has let go of the files
                self._lock.release()
