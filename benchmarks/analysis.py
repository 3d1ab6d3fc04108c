"""NetworkX vs the igraph fast path on synthetic co-mention graphs (10k and 100k articles).

Run: ``.venv/bin/python benchmarks/analysis.py`` (about 20 minutes on 2 busy cores), or
pick sizes: ``benchmarks/analysis.py --sizes 10000``; ``--store-articles 10000 100000`` also
builds (once, in ``--store-dir``) on-disk stores of that many articles and times the
projections and kg's commands on them end to end, on the embedded store and behind Oxigraph's
SPARQL server (``benchmarks/analysis_e2e.py``). Figures: ``docs/analysis-benchmark.md``.

For each size it builds the co-mention graph of :func:`kg.analysis.synthetic.synthetic_articles`
(deterministic), then times each metric with both engines through the same code the
``kg analyze`` command runs, and checks that the results agree:

* PageRank, eigenvector: the largest absolute difference;
* betweenness: both engines use the *same* sampled sources, so the values must be equal (the
  sample is kept small for NetworkX; igraph is also timed at the sample size kg uses, 500);
* Louvain: both modularities (the partitions differ, their quality should not);
* k-core and components: identical or not.

Runtime is bounded: NetworkX runs each metric once, and betweenness samples few sources.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import networkx as nx

from kg.analysis.metrics import _nx_eigenvector, simple_view
from kg.analysis.normalise import numbered
from kg.analysis.synthetic import comention_from_articles, synthetic_articles


def timed(func: Callable[[], Any]) -> tuple[Any, float]:
    gc.collect()
    started = time.perf_counter()
    result = func()
    return result, time.perf_counter() - started


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def row(name: str, nx_s: float | None, ig_s: float | None, agreement: str) -> None:
    left = seconds(nx_s) if nx_s is not None else "-"
    right = seconds(ig_s) if ig_s is not None else "-"
    speedup = f"{nx_s / ig_s:.0f}x" if nx_s and ig_s else ""
    print(f"  {name:28} {left:>10} {right:>10} {speedup:>6}  {agreement}", flush=True)


def max_diff(a: dict[str, float], b: dict[str, float]) -> float:
    return max(abs(a[n] - b[n]) for n in a)


def bench(n: int, *, nx_k: int, ig_k: int, seed: int) -> None:
    import igraph as ig

    from kg.analysis.fast import _betweenness, _eigenvector, to_igraph
    from kg.analysis.simple import SimpleGraph

    articles, gen_s = timed(lambda: synthetic_articles(n, seed=seed))
    G, build_s = timed(lambda: comention_from_articles(articles))
    H = simple_view(G)
    print(
        f"\n{n:,} articles: co-mention graph {H.number_of_nodes():,} nodes, "
        f"{H.number_of_edges():,} edges (articles {seconds(gen_s)}, pair counting "
        f"{seconds(build_s)})"
    )
    print(f"  {'metric':28} {'networkx':>10} {'igraph':>10} {'faster':>6}  agreement")
    (g, names), convert_s = timed(lambda: to_igraph(H))
    S = SimpleGraph.from_networkx(H)
    row("convert to igraph", None, convert_s, "")

    pr_nx, t_nx = timed(lambda: nx.pagerank(H, weight="weight"))
    pr_ig, t_ig = timed(
        lambda: dict(zip(names, g.pagerank(weights="weight", directed=False), strict=True))
    )
    row("pagerank", t_nx, t_ig, f"max |diff| {max_diff(pr_nx, pr_ig):.1e}")

    sources = random.Random(seed).sample(list(H.nodes()), nx_k)
    bc_nx, t_nx = timed(lambda: nx.betweenness_centrality(H, k=nx_k, seed=seed))
    bc_ig, t_ig = timed(lambda: _betweenness(g, names, sources))
    row(f"betweenness k={nx_k}", t_nx, t_ig, f"max |diff| {max_diff(bc_nx, bc_ig):.1e}")
    many = random.Random(seed).sample(list(H.nodes()), min(ig_k, len(names)))
    _, t_ig = timed(lambda: _betweenness(g, names, many))
    per_source = t_nx / nx_k * len(many)
    row(f"betweenness k={len(many)}", per_source, t_ig, "networkx extrapolated from k above")

    ev_nx, t_nx = timed(lambda: _nx_eigenvector(H))
    ev_ig, t_ig = timed(lambda: _eigenvector(g, names, S))
    row("eigenvector", t_nx, t_ig, f"max |diff| {max_diff(ev_nx, ev_ig):.1e}")

    core_nx, t_nx = timed(lambda: nx.core_number(H))
    core_ig, t_ig = timed(lambda: dict(zip(names, g.coreness(), strict=True)))
    row("k-core", t_nx, t_ig, "identical" if core_nx == core_ig else "DIFFERENT")

    cc_nx, t_nx = timed(lambda: numbered(nx.connected_components(H)))
    cc_ig, t_ig = timed(lambda: g.connected_components().membership)
    same = cc_nx == numbered(
        [[names[i] for i, c in enumerate(cc_ig) if c == k] for k in set(cc_ig)]
    )
    row(
        "components",
        t_nx,
        t_ig,
        f"{len(set(cc_ig))} component(s), " + ("identical" if same else "DIFFERENT"),
    )

    louvain_nx, t_nx = timed(
        lambda: nx.community.louvain_communities(H, weight="weight", seed=seed)
    )
    q_nx = nx.community.modularity(H, louvain_nx, weight="weight")
    ig.set_random_number_generator(random.Random(seed))
    louvain_ig, t_ig = timed(lambda: g.community_multilevel(weights="weight"))
    q_ig = g.modularity(louvain_ig.membership, weights="weight")
    row(
        "louvain",
        t_nx,
        t_ig,
        f"{len(louvain_nx)} vs {len(set(louvain_ig.membership))} communities, "
        f"Q {q_nx:.3f} vs {q_ig:.3f}",
    )
    leiden, t_ig = timed(
        lambda: g.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=-1
        )
    )
    q = g.modularity(leiden.membership, weights="weight")
    row("leiden (igraph only)", None, t_ig, f"{len(set(leiden.membership))} communities, Q {q:.3f}")
    ig.set_random_number_generator(random)


def article_graphs(articles: list[Any]) -> list[Any]:
    """Synthetic articles as kg article graphs (entities, mentions, reified relations)."""
    from rdflib import Literal, URIRef

    from kg.model.rdf import date_literal
    from kg.model.terms import KG, KGR, PROV, RDF, RDFS, SCHEMA
    from kg.store import ArticleGraph

    types = ("Person", "Organization", "Place", "Event")
    graphs = []
    for article in articles:
        a = URIRef(article.iri)
        outlet = URIRef(KGR[f"org/{article.outlet.lower()}"])
        triples: list[Any] = [
            (a, RDF.type, KG.NewsArticle),
            (a, SCHEMA.datePublished, date_literal(article.date)),
            (a, KG.publisher, outlet),
            (outlet, RDFS.label, Literal(article.outlet)),
        ]
        for e in article.mentions:
            number = int(e.rsplit("e", 1)[-1])
            triples += [
                (a, KG.mentions, URIRef(e)),
                (URIRef(e), RDF.type, KG[types[number % 4]]),
                (URIRef(e), RDFS.label, Literal(f"Entity {number}")),
            ]
        for i, (s, p, o) in enumerate(article.relations):
            st = URIRef(f"{article.iri}/statement/{i}")
            triples += [
                (URIRef(s), KG[p], URIRef(o)),
                (st, RDF.type, RDF.Statement),
                (st, RDF.subject, URIRef(s)),
                (st, RDF.predicate, KG[p]),
                (st, RDF.object, URIRef(o)),
                (st, PROV.wasDerivedFrom, a),
                (st, KG.inSentence, URIRef(f"{article.iri}/sentence/{i}")),
                (URIRef(f"{article.iri}/sentence/{i}"), KG.sentenceText, Literal(f"Sentence {i}.")),
            ]
        graphs.append(ArticleGraph(a, tuple(triples), article.iri))
    return graphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument(
        "--nx-k",
        type=int,
        nargs="+",
        default=[100, 10],
        help="betweenness sources for NetworkX, per size (bounded runtime)",
    )
    parser.add_argument("--ig-k", type=int, default=500, help="betweenness sources, igraph")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--store-articles",
        type=int,
        nargs="*",
        default=[],
        help="also build (or reuse) a store of this many synthetic articles per size and time "
        "the projections and kg's commands on it end to end (benchmarks/analysis_e2e.py)",
    )
    parser.add_argument(
        "--store-dir",
        default="/tmp/kg-analysis-bench",
        help="where the stores are built and kept between runs (100k articles: 2.3 GB)",
    )
    parser.add_argument(
        "--baseline-articles",
        type=int,
        default=10_000,
        help="up to this size, also time the NetworkX projections the array path replaced",
    )
    parser.add_argument(
        "--server-articles",
        type=int,
        nargs="*",
        default=[10_000],
        help="sizes whose store is also measured behind Oxigraph's SPARQL server",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"python {sys.version.split()[0]}, networkx {nx.__version__}", end="")
    import igraph

    print(f", igraph {igraph.__version__}")
    for i, n in enumerate(args.sizes):
        nx_k = args.nx_k[min(i, len(args.nx_k) - 1)]
        bench(n, nx_k=nx_k, ig_k=args.ig_k, seed=args.seed)
    if args.store_articles:
        import analysis_e2e

        analysis_e2e.main(args)


if __name__ == "__main__":
    main()
