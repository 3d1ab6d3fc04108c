"""Ready-query latency now against a baseline revision, on one synthetic store, in one process.

Every ``queries/*.rq`` of the working tree and the same file at ``--baseline`` (default
``main``, read with ``git show``) run on the same embedded store of ``--articles`` synthetic
articles (``synthetic.py``); each figure is the median of ``--runs`` runs of ``store.select``,
and the ratio is now over baseline. A query the baseline lacks prints no ratio.

    python benchmarks/queries.py --articles 10000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from store import QUERY_PARAMS  # noqa: E402
from synthetic import article_graphs  # noqa: E402

from kg.query import list_queries  # noqa: E402
from kg.query.catalogue import Query, bind  # noqa: E402
from kg.store import open_store  # noqa: E402


def _baseline(revision: str, folder: Path) -> dict[str, Query]:
    for query in list_queries():
        shown = subprocess.run(
            ["git", "show", f"{revision}:queries/{query.name}.rq"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if shown.returncode == 0:
            (folder / f"{query.name}.rq").write_text(shown.stdout, encoding="utf-8")
    return {q.name: q for q in list_queries(folder)}


def _median_ms(store: object, query: Query, runs: int) -> tuple[float, int]:
    params = {p.name: QUERY_PARAMS[p.name] for p in query.params if p.default is None}
    text = bind(query, params)
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(store.select(text))  # type: ignore[attr-defined]
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = _baseline(args.baseline, Path(tmp))
        store = open_store(str(Path(tmp) / "store"))
        batch = list(article_graphs(args.articles))
        store.write_articles(batch)  # type: ignore[arg-type]
        print(f"{args.articles} synthetic articles; median of {args.runs} runs")
        print(
            f"{'query':16} {'now ms':>9} {'rows':>6} {args.baseline + ' ms':>12} {'rows':>6} ratio"
        )
        for query in list_queries():
            now, rows = _median_ms(store, query, args.runs)
            line = f"{query.name:16} {now:9.1f} {rows:6}"
            if query.name in base:
                then, base_rows = _median_ms(store, base[query.name], args.runs)
                line += f" {then:12.1f} {base_rows:6} {now / then:5.2f}"
            print(line)
        store.close()


if __name__ == "__main__":
    main()
