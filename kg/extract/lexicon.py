"""Load the language data in ``data/lexicon/`` into lookup structures, once per process.

Every list here is a data file that names its source and licence; the code holds no names.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

from kg.errors import ResourceError
from kg.extract.phrases import Confidences, CueSet, Phrases, read_confidences, read_phrases
from kg.model.resources import resource_dir

__all__ = [
    "Head",
    "KnownName",
    "Lexicon",
    "Title",
    "Trie",
    "keep_for_process",
    "load_lexicon",
]


@dataclass(frozen=True)
class Title:
    """An office or position written before a name (``Wali Kota``, ``Kapolda``, ``Sekjen``)."""

    words: tuple[str, ...]
    relation: str | None
    unit: str  # place:CLASS | org | derive:HEAD | fixed:NAME | sub | -


@dataclass(frozen=True)
class Head:
    """A word that makes a capitalised phrase a name of some class (``Dinas``, ``Geopark``)."""

    words: tuple[str, ...]
    cls: str
    position: str  # prefix | suffix | region | region? | party
    level: str | None = None  # the class of region a region head takes ("City" for Setdakot)


@dataclass(frozen=True)
class KnownName:
    """An entry of a gazetteer: a place, organisation or outlet with its canonical name."""

    name: str
    cls: str
    ident: str | None = None
    parent: str | None = None  # ident of the enclosing region or country


class _Lowered(Protocol):
    """A token as the tries read it: its lower-cased text."""

    @property
    def lower(self) -> str: ...


class Trie:
    """Longest-match lookup of word sequences (keys are lower-cased word tuples)."""

    def __init__(self) -> None:
        self._by_first: dict[str, dict[tuple[str, ...], list[object]]] = defaultdict(dict)
        # the keys' first words, for callers that test them inline (what may_start does)
        self.firsts: Mapping[str, object] = self._by_first
        self._longest_by_first: dict[str, int] = {}  # the longest key of each first word
        self.longest = 0

    def add(self, words: Sequence[str], value: object) -> None:
        key = tuple(words)
        if not key:
            return
        self._by_first[key[0]].setdefault(key, []).append(value)
        self.longest = max(self.longest, len(key))
        if len(key) > self._longest_by_first.get(key[0], 0):
            self._longest_by_first[key[0]] = len(key)

    def has_first(self, word: str) -> bool:
        """Whether some key starts with this word."""
        return word in self._by_first

    def __contains__(self, words: tuple[str, ...]) -> bool:
        return bool(words) and words in self._by_first.get(words[0], {})

    def get(self, words: tuple[str, ...]) -> list[object]:
        if not words:
            return []
        return self._by_first.get(words[0], {}).get(words, [])

    def matches(self, words: Sequence[str], start: int) -> Iterator[tuple[int, list[object]]]:
        """Yield (length, values) of every key starting at ``start``, longest first."""
        bucket = self._by_first.get(words[start]) if start < len(words) else None
        if not bucket:
            return
        # only lengths up to the longest key that starts with this word can match
        longest = self._longest_by_first[words[start]] if start >= 0 else self.longest
        for length in range(min(longest, len(words) - start), 0, -1):
            values = bucket.get(tuple(words[start : start + length]))
            if values:
                yield length, values

    def may_start(self, tokens: Sequence[_Lowered], start: int) -> bool:
        """False when no key can start at ``tokens[start]`` (a cheap test before
        :meth:`token_matches`; True for an index out of range, which it handles)."""
        return not 0 <= start < len(tokens) or tokens[start].lower in self._by_first

    def token_matches(
        self, tokens: Sequence[_Lowered], start: int
    ) -> Iterator[tuple[int, list[object]]]:
        """:meth:`matches` over the lower-cased forms of tokens (read only where needed)."""
        if start < 0:
            yield from self.matches([t.lower for t in tokens], start)
            return
        if start >= len(tokens):
            return
        first = tokens[start].lower
        bucket = self._by_first.get(first)
        if not bucket:
            return
        lower = [t.lower for t in tokens[start : start + self._longest_by_first[first]]]
        for length in range(len(lower), 0, -1):
            values = bucket.get(tuple(lower[:length]))
            if values:
                yield length, values


@dataclass
class Lexicon:
    """All language knowledge the extractor uses."""

    titles: Trie = field(default_factory=Trie)
    heads: Trie = field(default_factory=Trie)  # prefix/region heads
    suffix_heads: dict[str, Head] = field(default_factory=dict)
    names: Trie = field(default_factory=Trie)  # gazetteer: places, organisations, outlets
    districts: Trie = field(default_factory=Trie)
    villages: frozenset[str] = frozenset()  # lower-case names of desa and kelurahan
    terms: frozenset[str] = frozenset()  # capitalised terms that name nothing ("PDB", "APBN")
    exact_case: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=dict)
    any_case: set[tuple[str, ...]] = field(default_factory=set)
    regions: dict[str, KnownName] = field(default_factory=dict)  # by ident
    person_aliases: dict[str, str] = field(default_factory=dict)  # nickname -> full name
    # outlets' names that begin in lower case ("detikSulsel", "detikcom"), longest first, as one
    # pattern: the scrapers glue them to the words around them ("kepadadetikSulsel")
    glued_outlets: re.Pattern[str] | None = None
    honorifics: frozenset[str] = frozenset()
    degrees: frozenset[str] = frozenset()
    cues: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    cue_index: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    speech: frozenset[str] = frozenset()  # verbs the speaker's name follows ("kata Bima")
    speech_before: frozenset[str] = frozenset()  # verbs the name precedes ("Bima mengatakan")
    boilerplate: tuple[re.Pattern[str], ...] = ()
    abbreviations: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    roots: frozenset[str] = frozenset()  # root words (kata dasar)
    joiners: frozenset[str] = frozenset()
    calendar: dict[str, tuple[str, int]] = field(default_factory=dict)
    forms: dict[KnownName, list[str]] = field(default_factory=dict)  # every form of a name
    sub_units: Trie = field(default_factory=Trie)
    person_cues: CueSet = field(default_factory=CueSet)
    participation_cues: CueSet = field(default_factory=CueSet)  # cues.tsv's participatedIn
    strict_heads: frozenset[str] = frozenset()
    local_heads: frozenset[str] = frozenset()  # regional bodies every region has ("dinas")
    event_nouns: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    compass: frozenset[str] = frozenset()
    phrases: Phrases = field(default_factory=Phrases)
    confidence: Confidences = field(default_factory=Confidences)
    tagger_min_confidence: dict[str, float] = field(default_factory=dict)  # by type
    credit_roles: dict[str, str | None] = field(default_factory=dict)  # label -> role
    quote_verbs: tuple[str, ...] = ()  # speech verbs that point back: '"...," katanya'
    expansions: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    expansion_words: int = 1  # the most words a short form of the expansions has
    area_words: frozenset[str] = frozenset()  # "kawasan", "wilayah": no part of a name

    def is_amount(self, word: str) -> bool:
        """Whether a word is a currency sign, alone or glued to its amount ("Rp", "Rp300")."""
        return word.lower().rstrip("0123456789.,") in self.phrases.currency_signs

    def is_common(self, word: str) -> bool:
        """True when the word is ordinary vocabulary rather than a name."""
        return word.lower() in self.common

    def is_vocabulary(self, word: str) -> bool:
        """True when the word is a word of the language: ordinary vocabulary, a root word, or
        a root word with one prefix and one suffix ("penuntut", "pelayanan", "musibah").

        Wider than :meth:`is_common`, and so also true of many given names ("Budi", "Indah"):
        for deciding whether a name-shaped phrase with no other evidence is a term.
        """
        lower = word.lower()
        if lower in self.common or lower in self.roots:
            return True
        phrases = self.phrases
        stems = [lower]
        for prefix in phrases.word_prefixes:
            if lower.startswith(prefix) and len(lower) - len(prefix) >= 3:
                rest = lower[len(prefix) :]
                stems.append(rest)
                stems += [
                    letter + rest for nasal, letter in phrases.nasal_prefixes if nasal == prefix
                ]
                break
        for stem in list(stems):
            for suffix in phrases.word_suffixes:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                    stems.append(stem[: -len(suffix)])
        return any(s in self.roots for s in stems[1:])

    def outlets(self, words: tuple[str, ...]) -> list[KnownName]:
        """The news outlets these lower-case words name ("tempo.co" -> Tempo)."""
        return [
            k for k in self.names.get(words) if isinstance(k, KnownName) and k.cls == "NewsOutlet"
        ]


_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def words_of(text: str) -> list[str]:
    """Split a lexicon phrase into the lower-cased words the extractor's tokens give.

    >>> words_of("Kota Administrasi Jakarta Selatan")
    ['kota', 'administrasi', 'jakarta', 'selatan']
    """
    return [w.lower() for w in _WORD.findall(text)]


def _rows(path: Path, columns: int) -> Iterator[list[str]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < columns:
            raise ResourceError(
                f"{path}:{number}: expected {columns} tab-separated columns, got {len(cells)}; "
                "fix the line"
            )
        yield [c.strip() for c in cells]


def _lines(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.strip()


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters) and len(form) <= 6)


def _add_name(lex: Lexicon, form: str, known: KnownName) -> None:
    words = words_of(form)
    lex.names.add(words, known)
    lex.forms.setdefault(known, []).append(form)
    if _is_acronym(form) or len(form) <= 3:
        surface = tuple(_WORD.findall(form))
        lex.exact_case.setdefault(tuple(words), set()).add(surface)
    else:
        lex.any_case.add(tuple(words))  # "Antara" as well as "ANTARA": case need not match


_REGION_PREFIX = re.compile(r"^(Kabupaten|Kota)( Administrasi)? ")


def _government_prefixes(folder: Path) -> dict[str, tuple[str, ...]]:
    """Region class -> the prefixes that name the region or its government, in file order."""
    found: dict[str, list[str]] = defaultdict(list)
    for cls, prefix in _rows(folder / "government_prefixes.tsv", 2):
        found[cls].append(prefix)
    return {cls: tuple(prefixes) for cls, prefixes in found.items()}


def _load_regions(lex: Lexicon, folder: Path, government: dict[str, tuple[str, ...]]) -> None:
    for code, cls, name, parent in _rows(folder / "regions.tsv", 4):
        ident = f"kemendagri:{code}"
        parent_ident = f"kemendagri:{parent}" if parent else "iso3166:ID"
        known = KnownName(name, cls, ident, parent_ident)
        lex.regions[ident] = known
        if cls == "District":
            lex.districts.add(words_of(name), known)
            continue
        bare = _REGION_PREFIX.sub("", name)
        _add_name(lex, name, known)
        if bare != name:
            _add_name(lex, bare, known)
        for prefix in government[cls]:
            _add_name(lex, f"{prefix} {bare}", known)


def _load_countries(lex: Lexicon, folder: Path, government: dict[str, tuple[str, ...]]) -> None:
    for code, indonesian, english in _rows(folder / "countries.tsv", 3):
        known = KnownName(indonesian, "Country", f"iso3166:{code}")
        lex.regions[known.ident or ""] = known
        _add_name(lex, indonesian, known)
        if english and english != indonesian:
            _add_name(lex, english, known)
    by_name = {k.name: k for k in lex.regions.values()}
    for alias, target in _rows(folder / "place_aliases.tsv", 2):
        found = (
            lex.regions.get(f"iso3166:{target[4:]}")
            if target.startswith("iso:")
            else by_name.get(target)
        )
        if found is None:
            raise ResourceError(f"place_aliases.tsv: unknown target {target!r} for {alias!r}")
        _add_name(lex, alias, found)
        for prefix in government.get(found.cls, ()):
            if not alias.startswith(("Kota ", "Kabupaten ", "Provinsi ")):
                _add_name(lex, f"{prefix} {alias}", found)  # "Kabupaten Labura", "Pemkab Labura"
    for nickname, target in _rows(folder / "nicknames.tsv", 2):
        if target not in by_name:
            raise ResourceError(f"nicknames.tsv: unknown region {target!r} for {nickname!r}")
        _add_name(lex, nickname, by_name[target])


def _load_world(lex: Lexicon, folder: Path) -> None:
    # the hand-written places first, then the generated list of large world cities
    rows = [*_rows(folder / "world_places.tsv", 3), *_rows(folder / "world_cities.tsv", 3)]
    for row in rows:
        name, cls, country = row[0], row[1], row[2]
        parent = f"iso3166:{country}" if country != "-" else None
        known = KnownName(name, cls, None, parent)
        _add_name(lex, name, known)
        for alias in _split_aliases(row[3] if len(row) > 3 else ""):
            _add_name(lex, alias, known)


def _split_aliases(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def _load_organisations(lex: Lexicon, folder: Path) -> None:
    for row in _rows(folder / "organizations.tsv", 2):
        known = KnownName(row[0], row[1])
        _add_name(lex, row[0], known)
        for alias in _split_aliases(row[2] if len(row) > 2 else ""):
            _add_name(lex, alias, known)
    glued: set[str] = set()
    for row in _rows(folder / "outlets.tsv", 1):
        known = KnownName(row[0], "NewsOutlet")
        _add_name(lex, row[0], known)
        for alias in _split_aliases(row[1] if len(row) > 1 else ""):
            _add_name(lex, alias, known)
        for form in (row[0], *_split_aliases(row[1] if len(row) > 1 else "")):
            if form[:1].islower() and form.isalpha() and len(form) >= 6:
                glued.add(form)
    if glued:
        forms = sorted(glued, key=lambda f: (-len(f), f))
        lex.glued_outlets = re.compile("|".join(re.escape(f) for f in forms))
    for row in _rows(folder / "person_aliases.tsv", 2):
        lex.person_aliases[row[0]] = row[1]


def _titles_from_short_names(lex: Lexicon, folder: Path) -> None:
    """ "Mendagri" heads Kemendagri: titles made from bodies' short names
    (``title_prefixes.tsv``); a title the lexicon already has is kept as it is."""
    rules = [
        (body, title, relation) for body, title, relation in _rows(folder / "title_prefixes.tsv", 3)
    ]
    for row in _rows(folder / "organizations.tsv", 2):
        for alias in _split_aliases(row[2] if len(row) > 2 else ""):
            words = words_of(alias)
            for body, title, relation in rules:
                if not words[0].startswith(body) or len(words[0]) <= len(body) + 1:
                    continue
                made = [title + words[0][len(body) :], *words[1:]]
                if tuple(made) not in lex.titles:
                    lex.titles.add(made, Title(tuple(made), relation, f"fixed:{row[0]}"))


def _load_phrases(lex: Lexicon, folder: Path) -> None:
    # an acting holder holds the same office: "Plt Bupati", "Plh Sekda", "Pj Gubernur"
    acting_forms = lex.phrases.acting
    for phrase, relation, unit in _rows(folder / "titles.tsv", 3):
        rel = None if relation == "-" else relation
        lex.titles.add(words_of(phrase), Title(tuple(words_of(phrase)), rel, unit))
        if not phrase.startswith(acting_forms):
            for acting in acting_forms:
                words = words_of(f"{acting} {phrase}")
                if tuple(words) not in lex.titles:
                    lex.titles.add(words, Title(tuple(words), rel, unit))
    for row in _rows(folder / "name_heads.tsv", 3):
        head, cls, position = row[:3]
        level = row[3] if len(row) > 3 and row[3] else None
        entry = Head(tuple(words_of(head)), cls, position, level)
        if position == "suffix":
            lex.suffix_heads[head] = entry
        else:
            lex.heads.add(entry.words, entry)
    cues: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name, cue in _rows(folder / "cues.tsv", 2):
        cues[name].append(tuple(words_of(cue)))
    lex.cues = {r: sorted(c, key=len, reverse=True) for r, c in cues.items()}
    lex.participation_cues = CueSet.of(lex.cues.get("participatedIn", ()))
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for name, phrases in lex.cues.items():
        for cue_words in phrases:
            index[cue_words[0]].append((name, cue_words))
    lex.cue_index = {
        w: sorted(v, key=lambda rc: len(rc[1]), reverse=True) for w, v in index.items()
    }


def _word_set(lines: Iterable[str]) -> frozenset[str]:
    return frozenset(line.lower().rstrip(".") for line in lines)


@cache
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Load every lexicon file (cached per process).

    Raises:
        ResourceError: a file is missing or malformed.

    >>> lex = load_lexicon()
    >>> [k.name for k in lex.names.get(("jabar",))]
    ['Jawa Barat']
    """
    folder = folder or resource_dir("lexicon")
    lex = Lexicon()
    try:
        pronouns = list(_rows(folder / "pronouns.txt", 1))
        phrases = folder / "phrases.tsv"
        rows = ((name, tuple(words_of(phrase))) for name, phrase in _rows(phrases, 2))
        lex.phrases = read_phrases(rows, pronouns, phrases)
        confidences = folder / "confidences.tsv"
        lex.confidence, lex.tagger_min_confidence = read_confidences(
            _rows(confidences, 2), confidences
        )
        government = _government_prefixes(folder)
        _load_regions(lex, folder, government)
        _load_countries(lex, folder, government)
        _load_world(lex, folder)
        _load_organisations(lex, folder)
        _load_phrases(lex, folder)
        _titles_from_short_names(lex, folder)
        lex.honorifics = _word_set(_lines(folder / "honorifics.txt"))
        lex.degrees = _word_set(_lines(folder / "degrees.txt"))
        speech = list(_rows(folder / "speech.txt", 2))
        lex.speech = frozenset(row[0] for row in speech if row[1] == "after")
        lex.speech_before = frozenset(row[0] for row in speech if row[1] == "before")
        lex.quote_verbs = tuple(row[0] for row in speech if row[2:3] == ["quote"])
        lex.credit_roles = {
            label: None if role == "-" else role for label, role in _rows(folder / "credits.tsv", 2)
        }
        lex.abbreviations = _word_set(_lines(folder / "abbreviations.txt"))
        lex.common = _word_set(_lines(folder / "common_words.txt"))
        lex.roots = _word_set(_lines(folder / "root_words.txt"))
        lex.joiners = _word_set(_lines(folder / "joiners.txt"))
        for line in _lines(folder / "sub_units.txt"):
            lex.sub_units.add(words_of(line), line)
        lex.person_cues = CueSet.of(
            sorted((tuple(words_of(c)) for c in _lines(folder / "person_cues.txt")), key=len)
        )
        lex.strict_heads = _word_set(_lines(folder / "strict_heads.txt"))
        lex.local_heads = _word_set(_lines(folder / "local_heads.txt"))
        lex.event_nouns = _word_set(_lines(folder / "event_nouns.txt"))
        lex.pronouns = _word_set(row[0] for row in pronouns)
        lex.compass = _word_set(_lines(folder / "compass.txt"))
        lex.villages = frozenset(_lines(folder / "villages.txt"))
        lex.terms = frozenset(line.lower() for line in _lines(folder / "terms.txt"))
        lex.calendar = {w: (kind, int(n)) for w, kind, n in _rows(folder / "calendar.tsv", 3)}
        lex.area_words = _word_set(_lines(folder / "area_words.txt"))
        lex.expansions = {
            tuple(words_of(short)): tuple(words_of(full))
            for short, full in _rows(folder / "expansions.tsv", 2)
        }
        lex.expansion_words = max((len(k) for k in lex.expansions), default=1)
        lex.boilerplate = tuple(
            re.compile(p, re.IGNORECASE) for p in _lines(folder / "boilerplate.txt")
        )
    except OSError as exc:
        raise ResourceError(f"cannot read kg's lexicon in {folder}: {exc}; reinstall kg") from exc
    keep_for_process()
    return lex


def keep_for_process() -> None:
    """Take what the process has built so far (the lexicon, a model's weights) out of the
    garbage collector's full passes: they live as long as the process, and walking their
    hundreds of thousands of objects again at every full collection costs extraction several
    per cent of its time (``gc.freeze``; objects made later are collected as usual)."""
    gc.freeze()
