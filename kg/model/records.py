"""Records passed between stages: frozen dataclasses, no behaviour beyond derived values."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from kg.model.terms import EntityType, entity_type_of

__all__ = [
    "ARTICLE",
    "Article",
    "Entity",
    "Extraction",
    "Mention",
    "Quote",
    "Relation",
    "Sentence",
    "normalise_text",
]

ARTICLE = "ARTICLE"
"""The subject key of relations whose subject is the article itself (author, editor, publisher)."""

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Return text in NFC with whitespace runs collapsed: the basis of an article's identity.

    >>> normalise_text("  Bogor\\n\\n (ANTARA)  ")
    'Bogor (ANTARA)'
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, page or feed: text and metadata, no NLP.

    Attributes:
        text: the article body as plain text (datelines and credit lines included).
        title: the headline, when the source gives one.
        url: the canonical URL, when known.
        published: ISO 8601 date or datetime of publication, when the source gives one.
        outlet: the publishing outlet's name, when the source gives one.
        authors: author names from the source's metadata.
        source: where it was read from (a path or URL), for provenance.
    """

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalised text and metadata: changes when the article changes."""
        parts = [normalise_text(self.text), self.title or "", self.url or "", self.published or ""]
        parts += [self.outlet or "", *self.authors]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    @property
    def identity(self) -> str:
        """The canonical URL when known, else ``sha256:`` plus the hash of the normalised text.

        >>> Article("Teks  berita.").identity == Article("Teks berita.").identity
        True
        """
        if self.url:
            return self.url
        digest = hashlib.sha256(normalise_text(self.text).encode("utf-8")).hexdigest()
        return f"sha256:{digest}"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article text; ``start``/``end`` are character offsets into it."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One surface form of an entity in the text."""

    text: str
    start: int
    end: int
    sentence: int
    cls: str
    rule: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Entity:
    """A real-world thing the article talks about, with all the forms it uses for it.

    Attributes:
        key: identifier inside one extraction (``e1``, ``e2`` ...), used by relations.
        cls: the ontology class local name (``City``, ``Person``, ``PoliticalParty`` ...).
        name: the fullest proper name the article gives.
        aliases: every other surface form, as written.
        mentions: where it occurs.
        ident: an external identifier (``kemendagri:32.71``, ``iso3166:PH``), when known.
        local: the name identifies it only inside this article ("Polres", "Dinas Pendidikan"
            with no region: every regency has one), so its IRI is the article's own.
    """

    key: str
    cls: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    ident: str | None = None
    local: bool = False

    @property
    def type(self) -> EntityType:
        return entity_type_of(self.cls)


@dataclass(frozen=True)
class Relation:
    """A fact stated by the article, with its evidence.

    Attributes:
        subject: an entity key, or :data:`ARTICLE`.
        predicate: one of :data:`kg.model.terms.RELATIONS`.
        object: an entity key.
        sentence: index of the supporting sentence (-1 for article metadata).
        start: character offset where the evidence starts in the article text.
        end: character offset where it ends.
        confidence: in [0, 1].
        rule: the rule or model that produced it.
        qualifiers: extra facts about the fact: ``("start", "2016-04")``, ``("past", "true")``.
    """

    subject: str
    predicate: str
    object: str
    sentence: int
    start: int
    end: int
    confidence: float
    rule: str
    qualifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Quote:
    """A direct quotation and, when found, the entity key of its speaker."""

    text: str
    start: int
    end: int
    sentence: int
    speaker: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything the extractor took from one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    published: str | None = None
    extractor: str = "kg"
    metadata: tuple[tuple[str, str], ...] = field(default=())
    notes: tuple[str, ...] = ()
    """What the extractor left out, and why, one line each (e.g. facts past the cap of one
    sentence): for the user, not stored."""

    def entity(self, key: str) -> Entity:
        """Return the entity with this key.

        Raises:
            KeyError: no such entity.
        """
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)
