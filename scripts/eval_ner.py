"""Measure kg's name tagger on the open Indonesian NER corpora, beside the published figures.

    .venv/bin/python scripts/eval_ner.py                  # the shipped model, TEST splits
    .venv/bin/python scripts/eval_ner.py --split dev      # dev splits (for choosing settings)

Entity level, CoNLL style: a name counts when its span and its type (PER, ORG, LOC) are both
exact; precision, recall and F1 are micro-averaged over the three types. The sentences are
re-tokenised with kg's tokenizer and tagged through :func:`kg.extract.ner.NameTagger.tag`, the
same call the pipeline makes. Needs ../shared/datasets/ner/ (a development tool).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ner_corpora import CORPORA, TYPES, Counts, read_split, require_corpora, score

from kg.extract.ner import MODEL_NAME, NameTagger
from kg.model.resources import resource_path

# published entity-level F1 on the test split, from ../shared/datasets/ner/README.md
PUBLISHED = {
    "idner-news-2k": "not published",
    "nergrit": "XLM-R base 79.1, IndoBERT-large 77.6, mBERT 75.0 (IndoNLU)",
    "nerui": "IndoBERT 90.1, MalayBERT 87.4, mBERT 82.2 (IndoLEM, 5-fold mean)",
    "nerugm": "IndoBERT 74.9, MalayBERT 73.2, mBERT 71.6, BiLSTM-CRF 70.9 (IndoLEM, 5-fold mean)",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="default: the shipped model")
    parser.add_argument("--split", choices=["dev", "test"], default="test")
    parser.add_argument("--corpora", nargs="+", choices=sorted(CORPORA), default=list(CORPORA))
    args = parser.parse_args()
    require_corpora()
    model = args.model or resource_path("models", MODEL_NAME)
    tagger = NameTagger(model)
    print(f"model {model} ({tagger.name}, features {tagger.feature_set.name}); split {args.split}")
    print()
    print("| corpus | sentences | P | R | F1 | PER F1 | ORG F1 | LOC F1 | published F1 (test) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    pooled = {kind: Counts() for kind in (*TYPES, "ALL")}
    tokens, seconds = 0, 0.0
    for corpus in args.corpora:
        examples = read_split(corpus, args.split)
        started = time.process_time()
        counts = score(examples, tagger)
        seconds += time.process_time() - started
        tokens += sum(len(e.tokens) for e in examples)
        for kind, c in counts.items():
            pooled[kind].add(c)
        print(_row(corpus, len(examples), counts, PUBLISHED[corpus]))
    print(_row("all (pooled)", None, pooled, ""))
    print()
    print(
        f"tagging and scoring: {tokens} tokens in {seconds:.2f} s CPU "
        f"= {tokens / seconds:,.0f} tokens/s"
    )


def _row(name: str, sentences: int | None, counts: dict[str, Counts], published: str) -> str:
    total = counts["ALL"]
    per_type = " | ".join(f"{100 * counts[kind].f1:.1f}" for kind in TYPES)
    size = "" if sentences is None else str(sentences)
    return (
        f"| {name} | {size} | {100 * total.precision:.1f} | {100 * total.recall:.1f} "
        f"| **{100 * total.f1:.1f}** | {per_type} | {published} |"
    )


if __name__ == "__main__":
    main()
