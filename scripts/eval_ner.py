"""Measure kg's name tagger on the open Indonesian NER corpora, beside the published figures.

    .venv/bin/python scripts/eval_ner.py                  # the shipped model, TEST splits
    .venv/bin/python scripts/eval_ner.py --split dev      # dev splits (for choosing settings)
    .venv/bin/python scripts/eval_ner.py --kg-dev         # names vs the kg dev articles' gold

Entity level, CoNLL style: a name counts when its span and its type (PER, ORG, LOC) are both
exact; precision, recall and F1 are micro-averaged over the three types. The sentences are
re-tokenised with kg's tokenizer and tagged through :func:`kg.extract.ner.NameTagger.tag`, the
same call the pipeline makes. Needs ../shared/datasets/ner/ (a development tool).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from ner_corpora import CORPORA, ROOT, TYPES, Counts, read_split, require_corpora, score

from kg.extract.anatomy import read_anatomy
from kg.extract.lexicon import load_lexicon
from kg.extract.ner import MODEL_NAME, NameTagger
from kg.extract.text import repair, split_sentences, tokenize
from kg.model.resources import resource_path

KG_DEV = ROOT.parent / "shared" / "eval" / "dev"

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
    parser.add_argument("--kg-dev", action="store_true", help="match names to the kg dev gold")
    args = parser.parse_args()
    model = args.model or resource_path("models", MODEL_NAME)
    tagger = NameTagger(model)
    if args.kg_dev:
        kg_dev(tagger)
        return
    require_corpora()
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


def kg_dev(tagger: NameTagger) -> None:
    """Article level: do the tagger's names match the gold persons, organisations and places?"""
    lex = load_lexicon()
    total = found = names = matching = typed = 0
    for gold_file in sorted((KG_DEV / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = repair((KG_DEV / "articles" / gold["article"]).read_text(encoding="utf-8"))
        got = set()
        for sentence in split_sentences(text, read_anatomy(text, lex).body, lex):
            tokens = tokenize(text, sentence.start, sentence.end)
            for s in tagger.tag(tokens):
                start, end = tokens[s.start_token].start, tokens[s.end_token - 1].end
                got.add((text[start:end].lower(), s.label.value))
        forms: dict[str, str] = {}
        for entity in gold["entities"]:
            if entity["type"] in ("Person", "Organization", "Place"):
                written = {entity["name"].lower(), *(a.lower() for a in entity["aliases"])}
                total += 1
                found += any((form, entity["type"]) in got for form in written)
                forms.update(dict.fromkeys(written, entity["type"]))
        names += len(got)
        matching += sum(1 for form, _ in got if form in forms)
        typed += sum(1 for form, label in got if forms.get(form) == label)
    print(f"gold persons/organisations/places found (name or alias, same type): {found}/{total}")
    print(f"tagger names matching a gold name or alias: {matching}/{names}, same type {typed}")


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
