"""The parts a chunk is cut into, and the names an article teaches while it is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from kg.extract.lexicon import KnownName, Title, Trie, words_of
from kg.extract.text import Token
from kg.model.terms import EntityType, entity_type_of

__all__ = ["PLACE_CLASSES", "DocName", "DocNames", "Piece", "surface", "type_of"]

PLACE_CLASSES = frozenset(
    {
        "Place",
        "Country",
        "Province",
        "Regency",
        "City",
        "District",
        "Village",
        "WorldRegion",
        "Venue",
    }
)


@cache
def type_of(cls: str) -> EntityType:
    """:func:`~kg.model.terms.entity_type_of`, remembered per class name (a closed set)."""
    return entity_type_of(cls)


def surface(words: list[Token]) -> str:
    """The words as written, brackets lifted out: neighbours that touch stay together.

    >>> from kg.extract.text import tokenize
    >>> surface(tokenize("Kompas.com (KOMPAS) Jl. Merdeka"))
    'Kompas.com (KOMPAS) Jl. Merdeka'
    """
    out: list[str] = []
    for k, word in enumerate(words):
        if k and words[k - 1].end != word.start:
            out.append(" ")
        out.append(word.text)
    return "".join(out)


@dataclass(slots=True)
class Piece:
    """A part of a chunk: a title, an honorific or a (possibly unknown) name."""

    kind: str  # title | honorific | name | unknown
    words: list[Token]
    cls: str | None = None
    candidates: tuple[KnownName, ...] = ()
    title: Title | None = None
    name: str | None = None  # canonical or derived name, when it differs from the surface
    rule: str = ""
    region: Piece | None = None  # a place written inside an organisation's or event's name
    aliases: list[str] = field(default_factory=list)
    office: bool = False  # written as "Kantor X" / "Gedung X": X's office building
    unit: Piece | None = None  # for titles: the organisation or place the office belongs to
    holder: Piece | None = None  # for titles: the person holding it
    co_holders: list[Piece] = field(default_factory=list)  # "anggota X yakni A, B, dan C": B, C
    derived: bool = False  # the name is built from a title ("Kapolda Lampung" -> Polda Lampung)
    sub_unit: str | None = None  # "Bagian Kerja Sama" in "Kepala Bagian Kerja Sama Setdakot Bogor"
    speaker: bool = False  # named right after a speech verb ("kata Bima", "Menurut Tyas")
    extra_units: list[Piece] = field(default_factory=list)  # "anggota DPRD dari Fraksi X": X too
    parent: Piece | None = None  # for units: the ministry an agency is part of, written after it
    span: list[Token] = field(default_factory=list)  # every word the piece consumed, if more

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def last_word(self) -> Token:
        return (self.span or self.words)[-1]

    @property
    def type(self) -> EntityType | None:
        return type_of(self.cls) if self.cls else None


@dataclass(frozen=True, slots=True)
class DocName:
    """A name the article itself taught: a bracketed short form or an already seen name."""

    name: str
    cls: str | None
    candidates: tuple[KnownName, ...] = ()  # the gazetteer entries of the name it stands for


class DocNames:
    """Names learned while reading one article, looked up like the gazetteer."""

    def __init__(self) -> None:
        self.trie = Trie()
        self.classes: dict[str, str] = {}  # name -> class, once known
        self.short_forms: dict[tuple[str, ...], DocName] = {}

    def add(
        self,
        form: str,
        name: str,
        cls: str | None,
        *,
        short: bool = False,
        candidates: tuple[KnownName, ...] = (),
    ) -> None:
        words = words_of(form)
        if not words or tuple(words) in self.trie:
            return
        value = DocName(name, cls, candidates)
        self.trie.add(words, value)
        if short:
            self.short_forms[tuple(words)] = value

    def cls_of(self, name: str, fallback: str | None) -> str | None:
        return self.classes.get(name, fallback)

    def acronyms(self, first: str) -> list[tuple[tuple[str, ...], DocName]]:
        """Defined two-word short forms starting with this word ("UCLG" -> "UCLG ASPAC")."""
        return [(k, v) for k, v in self.short_forms.items() if len(k) == 2 and k[0] == first]
