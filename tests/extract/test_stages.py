"""The declared stages of the extraction pipeline: the contract is checked when a pipeline is
built, stages can be inserted, and each stage changes only the parts it says it produces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from kg.errors import ExtractionError
from kg.extract.doc import ARTEFACTS, Doc
from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import ParsedSentence
from kg.extract.pipeline import PIPELINE, STAGES, extract_article, run_pipeline
from kg.extract.segment import ChunkParser
from kg.extract.stages import EachSentence, Pipeline, SentenceStage, Stage
from kg.model.records import Article

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
TEXT = (
    "Wali Kota Bogor Bima Arya hadir di Jakarta. Teradu Adi Susanto, akrab disapa Adi, "
    '"Kami siap," kata Bima. Duta Besar Jepang untuk Indonesia Kenji Kanasugi datang.'
)


def _nothing(doc: Doc) -> None:
    del doc


def _nothing_in(ps: ParsedSentence, parser: ChunkParser) -> None:
    del ps, parser


def test_the_pipeline_runs_the_declared_stages_in_order() -> None:
    names = PIPELINE.names
    assert names[:4] == ["repair", "anatomy", "sentences", "chunks"]
    assert names[4] == "read-sentences/segment"
    assert names.index("read-sentences/learn-names") < names.index("resolve")
    assert names[-5:] == [
        "relations",
        "classify-relations",
        "date-qualifiers",
        "cap-facts",
        "quotes",
    ]


def test_a_stage_that_requires_what_no_earlier_stage_produces_is_refused() -> None:
    late = Stage("type-entities", _nothing, requires=("entities",), produces=("entities",))
    with pytest.raises(ExtractionError, match="'type-entities' requires 'entities'"):
        Pipeline([STAGES[0], late, *STAGES[1:]])


def test_stages_in_the_wrong_order_are_refused() -> None:
    steps = list(STAGES)
    resolve = next(s for s in steps if s.name == "resolve")
    steps.remove(resolve)
    steps.insert(1, resolve)  # before the sentences are read
    with pytest.raises(ExtractionError, match="'resolve' requires 'pieces'"):
        Pipeline(steps)


def test_a_sentence_stage_is_checked_against_the_stages_before_it() -> None:
    speakers_first = SentenceStage("quote-speakers", _nothing_in, requires=("speakers",))
    with pytest.raises(ExtractionError, match="'quote-speakers' requires 'speakers'"):
        PIPELINE.insert(speakers_first, after="segment")
    assert (
        "read-sentences/quote-speakers"
        in PIPELINE.insert(speakers_first, after="mark-speakers").names
    )


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        pytest.param(
            Stage("typo", _nothing, requires=("entites",)), "unknown part 'entites'", id="part"
        ),
        pytest.param(Stage("resolve", _nothing), "two stages are named 'resolve'", id="name"),
    ],
)
def test_unknown_parts_and_shared_names_are_refused(stage: Stage, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        PIPELINE.insert(stage, after="quotes")


def test_insert_names_the_stages_when_the_anchor_is_unknown() -> None:
    stage = Stage("later", _nothing)
    with pytest.raises(ExtractionError, match=r"no stage 'resolv' .*resolve"):
        PIPELINE.insert(stage, after="resolv")
    with pytest.raises(ExtractionError, match="exactly one of"):
        PIPELINE.insert(stage)


def test_an_inserted_article_stage_refines_what_it_requires() -> None:
    def retype(doc: Doc) -> None:  # what a learned typer does: it may change every type
        entities = doc.resolution.entities
        entities[:] = [replace(e, cls="Place") if e.name == "Bima Arya" else e for e in entities]

    stage = Stage("type-entities", retype, requires=("entities",), produces=("entities",))
    pipeline = PIPELINE.insert(stage, after="resolve")
    assert pipeline.names[pipeline.names.index("resolve") + 1] == "type-entities"
    article = Article(TEXT)
    before = {e.name: e.cls for e in extract_article(article).entities}
    after = {e.name: e.cls for e in run_pipeline(pipeline, article).entities}
    assert before["Bima Arya"] == "Person"
    assert after["Bima Arya"] == "Place"
    assert {k: v for k, v in after.items() if k != "Bima Arya"} == {
        k: v for k, v in before.items() if k != "Bima Arya"
    }


def test_an_inserted_sentence_stage_runs_on_every_sentence_in_order() -> None:
    seen: list[tuple[int, int]] = []

    def count(ps: ParsedSentence, parser: ChunkParser) -> None:
        del parser
        seen.append((ps.sentence.index, len(ps.pieces)))

    stage = SentenceStage("count", count, requires=("pieces",))
    run_pipeline(PIPELINE.insert(stage, before="learn-names"), Article(TEXT))
    assert [index for index, _ in seen] == [0, 1, 2]
    assert all(n > 0 for _, n in seen)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_the_declared_pipeline_is_the_extractor(path: Path) -> None:
    article = Article(path.read_text(encoding="utf-8"))
    assert run_pipeline(PIPELINE, article) == extract_article(article)


# ---------------------------------------------------------------- what each stage changes
def _parts(doc: Doc) -> dict[str, object]:
    """Every part of ``doc`` (named as in ARTEFACTS) as a comparable value; what belongs to a
    sentence or a piece is keyed by it, so that a stage adding or dropping pieces changes only
    ``pieces`` and the stage making the sentences only ``chunks``."""
    every = [p for ps in doc.parsed for p in ps.pieces]

    def ref(piece: object) -> int | None:
        return None if piece is None else id(piece)

    return {
        "article": doc.article,
        "lexicon": id(doc.lexicon),
        "learned": doc.learned,
        "text": doc.text,
        "anatomy": repr(doc.anatomy),
        "sentences": (repr(doc.sentences), [[id(t) for t in ts] for ts in doc.tokens]),
        "chunks": [
            (id(ps), [([id(w) for w in c.words], c.definitions) for c in ps.chunks])
            for ps in doc.parsed
        ],
        "names": (
            sorted((k, repr(v)) for b in doc.names.trie.firsts.values() for k, v in b.items()),
            dict(doc.names.classes),
            dict(doc.names.short_forms),
        ),
        "pieces": {
            id(ps): [
                (
                    id(p),
                    [id(w) for w in p.words],
                    [id(w) for w in p.span],
                    list(p.aliases),
                    ref(p.region),
                    p.office,
                    p.derived,
                    p.sub_unit,
                )
                for p in ps.pieces
            ]
            for ps in doc.parsed
        },
        "types": {id(p): (p.kind, p.cls, p.rule, p.candidates, p.name, p.title) for p in every},
        "holders": {
            id(p): (
                ref(p.unit),
                ref(p.holder),
                [id(c) for c in p.co_holders],
                [id(e) for e in p.extra_units],
            )
            for p in every
        },
        "speakers": {id(p): p.speaker for p in every},
        "nicknames": {id(ps): [(id(a), id(b)) for a, b in ps.nicknames] for ps in doc.parsed},
        "entities": (
            repr(doc.resolution.entities),
            dict(doc.resolution.by_piece),
            dict(doc.resolution.by_span),
        ),
        "published": (doc.published, doc.year),
        "relations": repr(doc.relations),
        "candidates": repr(doc.candidates),
        "quotes": repr(doc.quotes),
        "notes": list(doc.notes),
        "_alive": (every, list(doc.parsed)),  # no id is reused while these live
    }


def _changed(before: dict[str, object], after: dict[str, object]) -> set[str]:
    out = set()
    for part in ARTEFACTS:
        old, new = before[part], after[part]
        if isinstance(old, dict) and isinstance(new, dict):
            old = {k: v for k, v in old.items() if k in new}  # pieces both before and after
            new = {k: v for k, v in new.items() if k in old}
        if old != new:
            out.add(part)
    return out


def _watched(pipeline: Pipeline, doc: Doc, changes: list[tuple[str, set[str]]]) -> Pipeline:
    """The pipeline with each stage wrapped to record what it changed in ``doc``."""

    def watch_doc(stage: Stage) -> Callable[[Doc], None]:
        def run(d: Doc) -> None:
            before = _parts(d)
            stage.run(d)
            changes.append((stage.name, _changed(before, _parts(d)) - set(stage.produces)))

        return run

    def watch_sentence(stage: SentenceStage) -> Callable[[ParsedSentence, ChunkParser], None]:
        def run(ps: ParsedSentence, parser: ChunkParser) -> None:
            before = _parts(doc)
            stage.run(ps, parser)
            changes.append((stage.name, _changed(before, _parts(doc)) - set(stage.produces)))

        return run

    steps: list[Stage | EachSentence] = []
    for step in pipeline.steps:
        if isinstance(step, EachSentence):
            inner = tuple(replace(s, run=watch_sentence(s)) for s in step.stages)
            steps.append(EachSentence(step.name, inner))
        else:
            steps.append(replace(step, run=watch_doc(step)))
    return Pipeline(steps)


def _undeclared(pipeline: Pipeline, text: str) -> list[tuple[str, set[str]]]:
    doc = Doc(Article(text), load_lexicon())
    changes: list[tuple[str, set[str]]] = []
    _watched(pipeline, doc, changes).run(doc)
    return [(name, parts) for name, parts in changes if parts]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_each_stage_changes_only_what_it_declares(path: Path) -> None:
    assert _undeclared(PIPELINE, path.read_text(encoding="utf-8")) == []


def test_a_stage_that_changes_an_undeclared_part_is_caught() -> None:
    def speak(ps: ParsedSentence, parser: ChunkParser) -> None:
        del parser
        for piece in ps.pieces:
            piece.speaker = True

    sly = SentenceStage("sly", speak, requires=("pieces",), produces=("types",))
    assert _undeclared(PIPELINE, TEXT) == []
    assert ("sly", {"speakers"}) in _undeclared(PIPELINE.insert(sly, after="segment"), TEXT)


def test_the_pipeline_page_lists_every_stage_in_running_order() -> None:
    page = (ROOT / "docs" / "extraction-pipeline.md").read_text(encoding="utf-8")
    section = page.split("## The stages, in running order")[1].split("\n## ")[0]
    rows = [
        line.split("|")[1].strip(" `") for line in section.splitlines() if line.startswith("| `")
    ]
    loop = next(step for step in PIPELINE.steps if isinstance(step, EachSentence))
    assert rows == [step.name for step in PIPELINE.steps] + [stage.name for stage in loop.stages]


def test_a_stage_is_left_out_only_when_no_later_stage_needs_it() -> None:
    assert "classify-relations" not in PIPELINE.without("classify-relations").names
    with pytest.raises(ExtractionError, match="'relations' requires 'entities'"):
        PIPELINE.without("resolve")
    with pytest.raises(ExtractionError, match="no stage 'resolv' to leave out"):
        PIPELINE.without("resolv")
