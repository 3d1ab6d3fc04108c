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


def run(count: int, batch: int, link: bool, folder: Path) -> tuple[float, int]:
    graphs = list(article_graphs(count))
    with OxigraphStore(folder) as store:
        linker = Linker(store) if link else None
        started = time.perf_counter()
        for start in range(0, len(graphs), batch):
            chunk = graphs[start : start + batch]
            store.write_articles(linker.link(chunk) if linker else chunk)
        seconds = time.perf_counter() - started
        people = store.select(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{KG.Person}> }}")
        return seconds, int(str(people.rows[0][0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base, base_people = run(args.articles, args.batch, False, Path(tmp) / "plain")
        linked, linked_people = run(args.articles, args.batch, True, Path(tmp) / "linked")
    rate = args.articles / base
    print(f"{args.articles} articles in batches of {args.batch}, embedded store")
    print(f"  write as extracted:    {base:7.2f} s  {rate:8.0f} articles/s  {base_people} persons")
    print(
        f"  resolve, then write:   {linked:7.2f} s  {args.articles / linked:8.0f} articles/s  "
        f"{linked_people} persons"
    )
    print(f"  resolution costs {linked / base:.2f}x the plain write")


if __name__ == "__main__":
    main()
