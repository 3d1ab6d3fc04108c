"""Deterministic synthetic articles for store benchmarks, built with kg's own model code.

Each article is an :class:`~kg.model.records.Extraction` (article metadata, 4 entities drawn
from Zipf-weighted pools so popular people and places recur across articles, 1-2 relations,
sometimes a quote) turned into its article graph by :func:`kg.model.rdf.to_rdf`, so the
layout, IRIs and statement nodes are exactly what ``kg build`` writes: ~40 quads per article.

    python benchmarks/synthetic.py 3      # print the quads of three articles
"""

from __future__ import annotations

import bisect
import itertools
import random
import sys
from collections.abc import Iterator

from kg.api import to_article_graph
from kg.model.records import Article, Entity, Extraction, Quote, Relation, Sentence
from kg.store import ArticleGraph

OUTLETS = ("ANTARA", "Kompas", "Detik", "Tempo", "Republika", "CNN Indonesia")
FIRST = ("Bima", "Ridwan", "Dedi", "Tri", "Eri", "Bobby", "Khofifah", "Ganjar", "Anies", "Rahmat")
LAST = ("Arya", "Kamil", "Mulyadi", "Rismaharini", "Cahyadi", "Nasution", "Indar", "Pranowo")
PLACES = ("Bogor", "Bandung", "Surabaya", "Medan", "Makassar", "Semarang", "Depok", "Bekasi")
FORUMS = ("UCLG ASPAC", "APEKSI", "Forum Kota Sehat", "Jejaring Kota Kreatif", "ASEAN Mayors")
EVENTS = ("Festival", "Summit", "Rapat Kerja", "Pameran", "Konferensi")


class Pools:
    """Entity pools sized to the run, drawn with Zipf weights (1/rank): a few people and places
    are in many articles, most in few. Offices and memberships are stable: a person is mayor
    of one city, a city belongs to one forum, as in real news."""

    def __init__(self, n: int, rng: random.Random) -> None:
        self.rng = rng
        size = max(20, n // 4)
        self.people = [f"{FIRST[i % 10]} {LAST[(i // 10) % 8]} {i}" for i in range(size)]
        self.places = [f"{PLACES[i % 8]} {i}" for i in range(max(10, n // 40))]
        self.orgs = [f"{FORUMS[i % 5]} {i}" for i in range(max(5, n // 200))]
        self.events = [f"{EVENTS[i % 5]} {i}" for i in range(max(10, n // 20))]
        self._weights = {
            len(pool): list(itertools.accumulate(1 / (rank + 1) for rank in range(len(pool))))
            for pool in (self.people, self.places, self.orgs, self.events)
        }

    def index(self, pool: list[str]) -> int:
        weights = self._weights[len(pool)]
        return bisect.bisect(weights, self.rng.random() * weights[-1])

    def pick(self, pool: list[str]) -> str:
        return pool[self.index(pool)]


def _entities(pools: Pools) -> list[Entity]:
    person = pools.index(pools.people)
    place = person % len(pools.places)  # the city this person is mayor of
    name, city = pools.people[person], pools.places[place]
    alias = (name.split()[0],) if pools.rng.random() < 0.5 else ()
    return [
        Entity("e1", "Person", name, aliases=alias),
        Entity("e2", "City", f"Kota {city}", aliases=(city,)),
        Entity("e3", "Association", pools.orgs[place % len(pools.orgs)]),
        Entity("e4", "Event", pools.pick(pools.events)),
    ]


def extraction(i: int, pools: Pools) -> Extraction:
    """The i-th synthetic extraction (deterministic given the pools' random state)."""
    rng = pools.rng
    entities = _entities(pools)
    person, city = entities[0].name, entities[1].name
    text = (
        f"{city} (ANTARA) - Wali Kota {city} {person} menghadiri {entities[3].name}. "
        f'"Kami siap bekerja sama," kata {person}. Artikel {i}.'
    )
    first = text.index(". ") + 1
    sentences = (Sentence(0, 0, first, text[:first]), Sentence(1, first + 1, len(text), text))
    relations = [Relation("e1", "mayorOf", "e2", 0, 0, first, 0.9, "title:wali kota")]
    draw = rng.random()
    if draw < 0.2:
        relations.append(Relation("e2", "memberOf", "e3", 0, 0, first, 0.7, "cue:anggota"))
    elif draw < 0.3:
        relations.append(Relation("e1", "participatedIn", "e4", 0, 0, first, 0.6, "cue:hadir"))
    quotes = ()
    if rng.random() < 0.5:
        quotes = (Quote("Kami siap bekerja sama", first + 2, first + 24, 1, speaker="e1"),)
    day = 1 + i % 28
    article = Article(
        text,
        title=f"{person} di {entities[3].name}",
        url=f"https://synthetic.example/berita/{i}",
        published=f"2024-{1 + i % 12:02d}-{day:02d}",
        outlet=rng.choice(OUTLETS),
        source=f"synthetic/{i}.txt",
    )
    return Extraction(
        article,
        sentences=sentences,
        entities=tuple(entities),
        relations=tuple(relations),
        quotes=quotes,
        published=article.published,
    )


def article_graphs(n: int, *, seed: int = 7, start: int = 0) -> Iterator[ArticleGraph]:
    """Yield ``n`` synthetic article graphs, the same ones for the same ``n`` and ``seed``."""
    pools = Pools(n, random.Random(seed))
    for i in range(n):
        graph = to_article_graph(extraction(i, pools))
        if i >= start:
            yield graph


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    total = 0
    for graph in article_graphs(count):
        total += len(graph.triples)
        for s, p, o in graph.triples:
            print(s.n3(), p.n3(), o.n3(), f"<{graph.iri}> .")
    print(f"# {count} articles, {total} quads, {total / count:.1f} per article", file=sys.stderr)
