"""The extraction pipeline: one article in, one :class:`~kg.model.records.Extraction` out.

The whole order is declared here, in :data:`STAGES`: each stage says what it requires and what
it produces (the parts of the article's state :class:`~kg.extract.doc.Doc`, named in
:data:`~kg.extract.doc.ARTEFACTS`), and :data:`PIPELINE` checks, when the module loads, that
every requirement is produced by a stage before it. The stages of ``read-sentences`` run over
one sentence at a time, all of them over a sentence before the next is read (what a sentence
teaches, such as a person's full name, is known when the next one is read).

To add a stage (a learned typer, a relation classifier), write a function over the
:class:`~kg.extract.doc.Doc` (or over one :class:`~kg.extract.mentions.ParsedSentence` and the
chunk parser) and put a :class:`~kg.extract.stages.Stage` (or
:class:`~kg.extract.stages.SentenceStage`) for it in the list where it belongs, or build a
pipeline with :meth:`~kg.extract.stages.Pipeline.insert`. docs/extraction-pipeline.md follows one
article through the stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.errors import ExtractionError
from kg.extract import EXTRACTOR, holders, kinds, mentions
from kg.extract.anatomy import Anatomy, read_anatomy
from kg.extract.dates import DateMention, find_dates, qualifiers_for
from kg.extract.doc import Doc, Learned
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.quotes import find_quotes
from kg.extract.relate import Candidate, candidates, classify
from kg.extract.relations import cap_facts, find_relations
from kg.extract.resolve import resolve
from kg.extract.stages import EachSentence, Pipeline, SentenceStage, Stage
from kg.extract.text import repair, sentences_with_tokens
from kg.model.records import Article, Extraction, Relation, Sentence

__all__ = [
    "EXTRACTOR",
    "PIPELINE",
    "SENTENCE_STAGES",
    "STAGES",
    "Learned",
    "TrainingView",
    "extract_article",
    "run_pipeline",
    "training_view",
]

_YEAR = re.compile(r"^((?:19|20)\d{2})")


def _published(article: Article, anatomy: Anatomy) -> str | None:
    """The article's date: its metadata, else the dateline's day, else the copyright year."""
    return article.published or anatomy.date or anatomy.year


def _qualify(
    relations: list[Relation], sentences: list[Sentence], text: str, lex: Lexicon, year: int | None
) -> list[Relation]:
    by_index = {s.index: s for s in sentences}
    found: dict[int, list[DateMention]] = {}  # the dates of each sentence, found once
    out: list[Relation] = []
    for relation in relations:
        extra: tuple[tuple[str, str], ...] = ()
        sentence = by_index.get(relation.sentence)
        if sentence is not None and relation.predicate != "participatedIn":
            # a date qualifies the fact it stands next to, not every fact of the sentence
            window_start, window_end = relation.start, min(sentence.end, relation.end + 40)
            if sentence.index not in found:
                found[sentence.index] = find_dates(text, sentence.start, sentence.end, lex, year)
            dates = [d for d in found[sentence.index] if window_start <= d.start <= window_end]
            shifted = [
                replace(d, start=d.start - sentence.start, end=d.end - sentence.start)
                for d in dates
            ]
            extra = qualifiers_for(sentence.text, shifted, lex)
        out.append(replace(relation, qualifiers=relation.qualifiers + extra) if extra else relation)
    return out


# ---------------------------------------------------------------- article stages
def repair_text(doc: Doc) -> None:
    """Undo scraping damage (:func:`~kg.extract.text.repair`), offsets unchanged."""
    doc.text = repair(doc.article.text)


def read_frame(doc: Doc) -> None:
    """Split the body from the dateline, credit lines and boilerplate."""
    doc.anatomy = read_anatomy(doc.text, doc.lexicon)


def split_body(doc: Doc) -> None:
    """The body's sentences, each with its tokens."""
    split = sentences_with_tokens(doc.text, doc.anatomy.body, doc.lexicon)
    doc.sentences = [sentence for sentence, _ in split]
    doc.tokens = [tokens for _, tokens in split]


def chunk_sentences(doc: Doc) -> None:
    """Every sentence's capitalised chunks; the short forms the article defines."""
    doc.parsed = mentions.read_chunks(doc.sentences, doc.tokens, doc.parser)


def resolve_entities(doc: Doc) -> None:
    """Group the typed pieces and the frame's names into entities."""
    doc.resolution = resolve(doc.parsed, doc.anatomy, doc.lexicon)


