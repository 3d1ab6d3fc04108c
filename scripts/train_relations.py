"""Train the learned relation classifier on the train gold; report 5-fold CV and dev.

    .venv/bin/python scripts/train_relations.py              # CV on train, then the shipped model
    .venv/bin/python scripts/train_relations.py --no-cv      # only the shipped model
    .venv/bin/python scripts/train_relations.py --cv-only    # figures, nothing written

``relations.json`` (:mod:`kg.extract.relate`, described in ``data/models/README.md``): every
candidate pair of entities the rules find in a sentence of a train article is labelled, for
each learned predicate its types allow, positive when the gold holds the relation between the
gold entities the pair's names match (names compared as ``../shared/eval/score.py`` compares
them). One logistic regression per predicate.

Decision thresholds come from out-of-fold predictions of an inner 4-fold split of the training
articles: per predicate, the threshold that maximises F1 over entity pairs at a precision of at
least ``--min-precision`` (a predicate no threshold brings there is left to the rules).

Cross-validation: 5 folds of whole articles; each fold's models (thresholds included, trained on
the other four folds only) extract the held-out articles, and the pooled extractions are scored
by ``score.py``'s own functions. Then the models trained on all train articles are written and
scored on dev. Needs ../shared and scikit-learn (``pip install -e '.[dev]'``); exits with a
message without ../shared. Same data, same models: the solvers are deterministic.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval_kit import (
    ROOT,
    GoldArticle,
    gold_articles,
    read_article,
    require_shared,
    score_split,
    scorer,
)

from kg.extract.lexicon import load_lexicon
from kg.extract.linear import LinearModel, sigmoid
from kg.extract.pipeline import Learned, extract_article, training_view
from kg.extract.relate import LEARNED, Candidate
from kg.model.records import Extraction
from kg.model.terms import RELATIONS

MODELS = ROOT / "data" / "models"
FOLDS = 5
SEED = 13
MIN_GAIN = 0.02  # pair F1 the model must gain over the rules, out of fold, to be used
MIN_POSITIVES_TO_VETO = 20  # gold pairs of a predicate below which its rules are never vetoed


def _folds(n: int, k: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def _gold_ids(extraction: Extraction, item: GoldArticle, score: Any) -> dict[str, list[str]]:
    """Each entity's gold ids, by its names (as score.py matches them)."""
    aliases = {
        g["id"]: set().union(*(score.variants(n) for n in [g["name"], *g.get("aliases", [])]))
        for g in item.gold["entities"]
    }
    out = {}
    for entity in extraction.entities:
        names = {score.norm(n) for n in (entity.name, *entity.aliases)}
        out[entity.key] = [g for g, forms in aliases.items() if names & forms]
    return out


def _vectorise(rows: list[list[str]], fit: Any = None) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer

    vectorizer = fit or DictVectorizer()
    dicts = [dict.fromkeys(r, 1) for r in rows]
    matrix = (
        vectorizer.fit_transform(dicts) if fit is None else vectorizer.transform(dicts)
    ).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    return vectorizer, matrix


def _weights(names: Any, coef: Any) -> dict[str, float]:
    return {str(f): round(float(w), 4) for f, w in zip(names, coef, strict=True) if abs(w) >= 1e-4}


# ------------------------------------------------------------------ relations
@dataclass
class RelationData:
    candidates: list[Candidate]
    labels: list[set[str]]
    allowed: list[set[str]]


def relation_data(items: list[GoldArticle]) -> list[RelationData]:
    score, lex = scorer(), load_lexicon()
    out = []
    for item in items:
        view = training_view(
            read_article(item.path),
            lexicon=lex,
            learned=Learned(classify_relations=False),
        )
        ids = _gold_ids(view.extraction, item, score)
        by_key = {e.key: e for e in view.extraction.entities}
        gold = {(r["p"], r["s"], r["o"]) for r in item.gold["relations"]}
        data = RelationData([], [], [])
        for c in view.candidates:
            s, o = by_key[c.subject], by_key[c.object]
            allowed = {
                p
                for p in LEARNED
                if s.type in RELATIONS[p].subjects and o.type in RELATIONS[p].objects
            }
            positive = {
                p
                for p in allowed
                for gs in ids[c.subject]
                for go in ids[c.object]
                if (p, gs, go) in gold or (RELATIONS[p].symmetric and (p, go, gs) in gold)
            }
            data.candidates.append(c)
            data.labels.append(positive)
            data.allowed.append(allowed)
        out.append(data)
    return out


