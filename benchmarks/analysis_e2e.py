"""End to end on synthetic stores: projections, and kg's commands as a user runs them.

Imported by ``benchmarks/analysis.py --store-articles 10000 100000``. For each size it builds
(once; later runs reuse it) an on-disk Oxigraph store of the synthetic articles of
:func:`kg.analysis.synthetic.synthetic_articles` in ``--store-dir``, then:

* times each projection read in this process (and, up to ``--baseline-articles``, the
  NetworkX path it replaced, ``tests/analysis/reference_projections.py``, for the ratio), and
  the conversion of the co-mention graph to igraph;
* runs ``kg -v analyze metrics``, ``kg -v export -f gexf`` and ``kg -v viz`` as child
  processes and prints each one's wall time, peak RSS (``wait4``) and the stages kg logs
  (project, metrics, layout, save, facts, write);
* with ``--server-articles``, runs the same commands against Oxigraph's SPARQL server
  (``kg serve``'s binary) on that size's store.

Runs write the analysis graph into the store (``analyze metrics`` saves by default); it is
dropped again at the end, timed, so the next run starts from the same store.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARKER = "kg-benchmark.json"
MODEL = 2
"""The store's layout in the marker: 2 since statements point to sentence nodes
(``kg:inSentence``); a store of another layout is rebuilt, or the view would time lookups
that find no sentence."""
STAGES = ("project", "metrics", "layout", "save", "facts", "write")
_STAGE = re.compile(
    r"^kg: (\w+)\s+([\d.]+) s(?: \(CPU ([\d.]+) s here, ([\d.]+) s in other threads\))?$"
)


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def build_store(root: Path, n: int, seed: int) -> Path:
    """The store of ``n`` synthetic articles under ``root``, built unless already there."""
    from analysis import article_graphs

    from kg.analysis.synthetic import synthetic_articles
    from kg.store.base import WritePlan
    from kg.store.oxigraph import OxigraphStore

    path = root / f"store-{n}-seed{seed}"
    marker = path / MARKER
    info = json.loads(marker.read_text()) if marker.exists() else {}
    if info and info.get("model") != MODEL:
        print(f"\n{n:,} articles: {path} has an older layout; rebuilding it", flush=True)
        shutil.rmtree(path)
        info = {}
    if info:
        print(
            f"\n{n:,} articles: reusing {path} ({info['quads']:,} quads, built in "
            f"{seconds(info['seconds'])})",
            flush=True,
        )
        return path
    started = time.perf_counter()
    articles = synthetic_articles(n, seed=seed)
    store = OxigraphStore(path)
    for start in range(0, n, 5000):
        graphs = article_graphs(articles[start : start + 5000])
        store.write_planned(WritePlan({}, tuple(graphs), frozenset()))
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    quads = int(store.select_values(count)[0][0] or 0)
    store.close()
    took = time.perf_counter() - started
    info = {"articles": n, "seed": seed, "quads": quads, "seconds": took, "model": MODEL}
    marker.write_text(json.dumps(info))
    print(f"\n{n:,} articles: built {path} ({quads:,} quads in {seconds(took)})", flush=True)
    return path


def bench_projections(path: Path, n: int, *, baseline: bool) -> None:
    """Each projection read from the store, and the co-mention graph converted to igraph."""
    from kg.analysis import Projection, project_frame
    from kg.analysis.simple import simple_graph
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path, read_only=True)
    reference: Any = None
    if baseline:
        sys.path.insert(0, str(ROOT / "tests" / "analysis"))
        import reference_projections as reference
    header = "  read from the embedded store (on disk)"
    print(f"{header:44} {'now':>9} {'before':>9} {'faster':>6}  graph", flush=True)
    for kind in ("relation", "comention", "bipartite"):
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        frame = project_frame(store, Projection(kind=kind))
        now, cpu = time.perf_counter() - started, time.process_time() - cpu
        before = ""
        if reference is not None:
            del frame
            gc.collect()
            started = time.perf_counter()
            G = reference.project(store, Projection(kind=kind))
            old = time.perf_counter() - started
            before = f"{seconds(old):>9} {old / now:>5.1f}x"
            del G
            gc.collect()
            frame = project_frame(store, Projection(kind=kind))
        print(
            f"  {'project ' + kind:42} {seconds(now):>9} {before:>16}  "
            f"{frame.number_of_nodes():,} nodes, {frame.number_of_edges():,} edges "
            f"(CPU {seconds(cpu)})",
            flush=True,
        )
        if kind == "comention":
            started, cpu = time.perf_counter(), time.process_time()
            S = simple_graph(frame)
            S.to_igraph()
            took, cpu = time.perf_counter() - started, time.process_time() - cpu
            print(
                f"  {'convert comention to igraph':42} {seconds(took):>9} {'':16}  "
                f"(CPU {seconds(cpu)})",
                flush=True,
            )
        del frame
    store.close()


@dataclass
class Run:
    """One kg command: its wall time, peak RSS and logged stages."""

    wall: float
    rss_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# Run by a small Python process: a child forked from this benchmark (GBs after the engine
# figures) would report this process's peak RSS as its own, since Linux keeps the high-water mark
# across exec; forked from the small wrapper it reports its own.
_WRAPPER = """import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
sys.stderr.write(f"\\nkg-benchmark peak-rss-kb {usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_kg(arguments: list[str]) -> Run:
    """Run ``kg -v ...`` as a child process (of :data:`_WRAPPER`); raise if it fails."""
    command = [str(Path(sys.executable).parent / "kg"), "-v", *arguments]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    run = Run(wall, 0.0)
    for line in done.stderr.splitlines():
        if line.startswith("kg-benchmark peak-rss-kb "):
            run.rss_mb = int(line.rsplit(" ", 1)[1]) / 1024
        elif match := _STAGE.match(line.strip()):
            run.stages[match.group(1)] = float(match.group(2))
            if match.group(1) == "project" and match.group(3) is not None:
                # wall against CPU: waiting for a core, or a compaction beside the reads
                run.notes.append(
                    f"project: CPU {match.group(3)} s in its thread, "
                    f"{match.group(4)} s in other threads (RocksDB)"
                )
        elif "sampled" in line or "analysis graph:" in line:
            run.notes.append(line.removeprefix("kg: ").split(" to bound")[0])
    return run


COMMANDS: list[tuple[str, list[str]]] = [
    # the first save fills an empty analysis graph; the same analysis again changes nothing;
    # the co-mention projection's metrics then replace every value (the worst case)
    ("analyze metrics", ["analyze", "metrics", "--top", "5"]),
    ("analyze metrics (again)", ["analyze", "metrics", "--top", "5"]),
    (
        "analyze metrics --projection comention",
        ["analyze", "metrics", "--top", "5", "--projection", "comention"],
    ),
    ("export -f gexf", ["export", "-f", "gexf", "-o", "{out}/relation.gexf"]),
    (
        "export -f gexf --projection comention",
        ["export", "-f", "gexf", "-o", "{out}/comention.gexf", "--projection", "comention"],
    ),
    ("viz", ["viz", "-o", "{out}/relation.html"]),
    (
        "viz --projection comention",
        ["viz", "-o", "{out}/comention.html", "--projection", "comention"],
    ),
]


def bench_commands(store: list[str], out: Path) -> None:
    """Each command of :data:`COMMANDS` on one store, one line each."""
    names = "".join(f" {s:>8}" for s in STAGES)
    print(f"  {'kg -v ...':50} {'wall':>7} {'RSS':>8}{names}", flush=True)
    for name, template in COMMANDS:
        arguments = [a.format(out=out) for a in template]
        run = run_kg(arguments + store)
        stages = "".join(
            f" {run.stages[s]:>7.1f}s" if s in run.stages else f" {'-':>8}" for s in STAGES
        )
        print(f"  {name:50} {seconds(run.wall):>7} {run.rss_mb:>5.0f} MB{stages}", flush=True)
        if "-o" in arguments:
            written = Path(arguments[arguments.index("-o") + 1])
            run.notes.append(f"wrote {written.name}, {written.stat().st_size / 1e6:,.1f} MB")
        for note in run.notes:
            print(f"  {'':50} {note}", flush=True)


def drop_analysis(store: list[str]) -> None:
    """Drop the analysis graph the runs wrote, so the next run starts from the same store.

    Also called before the runs: a run stopped midway leaves its analysis graph behind, and the
    first ``analyze metrics`` would then time an update instead of the first save.
    """
    from kg.model.terms import ANALYSIS_GRAPH
    from kg.store import open_store

    spec, update = store[1], store[3] if len(store) > 3 else None
    with open_store(spec, update_url=update) as opened:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?s ?p ?o }} }}"
        count = int(opened.select_values(query)[0][0] or 0)
        started = time.perf_counter()
        opened.update(f"DROP SILENT GRAPH <{ANALYSIS_GRAPH}>")
        took = time.perf_counter() - started
    print(f"  (dropped the analysis graph, {count:,} triples, in {seconds(took)})", flush=True)