def date_article(doc: Doc) -> None:
    """The article's date: its metadata, else the dateline's day, else the copyright year."""
    doc.published = _published(doc.article, doc.anatomy)
    year_match = _YEAR.match(doc.published or "")
    doc.year = int(year_match.group(1)) if year_match else None


def find_rule_relations(doc: Doc) -> None:
    """Facts from titles, appositions, cue phrases and the article's frame."""
    doc.relations = find_relations(doc.parsed, doc.resolution, doc.anatomy, doc.lexicon)


def classify_relations(doc: Doc) -> None:
    """The relation classifier (:mod:`kg.extract.relate`) vetoes rule relations and adds the
    pairs it is sure of, with the model of ``doc.learned``."""
    doc.relations = classify(
        doc.parsed, doc.resolution, doc.relations, doc.lexicon, doc.learned.relations
    )


def relation_candidates(doc: Doc) -> None:
    """The candidate pairs the relation classifier would judge, for training it."""
    doc.candidates = candidates(doc.parsed, doc.resolution, doc.relations, doc.lexicon)


def qualify_relations(doc: Doc) -> None:
    """Dates next to a fact become its start or end ("sejak April 2016")."""
    doc.relations = _qualify(doc.relations, doc.sentences, doc.text, doc.lexicon, doc.year)


def cap_sentence_facts(doc: Doc) -> None:
    """At most :data:`~kg.extract.relations.MAX_FACTS_PER_SENTENCE` facts a sentence, the
    most confident; a note says where facts were left out."""
    doc.relations, notes = cap_facts(doc.relations)
    doc.notes += notes


def find_article_quotes(doc: Doc) -> None:
    """Quotations with their speakers."""
    doc.quotes = find_quotes(doc.parsed, doc.resolution, doc.lexicon)


# ---------------------------------------------------------------- the declared order
SENTENCE_STAGES: tuple[SentenceStage, ...] = (
    SentenceStage(
        "segment",
        mentions.segment,
        requires=("chunks", "names"),
        produces=("pieces", "types", "holders", "names"),
    ),
    SentenceStage(
        "drop-non-names",
        kinds.drop_non_names,
        requires=("pieces", "types"),
        produces=("pieces",),
    ),
    SentenceStage(
        "leading-cues",
        kinds.leading_cues,
        requires=("pieces", "types"),
        produces=("pieces", "types"),
    ),
    SentenceStage(
        "initials-and-ages",
        kinds.initials_and_ages,
        requires=("pieces", "types"),
        produces=("types",),
    ),
    SentenceStage(
        "classify-unknowns",
        kinds.classify_unknowns,
        requires=("pieces", "types", "holders"),
        produces=("pieces", "types", "holders", "nicknames"),
    ),
    SentenceStage(
        "tag-unknowns",
        kinds.tag_unknowns,
        requires=("pieces", "types"),
        produces=("pieces", "types"),
    ),
    SentenceStage(
        "list-peers", kinds.list_peers, requires=("pieces", "types"), produces=("types",)
    ),
    SentenceStage(
        "enumerated-holders",
        holders.enumerated_holders,
        requires=("pieces", "types", "holders"),
        produces=("holders",),
    ),
    SentenceStage(
        "link-titles", holders.link_titles, requires=("pieces", "holders"), produces=("holders",)
    ),
    SentenceStage(
        "trailing-titles",
        holders.trailing_titles,
        requires=("pieces", "types", "holders"),
        produces=("holders",),
    ),
    SentenceStage(
        "envoys",
        holders.envoys,
        requires=("pieces", "types", "holders"),
        produces=("pieces", "types", "holders"),
    ),
    SentenceStage(
        "mark-speakers",
        mentions.mark_speakers,
        requires=("pieces", "types"),
        produces=("speakers",),
    ),
    SentenceStage(
        "nicknames",
        mentions.link_nicknames,
        requires=("pieces", "types"),
        produces=("types", "nicknames"),
    ),
    SentenceStage(
        "learn-names", mentions.learn_names, requires=("pieces", "types"), produces=("names",)
    ),
)
"""What is done to each sentence, in order (the ``read-sentences`` stage)."""

