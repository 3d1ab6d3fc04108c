"""Store benchmark: kg's ingest against pyoxigraph's raw bulk load, peak RSS, query latency.

For each size (default 10k and 100k synthetic articles of ~40 quads, ``synthetic.py``):

1. **kg ingest**: the articles go through ``Store.write_articles`` on a fresh embedded store
   on disk, in the batches ``kg build`` uses (``store.batch_quads``), then the store is closed
   (which compacts it). The writes and the close are timed; generating the articles is not.
   Then the same articles are written again, which must change nothing (time reported).
2. **raw bulk load**: the store's final content (article graphs + facts graph), dumped as
   N-Quads, is loaded into a fresh store with pyoxigraph's ``bulk_load``: the same quads, with
   no checks, no facts bookkeeping, no atomicity. The ratio is kg's quads/s over this.
3. **queries**: every ``queries/*.rq`` on kg's store, bound as ``kg query`` binds them; the
   median of ``--runs`` runs. A listing is timed as ``kg query`` reads it: its first page
   (50 rows), its third page by cursor, and ``--all`` as rows per second over every page.

Each phase runs in a child process so its peak RSS is its own.

    python benchmarks/store.py                        # 10k and 100k
    python benchmarks/store.py --sizes 2000 --runs 3  # quick look
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.query import Query
    from kg.store import Store

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

QUERY_PARAMS = {
    "name": "Ridwan Arya 1",  # entity.rq: a person of the synthetic pools
    "office": "mayorOf",  # office-holders.rq: who was mayor of Kota Bandung 1 that day
    "place": "Kota Bandung 1",
    "date": "2024-06-15",
}
"""Parameters of the ready queries, chosen so each one has work to do on synthetic data."""
STREAM_SECONDS = 20.0
"""``--all`` is timed on at most this long a stream (its rate is rows so far / time)."""


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_kg(n: int, db: Path, dump: Path, runs: int, update_only: bool) -> dict[str, object]:
    from synthetic import article_graphs

    from kg.query import list_queries, load_query
    from kg.query.catalogue import bind
    from kg.store import open_store
    from kg.store.oxigraph import OxigraphStore

    if update_only:  # the skeleton's write path, for comparison: every batch a SPARQL Update
        OxigraphStore.write_planned = Store.write_planned  # type: ignore[method-assign]
    store = open_store(db)
    written = 0
    article_quads = 0
    elapsed = 0.0
    batch: list[object] = []
    size = 0
    for graph in article_graphs(n):
        batch.append(graph)
        size += 2 * len(graph.triples)
        article_quads += len(graph.triples)
        if size >= store.batch_quads:
            started = time.perf_counter()
            written += len(store.write_articles(batch))  # type: ignore[arg-type]
            elapsed += time.perf_counter() - started
            batch, size = [], 0
    started = time.perf_counter()
    written += len(store.write_articles(batch))  # type: ignore[arg-type]
    store.close()  # flushes, and compacts what the bulk loads wrote
    elapsed += time.perf_counter() - started
    rss_ingest = _rss_mb()
    store = open_store(db)
    stored = len(store._store)  # type: ignore[attr-defined]

    rebuild, changed, batch, size = 0.0, 0, [], 0
    for graph in article_graphs(n):
        batch.append(graph)
        size += 2 * len(graph.triples)
        if size >= store.batch_quads:
            started = time.perf_counter()
            outcome = store.write_articles(batch)  # type: ignore[arg-type]
            rebuild += time.perf_counter() - started
            changed += sum(1 for o in outcome.values() if o != "unchanged")
            batch, size = [], 0
    started = time.perf_counter()
    outcome = store.write_articles(batch)  # type: ignore[arg-type]
    rebuild += time.perf_counter() - started
    changed += sum(1 for o in outcome.values() if o != "unchanged")

    dump.write_bytes(store.dump("nq"))  # type: ignore[attr-defined]
    latencies: dict[str, object] = {}
    for query in list_queries():
        params = {p.name: QUERY_PARAMS[p.name] for p in query.params if p.default is None}
        if query.page:
            latencies[query.name] = _listing(store, query, params, runs)
            continue
        text = bind(load_query(query.name), params)
        times, rows = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            rows = len(store.select(text))
            times.append(time.perf_counter() - started)
        latencies[query.name] = {"ms": 1000 * statistics.median(times), "rows": rows}
    store.close()
    return {
        "articles": written,
        "article_quads": article_quads,
        "stored_quads": stored,
        "seconds": elapsed,
        "rebuild_seconds": rebuild,
        "rebuild_changed": changed,
        "rss_ingest_mb": rss_ingest,
        "rss_mb": _rss_mb(),
        "queries": latencies,
    }


def _median_ms(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def _listing(store: Store, query: Query, params: dict[str, str], runs: int) -> dict[str, object]:
    """A listing: its first page and its third page (by cursor), 50 rows each as ``kg query``
    prints them, and ``--all``: rows per second streaming every page (stopped after
    ``STREAM_SECONDS``)."""
    from kg.query import iter_query, run_query

    first = _median_ms(lambda: run_query(store, query.name, params), runs)
    second = run_query(store, query.name, params).next_cursor
    cursor = run_query(store, query.name, params, after=second).next_cursor if second else None
    later = _median_ms(lambda: run_query(store, query.name, params, after=cursor), runs)
    rows, started = 0, time.perf_counter()
    for page in iter_query(store, query.name, params):
        rows += len(page)
        if time.perf_counter() - started > STREAM_SECONDS:
            break
    seconds = time.perf_counter() - started
    pages_csv, stream_csv = _to_csv(store, query, params)
    return {
        "ms": first,
        "later_ms": later,
        "rows": rows,
        "rows_per_s": rows / seconds,
        "pages_csv": pages_csv,
        "stream_csv": stream_csv,
    }


def _to_csv(store: Store, query: Query, params: dict[str, str]) -> tuple[float, float]:
    """``kg query NAME --all -f csv`` to /dev/null, rows per second, both ways in turn: page by
    page rendered from rdflib terms (the path before 21ff8b7, still taken for tables and JSON),
    and streamed as cells (``stream_query``, what CSV, TSV and JSON Lines take now)."""
    import os

    from kg.cli.render import render, write_cells
    from kg.query import iter_query, stream_query

    with open(os.devnull, "w", encoding="utf-8") as sink:
        rows, started = 0, time.perf_counter()
        for number, page in enumerate(iter_query(store, query.name, params)):
            text = render(page, "csv")
            sink.write((text.partition("\n")[2] if number else text) + "\n")
            rows += len(page)
            if time.perf_counter() - started > STREAM_SECONDS:
                break
        pages = rows / (time.perf_counter() - started)
        columns, cells = stream_query(store, query.name, params)
        started = time.perf_counter()

        def timed() -> Iterator[tuple[object, ...]]:
            for row in cells:
                yield row
                if time.perf_counter() - started > STREAM_SECONDS:
                    return

        rows = write_cells(columns, timed(), "csv", sink)  # type: ignore[arg-type]
        streamed = rows / (time.perf_counter() - started)
    return pages, streamed


def phase_bulk(dump: Path, db: Path) -> dict[str, object]:
    import pyoxigraph as ox

    store = ox.Store(str(db))
    started = time.perf_counter()
    store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    elapsed = time.perf_counter() - started
    return {"stored_quads": len(store), "seconds": elapsed, "rss_mb": _rss_mb()}


def _child(args: list[str], timeout: float) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"phase {args[:2]} failed:\n{result.stderr[-3000:]}")
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def report(n: int, kg: dict[str, object], bulk: dict[str, object]) -> None:
    kg_rate = float(kg["stored_quads"]) / float(kg["seconds"])  # type: ignore[arg-type]
    bulk_rate = float(bulk["stored_quads"]) / float(bulk["seconds"])  # type: ignore[arg-type]
    print(
        f"\n== {n:,} articles: {kg['article_quads']:,} article quads, "
        f"{kg['stored_quads']:,} stored quads (article graphs + facts graph)"
    )
    print(
        f"kg ingest       {kg['seconds']:8.1f} s  {kg_rate:10,.0f} stored quads/s "
        f"({float(kg['article_quads']) / float(kg['seconds']):,.0f} article quads/s)  "  # type: ignore[arg-type]
        f"peak RSS {kg['rss_ingest_mb']:,.0f} MB"
    )
    print(
        f"raw bulk_load   {bulk['seconds']:8.1f} s  {bulk_rate:10,.0f} stored quads/s  "
        f"peak RSS {bulk['rss_mb']:,.0f} MB"
    )
    print(f"kg / bulk_load  {100 * kg_rate / bulk_rate:5.0f} %   (target >= 60 %, issue 18)")
    print(
        f"kg re-ingest    {kg['rebuild_seconds']:8.1f} s  changed {kg['rebuild_changed']} "
        "articles (must be 0)"
    )
    print(f"query latency (median, embedded store on disk; peak RSS {kg['rss_mb']:,.0f} MB):")
    print(
        "  (listings: first page of 50 rows / a later page by cursor / --all: pages read, "
        "and to CSV page by page (before) and streamed (now), rows/s)"
    )
    for name, stat in kg["queries"].items():  # type: ignore[attr-defined]
        if "later_ms" in stat:
            slow = max(stat["ms"], stat["later_ms"])
            flag = "" if slow < 100 else "  (over 100 ms)"
            print(
                f"  {name:14} {stat['ms']:9.1f} ms  {stat['later_ms']:9.1f} ms  "
                f"{stat['rows_per_s']:9,.0f} / {stat['pages_csv']:9,.0f} / "
                f"{stat['stream_csv']:9,.0f} rows/s over {stat['rows']:,} rows{flag}"
            )
        else:
            flag = "" if stat["ms"] < 100 else "  (over 100 ms)"
            print(f"  {name:14} {stat['ms']:9.1f} ms  {stat['rows']:6} rows{flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per query (median)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per phase")
    parser.add_argument(
        "--update-only",
        action="store_true",
        help="write every batch as a SPARQL Update (the path before bulk loads), to compare",
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "kg":
        n, db, dump = int(args.paths[0]), Path(args.paths[1]), Path(args.paths[2])
        print(json.dumps(phase_kg(n, db, dump, args.runs, args.update_only)))
        return
    if args.phase == "bulk":
        print(json.dumps(phase_bulk(Path(args.paths[0]), Path(args.paths[1]))))
        return
    for n in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
        try:
            dump = work / "all.nq"
            kg = _child(
                [
                    "--phase",
                    "kg",
                    "--runs",
                    str(args.runs),
                    "--paths",
                    str(n),
                    str(work / "kg"),
                    str(dump),
                ],
                args.timeout,
            )
            bulk = _child(
                ["--phase", "bulk", "--paths", str(dump), str(work / "bulk")], args.timeout
            )
            report(n, kg, bulk)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
