"""The build loop behind :meth:`kg.api.KnowledgeGraph.build`, its report and its settings.

Reads articles, farms extraction out in tasks of 20-100 articles to an executor (this process,
a process pool, or a Dask cluster), writes the results to the store in batches from this one
process, and reports progress. The task function (:func:`kg.api.extraction.extract_chunk`) is
passed in; this module only schedules.
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.errors import ExtractionError, Failure, KGError
from kg.extract import EXTRACTOR
from kg.ingest import FetchSettings, FieldMap, IngestOptions, default_cache_dir
from kg.ingest import load_field_map as _load_field_map
from kg.ingest import parse_field_map as _parse_field_map
from kg.model.iri import article_iri
from kg.model.records import Article
from kg.store import ArticleGraph, Store

__all__ = [
    "Build",
    "BuildProgress",
    "BuildReport",
    "Link",
    "Progress",
    "Stop",
    "Task",
    "Workers",
    "ingest_options",
]

log = logging.getLogger("kg")

Task = Callable[[Sequence[Article]], list[ArticleGraph | Failure]]
"""Extract a chunk of articles into article graphs (or failures); must be picklable."""

Link = Callable[[Sequence[ArticleGraph]], list[ArticleGraph]]
"""Resolve a batch's entities against the store just before it is written (in this process)."""


@dataclass(frozen=True)
class BuildProgress:
    """Where a build is: what :meth:`KnowledgeGraph.build` passes to its ``progress`` callback.

    Attributes:
        done: articles finished: extracted (written now or with their batch), skipped as
            unchanged, or failed.
        total: articles expected; an estimate until every input is read (feeds and JSON
            corpora tell their size once opened).
        failure: the failure this update reports, if any.
        duplicate: the duplicate input this update reports, if any (skipped, not failed).
    """

    done: int
    total: int
    new: int
    changed: int
    unchanged: int
    failed: int
    seconds: float
    failure: Failure | None = None
    duplicate: Failure | None = None

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, when it can be told."""
        if not self.rate or self.total < self.done:
            return None
        return (self.total - self.done) / self.rate


Progress = Callable[[BuildProgress], None]


@dataclass
class BuildReport:
    """What a build did, per outcome, with the failures (:class:`~kg.errors.Failure`) and the
    duplicate inputs it skipped (another input of the build is the same article: same URL, or
    same text without a URL; the first in input order is kept)."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    reread: int = 0
    """Of the changed, the articles stored with the same text that an older extractor (or
    another one) had read: read again by this one."""
    failures: list[Failure] = field(default_factory=list)
    duplicates: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the extractor left out of stored articles, one line per article and reason, naming
    the article (:attr:`~kg.model.records.Extraction.notes`)."""
    seconds: float = 0.0
    stopped: bool = False
    """True when ``strict`` stopped the build at its first failure."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged + self.failed

    def summary(self) -> str:
        rate = self.total / self.seconds if self.seconds else 0.0
        skipped = f", {len(self.duplicates)} duplicate(s) skipped" if self.duplicates else ""
        reread = f" ({self.reread} read by an older extractor)" if self.reread else ""
        return (
            f"{self.new} new, {self.changed} changed{reread}, {self.unchanged} unchanged, "
            f"{self.failed} failed{skipped} in {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )


def ingest_options(
    *,
    fields: Sequence[str] = (),
    fields_file: Path | None = None,
    cache_dir: Path | None = None,
    no_cache: bool = False,
    max_bytes: int | None = None,
    timeout: float = 30.0,
    delay: float = 1.0,
    retries: int = 3,
    deadline: float = 60.0,
    feed_deadline: float = 600.0,
    max_retry_after: float = 30.0,
) -> IngestOptions:
    """How a build reads its sources, from ``kg build``'s options.

    Args:
        fields: JSON field mappings ``FIELD=KEY``; they win over ``fields_file``'s.
        fields_file: a JSON file mapping fields to keys.
        cache_dir: the HTTP cache folder (default :func:`~kg.ingest.default_cache_dir`).
        no_cache: do not cache fetched pages.
        max_bytes: the largest file or page taken as one article (default: 5 MB files, 10 MB
            pages).
        timeout: seconds to wait for a server; delay: seconds between requests to one host;
            retries: retries on connection errors, 429 and 5xx.
        deadline: seconds one URL may take in all (attempts, waits and reading included);
            feed_deadline: the same for all the items of one feed; max_retry_after: the
            longest ``Retry-After`` honoured (a longer one fails the URL at once).

    Raises:
        IngestError: a bad field mapping or an unreadable fields file.

    >>> ingest_options(fields=["text=body"], no_cache=True).fields.mapping
    (('text', 'body'),)
    """
    mapping = _load_field_map(fields_file) if fields_file else FieldMap()
    if fields:
        extra = _parse_field_map(fields).mapping
        mapping = FieldMap(tuple(sorted({**dict(mapping.mapping), **dict(extra)}.items())))
    fetch = FetchSettings(
        read_timeout=timeout,
        delay=delay,
        retries=retries,
        deadline=deadline,
        feed_deadline=feed_deadline,
        max_retry_after=max_retry_after,
        cache_dir=None if no_cache else (cache_dir or default_cache_dir()),
    )
    if max_bytes is None:
        return IngestOptions(fields=mapping, fetch=fetch)
    fetch = fetch.with_(max_bytes=max_bytes)
    return IngestOptions(fields=mapping, fetch=fetch, max_bytes=max_bytes)


def _mp_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: forking a process that runs threads (a store, an HTTP
    server in a test) can deadlock; the server imports kg once and forks warm workers."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kg.api.extraction"])
    return context


