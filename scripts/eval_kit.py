"""The gold sets of ``../shared/eval`` read in-process, for the scripts that develop extraction.

``score.py`` (the ruler) runs ``kg extract`` once per article, two seconds of start-up each; the
scripts here extract every article in one process and score the RDF with ``score.py``'s own
functions, so a full train run takes seconds and scores exactly as the ruler does.

Needs ``../shared`` (not part of a user's clone): :func:`require_shared` exits with a message
when it is absent.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"


def require_shared() -> None:
    """Exit with a message when ``../shared/eval`` is not there."""
    if not (EVAL / "score.py").is_file():
        print(f"skipped: {EVAL} is absent (the gold sets live outside the repo)", file=sys.stderr)
        raise SystemExit(0)


def scorer() -> ModuleType:
    """``../shared/eval/score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("kg_eval_score", EVAL / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class GoldArticle:
    """One gold file with the path of its article."""

    name: str  # the gold file's stem ("100")
    gold: dict[str, Any]
    path: Path


def gold_articles(split: str) -> list[GoldArticle]:
    """The articles of ``train`` or ``dev`` with their gold, in file order."""
    folder = EVAL / split
    out = []
    for gold_file in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        out.append(GoldArticle(gold_file.stem, gold, folder / "articles" / gold["article"]))
    return out


def read_article(path: Path) -> Any:
    """The :class:`~kg.model.records.Article` that ``kg extract`` reads from this file."""
    from kg.ingest import read_sources
    from kg.model.records import Article

    for item in read_sources([path]):
        if isinstance(item, Article):
            return item
        raise SystemExit(f"{path}: {item}")
    raise SystemExit(f"{path}: nothing read")


def prediction(extraction: Any, score: ModuleType, ontology: Any) -> tuple[Any, Any, Any]:
    """What ``score.py`` reads from the RDF ``kg extract`` would write for this extraction."""
    from rdflib import Graph

    from kg.model.rdf import article_triples

    graph = Graph()
    for triple in article_triples(extraction)[1]:
        graph.add(triple)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.ttl"
        graph.serialize(out, format="turtle", encoding="utf-8")
        return score.read_prediction(out, ontology)  # type: ignore[no-any-return]


def score_split(
    extractions: Iterator[tuple[GoldArticle, Any]], *, show_errors: bool = False
) -> dict[str, Any]:
    """Score extractions against their gold the way ``score.py`` does; print its summary."""
    from collections import defaultdict

    score = scorer()
    ontology = score.load_ontology(ROOT / "ontology")
    ent_tot: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rel_tot: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    relax_tot = [0, 0, 0]
    per_article = {}
    for item, extraction in extractions:
        entities, labels, relations = prediction(extraction, score, ontology)
        ent, rel, relax, errors = score.score_article(item.gold, entities, labels, relations)
        for t, v in ent.items():
            for i in range(3):
                ent_tot[t][i] += v[i]
        for p, v in rel.items():
            for i in range(3):
                rel_tot[p][i] += v[i]
        for i in range(3):
            relax_tot[i] += relax[i]
        per_article[item.name] = errors
        if show_errors:
            print(f"== {item.name}.json ({item.gold['article']})")
            for k, v in errors.items():
                if v:
                    print(f"  {k}: " + "; ".join(v))
    prf = score.prf
    ent_micro = prf(*[sum(ent_tot[t][i] for t in score.SCORED_TYPES) for i in range(3)])
    rel_micro = prf(*[sum(v[i] for v in rel_tot.values()) for i in range(3)])
    entities = {t: prf(*ent_tot[t]) for t in score.ENTITY_TYPES}
    rels = {p: prf(*rel_tot[p]) for p in score.PREDICATES}
    print(
        "entities      "
        + "  ".join(
            f"{t} P {entities[t]['p']:.3f} R {entities[t]['r']:.3f} F1 {entities[t]['f1']:.3f}"
            for t in score.ENTITY_TYPES
        )
    )
    print(
        "relations     "
        + "  ".join(
            f"{p} {rels[p]['p']:.2f}/{rels[p]['r']:.2f}/{rels[p]['f1']:.2f}({rels[p]['gold']})"
            for p in score.PREDICATES
            if rels[p]["gold"]
        )
    )
    relaxed = prf(*relax_tot)
    print(
        f"entity P {ent_micro['p']:.3f} R {ent_micro['r']:.3f} F1 {ent_micro['f1']:.3f} | "
        f"relation strict P {rel_micro['p']:.3f} R {rel_micro['r']:.3f} F1 {rel_micro['f1']:.3f} | "
        f"relaxed F1 {relaxed['f1']:.3f}"
    )
    return {
        "entities": entities | {"micro": ent_micro},
        "relations": rels | {"micro": rel_micro, "relaxed": relaxed},
        "errors": per_article,
    }