def _relation_rows(data: list[RelationData], predicate: str) -> tuple[list, list[int], list]:
    """Rows of one predicate: features, labels, and (article, pair, whether a rule found it)."""
    rows, y, keys = [], [], []
    for n, d in enumerate(data):
        for c, labels, allowed in zip(d.candidates, d.labels, d.allowed, strict=True):
            if predicate not in allowed:
                continue
            rows.append(list(c.features))
            y.append(int(predicate in labels))
            pair = (c.subject, c.object)
            ruled = f"rule={predicate}" in c.features
            if RELATIONS[predicate].symmetric:
                pair = tuple(sorted(pair))
                ruled = ruled or f"rrule={predicate}" in c.features
            keys.append((n, *pair, ruled))
    return rows, y, keys


def _fit_binary(rows: list[list[str]], y: list[int], c: float) -> dict[str, Any] | None:
    from sklearn.linear_model import LogisticRegression

    if sum(y) < 2 or sum(y) == len(y):
        return None
    vectorizer, matrix = _vectorise(rows)
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(matrix, y)
    return {
        "bias": round(float(model.intercept_[0]), 4),
        "weights": _weights(vectorizer.get_feature_names_out(), model.coef_[0]),
    }


def _probability(table: dict[str, Any], features: list[str]) -> float:
    weights = table["weights"]
    return sigmoid(table["bias"] + sum(weights.get(f, 0.0) for f in features))


@dataclass(frozen=True)
class Pair:
    """An entity pair of one article: its best probability, label, whether a rule found it."""

    p: float
    label: int
    ruled: bool


def _pairs(keys: list, probs: list[float], y: list[int]) -> list[Pair]:
    best: dict[tuple, Pair] = {}
    for key, p, label in zip(keys, probs, y, strict=True):
        old = best.get(key[:3], Pair(0.0, 0, False))
        best[key[:3]] = Pair(max(p, old.p), max(label, old.label), old.ruled or key[3])
    return list(best.values())


def _decide(pairs: list[Pair], min_precision: float) -> tuple[float, float]:
    """The veto (rule pairs below it are dropped) and threshold (other pairs from it on are
    added) with the best F1 over pairs, when it beats the rules alone by ``MIN_GAIN``, at a
    precision of at least ``min_precision`` or, when the rules alone are below that, at least
    the rules' own precision (and only then may the model veto the rules)."""
    positives = sum(p.label for p in pairs) or 1

    def quality(veto: float, threshold: float) -> tuple[float, float]:
        chosen = [p for p in pairs if p.p >= (veto if p.ruled else threshold)]
        tp = sum(p.label for p in chosen)
        precision = tp / len(chosen) if chosen else 1.0
        recall = tp / positives
        return precision, (2 * precision * recall / (precision + recall) if tp else 0.0)

    floor = min(min_precision, quality(0.0, 1.01)[0])
    # rules stay where they are precise: their relations are vetoed only for a predicate whose
    # rules fall below the precision asked for, and only when enough pairs show it
    vetoable = floor < min_precision and positives >= MIN_POSITIVES_TO_VETO
    vetoes = [v / 20 for v in range(13)] if vetoable else [0.0]
    thresholds = [*sorted({round(p.p, 4) for p in pairs if not p.ruled and p.p >= 0.2}), 1.01]
    rules_f1 = quality(0.0, 1.01)[1]
    best = (rules_f1, 0.0, 1.01)
    for veto in vetoes:
        for threshold in thresholds:
            precision, f1 = quality(veto, threshold)
            if precision >= floor and f1 > best[0] + 1e-9:
                best = (f1, veto, threshold)
    if best[0] < rules_f1 + MIN_GAIN:
        return 0.0, 1.01  # not clearly better than the rules alone: leave them be
    return best[1], best[2]