STAGES: tuple[Stage | EachSentence, ...] = (
    Stage("repair", repair_text, requires=("article",), produces=("text",)),
    Stage("anatomy", read_frame, requires=("text",), produces=("anatomy",)),
    Stage("sentences", split_body, requires=("text", "anatomy"), produces=("sentences",)),
    Stage("chunks", chunk_sentences, requires=("sentences",), produces=("chunks", "names")),
    EachSentence("read-sentences", SENTENCE_STAGES),
    Stage(
        "resolve",
        resolve_entities,
        requires=("pieces", "types", "holders", "nicknames", "anatomy"),
        produces=("entities",),
    ),
    Stage("published", date_article, requires=("article", "anatomy"), produces=("published",)),
    Stage(
        "relations",
        find_rule_relations,
        requires=("pieces", "types", "holders", "speakers", "entities", "anatomy"),
        produces=("relations",),
    ),
    Stage(
        "classify-relations",
        classify_relations,
        requires=("learned", "pieces", "types", "holders", "entities", "relations"),
        produces=("relations",),
    ),
    Stage(
        "date-qualifiers",
        qualify_relations,
        requires=("relations", "sentences", "published"),
        produces=("relations",),
    ),
    Stage(
        "cap-facts", cap_sentence_facts, requires=("relations",), produces=("relations", "notes")
    ),
    Stage(
        "quotes",
        find_article_quotes,
        requires=("pieces", "holders", "entities"),
        produces=("quotes",),
    ),
)
"""Every stage of the extraction, in running order."""

PIPELINE = Pipeline(STAGES)
""":data:`STAGES`, checked: every requirement is produced by an earlier stage."""


_RULES_PIPELINE = PIPELINE.without("classify-relations")
_CANDIDATES = Stage(
    "relation-candidates",
    relation_candidates,
    requires=("pieces", "types", "entities", "relations"),
    produces=("candidates",),
)


_LEARNED = Learned()
_RULES_ONLY = Learned(classify_relations=False)


@dataclass(frozen=True)
class TrainingView:
    """What the training script learns from: the extraction (with the rules' relations when
    the classifier is off) and the candidate pairs the relation classifier would judge."""

    extraction: Extraction
    candidates: list[Candidate]


def extract_article(
    article: Article, *, lexicon: Lexicon | None = None, learned: Learned = _LEARNED
) -> Extraction:
    """Extract entities, relations and quotes from one article (runs :data:`PIPELINE`).

    Args:
        article: the article.
        lexicon: the language data (kg's own by default).
        learned: the learned stages to run and their models (the packaged ones by default).

    Raises:
        ExtractionError: the extractor failed (a bug; the message names the article).

    >>> ex = extract_article(Article("Wali Kota Bogor Bima Arya hadir di Jakarta."))
    >>> [(r.predicate, ex.entity(r.subject).name, ex.entity(r.object).name) for r in ex.relations]
    [('mayorOf', 'Bima Arya', 'Kota Bogor')]
    """
    pipeline = PIPELINE if learned.classify_relations else _RULES_PIPELINE
    return to_extraction(_run(pipeline, Doc(article, lexicon or load_lexicon(), learned)))


def training_view(
    article: Article,
    *,
    lexicon: Lexicon | None = None,
    learned: Learned = _RULES_ONLY,
) -> TrainingView:
    """The extraction with the training data of the learned stages (see :class:`TrainingView`):
    :data:`PIPELINE` with the candidate pairs taken after the rule relations."""
    pipeline = PIPELINE if learned.classify_relations else _RULES_PIPELINE
    pipeline = pipeline.insert(_CANDIDATES, after="relations")
    doc = _run(pipeline, Doc(article, lexicon or load_lexicon(), learned))
    return TrainingView(to_extraction(doc), doc.candidates)


def run_pipeline(
    pipeline: Pipeline,
    article: Article,
    *,
    lexicon: Lexicon | None = None,
    learned: Learned = _LEARNED,
) -> Extraction:
    """Run ``pipeline`` over one article and return what it found.

    Raises:
        ExtractionError: a stage failed (a bug; the message names the article).
    """
    return to_extraction(_run(pipeline, Doc(article, lexicon or load_lexicon(), learned)))


def _run(pipeline: Pipeline, doc: Doc) -> Doc:
    try:
        return pipeline.run(doc)
    except RecursionError as exc:  # pathological input, e.g. a million nested brackets
        article = doc.article
        raise ExtractionError(
            f"extraction of {article.source or article.identity} failed: {exc}"
        ) from exc


def to_extraction(doc: Doc) -> Extraction:
    """The record of what the stages found in ``doc``."""
    anatomy = doc.anatomy
    metadata = (("dateline", anatomy.dateline.text),) if anatomy.dateline else ()
    return Extraction(
        article=doc.article,
        sentences=tuple(doc.sentences),
        entities=tuple(doc.resolution.entities),
        relations=tuple(doc.relations),
        quotes=tuple(doc.quotes),
        published=doc.published,
        extractor=EXTRACTOR,
        metadata=metadata,
        notes=tuple(doc.notes),
    )
