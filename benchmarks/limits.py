"""What one input costs at most: seconds per MB, peak memory and RDF size of extraction, on prose
and on the inputs built to blow it up (issue 15, section 2).

    .venv/bin/python benchmarks/limits.py                 # every row
    .venv/bin/python benchmarks/limits.py --rows endless-150k names-3000

Each row runs in a fresh process: it loads the lexicon and the tagger, extracts a small
article (the baseline of the same process: its memory and its time), then extracts the row's
input as one article (``kg.extract``: every stage) and builds its RDF (the N-Quads of its
article graph, what ``kg extract -o x.nq`` writes; a store keeps it twice, with the facts
graph). Printed per row: the input's size, extraction seconds (wall and CPU) and CPU seconds
per MB against the goal 2 s per MB, the process's peak RSS after extraction against the goal
200 MB + 50x the input (and after building the RDF), the N-Quads' size against the goal 100x
the input, and the size of the same graph in TriG with kg's prefixes (``kg extract -o x.trig``
writes the like).

Rows (all generated, deterministic):

* ``prose-articles``: 400 news articles of ~1.6 kB (``benchmarks/ingest.py``'s generator),
  each its own article: the usual input;
* ``prose-1mb``: the same prose as one article of ~1 MB;
* ``endless-150k``, ``endless-300k``: capitalised words and no punctuation at all, one sentence
  of 25,000 and 50,000 words;
* ``names-3000``, ``names-10000``: one sentence naming 3,000 (10,000) people who took part in an
  event (each becomes a ``participatedIn`` fact);
* ``name-lines-3000``: 3,000 names, one a line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ingest import FAMILY, GIVEN, synthetic_article  # noqa: E402

SYLLABLES = ("ba", "di", "ka", "ma", "sa", "ta", "ra", "wi", "jo", "no", "su", "har", "to", "ya")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _names(count: int, rng: random.Random) -> list[str]:
    return [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {_word(rng)}" for _ in range(count)]


def _prose(count: int) -> list[str]:
    return [str(synthetic_article(n, seed=7)["text"]) for n in range(count)]


def _endless(words: int) -> list[str]:
    rng = random.Random(words)
    return [" ".join(_word(rng) for _ in range(words))]


def _in_one_sentence(count: int) -> list[str]:
    names = _names(count, random.Random(count))
    listed = ", ".join(names[:-1]) + " dan " + names[-1]
    return [f"Bogor (Kabar) - Rapat Koordinasi Daerah Kota Bogor turut dihadiri oleh {listed}."]


def _one_a_line(count: int) -> list[str]:
    return ["Daftar peserta:\n" + "\n".join(_names(count, random.Random(count)))]


ROWS: dict[str, Callable[[], list[str]]] = {
    "prose-articles": lambda: _prose(400),
    "prose-1mb": lambda: ["\n\n".join(_prose(620))],
    "endless-150k": lambda: _endless(25_000),
    "endless-300k": lambda: _endless(50_000),
    "names-3000": lambda: _in_one_sentence(3_000),
    "names-10000": lambda: _in_one_sentence(10_000),
    "name-lines-3000": lambda: _one_a_line(3_000),
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(row: str) -> None:
    """Measure one row in this (fresh) process; print one JSON line."""
    import pyoxigraph as ox

    from kg.extract import COMPILED, extract_text
    from kg.extract.ner import default_tagger
    from kg.model.rdf import article_triples
    from kg.model.terms import FACTS_GRAPH, PREFIXES
    from kg.store import ArticleGraph
    from kg.store.base import nquads

    default_tagger()
    extract_text(_prose(1)[0])  # every lookup table loaded: the baseline of this process
    baseline_mb = _rss_mb()
    texts = ROWS[row]()
    size = sum(len(t.encode("utf-8")) for t in texts)
    wall, cpu = time.perf_counter(), time.process_time()
    extractions = [extract_text(text) for text in texts]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    extract_mb = _rss_mb()  # the goal is on extraction: read before the RDF is built
    rdf = trig = 0
    for extraction in extractions:
        iri, triples = article_triples(extraction)
        data = nquads([ArticleGraph(iri, tuple(triples), "")])
        rdf += len(data) // 2  # nquads writes the article graph and the facts graph
        quads = [
            q
            for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
            if q.graph_name.value != str(FACTS_GRAPH)
        ]
        trig += len(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b"")
    print(
        json.dumps(
            {
                "row": row,
                "compiled": COMPILED,
                "articles": len(texts),
                "input_bytes": size,
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "baseline_mb": round(baseline_mb),
                "peak_mb": round(extract_mb),
                "rdf_peak_mb": round(_rss_mb()),
                "rdf_bytes": rdf,
                "trig_bytes": trig,
                "entities": sum(len(e.entities) for e in extractions),
                "relations": sum(len(e.relations) for e in extractions),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", nargs="+", choices=list(ROWS), default=list(ROWS))
    parser.add_argument("--time-limit", type=float, default=900.0, help="seconds per row")
    parser.add_argument("--child", choices=list(ROWS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child)
        return
    print(
        f"{'row':<16}{'input':>9}{'wall s':>8}{'CPU s':>7}{'CPU s/MB':>9}{'goal':>6}"
        f"{'base MB':>8}{'peak MB':>8}{'goal MB':>8}{'+RDF MB':>8}{'NQ MB':>7}{'NQ/in':>7}"
        f"{'goal':>6}{'TriG/in':>8}  facts"
    )
    for row in args.rows:
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--child", row],
                capture_output=True, text=True, check=False, timeout=args.time_limit,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            print(f"{row:<16} stopped after {args.time_limit:g} s")
            continue
        if done.returncode:
            print(f"{row:<16} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        mb = r["input_bytes"] / 1e6
        per_mb = r["cpu_s"] / mb
        budget = 200 + 50 * mb
        ratio = r["rdf_bytes"] / r["input_bytes"]
        print(
            f"{row:<16}{r['input_bytes'] / 1e3:>7.0f}kB{r['wall_s']:>8.2f}{r['cpu_s']:>7.2f}"
            f"{per_mb:>9.2f}{'ok' if per_mb <= 2 else 'OVER':>6}{r['baseline_mb']:>8}"
            f"{r['peak_mb']:>8}{budget:>8.0f}{r['rdf_peak_mb']:>8}"
            f"{r['rdf_bytes'] / 1e6:>7.2f}{ratio:>6.1f}x{'ok' if ratio <= 100 else 'OVER':>6}"
            f"{r['trig_bytes'] / r['input_bytes']:>7.1f}x  {r['relations']}"
            + ("" if r["peak_mb"] <= budget else "  (memory OVER)")
        )
    from kg.extract import COMPILED

    print(
        "goals: CPU <= 2 s per MB; peak RSS of extraction <= 200 MB + 50x the input; RDF <= 100x "
        "the input (NQ: N-Quads of the article graph); base MB: the process after loading the "
        "lexicon and the tagger; +RDF MB: peak RSS once the RDF is built and serialised (and "
        f"parsed again for TriG); kg.extract "
        f"{'mypyc-compiled' if COMPILED else 'pure Python'}"
    )


if __name__ == "__main__":
    main()
