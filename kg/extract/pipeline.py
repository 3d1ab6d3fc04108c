"""The extraction pipeline: one article in, one :class:`~kg.model.records.Extraction` out."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.errors import ExtractionError
from kg.extract.anatomy import Anatomy, read_anatomy
from kg.extract.dates import DateMention, find_dates, qualifiers_for
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.linear import LinearModel
from kg.extract.mentions import read_sentences
from kg.extract.quotes import find_quotes
from kg.extract.relate import Candidate, candidates, classify
from kg.extract.relations import find_relations
from kg.extract.resolve import resolve
from kg.extract.text import repair, sentences_with_tokens
from kg.model.records import Article, Extraction, Relation, Sentence

__all__ = ["EXTRACTOR", "Learned", "TrainingView", "extract_article", "training_view"]

EXTRACTOR = "kg-rules/0.1"
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
            extra = qualifiers_for(sentence.text, shifted)
        out.append(replace(relation, qualifiers=relation.qualifiers + extra) if extra else relation)
    return out


@dataclass(frozen=True)
class Learned:
    """The learned stages and their models.

    Attributes:
        relations: the relation classifier's model (:mod:`kg.extract.relate`); None: the
            packaged one.
        classify_relations: run the relation classifier (else the rules' relations stand).
    """

    relations: LinearModel | None = None
    classify_relations: bool = True


@dataclass(frozen=True)
class TrainingView:
    """What the training script learns from: the extraction (with the rules' relations when
    the classifier is off) and the candidate pairs the relation classifier would judge."""

    extraction: Extraction
    candidates: list[Candidate]


def extract_article(
    article: Article, *, lexicon: Lexicon | None = None, learned: Learned = Learned()
) -> Extraction:
    """Extract entities, relations and quotes from one article.

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
    return _extract(article, lexicon or load_lexicon(), learned, training=False).extraction


def training_view(
    article: Article,
    *,
    lexicon: Lexicon | None = None,
    learned: Learned = Learned(classify_relations=False),
) -> TrainingView:
    """The extraction with the training data of the learned stages (see :class:`TrainingView`)."""
    return _extract(article, lexicon or load_lexicon(), learned, training=True)


def _extract(article: Article, lex: Lexicon, learned: Learned, *, training: bool) -> TrainingView:
    found: list[Candidate] = []
    try:
        text = repair(article.text)
        anatomy = read_anatomy(text, lex)
        split = sentences_with_tokens(text, anatomy.body, lex)
        sentences = [sentence for sentence, _ in split]
        parsed = read_sentences(text, sentences, lex, [tokens for _, tokens in split])
        resolution = resolve(parsed, anatomy, lex)
        published = _published(article, anatomy)
        year_match = _YEAR.match(published or "")
        year = int(year_match.group(1)) if year_match else None
        relations = find_relations(parsed, resolution, anatomy, lex)
        if training:
            found = candidates(parsed, resolution, relations, lex)
        if learned.classify_relations:
            relations = classify(parsed, resolution, relations, lex, learned.relations)
        relations = _qualify(relations, sentences, text, lex, year)
        quotes = find_quotes(parsed, resolution, lex)
    except RecursionError as exc:  # pathological input, e.g. a million nested brackets
        raise ExtractionError(
            f"extraction of {article.source or article.identity} failed: {exc}"
        ) from exc
    metadata = (("dateline", anatomy.dateline.text),) if anatomy.dateline else ()
    extraction = Extraction(
        article=article,
        sentences=tuple(sentences),
        entities=tuple(resolution.entities),
        relations=tuple(relations),
        quotes=tuple(quotes),
        published=published,
        extractor=EXTRACTOR,
        metadata=metadata,
    )
    return TrainingView(extraction, found)
