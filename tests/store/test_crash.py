"""Crash safety: ``kill -9`` while writing leaves a store that opens again, with every article
written before intact, the interrupted ones absent or whole, and facts = union of articles.

Two writers are killed at random moments, several times each, on the same store:

* ``kg build`` of a folder of generated articles (most of its time goes to extraction);
* the API writing batches of synthetic articles, new ones (bulk loads) and replacements
  (SPARQL Update transactions), so most kills land inside a write.

The seed of each run is in every assertion message.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.api import to_article_graph
from kg.extract import extract
from kg.ingest import Failure, read_sources
from kg.link.resolve import Linker
from kg.model.listing import LISTING_PREDICATES
from kg.model.terms import FACTS_GRAPH, KG
from kg.store.base import ARTICLE_PREFIX, plain
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from kg.store.summary import PENDING_GRAPH, SUMMARY_PREDICATES, kept, recount
from tests.store.helpers import synthetic_article, write_article_files

ROOT = Path(__file__).resolve().parents[2]
KILLS = 4

Triple = tuple[object, object, object]


def _stored(path: Path) -> tuple[dict[URIRef, frozenset[Triple]], set[Triple]]:
    """The article graphs and the facts graph of a store on disk (it must open)."""
    articles: dict[URIRef, set[Triple]] = {}
    facts: set[Triple] = set()
    with OxigraphStore(path) as store:
        for s, p, o, g in store.quads():
            if g == FACTS_GRAPH:
                if p not in SUMMARY_PREDICATES:  # kept counts: no article graph holds them
                    facts.add((s, p, o))
            elif g is not None and str(g).startswith(ARTICLE_PREFIX):
                articles.setdefault(g, set()).add((s, p, o))
    return {iri: frozenset(triples) for iri, triples in articles.items()}, facts


def _own(triples: frozenset[Triple]) -> frozenset[Triple]:
    """An article graph without the listing triples the store adds."""
    return frozenset(t for t in triples if t[1] not in LISTING_PREDICATES)


def _check(
    path: Path, acceptable: dict[URIRef, set[frozenset[Triple]]], context: str
) -> set[URIRef]:
    articles, facts = _stored(path)
    for iri, triples in articles.items():
        assert _own(triples) in acceptable.get(iri, set()), f"{iri} is not whole; {context}"
        assert (iri, KG.seq) in {(s, p) for s, p, _ in triples}, f"{iri} has no number; {context}"
    assert facts == set().union(*articles.values()), f"facts != union of articles; {context}"
    return set(articles)


def _run(args: list[str], kill_after: float | None) -> tuple[int, str, str]:
    """Run Python with these arguments, SIGKILL it after ``kill_after`` seconds."""
    with subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        if kill_after is not None:
            time.sleep(kill_after)
            process.send_signal(signal.SIGKILL)
        out, err = process.communicate(timeout=300)
        return process.returncode, out, err


def _versions(folder: Path) -> dict[URIRef, frozenset[Triple]]:
    """Each article's graph as a build stores it: extracted, then resolved (kg:nameKey of each
    name; these synthetic articles share no variant names, so one article alone resolves as in
    the corpus)."""
    found: dict[URIRef, frozenset[Triple]] = {}
    for item in read_sources([folder]):
        assert not isinstance(item, Failure)
        (graph,) = Linker(MemoryStore()).link([to_article_graph(extract(item))])
        found[graph.iri] = frozenset(graph.triples)
    return found


@pytest.mark.slow
def test_kill_9_during_kg_build(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    folder, store = tmp_path / "articles", tmp_path / "store"
    paths = write_article_files(folder, 40)
    # one process: SIGKILL must not leave extraction workers behind holding the pipes
    build = [
        "-m",
        "kg.cli",
        "build",
        str(folder),
        "--workers",
        "1",
        "--store",
        str(store),
        "--batch-size",
        "3",
    ]
    started = time.monotonic()  # a full build on a scratch store times the kill window
    assert _run([*build[:-4], "--store", str(tmp_path / "scratch")], None)[0] == 0
    full = time.monotonic() - started
    acceptable: dict[URIRef, set[frozenset[Triple]]] = {}
    committed: set[URIRef] = set()
    for kill in range(KILLS):
        for iri, triples in _versions(folder).items():
            acceptable.setdefault(iri, set()).add(triples)
        delay = rng.uniform(0.5, 1.0) * full
        _run(build, delay)
        context = f"seed {seed}, kill {kill} after {delay:.2f} s of a {full:.2f} s build"
        present = _check(store, acceptable, context)
        assert committed <= present, f"a committed article was lost; {context}"
        committed = present
        for path in rng.sample(paths, 2):  # the next build replaces these
            path.write_text(path.read_text(encoding="utf-8") + f"\nRalat {kill}.\n")
    assert _run(build, None)[0] == 0
    articles, facts = _stored(store)
    assert facts == set().union(*articles.values())
    assert {iri: _own(triples) for iri, triples in articles.items()} == _versions(folder)


WRITER = """
import sys
from kg.store import open_store
from tests.store.helpers import synthetic_article
store = open_store(sys.argv[1])
for round_ in range(int(sys.argv[2]), 10_000):
    part, version = round_ % 8, round_ // 8
    batch = [synthetic_article(i, version) for i in range(part * 100, part * 100 + 100)]
    store.write_articles(batch)
    print(round_, flush=True)