def train_relations(data: list[RelationData], *, c: float, min_precision: float) -> dict[str, Any]:
    tables = {}
    for predicate in LEARNED:
        oof: list[Pair] = []
        for held in _folds(len(data), 4):
            held_set = set(held)
            table = _fit_binary(
                *_relation_rows([d for n, d in enumerate(data) if n not in held_set], predicate)[
                    :2
                ],
                c,
            )
            rows, y, keys = _relation_rows([data[n] for n in held], predicate)
            probs = [_probability(table, r) if table else 0.0 for r in rows]
            oof += _pairs([(held[k[0]], *k[1:]) for k in keys], probs, y)
        veto, threshold = _decide(oof, min_precision)
        table = _fit_binary(*_relation_rows(data, predicate)[:2], c)
        if table is None or (veto == 0.0 and threshold > 1.0):
            print(
                f"  {predicate}: the model neither vetoes nor adds at precision "
                f"{min_precision}; rules only"
            )
            continue
        tables[predicate] = table | {"threshold": threshold, "veto": veto}
    return {"name": "relations", "labels": tables}


# ------------------------------------------------------------------ the whole
@dataclass
class Settings:
    c: float
    min_precision: float


def _score(items: list[GoldArticle], learned: list[Learned]) -> dict[str, Any]:
    lex = load_lexicon()
    pairs = [
        (item, extract_article(read_article(item.path), lexicon=lex, learned=how))
        for item, how in zip(items, learned, strict=True)
    ]
    return score_split(iter(pairs))


def cross_validate(items: list[GoldArticle], data: list[RelationData], s: Settings) -> None:
    learned: dict[int, Learned] = {}
    for held in _folds(len(items), FOLDS):
        held_set = set(held)
        table = train_relations(
            [d for n, d in enumerate(data) if n not in held_set],
            c=s.c,
            min_precision=s.min_precision,
        )
        for n in held:
            learned[n] = Learned(LinearModel(table))
    print(
        f"\n{FOLDS}-fold cross-validation on train "
        "(each article extracted by a model that never saw it):"
    )
    _score(items, [learned[n] for n in range(len(items))])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--min-precision", type=float, default=0.8)
    parser.add_argument("--no-cv", action="store_true")
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--out", type=Path, default=MODELS / "relations.json")
    args = parser.parse_args()
    require_shared()
    settings = Settings(args.c, args.min_precision)
    started = time.time()
    items = gold_articles("train")
    data = relation_data(items)
    print(
        f"train: {len(items)} articles, {sum(len(d.candidates) for d in data)} candidate pairs, "
        f"{sum(bool(labels) for d in data for labels in d.labels)} with a gold relation"
    )
    print("\nrules only (no learned stage), train:")
    _score(items, [Learned(classify_relations=False)] * len(items))
    if not args.no_cv:
        cross_validate(items, data, settings)
    if args.cv_only:
        return
    table = train_relations(data, c=settings.c, min_precision=settings.min_precision)
    table["training"] = {
        "command": "python scripts/train_relations.py",
        "data": f"../shared/eval/train ({len(items)} articles)",
        "settings": vars(settings),
    }
    args.out.write_text(json.dumps(table, indent=0, sort_keys=True, ensure_ascii=False) + "\n")
    weights = sum(len(t["weights"]) for t in table["labels"].values())
    decisions = ", ".join(
        f"{k} threshold {t['threshold']} veto {t['veto']}" for k, t in table["labels"].items()
    )
    print(f"\nwrote {args.out} ({weights} weights; {decisions}) in {time.time() - started:.0f} s")
    print("\ndev, with the model trained on all of train:")
    dev = gold_articles("dev")
    _score(dev, [Learned(LinearModel(table))] * len(dev))


if __name__ == "__main__":
    main()