def bench_store(path: Path, n: int, out: Path) -> None:
    print(f"\n{n:,} articles, embedded store on disk: kg's commands end to end", flush=True)
    store = ["--store", str(path)]
    drop_analysis(store)
    bench_commands(store, out)
    drop_analysis(store)


def bench_server(path: Path, n: int, out: Path) -> None:
    from kg.store.serve import serve

    server = serve(path, port=0, writable=True)
    # writes to kg serve need the token it printed at start; the kg commands read it from here
    previous = os.environ.get("KG_SPARQL_TOKEN")
    os.environ["KG_SPARQL_TOKEN"] = str(server.token)
    try:
        print(
            f"\n{n:,} articles, Oxigraph's SPARQL server ({server.query_url}): the same commands",
            flush=True,
        )
        store = ["--store", server.query_url, "--update-url", str(server.update_url)]
        drop_analysis(store)
        bench_commands(store, out)
        drop_analysis(store)
    finally:
        server.stop()
        if previous is None:
            os.environ.pop("KG_SPARQL_TOKEN", None)
        else:
            os.environ["KG_SPARQL_TOKEN"] = previous


def main(args: Any) -> None:
    root = Path(args.store_dir)
    root.mkdir(parents=True, exist_ok=True)
    out = root / "out"
    out.mkdir(exist_ok=True)
    paths = {n: build_store(root, n, args.seed) for n in args.store_articles}
    for n, path in paths.items():
        print(f"\n{n:,} articles: projections", flush=True)
        bench_projections(path, n, baseline=n <= args.baseline_articles)
        bench_store(path, n, out)
    for n in args.server_articles:
        path = paths.get(n) or build_store(root, n, args.seed)
        bench_server(path, n, out)