"""


@pytest.mark.slow
def test_kill_9_while_the_api_writes(tmp_path: Path) -> None:
    """Rounds 0-7 write 800 new articles in batches of 100; later rounds replace them."""
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    store = tmp_path / "store"
    latest: dict[int, int] = {}  # article -> version of its last committed write
    next_round = 0
    for kill in range(KILLS):
        delay = rng.uniform(1.5, 8.0)
        code, out, err = _run(["-c", WRITER, str(store), str(next_round)], delay)
        done = [int(line) for line in out.split()]
        context = f"seed {seed}, kill {kill} after {delay:.2f} s, rounds {done}"
        assert code == -signal.SIGKILL, f"{err}; {context}"
        for round_ in done:
            part, version = round_ % 8, round_ // 8
            latest.update((i, version) for i in range(part * 100, part * 100 + 100))
        interrupted = done[-1] + 1 if done else next_round
        acceptable: dict[URIRef, set[frozenset[Triple]]] = {}
        for i, version in latest.items():
            graph = synthetic_article(i, version)
            acceptable[graph.iri] = {frozenset(graph.triples)}
        part, version = interrupted % 8, interrupted // 8
        for i in range(part * 100, part * 100 + 100):
            graph = synthetic_article(i, version)
            acceptable.setdefault(graph.iri, set()).add(frozenset(graph.triples))
        present = _check(store, acceptable, context)
        assert {synthetic_article(i, 0).iri for i in latest} <= present, context
        next_round = interrupted


CUT_OFF = """
import os, sys
from kg.store import open_store
from kg.store.oxigraph import OxigraphStore
from tests.store.helpers import synthetic_article
store = open_store(sys.argv[1])
store.write_articles([synthetic_article(i, 0) for i in range(100)])
# the process dies after the next bulk load, before the update that recounts its summaries
OxigraphStore.update = lambda self, text: os._exit(9)
store.write_articles([synthetic_article(i, 0) for i in range(100, 200)])
"""


def test_a_recount_cut_off_by_a_crash_is_finished_at_the_next_open(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _, err = _run(["-c", CUT_OFF, str(store)], None)
    assert code == 9, err
    with OxigraphStore(store) as reopened:
        every = [(s, p, o) for s, p, o, g in reopened.quads() if g == FACTS_GRAPH]
        held = {(s, p, plain(o)) for s, p, o in kept(reopened.select)}
        assert held == {(s, p, plain(o)) for s, p, o in recount(every)}
        assert len(reopened.stored_hashes([synthetic_article(i, 0).iri for i in range(200)])) == 200
        assert not any(g == PENDING_GRAPH for *_, g in reopened.quads())