def _die_with_parent(lifeline: Connection) -> None:
    """In a worker process: exit as soon as the process that started the pool is gone.

    Nothing is ever sent on ``lifeline``; reading it returns only when its other end closes,
    which the kernel does when that process dies, however it dies (SIGTERM, ``kill -9``, a
    crash). Without this a worker blocks for ever on its task queue, whose writing end it holds
    itself, and keeps its memory and the build's output pipes.
    """

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv_bytes()
        os._exit(1)

    threading.Thread(target=watch, name="kg-lifeline", daemon=True).start()


class Workers:
    """Where extraction runs: in this process, in N processes, or on a Dask cluster.

    The pool starts on the first task that is not the last, so a one-article build never pays
    for starting processes. Its processes die with this one (:func:`_die_with_parent`).
    """

    def __init__(self, workers: int | str | Executor | None) -> None:
        self._given = workers if isinstance(workers, Executor) else None
        self._address = workers if isinstance(workers, str) else None
        count = workers if isinstance(workers, int) else None
        self._processes = max(1, count if count is not None else os.cpu_count() or 1)
        self._executor: Executor | None = self._given
        self._client: Any = None
        self._lifeline: tuple[Connection, Connection] | None = None  # both ends stay here
        self.slots = self._processes

    @property
    def inline(self) -> bool:
        return self._given is None and self._address is None and self._processes == 1

    def executor(self) -> Executor:
        if self._executor is None:
            if self._address is not None:
                self._executor = self._dask(self._address)
            else:
                context = _mp_context()
                # each worker gets a copy of the reading end; the writing end is this
                # process's alone, so its death (any death) is the end of the pipe
                self._lifeline = context.Pipe(duplex=False)
                self._executor = ProcessPoolExecutor(
                    self._processes,
                    mp_context=context,
                    initializer=_die_with_parent,
                    initargs=(self._lifeline[0],),
                )
        return self._executor

    def _dask(self, address: str) -> Executor:
        try:
            from distributed import Client
        except ImportError as exc:
            raise KGError(
                "running on Dask needs the dask extra; "
                "install it with pip install 'kg-indonesia[dask]'"
            ) from exc
        try:
            client: Any = Client  # waits distributed.comm.timeouts.connect (dask config)
            self._client = client(address)
        except (OSError, TimeoutError) as exc:
            raise KGError(
                f"cannot reach the Dask scheduler at {address} ({exc}); "
                "start it with `dask scheduler` or check the address"
            ) from exc
        self.slots = max(1, sum(self._client.nthreads().values()))
        executor: Executor = self._client.get_executor()
        return executor

    def close(self) -> None:
        if isinstance(self._executor, ProcessPoolExecutor) and self._given is None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        elif self._executor is not None and self._given is None:
            self._executor.shutdown(wait=True)
        if self._client is not None:
            self._client.close()
        if self._lifeline is not None:  # after the shutdown: the workers have exited
            for end in self._lifeline:
                end.close()
            self._lifeline = None
        self._executor = None


