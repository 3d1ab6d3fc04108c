"""The learned relation stage: candidate pairs, the linear model, and what it keeps or adds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import ResourceError
from kg.extract.doc import Doc
from kg.extract.linear import LinearModel, sigmoid
from kg.extract.pipeline import PIPELINE, Learned, extract_article, run_pipeline, training_view
from kg.extract.relate import LEARNED, Candidate, candidates, default_model
from kg.extract.stages import Stage
from kg.model.records import Article
from kg.model.terms import RELATIONS

# a bare "Bandung" is the city, as news means it (kg/extract, bare region names)
TEXT = "Universitas Sukamaju berkantor di Bandung sejak 1990."


def _names(text: str, learned: Learned) -> set[tuple[str, str, str]]:
    ex = extract_article(Article(text), learned=learned)
    name = {e.key: e.name for e in ex.entities}
    return {(name[r.subject], r.predicate, name[r.object]) for r in ex.relations}


def _model(predicate: str, weights: dict[str, float], *, threshold: float, veto: float) -> Learned:
    table = {"bias": -5.0, "threshold": threshold, "veto": veto, "weights": weights}
    return Learned(LinearModel({"name": "test", "labels": {predicate: table}}))


def test_candidates_describe_a_pair_by_its_words_types_and_rules() -> None:
    view = training_view(Article(TEXT))
    names = {e.key: e.name for e in view.extraction.entities}
    pair = next(
        c
        for c in view.candidates
        if (names[c.subject], names[c.object]) == ("Universitas Sukamaju", "Kota Bandung")
    )
    assert {"order=so", "types=Organization>Place", "gap=so:berkantor di", "oprev=di"} <= set(
        pair.features
    )
    assert "rule=locatedIn" in pair.features  # the cue rule fired, in this direction
    assert "cue-b=locatedIn" in pair.features


def test_names_in_features_are_shapes_not_words() -> None:
    """A model trained on a few dozen articles must not learn their names."""
    view = training_view(Article("Wali Kota Bogor Bima Arya hadir di Jakarta."))
    features = {f for c in view.candidates for f in c.features}
    assert "b=~C" in features
    assert not {f for f in features if "bima" in f or "arya" in f}


def test_a_confident_model_adds_a_pair_the_rules_missed() -> None:
    text = "Universitas Sukamaju menggelar wisuda di Bandung."
    rules = _names(text, Learned(classify_relations=False))
    assert ("Universitas Sukamaju", "locatedIn", "Kota Bandung") not in rules
    learned = _model("locatedIn", {"b-1=di": 10.0}, threshold=0.5, veto=0.0)
    assert ("Universitas Sukamaju", "locatedIn", "Kota Bandung") in _names(text, learned)


def test_a_model_below_its_threshold_adds_nothing() -> None:
    text = "Universitas Sukamaju menggelar wisuda di Bandung."
    learned = _model("locatedIn", {"b-1=di": 10.0}, threshold=0.9999, veto=0.0)
    assert ("Universitas Sukamaju", "locatedIn", "Kota Bandung") not in _names(text, learned)


def test_the_veto_drops_a_rule_relation_the_model_doubts() -> None:
    fact = ("Universitas Sukamaju", "locatedIn", "Kota Bandung")
    assert fact in _names(TEXT, _model("locatedIn", {}, threshold=1.01, veto=0.0))
    assert fact not in _names(TEXT, _model("locatedIn", {}, threshold=1.01, veto=0.5))


def test_predicates_the_model_does_not_learn_pass_through() -> None:
    text = "Wali Kota Bogor Bima Arya hadir di Jakarta."
    learned = _model("locatedIn", {}, threshold=1.01, veto=0.9)
    assert ("Bima Arya", "mayorOf", "Kota Bogor") in _names(text, learned)


def test_the_packaged_model_loads_and_only_learns_what_it_may() -> None:
    model = default_model()
    assert set(model.weights) <= set(LEARNED)
    assert all(0.0 <= model.veto[p] <= 1.0 for p in model.weights)


def test_linear_model_scores_and_distributions() -> None:
    model = LinearModel(
        {"labels": {"a": {"bias": 0.0, "weights": {"x": 2.0}}, "b": {"bias": 1.0, "weights": {}}}}
    )
    assert model.probability("a", ["x"]) == pytest.approx(sigmoid(2.0))
    distribution = model.distribution(["x"])
    assert distribution["a"] > distribution["b"]
    assert sum(distribution.values()) == pytest.approx(1.0)
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("not json", id="not-json"),
        pytest.param(json.dumps({"labels": {"a": {"bias": 0.0}}}), id="no-weights"),
        pytest.param(json.dumps({"name": "x"}), id="no-labels"),
    ],
)
def test_a_broken_model_file_is_a_resource_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError, match="model"):
        LinearModel.load(path)


def test_candidates_describe_only_pairs_the_asked_predicates_can_score() -> None:
    """The classifier asks only for its kept predicates' pairs: describing the others would be
    work thrown away (most of the stage's time when one predicate is kept)."""
    text = (
        "Festival Danau Sukamaju digelar di Kota Bandung. "
        "Wali Kota Bandung Rina Wulandari bertemu Universitas Sukamaju di Jakarta."
    )
    found: dict[str, list[Candidate]] = {}

    def capture(doc: Doc) -> None:
        found["all"] = candidates(doc.parsed, doc.resolution, doc.relations, doc.lexicon)
        found["located"] = candidates(
            doc.parsed, doc.resolution, doc.relations, doc.lexicon, ("locatedIn",)
        )

    stage = Stage("capture", capture, requires=("relations",))
    extraction = run_pipeline(PIPELINE.insert(stage, after="relations"), Article(text))
    types = {e.key: e.type.value for e in extraction.entities}
    every = {(types[c.subject], types[c.object]) for c in found["all"]}
    assert ("Person", "Event") in every  # participation, from another sentence
    assert ("Person", "Organization") in every
    assert found["located"]
    for c in found["located"]:
        subject = extraction.entity(c.subject)
        obj = extraction.entity(c.object)
        assert subject is not None
        assert obj is not None
        assert subject.type in RELATIONS["locatedIn"].subjects
        assert obj.type in RELATIONS["locatedIn"].objects
        assert not any(f.startswith("x:") for f in c.features)  # no event-discourse pairs
