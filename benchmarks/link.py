"""What cross-article resolution costs a build: writing synthetic articles with and without it.

Both runs write the same article graphs (``benchmarks/synthetic.py``: Zipf-weighted people,
places and offices, so the same full names recur with different offices) into a fresh embedded
store in batches, in this process. The baseline writes them as extracted; the other first
passes each batch through :class:`kg.link.resolve.Linker` (one candidate query per batch
against the store, evidence comparison, rewriting) as ``kg build`` does.

    python benchmarks/link.py --articles 10000 --batch 500
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import article_graphs
from kg.link.resolve import Linker
from kg.model.terms import KG
from kg.store.oxigraph import OxigraphStore


def run(count: int, batch: int, link: bool, folder: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of this process (every thread: Oxigraph's too) and persons."""
    graphs = list(article_graphs(count))
    with OxigraphStore(folder) as store:
        linker = Linker(store) if link else None
        started, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(graphs), batch):
            chunk = graphs[start : start + batch]
            store.write_articles(linker.link(chunk) if linker else chunk)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        people = store.select(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{KG.Person}> }}")
        return seconds, cpu, int(str(people.rows[0][0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base, base_cpu, base_people = run(args.articles, args.batch, False, Path(tmp) / "plain")
        linked, linked_cpu, linked_people = run(
            args.articles, args.batch, True, Path(tmp) / "linked"
        )
    rate = args.articles / base
    print(f"{args.articles} articles in batches of {args.batch}, embedded store")
    print(
        f"  write as extracted:    {base:7.2f} s wall {base_cpu:7.2f} s CPU  {rate:8.0f} "
        f"articles/s  {base_people} persons"
    )
    print(
        f"  resolve, then write:   {linked:7.2f} s wall {linked_cpu:7.2f} s CPU  "
        f"{args.articles / linked:8.0f} articles/s  {linked_people} persons"
    )
    # on a shared machine the wall ratio moves with the load; the CPU ratio much less
    print(
        f"  resolution costs {linked / base:.2f}x the plain write (wall), "
        f"{linked_cpu / base_cpu:.2f}x (CPU)"
    )


if __name__ == "__main__":
    main()
