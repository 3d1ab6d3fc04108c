"""The language data cross-article resolution reads, loaded once per process.

Everything comes from ``data/lexicon`` (each file names its source and licence): head words
(``name_heads.tsv``), joiners, compass words, the words that only qualify a name
(``name_variants.tsv``), ordinary vocabulary (``common_words.txt``, to tell an acronym from a
word) and the gazetteers (``regions.tsv``, ``villages.txt``, world places and countries, to
tell a place name from a misspelling of one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.errors import ResourceError
from kg.model.iri import name_key
from kg.model.resources import resource_dir

__all__ = ["NameLexicon", "name_lexicon"]

_REGION_PREFIX = re.compile(r"^(kabupaten|kota)( administrasi)? ")
ADMIN_CLASSES = frozenset({"Province", "Regency", "City", "District", "Village"})


@dataclass
class NameLexicon:
    """Lookups over name keys (lower case, as :func:`kg.model.iri.name_key` writes them)."""

    heads: set[tuple[str, ...]] = field(default_factory=set)
    joiners: set[str] = field(default_factory=set)
    compass: set[str] = field(default_factory=set)
    variants: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    common: set[str] = field(default_factory=set)
    places: dict[str, set[str]] = field(default_factory=dict)  # class -> bare name keys
    regions: set[str] = field(default_factory=set)  # provinces, regencies, cities (bare)
    longest_variant: int = 1

    def known_place(self, key: str, cls: str | None = None) -> bool:
        """Whether a gazetteer names a place so (of this administrative class, when given)."""
        if cls in ADMIN_CLASSES:
            return key in self.places.get(cls, set())
        return any(key in names for names in self.places.values())

    def is_head(self, words: tuple[str, ...]) -> bool:
        return words in self.heads


def _lines(path: Path) -> Iterator[list[str]]:
    if not path.is_file():
        raise ResourceError(f"kg's lexicon file {path.name!r} is missing at {path}; reinstall kg")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


_NON_WORD = re.compile(r"[^\w]+")


def _plain(text: str) -> str:
    """name_key for text already in lower case without accents (the villages list: 63k)."""
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


@cache
def name_lexicon() -> NameLexicon:
    """The lexicon of name variants, loaded on first use."""
    folder = resource_dir("lexicon")
    lex = NameLexicon()
    for cells in _lines(folder / "name_heads.tsv"):
        lex.heads.add(tuple(name_key(cells[0]).split()))
    for name in ("strict_heads.txt", "local_heads.txt"):
        lex.heads |= {tuple(name_key(c[0]).split()) for c in _lines(folder / name)}
    lex.joiners = {name_key(c[0]) or c[0] for c in _lines(folder / "joiners.txt")}
    lex.compass = {name_key(c[0]) for c in _lines(folder / "compass.txt")}
    for cells in _lines(folder / "name_variants.tsv"):
        phrase = tuple(name_key(cells[0]).split())
        kind = cells[1] if len(cells) > 1 else ""
        if kind not in ("designator", "status", "country", "legal"):
            raise ResourceError(f"name_variants.tsv: unknown kind {kind!r} for {cells[0]!r}")
        lex.variants[phrase] = (kind, cells[2] if len(cells) > 2 else "")
        lex.longest_variant = max(lex.longest_variant, len(phrase))
    lex.common = {c[0] for c in _lines(folder / "common_words.txt")}
    places: dict[str, set[str]] = {}
    for cells in _lines(folder / "regions.tsv"):
        places.setdefault(cells[1], set()).add(_REGION_PREFIX.sub("", name_key(cells[2])))
    lex.regions = (
        places.get("Province", set()) | places.get("Regency", set()) | places.get("City", set())
    )
    places["Village"] = {_plain(c[0]) for c in _lines(folder / "villages.txt")}
    world = places.setdefault("World", set())
    for name in ("world_places.tsv", "world_cities.tsv"):
        for cells in _lines(folder / name):
            world.add(name_key(cells[0]))
            world |= {name_key(a) for a in cells[3].split("|")} if len(cells) > 3 else set()
    for cells in _lines(folder / "countries.tsv"):
        world |= {name_key(c) for c in cells[1:3]}
    lex.places = places
    return lex
