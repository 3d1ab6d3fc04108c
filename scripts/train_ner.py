"""Train kg's name tagger (a CRF) on the TRAIN splits of the open Indonesian NER corpora.

    .venv/bin/python scripts/train_ner.py                 # writes data/models/ner.crfsuite + .json
    .venv/bin/python scripts/train_ner.py --tune          # compare settings on the DEV splits

A development tool: it needs the corpora in ../shared/datasets/ner/ (not in the repository) and
exits with a message when they are absent. Only train splits are trained on; ``--tune`` chooses
among feature sets and regularisation values on the dev (valid) splits; test splits are read only
by scripts/eval_ner.py. Training is deterministic: L-BFGS over the whole training set, sentences
in an order fixed by a seeded shuffle, so the same command writes the same model.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import pycrfsuite
from ner_corpora import CORPORA, ROOT, Counts, read_split, require_corpora, score

from kg.extract.lexicon import load_lexicon
from kg.extract.ner import NameTagger
from kg.extract.ner_features import FEATURE_SETS, sentence_features

MODEL = ROOT / "data" / "models" / "ner.crfsuite"
NAME = "kg-ner-crf/1"
# the chosen settings (see data/models/README.md for the dev-split comparison behind them)
FEATURE_SET, C1, C2, MAX_ITERATIONS, SEED = "full", 0.1, 0.1, 200, 13
# decoding: names are looked for in runs of capitalised words widened by PAD words each side
# (dev splits: pad 1 scores as whole-sentence decoding, pad 0 loses 1.6 points of F1)
PAD = 1
# --tune: every feature set at c1 = c2 = 0.05, then other regularisation for the best set
TUNE_C = [(0.02, 0.02), (0.05, 0.05), (0.1, 0.1), (0.2, 0.05), (0.05, 0.5)]


def train(
    out: Path,
    *,
    feature_set: str,
    c1: float,
    c2: float,
    max_iterations: int,
    seed: int,
    corpora: list[str],
) -> dict[str, object]:
    """Train one model on the train splits and write it with its settings beside it."""
    fs = FEATURE_SETS[feature_set]
    lex = load_lexicon()
    cache: dict[str, tuple[tuple[str, ...], ...]] = {}
    examples = [e for corpus in corpora for e in read_split(corpus, "train")]
    random.Random(seed).shuffle(examples)
    trainer = pycrfsuite.Trainer(verbose=False)
    for example in examples:
        words = [t.text for t in example.tokens]
        trainer.append(sentence_features(words, lex, fs, cache), example.bio())
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    started = time.perf_counter()
    trainer.train(str(out))
    seconds = time.perf_counter() - started
    settings: dict[str, object] = {
        "name": NAME,
        "feature_set": feature_set,
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "seed": seed,
        "pad": PAD,
        "corpora": {c: CORPORA[c]["train"] for c in corpora},
        "train_sentences": len(examples),
        "train_tokens": sum(len(e.tokens) for e in examples),
        "iterations": trainer.logparser.last_iteration.get("num"),
    }
    out.with_suffix(".json").write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    print(
        f"trained {out.name}: {len(examples)} sentences, {seconds:.1f} s, "
        f"{out.stat().st_size / 1e6:.2f} MB, {settings['iterations']} iterations"
    )
    return settings


def dev_scores(model: Path, corpora: list[str]) -> dict[str, Counts]:
    """Micro counts per corpus on its dev split, plus all dev splits pooled (key ``pooled``)."""
    tagger = NameTagger(model)
    results = {c: score(read_split(c, "dev"), tagger)["ALL"] for c in corpora}
    pooled = Counts()
    for counts in results.values():
        pooled.add(counts)
    return {**results, "pooled": pooled}


def tune(corpora: list[str], max_iterations: int, seed: int) -> None:
    """Compare feature sets, then regularisation, on the dev splits; print one row per run."""
    header = f"{'features':8} {'c1':>5} {'c2':>5} " + " ".join(f"{c[:8]:>8}" for c in corpora)
    print(header + "   pooled")
    best: tuple[float, str] = (-1.0, "")

    def run(feature_set: str, c1: float, c2: float) -> float:
        with tempfile.TemporaryDirectory() as folder:
            model = Path(folder) / "candidate.crfsuite"
            train(
                model,
                feature_set=feature_set,
                c1=c1,
                c2=c2,
                max_iterations=max_iterations,
                seed=seed,
                corpora=corpora,
            )
            results = dev_scores(model, corpora)
        cells = " ".join(f"{results[c].f1:8.3f}" for c in corpora)
        print(f"{feature_set:8} {c1:5.2f} {c2:5.2f} {cells} {results['pooled'].f1:8.3f}")
        return results["pooled"].f1

    for feature_set in FEATURE_SETS:
        best = max(best, (run(feature_set, *TUNE_C[1]), feature_set))
    for c1, c2 in TUNE_C:
        if (c1, c2) != TUNE_C[1]:
            run(best[1], c1, c2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--feature-set", choices=sorted(FEATURE_SETS), default=FEATURE_SET)
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--max-iterations", type=int, default=MAX_ITERATIONS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--corpora", nargs="+", choices=sorted(CORPORA), default=list(CORPORA))
    parser.add_argument("--tune", action="store_true", help="compare settings on the dev splits")
    args = parser.parse_args()
    require_corpora()
    if args.tune:
        tune(args.corpora, args.max_iterations, args.seed)
        return
    args.out.parent.mkdir(parents=True, exist_ok=True)
    train(
        args.out,
        feature_set=args.feature_set,
        c1=args.c1,
        c2=args.c2,
        max_iterations=args.max_iterations,
        seed=args.seed,
        corpora=args.corpora,
    )


if __name__ == "__main__":
    main()