class Stop(Exception):
    """Raised inside a strict build at its first failure."""


class Build:
    """One run of :meth:`KnowledgeGraph.build`: reads, farms out, writes in batches, reports."""

    def __init__(
        self,
        store: Store,
        report: BuildReport,
        task: Task,
        *,
        batch_size: int | None,
        strict: bool,
        progress: Progress | None,
        workers: Workers,
        link: Link | None = None,
    ) -> None:
        self.store = store
        self.link = link
        self.task = task
        self.batch_size = max(1, batch_size) if batch_size is not None else None
        self.pending_quads = 0
        self.strict = strict
        self.progress = progress
        self.workers = workers
        self.report = report
        self.started = time.perf_counter()
        self.total = 0
        self.writes: list[ArticleGraph] = []
        self.chunk: list[Article] = []
        self.seen: dict[str, str] = {}  # article IRI -> the input it was read from
        self.rereading: set[str] = set()  # IRIs of unchanged texts an older extractor read
        self.queue: deque[Future[list[ArticleGraph | Failure]]] = deque()

    def expect(self, count: int) -> None:
        self.total += count

    def emit(self, failure: Failure | None = None, duplicate: Failure | None = None) -> None:
        if self.progress is None:
            return
        r = self.report
        # an extracted article counts as done; its write follows with its batch
        done = r.new + r.changed + r.unchanged + r.failed + len(self.writes)
        seconds = time.perf_counter() - self.started
        self.progress(
            BuildProgress(
                done,
                max(self.total, done),
                r.new,
                r.changed,
                r.unchanged,
                r.failed,
                seconds,
                failure,
                duplicate,
            )
        )

    def fail(self, failure: Failure) -> None:
        log.info("failed %s", failure.message)
        self.report.failures.append(failure)
        self.emit(failure)
        if self.strict:
            raise Stop

    def duplicate(self, article: Article) -> bool:
        """Whether an input read before is the same article (same IRI): then this one is
        reported once and skipped, so every build keeps the same one and a rebuild changes
        nothing. The same input named twice (a folder and a glob over it) is skipped quietly."""
        iri = str(article_iri(article))
        source = article.source or article.identity
        first = self.seen.get(iri)
        if first is None:
            self.seen[iri] = source
            return False
        if first == source:
            return True
        same = f"same URL {article.url}" if article.url else "same text"
        message = f"{source}: {same} as {first}, which is kept; remove one of them"
        if article.url:
            message += " or give them different URLs"
        duplicate = Failure(source, "ingest", "DuplicateArticle", message)
        log.info("duplicate %s", message)
        self.report.duplicates.append(duplicate)
        self.emit(duplicate=duplicate)
        return True

    def chunk_size(self) -> int:
        """Articles per task: 20-100 (at most the batch size), smaller when the input is small."""
        most = self.batch_size or 100
        if self.workers.inline:
            return most
        spread = math.ceil(self.total / (4 * self.workers.slots)) if self.total else most
        return min(most, 100, max(20, spread))

    def run(self, items: Iterator[Article | Failure]) -> None:
        for item in items:
            if isinstance(item, Failure):
                self.fail(item)
            elif not self.duplicate(item):
                self.chunk.append(item)
                if len(self.chunk) >= self.chunk_size():
                    self.submit(self.chunk, last=False)
                    self.chunk = []
            while self.queue and self.queue[0].done():
                self.take(self.queue.popleft())
        self.submit(self.chunk, last=True)
        self.chunk = []
        while self.queue:
            self.take(self.queue.popleft())
        self.flush()

    def submit(self, chunk: list[Article], *, last: bool) -> None:
        articles = self.skip_unchanged(chunk)
        if not articles:
            return
        if self.workers.inline or (last and not self.queue):
            self.collect(self.task(articles))
            return
        self.queue.append(self.workers.executor().submit(self.task, tuple(articles)))
        while len(self.queue) > 2 * self.workers.slots:
            self.take(self.queue.popleft())

    def skip_unchanged(self, chunk: list[Article]) -> list[Article]:
        """Articles stored with their hash, read by this extractor, are counted unchanged
        without being extracted; those another extractor (or version) read are counted
        ``reread`` and extracted again."""
        if not chunk:
            return []
        stored = self.store.stored_readings([article_iri(a) for a in chunk])
        todo = []
        for article in chunk:
            digest, reader = stored.get(article_iri(article), ("", ""))
            if digest != article.content_hash:
                todo.append(article)
            elif reader != EXTRACTOR:
                todo.append(article)
                self.rereading.add(str(article_iri(article)))  # counted once it is written
        if len(todo) < len(chunk):
            self.report.unchanged += len(chunk) - len(todo)
            log.debug("skipped %d unchanged article(s) before extraction", len(chunk) - len(todo))
            self.emit()
        return todo

    def take(self, future: Future[list[ArticleGraph | Failure]]) -> None:
        try:
            results = future.result()
        except BrokenProcessPool as exc:
            raise ExtractionError(
                f"an extraction worker process died ({exc}); lower --workers or check memory"
            ) from exc
        except Exception as exc:
            raise ExtractionError(
                f"an extraction task failed on the executor ({type(exc).__name__}: {exc}); "
                "check that every worker has the same kg installed"
            ) from exc
        self.collect(results)

    def collect(self, results: list[ArticleGraph | Failure]) -> None:
        for result in results:
            if isinstance(result, Failure):
                self.fail(result)
            else:
                self.writes.append(result)
                self.pending_quads += 2 * len(result.triples)  # article graph + facts
                if self.batch_full():
                    self.flush()
        self.emit()

    def batch_full(self) -> bool:
        """A batch is ``batch_size`` articles, or by default as many as make the store's
        preferred write (``Store.batch_quads``: bulk loads of ~400k quads on the embedded
        store run 2x faster than loads of 100k, and far faster than 50 articles each)."""
        if self.batch_size is not None:
            return len(self.writes) >= self.batch_size
        return self.pending_quads >= self.store.batch_quads

    def stop(self) -> None:
        """After a strict stop: store what came before the failure, start nothing new."""
        self.report.stopped = True
        self.strict = False
        while self.queue:
            self.take(self.queue.popleft())
        self.collect(self.task(self.skip_unchanged(self.chunk)))
        self.chunk = []
        self.flush()

    def write_each(self, writes: Sequence[ArticleGraph]) -> dict[URIRef, str]:
        """Write a batch one article at a time, so that the article whose triples cannot be
        written fails alone and the others are stored."""
        outcomes: dict[URIRef, str] = {}
        for item in writes:
            try:
                outcomes |= self.store.write_articles([item])
            except ValueError as exc:
                name = self.seen.get(str(item.iri), str(item.iri))
                reason = " ".join(str(exc).split())[:300]
                message = f"{name}: cannot be stored ({reason}); report it with this article"
                self.fail(Failure.of(name, exc, stage="store", message=message))
        return outcomes

    def flush(self) -> None:
        if not self.writes:
            return
        writes = self.link(self.writes) if self.link is not None else self.writes
        try:
            outcomes = self.store.write_articles(writes)
        except ValueError:  # a term no store can take (StoreError is the store's own failure)
            outcomes = self.write_each(writes)
        for iri, outcome in outcomes.items():
            setattr(self.report, outcome, getattr(self.report, outcome) + 1)
            if outcome == "changed" and str(iri) in self.rereading:
                self.report.reread += 1
        for item in self.writes:  # the extracted items carry the notes; report a stored one's
            if outcomes.get(item.iri) in ("new", "changed"):
                name = self.seen.get(str(item.iri), str(item.iri))
                for note in item.notes:
                    log.info("note %s: %s", name, note)
                    self.report.notes.append(f"{name}: {note}")
            self.rereading.discard(str(item.iri))  # stored or failed: done with either way
        self.writes.clear()
        self.pending_quads = 0
        self.emit()
