"""A deterministic synthetic news corpus, for benchmarks and engine comparisons.

It mimics what kg extracts from Indonesian news: articles mention a few entities, some very
often (officials of large cities, national bodies) and most rarely (a Zipf-like popularity),
entities cluster by region (an article about one province mostly mentions that province's
people and places), and a few relations per article link them. The same arguments always give
the same corpus, on every machine (``random.Random(seed)``; no hashing of strings).
"""

from __future__ import annotations

import random
from bisect import bisect
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate, combinations
from typing import Any

import networkx as nx

__all__ = ["SyntheticArticle", "comention_from_articles", "synthetic_articles"]

_TYPES = ("Person", "Organization", "Place", "Event")
_PREDICATES = ("mayorOf", "memberOf", "worksFor", "headOf", "cooperatesWith", "participatedIn")


@dataclass(frozen=True)
class SyntheticArticle:
    """One synthetic article: its id, date, outlet, mentioned entities and relations."""

    iri: str
    date: str
    outlet: str
    mentions: tuple[str, ...]
    relations: tuple[tuple[str, str, str], ...]


def _entity(i: int) -> str:
    return f"https://w3id.org/kg-indonesia/id/synthetic/e{i}"


def synthetic_articles(
    n: int, *, seed: int = 7, mentions: int = 9, regions: int = 40
) -> list[SyntheticArticle]:
    """``n`` synthetic articles over about ``n / 2`` entities (at least 40 per region).

    Args:
        n: the number of articles.
        seed: the random seed.
        mentions: the mean number of entities an article mentions (3 to 2 × mean - 3).
        regions: the number of regional clusters.

    >>> [a.mentions[:2] for a in synthetic_articles(2)] == [
    ...     a.mentions[:2] for a in synthetic_articles(2)]
    True
    """
    rng = random.Random(seed)
    most = max(3, 2 * mentions - 3)
    # enough entities per region that an article can always mention `most` distinct ones
    entities = max(n // 2, regions * (most + 1) * 2)
    national = max(1, entities // 20)
    per_region = (entities - national) // regions
    # Zipf-like popularity inside each region; 5% of entities are national (any region)
    cumulative = list(accumulate(1.0 / (r + 1) ** 0.9 for r in range(per_region)))
    outlets = ("ANTARA", "Kompas", "Detik", "Tempo", "Republika")
    articles: list[SyntheticArticle] = []
    for i in range(n):
        region = rng.randrange(regions)
        count = rng.randint(3, most)
        chosen: set[int] = set()
        while len(chosen) < count:
            if rng.random() < 0.15:
                chosen.add(rng.randrange(national))
            else:
                rank = bisect(cumulative, rng.random() * cumulative[-1])
                chosen.add(national + region * per_region + rank)
        ordered = sorted(chosen)
        relations = []
        for _ in range(rng.randint(2, 4)):
            s, o = rng.sample(ordered, 2)
            relations.append((_entity(s), rng.choice(_PREDICATES), _entity(o)))
        year = 2015 + i * 10 // max(1, n)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        articles.append(
            SyntheticArticle(
                iri=f"https://w3id.org/kg-indonesia/id/article/synthetic-{i}",
                date=date,
                outlet=outlets[i % len(outlets)],
                mentions=tuple(_entity(e) for e in ordered),
                relations=tuple(relations),
            )
        )
    return articles


def comention_from_articles(articles: list[SyntheticArticle], *, min_weight: int = 1) -> Any:
    """The co-mention graph of synthetic articles, as :func:`~kg.analysis.comention_graph`
    builds it from a store (``weight`` = shared articles, ``type`` by entity number)."""
    weight: dict[tuple[str, str], int] = defaultdict(int)
    for article in articles:
        for pair in combinations(article.mentions, 2):
            weight[pair] += 1
    G = nx.Graph(kind="comention")
    for (u, v), w in weight.items():
        if w >= min_weight:
            G.add_edge(u, v, kind="comention", weight=w)
    for node in G.nodes:
        number = int(node.rsplit("e", 1)[-1])
        G.nodes[node].update(label=f"Entity {number}", type=_TYPES[number % 4], iri=node)
    return G
