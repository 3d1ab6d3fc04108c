"""The state of one article on its way through the extraction stages, and the names of its parts.

A :class:`Doc` starts with the article and the lexicon; each stage of
:data:`kg.extract.pipeline.STAGES` reads some of its parts and fills in or refines others. The
parts are named in :data:`ARTEFACTS`: a stage declares by these names what it requires and what
it produces (:mod:`kg.extract.stages`), and the pipeline checks, when it is built, that every
part a stage requires is produced by a stage before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.anatomy import Anatomy
from kg.extract.lexicon import Lexicon
from kg.extract.linear import LinearModel
from kg.extract.mentions import ParsedSentence
from kg.extract.pieces import DocNames
from kg.extract.relate import Candidate
from kg.extract.resolve import Resolution
from kg.extract.segment import ChunkParser
from kg.extract.text import Token
from kg.model.records import Article, Quote, Relation, Sentence

__all__ = ["ARTEFACTS", "GIVEN", "Doc", "Learned"]

ARTEFACTS: dict[str, str] = {
    "article": "Doc.article: the article as ingested (given)",
    "lexicon": "Doc.lexicon: the language data of data/lexicon (given)",
    "learned": "Doc.learned: which learned stages run and their models (given)",
    "text": "Doc.text: the article text with scraping damage repaired, offsets unchanged",
    "anatomy": "Doc.anatomy: body spans, dateline, credit lines, outlets, copyright year",
    "sentences": "Doc.sentences and Doc.tokens: the body's sentences and their tokens",
    "chunks": "Doc.parsed: one ParsedSentence per sentence with its capitalised chunks",
    "names": "Doc.names: the names the article teaches (short forms, places, bodies, persons)",
    "pieces": "ParsedSentence.pieces: the pieces of each sentence, their words and asides",
    "types": "Piece.kind, cls, rule, candidates, name: what each piece is",
    "holders": "Piece.unit, holder, co_holders, extra_units: who holds a title, of what",
    "speakers": "Piece.speaker: the piece is named right after a speech verb",
    "nicknames": "ParsedSentence.nicknames: (person, nickname) pairs",
    "entities": "Doc.resolution: the article's entities and which piece or span is which",
    "published": "Doc.published and Doc.year: the article's date",
    "relations": "Doc.relations: facts between entities, with evidence and confidence",
    "candidates": "Doc.candidates: entity pairs the relation classifier judges (training)",
    "quotes": "Doc.quotes: quotations and their speakers",
    "notes": "Doc.notes: what the extraction left out, and why (for the user)",
}
"""Every part of a :class:`Doc` a stage may require or produce, with where it lives."""

GIVEN = ("article", "lexicon", "learned")
"""The parts a :class:`Doc` has before the first stage runs."""


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


def _no_entities() -> Resolution:
    return Resolution([], {}, {}, {})


@dataclass(slots=True)
class Doc:
    """One article and everything the stages have made of it so far.

    Attributes:
        article: the article as ingested.
        lexicon: the language data.
        learned: the learned stages to run and their models.
        text: the repaired text (``text``).
        anatomy: the article's frame (``anatomy``).
        sentences: the body's sentences (``sentences``).
        tokens: the tokens of each sentence, in the same order (``sentences``).
        parsed: each sentence read into chunks, then pieces (``chunks``, ``pieces`` ...).
        names: the names the article teaches while it is read (``names``).
        parser: the chunk parser, which reads with the lexicon and :attr:`names`.
        resolution: the entities (``entities``).
        published: the article's date, ISO (``published``).
        year: the year of :attr:`published`, which dates without a year take (``published``).
        relations: the facts found (``relations``).
        candidates: the pairs the relation classifier judges (``candidates``, for training).
        quotes: the quotations found (``quotes``).
        notes: what the extraction left out, and why, one line each (``notes``).
    """

    article: Article
    lexicon: Lexicon
    learned: Learned = field(default_factory=Learned)
    text: str = ""
    anatomy: Anatomy = field(default_factory=Anatomy)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[list[Token]] = field(default_factory=list)
    parsed: list[ParsedSentence] = field(default_factory=list)
    names: DocNames = field(default_factory=DocNames)
    parser: ChunkParser = field(init=False)
    resolution: Resolution = field(default_factory=_no_entities)
    published: str | None = None
    year: int | None = None
    relations: list[Relation] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.parser = ChunkParser(self.lexicon, self.names)
