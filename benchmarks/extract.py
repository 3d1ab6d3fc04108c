"""Extraction speed on one core, next to merely tokenising the same text with a regex.

    .venv/bin/python benchmarks/extract.py [--articles 2000]

Uses the 16 dev articles of ../shared/eval/dev (repeated) when present, else the articles in
data/samples/. Prints articles/s and words/s of ``kg.extract`` and the time of a regex
tokenisation of the same texts, and their ratio.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from kg.extract.lexicon import load_lexicon
from kg.extract.pipeline import extract_article
from kg.model.records import Article

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "articles"
WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def corpus() -> tuple[str, list[str]]:
    folder = DEV if DEV.is_dir() else ROOT / "data" / "samples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return str(folder), texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    source, texts = corpus()
    batch = [texts[i % len(texts)] for i in range(args.articles)]
    words = sum(len(WORD.findall(t)) for t in batch)

    started = time.perf_counter()
    load_lexicon()
    load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for text in batch:
        WORD.findall(text)
    regex_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for text in batch:
        extract_article(Article(text))
    extract_seconds = time.perf_counter() - started

    print(f"corpus: {len(texts)} distinct articles from {source}, repeated to {len(batch)}")
    print(f"words: {words:,} ({words / len(batch):.0f} per article)")
    print(f"lexicon load (once per process): {load_seconds * 1000:.0f} ms")
    print(
        f"regex tokenisation: {regex_seconds:.3f} s  ({len(batch) / regex_seconds:,.0f} articles/s)"
    )
    print(
        f"kg extraction:      {extract_seconds:.3f} s  ({len(batch) / extract_seconds:,.1f} "
        f"articles/s, {words / extract_seconds:,.0f} words/s) on one core"
    )
    print(f"ratio extraction / tokenisation: {extract_seconds / regex_seconds:,.0f}x")


if __name__ == "__main__":
    main()
