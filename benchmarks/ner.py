"""Speed of the statistical name tagger (kg.extract.ner.tag) on one core.

    .venv/bin/python benchmarks/ner.py [FILES OR FOLDERS ...] [--articles 2000]

Reads articles (default: data/samples/ and, when present, ../shared/eval/dev/articles/), cuts
them into sentences and tokens as the pipeline does, then tags every sentence of N articles
(the inputs repeated) and prints tokens/s, sentences/s and articles/s. The first pass over the
distinct articles is reported apart: it starts with an empty per-word feature cache, as a fresh
process does; later passes see the cache as a long batch of news does (news repeats its words).
Tokenising the same sentences with the regex is timed in the same run for scale. Times are CPU
seconds of this (single-threaded) process, so they read as one core's rate even on a busy machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract.anatomy import read_anatomy
from kg.extract.lexicon import load_lexicon
from kg.extract.ner import default_tagger
from kg.extract.text import Token, repair, split_sentences, tokenize

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [ROOT / "data" / "samples", ROOT.parent / "shared" / "eval" / "dev" / "articles"]


def _sentences(paths: list[Path]) -> list[list[tuple[str, int, int]]]:
    lex = load_lexicon()
    articles = []
    for path in paths:
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for file in files:
            text = repair(file.read_text(encoding="utf-8"))
            anatomy = read_anatomy(text, lex)
            sentences = split_sentences(text, anatomy.body, lex)
            articles.append([(text, s.start, s.end) for s in sentences])
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    inputs = args.inputs or [p for p in DEFAULT_INPUTS if p.exists()]
    articles = _sentences(inputs)
    tagger = default_tagger()
    tokenised: list[list[list[Token]]] = [
        [tokenize(text, start, end) for text, start, end in article] for article in articles
    ]
    per_article_tokens = [sum(len(s) for s in a) for a in tokenised]
    print(f"{len(articles)} distinct articles, {sum(per_article_tokens)} tokens, from {inputs}")

    started = time.process_time()
    names = sum(len(tagger.tag(s)) for a in tokenised for s in a)
    cold = time.process_time() - started
    print(
        f"first pass (cold cache): {sum(per_article_tokens) / cold:,.0f} tokens/s, "
        f"{len(articles) / cold:,.1f} articles/s, {names} names"
    )

    order = [k % len(articles) for k in range(args.articles)]
    tokens = sum(per_article_tokens[k] for k in order)
    sentences = sum(len(tokenised[k]) for k in order)
    started = time.process_time()
    for k in order:
        for sentence in tokenised[k]:
            tagger.tag(sentence)
    seconds = time.process_time() - started
    started = time.process_time()
    for k in order:
        for text, start, end in articles[k]:
            tokenize(text, start, end)
    regex = time.process_time() - started
    print(
        f"{args.articles} articles: tag {seconds:.2f} s = {tokens / seconds:,.0f} tokens/s, "
        f"{sentences / seconds:,.0f} sentences/s, {args.articles / seconds:,.1f} articles/s; "
        f"regex tokenising alone {regex:.2f} s"
    )


if __name__ == "__main__":
    main()
