"""Stages that say what they need: the contract of the extraction pipeline and its runner.

A stage is a named function over the article's state (:class:`~kg.extract.doc.Doc`) that
declares the parts of that state it ``requires`` and the parts it ``produces`` (spaCy's
``Language.component(..., requires=..., assigns=...)`` is the model). Parts are named in
:data:`~kg.extract.doc.ARTEFACTS`. A stage that refines a part it reads (a learned typer over the
rule types) both requires and produces it.

* :class:`Stage` runs once per article: ``run(doc)``.
* :class:`SentenceStage` runs once per sentence: ``run(sentence, parser)``, with the sentence's
  :class:`~kg.extract.mentions.ParsedSentence` and the article's chunk parser (the lexicon and
  the names the article taught so far).
* :class:`EachSentence` is the article stage that runs its sentence stages over the first
  sentence, then all of them over the second, and so on: what a sentence teaches (a person's
  full name, a body's whole name) is known when the next one is read.

:class:`Pipeline` checks when it is built that every stage's requirements are produced by a stage
before it (or given: the article and the lexicon), and that stage names are unique; then
:meth:`Pipeline.run` runs the stages in order. :meth:`Pipeline.insert` makes a pipeline with one
more stage, e.g. a learned entity typer after the rules (``retype`` being the user's function)::

    PIPELINE.insert(Stage("type-entities", retype, requires=("entities",),
                          produces=("entities",)), after="resolve")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.errors import ExtractionError
from kg.extract.doc import ARTEFACTS, GIVEN, Doc
from kg.extract.mentions import ParsedSentence
from kg.extract.segment import ChunkParser

__all__ = ["EachSentence", "Pipeline", "SentenceStage", "Stage"]


@dataclass(frozen=True)
class Stage:
    """A step over the whole article."""

    name: str
    run: Callable[[Doc], None]
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()


@dataclass(frozen=True)
class SentenceStage:
    """A step over one sentence (run by an :class:`EachSentence`)."""

    name: str
    run: Callable[[ParsedSentence, ChunkParser], None]
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()


@dataclass(frozen=True)
class EachSentence:
    """An article step that runs its sentence stages, in order, over each sentence in turn."""

    name: str
    stages: tuple[SentenceStage, ...]


Step = Stage | EachSentence


class Pipeline:
    """A checked, ordered list of stages.

    Raises:
        ExtractionError: a stage requires a part no stage before it produces, names a part
            :data:`~kg.extract.doc.ARTEFACTS` does not know, or two stages share a name.
    """

    def __init__(self, steps: Iterable[Step]) -> None:
        self.steps: tuple[Step, ...] = tuple(steps)
        _check(self.steps)

    @property
    def names(self) -> list[str]:
        """Every stage's name in running order; a sentence stage as ``loop/stage``."""
        out: list[str] = []
        for step in self.steps:
            if isinstance(step, EachSentence):
                out += [f"{step.name}/{stage.name}" for stage in step.stages]
            else:
                out.append(step.name)
        return out

    def run(self, doc: Doc) -> Doc:
        """Run every stage over ``doc`` in order; return it."""
        for step in self.steps:
            if isinstance(step, EachSentence):
                _each_sentence(step.stages, doc)
            else:
                step.run(doc)
        return doc

    def without(self, name: str) -> Pipeline:
        """A new pipeline without the article stage named so (its dependants must not need it).

        Raises:
            ExtractionError: no article stage has that name, or a later stage requires what
                only it produced.
        """
        kept = [step for step in self.steps if step.name != name]
        if len(kept) == len(self.steps):
            raise ExtractionError(
                f"no stage {name!r} to leave out; stages: {', '.join(self.names)}"
            )
        return Pipeline(kept)

    def insert(
        self,
        stage: Stage | SentenceStage,
        *,
        after: str | None = None,
        before: str | None = None,
    ) -> Pipeline:
        """A new pipeline with ``stage`` right after (or before) the stage named so.

        A :class:`SentenceStage` goes beside a sentence stage, a :class:`Stage` beside an
        article stage (a sentence loop counts as one, by its own name).

        Raises:
            ExtractionError: no stage of that kind has that name, or the result breaks the
                contract (see :class:`Pipeline`).
        """
        if (after is None) == (before is None):
            raise ExtractionError(f"insert {stage.name!r}: give exactly one of after= or before=")
        anchor = after if after is not None else before
        shift = 1 if after is not None else 0
        if isinstance(stage, Stage):
            names = [step.name for step in self.steps]
            if anchor in names:
                at = names.index(anchor) + shift
                return Pipeline([*self.steps[:at], stage, *self.steps[at:]])
        else:
            for k, step in enumerate(self.steps):
                inner = [s.name for s in step.stages] if isinstance(step, EachSentence) else []
                if anchor in inner:
                    at = inner.index(anchor) + shift
                    assert isinstance(step, EachSentence)
                    loop = EachSentence(step.name, (*step.stages[:at], stage, *step.stages[at:]))
                    return Pipeline([*self.steps[:k], loop, *self.steps[k + 1 :]])
        raise ExtractionError(
            f"insert {stage.name!r}: no stage {anchor!r} of its kind; stages: "
            + ", ".join(self.names)
        )


def _each_sentence(stages: Sequence[SentenceStage], doc: Doc) -> None:
    parser = doc.parser
    for parsed in doc.parsed:
        for stage in stages:
            stage.run(parsed, parser)


def _check(steps: Sequence[Step]) -> None:
    available = set(GIVEN)
    seen: set[str] = set()
    for step in steps:
        stages: Sequence[Stage | SentenceStage] = (step,) if isinstance(step, Stage) else ()
        if isinstance(step, EachSentence):
            _check_name(step.name, seen)
            stages = step.stages
        for stage in stages:
            _check_name(stage.name, seen)
            for part in (*stage.requires, *stage.produces):
                if part not in ARTEFACTS:
                    raise ExtractionError(
                        f"stage {stage.name!r} names an unknown part {part!r}; known: "
                        f"{', '.join(ARTEFACTS)}; add it to ARTEFACTS in kg/extract/doc.py"
                    )
            missing = [part for part in stage.requires if part not in available]
            if missing:
                raise ExtractionError(
                    f"stage {stage.name!r} requires {', '.join(map(repr, missing))}, which no "
                    "stage before it produces; move it after a stage that produces that"
                )
            available.update(stage.produces)


def _check_name(name: str, seen: set[str]) -> None:
    if name in seen:
        raise ExtractionError(f"two stages are named {name!r}; give each stage its own name")
    seen.add(name)
