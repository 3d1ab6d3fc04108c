"""Extraction speed on one core, next to merely tokenising the same text with a regex.

    .venv/bin/python benchmarks/extract.py [--articles 2000]   # dev articles, repeated
    .venv/bin/python benchmarks/extract.py --corpus            # 1,046 distinct articles, once
    .venv/bin/python benchmarks/extract.py --corpus --stages   # and the CPU of each stage

Uses the 16 dev articles of ../shared/eval/dev (repeated) when present, else the articles in
data/samples/; with ``--corpus``, every article of ../shared/corpus/news-id.jsonl once (distinct
texts: the per-word caches are as cold as on a real batch). Prints articles/s and words/s of
``kg.extract`` (text in, the in-memory
:class:`~kg.model.records.Extraction` out: every stage, the name tagger included) and the time
of a regex tokenisation of the same texts, and their ratio. Loading the lexicon and the tagger's
model happens once per process and is timed apart, before the loop; building the RDF triples of
each extraction (:func:`~kg.model.rdf.article_triples`, what ``kg build`` does next) is timed
apart.

Wall-clock figures move with the machine's load; the CPU time of this process
(``time.process_time``) per article moves much less, so both are printed. The repeated texts
share their vocabulary, so the per-word caches (the tagger's word scores) are warm after the
first round; the first round is included in the timing.

``--stages`` then runs the same articles again through :data:`~kg.extract.pipeline.STAGES`
with a clock around each stage and prints each stage's CPU per article, largest first (where
to look before tuning; the clocks add a little to the total).

The modules of ``kg.extract`` run mypyc-compiled when the install compiled them (README,
"Compiled extraction"); the first lines say which. ``KG_PURE_PYTHON=1`` measures pure Python.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.extract import COMPILED
from kg.extract.lexicon import load_lexicon
from kg.extract.ner import default_tagger
from kg.extract.pipeline import STAGES, extract_article, run_pipeline
from kg.extract.stages import EachSentence, Pipeline, SentenceStage, Stage
from kg.model.rdf import article_triples
from kg.model.records import Article

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "articles"
NEWS = ROOT.parent / "shared" / "corpus" / "news-id.jsonl"
WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def corpus() -> tuple[str, list[str]]:
    folder = DEV if DEV.is_dir() else ROOT / "data" / "samples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return str(folder), texts


def news_corpus() -> tuple[str, list[str]]:
    """The texts of ../shared/corpus/news-id.jsonl (exits with a message when absent)."""
    if not NEWS.is_file():
        raise SystemExit(f"skipped: {NEWS} is absent (it lives outside the repo)")
    with NEWS.open(encoding="utf-8") as lines:
        return str(NEWS), [json.loads(line)["text"] for line in lines if line.strip()]


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _rate(label: str, n: int, words: int, started: tuple[float, float]) -> tuple[float, float]:
    wall = time.perf_counter() - started[0]
    cpu = time.process_time() - started[1]
    return _report(label, n, words, wall, cpu)


def _report(label: str, n: int, words: int, wall: float, cpu: float) -> tuple[float, float]:
    print(
        f"{label:<22}{wall:8.3f} s wall ({n / wall:8,.1f} articles/s, {words / wall:10,.0f} "
        f"words/s) | {cpu:8.3f} s CPU ({cpu / n * 1000:6.2f} ms/article, "
        f"{n / cpu:8,.1f} articles/s)"
    )
    return wall, cpu


def _timed(run: Callable[..., None], name: str, spent: dict[str, float]) -> Callable[..., None]:
    def timed(*args: Any) -> None:
        started = time.process_time()
        run(*args)
        spent[name] += time.process_time() - started

    return timed


def stage_times(batch: list[str]) -> None:
    """Each stage's CPU per article over the batch (the pipeline rebuilt with clocks)."""
    spent: dict[str, float] = defaultdict(float)
    stages: list[Stage | EachSentence] = []
    for stage in STAGES:
        if isinstance(stage, EachSentence):
            inner = tuple(
                SentenceStage(s.name, _timed(s.run, s.name, spent), s.requires, s.produces)
                for s in stage.stages
            )
            stages.append(EachSentence(stage.name, inner))
        else:
            timed = _timed(stage.run, stage.name, spent)
            stages.append(Stage(stage.name, timed, stage.requires, stage.produces))
    pipeline = Pipeline(tuple(stages))
    for text in batch:
        run_pipeline(pipeline, Article(text))
    total = sum(spent.values())
    print(f"CPU per stage ({len(batch)} articles, {total / len(batch) * 1000:.2f} ms/article):")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        share = seconds / total * 100 if total else 0.0
        print(f"  {name:<24}{seconds / len(batch) * 1000:7.3f} ms/article {share:5.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--corpus", action="store_true", help="every article of news-id.jsonl, each once"
    )
    parser.add_argument("--stages", action="store_true", help="then the CPU of each stage")
    args = parser.parse_args()
    source, texts = news_corpus() if args.corpus else corpus()
    count = len(texts) if args.corpus else args.articles
    batch = [texts[i % len(texts)] for i in range(count)]
    words = sum(len(WORD.findall(t)) for t in batch)
    print(f"corpus: {len(texts)} distinct articles from {source}, repeated to {len(batch)}")
    print(f"words: {words:,} ({words / len(batch):.0f} per article)")
    mode = "mypyc-compiled" if COMPILED else "pure Python (not compiled, or KG_PURE_PYTHON set)"
    print(f"kg.extract modules: {mode}")
    print(f"load average before the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")

    started = _clocks()
    load_lexicon()
    default_tagger()
    load_wall, load_cpu = time.perf_counter() - started[0], time.process_time() - started[1]
    print(
        f"lexicon + tagger model load (once per process, not counted below): "
        f"{load_wall * 1000:.0f} ms wall, {load_cpu * 1000:.0f} ms CPU"
    )

    started = _clocks()
    for text in batch:
        WORD.findall(text)
    regex_wall, _ = _rate("regex tokenisation:", len(batch), words, started)

    # Each extraction's graph is built right after it and both are dropped, as in `kg build`:
    # keeping 2,000 extractions alive would only make the garbage collector walk them.
    extract_clock, rdf_clock = [0.0, 0.0], [0.0, 0.0]
    for text in batch:
        wall, cpu = time.perf_counter(), time.process_time()
        extraction = extract_article(Article(text))
        wall2, cpu2 = time.perf_counter(), time.process_time()
        article_triples(extraction)
        wall3, cpu3 = time.perf_counter(), time.process_time()
        extract_clock[0] += wall2 - wall
        extract_clock[1] += cpu2 - cpu
        rdf_clock[0] += wall3 - wall2
        rdf_clock[1] += cpu3 - cpu2
    extract_wall, _ = _report("kg extraction:", len(batch), words, *extract_clock)
    _report("RDF triples (apart):", len(batch), words, *rdf_clock)

    print("extraction runs on one core (this process, no workers)")
    print(f"ratio extraction / tokenisation (wall): {extract_wall / regex_wall:,.0f}x")
    print(f"load average after the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.stages:
        stage_times(batch)


if __name__ == "__main__":
    main()
