"""When two names of organisations, places or events name one thing: the variant rules.

Every rule compares two *shapes*: a name key with its status phrases replaced ("UNESCO Global
Geopark X" and "Geopark Nasional X" read "geopark x"), its designators, legal forms and a
trailing country qualifier dropped ("Kawasan ...", "PT ...", "... RI"), and a head written
after the name moved before it ("Izu Peninsula Geopark" reads "geopark izu peninsula").

=============  ==============================================================================
``same``       the same words in any order, and no two different countries
``spelling``   the same words but for misspellings of distinctive words ("Cibnutu", "Kerawang")
               or a word written in two ("Pelabuhan Ratu"); never two names a gazetteer knows
``acronym``    one name writes a run of the other's words as their initials or first syllables
               ("Kementerian PUPR", "Kementerian LH", "Pengadilan Tipikor", "KPK")
``extension``  the longer name adds a place ("Geopark Cibuntu Palabuhanratu") or a head before a
               bare name ("Pantai Palangpang"); used only when one longer name extends the
               shorter one (:mod:`kg.link.variants`)
=============  ==============================================================================

Digits and Roman numerals are never misspellings ("Komisi II" is not "Komisi III").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from kg.link.lexicon import name_lexicon
from kg.model.spelling import slips

__all__ = [
    "Shape",
    "abbreviates",
    "distinctive",
    "extends",
    "index_keys",
    "numbers",
    "same_words",
    "shape_of",
    "spelled_alike",
]

_VOWELS_H = re.compile(r"[aeiouh]")
_DOUBLE = re.compile(r"(.)\1+")
_ROMAN = re.compile(r"^[ivxlc]+$")


@dataclass(frozen=True)
class Shape:
    """A name as the rules compare it."""

    key: str
    words: tuple[str, ...]  # joiners kept ("pariwisata dan ekonomi kreatif")
    country: str | None
    head: tuple[str, ...]  # the head words it starts with, if any ("geopark", "kementerian")
    core: tuple[str, ...] = ()  # the words without joiners


def _shape(key: str, words: Sequence[str], country: str | None, head: Sequence[str]) -> Shape:
    joiners = name_lexicon().joiners
    core = tuple(w for w in words if w not in joiners)
    return Shape(key, tuple(words), country, tuple(head), core)


@lru_cache(maxsize=65536)
def _exact(word: str) -> bool:
    return any(c.isdigit() for c in word) or bool(_ROMAN.match(word))


def numbers(shape: Shape) -> tuple[str, ...]:
    """The words of a name that are never misspelt (digits, Roman numerals), in order."""
    return tuple(w for w in shape.core if _exact(w))


def _head_at(words: list[str], start: int) -> int:
    """Length of the longest head phrase starting at ``start`` (0 when none)."""
    lex = name_lexicon()
    for n in range(min(3, len(words) - start), 0, -1):
        if lex.is_head(tuple(words[start : start + n])):
            return n
    return 0


@lru_cache(maxsize=65536)
def shape_of(key: str) -> Shape:
    """The shape of a name key.

    >>> shape_of("kawasan unesco global geopark cibuntu palabuhanratu").words
    ('geopark', 'cibuntu', 'palabuhanratu')
    >>> shape_of("istana kepresidenan ri").country
    'ID'
    """
    lex = name_lexicon()
    tokens = key.split()
    out: list[str] = []
    country: str | None = None
    i = 0
    while i < len(tokens):
        for n in range(min(lex.longest_variant, len(tokens) - i), 0, -1):
            hit = lex.variants.get(tuple(tokens[i : i + n]))
            if hit is None or (hit[0] == "country" and i + n != len(tokens)):
                continue
            kind, replacement = hit
            if kind == "country":
                country = replacement
            elif kind == "status":
                out += [w for w in replacement.split() if not out or w != out[-1]]
            i += n
            break
        else:
            if not out or tokens[i] != out[-1] or _exact(tokens[i]):
                out.append(tokens[i])
            i += 1
    if not out:
        out, country = tokens, None
    tail = 0
    for n in range(min(3, len(out) - 1), 0, -1):
        if lex.is_head(tuple(out[-n:])) and not _head_at(out, 0):
            tail = n  # "Izu Peninsula Geopark": the head goes first
            break
    if tail:
        out = out[-tail:] + out[:-tail]
    return _shape(key, out, country, out[: _head_at(out, 0)])


def _skeleton(word: str) -> str:
    """A word's consonants after its first letter: spelling variants share it."""
    rest = _DOUBLE.sub(r"\1", _VOWELS_H.sub("", word[1:]))
    text = word[0] + rest
    return text[:-1] if len(text) > 3 and text.endswith("s") else text


def distinctive(word: str) -> bool:
    lex = name_lexicon()
    return (
        len(word) >= 3
        and word.isalpha()
        and word not in lex.joiners
        and word not in lex.compass
        and not lex.is_head((word,))
    )


def _acronym_like(word: str) -> bool:
    return 2 <= len(word) <= 8 and word.isalpha() and word not in name_lexicon().common


def _vowel_poor(word: str) -> bool:
    """An acronym by its letters: "dlh", "pupr", "dprd" (few vowels), not "gadjah"."""
    return sum(c in "aeiou" for c in word) * 10 < 3 * len(word) or len(word) <= 2


def _chunk_initials(word: str) -> set[str]:
    """Every way a word's letters can start chunks (its first letter always does)."""
    inner = list(range(1, len(word)))
    if len(word) > 5:  # long acronyms take syllables, which start at consonants
        inner = [i for i in inner if word[i] not in "aeiou"]
    starts = inner[:6]
    out = set()
    for mask in range(1 << len(starts)):
        out.add(word[0] + "".join(word[s] for k, s in enumerate(starts) if mask >> k & 1))
    return out


@lru_cache(maxsize=65536)
def index_keys(shape: Shape) -> frozenset[str]:
    """The keys two names share when a rule may join them (a token index, not a scan)."""
    core = shape.core
    lex = name_lexicon()
    keys = {"w:" + " ".join(sorted(core))}  # the same words in any order
    # a word every other name holds (a region's name: "Jakarta", "Bogor") keys nothing alone
    keys |= {f"t:{_skeleton(w)}" for w in core if distinctive(w) and w not in lex.regions}
    for a, b in pairwise(core):
        if a.isalpha() and b.isalpha() and len(a + b) >= 7:
            keys.add(f"t:{_skeleton(a + b)}")
    if len(core) >= 2:
        keys.add("a:" + "".join(w[0] for w in core))
        keys.add("a:" + "".join(w[0] for w in _written(shape)))  # head word last
    for i, word in enumerate(core):
        if _acronym_like(word):
            before = "".join(w[0] for w in core[:i])
            after = "".join(w[0] for w in core[i + 1 :])
            keys |= {f"a:{before}{v}{after}" for v in _chunk_initials(word)}
    tail = "#" + "-".join(numbers(shape)) if numbers(shape) else ""
    return frozenset(k + tail for k in keys)  # names of other numbers never join


def same_words(a: Shape, b: Shape) -> bool:
    """The same words in any order, and no two different countries.

    >>> same_words(shape_of("kawasan cagar alam cibanteng"), shape_of("cagar alam cibanteng"))
    True
    """
    if a.country and b.country and a.country != b.country:
        return False
    return Counter(a.core) == Counter(b.core)


def _close(s: str, t: str, cls: str | None) -> bool:
    if s == t:
        return True
    if _exact(s) or _exact(t) or not (s.isalpha() and t.isalpha()):
        return False
    shortest = min(len(s), len(t))
    allowed = 2 if shortest >= 10 else 1 if shortest >= 6 else 0
    if not allowed or abs(len(s) - len(t)) > allowed or s[0] != t[0]:
        return False
    if slips(s, t, allowed) > allowed:
        return False
    lex = name_lexicon()  # two names a gazetteer knows are two places, however alike
    return not (lex.known_place(s, cls) and lex.known_place(t, cls))


def spelled_alike(a: Shape, b: Shape, cls: str | None = None) -> bool:
    """The same words but for misspellings or a word written in two.

    >>> spelled_alike(shape_of("geopark cibnutu palabuhanratu"),
    ...               shape_of("geopark cibuntu pelabuhan ratu"))
    True
    """
    if a.country and b.country and a.country != b.country:
        return False
    x, y = a.core, b.core
    if x == y or not any(distinctive(w) for w in x):
        return False
    return _align(x, y, cls)


def _align(x: tuple[str, ...], y: tuple[str, ...], cls: str | None) -> bool:
    if not x or not y:
        return not x and not y
    for i, j in ((1, 1), (2, 1), (1, 2)):
        if i <= len(x) and j <= len(y):
            left, right = "".join(x[:i]), "".join(y[:j])
            if _close(left, right, cls if i == j == 1 else None) and _align(x[i:], y[j:], cls):
                return True
    return False


def _chunks(word: str, run: tuple[str, ...]) -> bool:
    """Whether ``word`` is the run's words' first letters or syllables, in order."""
    if not run:
        return not word
    first = run[0]
    if _vowel_poor(first):
        return False  # "KPU" is no acronym of "Kementerian PUPR": acronyms expand to words
    for k in range(min(len(word), len(first)), 0, -1):
        if first[:k] == word[:k] and _chunks(word[k:], run[1:]):
            return True
    return False


def abbreviates(a: Shape, b: Shape) -> str:
    """How ``a`` writes a run of ``b``'s words as one acronym word: ``"part"`` beside words the
    two share, ``"whole"`` when the acronym is all of ``a``, ``""`` when it does not.

    >>> abbreviates(shape_of("kementerian pupr"),
    ...             shape_of("kementerian pekerjaan umum dan perumahan rakyat"))
    'part'
    >>> abbreviates(shape_of("pengadilan tipikor"), shape_of("pengadilan tindak pidana korupsi"))
    'part'
    >>> abbreviates(shape_of("kpk"), shape_of("komisi pemberantasan korupsi"))
    'whole'
    """
    if a.country and b.country and a.country != b.country:
        return ""
    found = _abbreviates(a.core, b.core)
    written = _written(b)
    if not found and len(a.core) == 1 and written != b.core:
        found = _abbreviates(a.core, written)  # "UNESCO": "... and Cultural Organization"
    return found


def _written(shape: Shape) -> tuple[str, ...]:
    """The words without joiners in the order written, a head word last included."""
    joiners = name_lexicon().joiners
    written = tuple(w for w in shape.key.split() if w not in joiners)
    return written if sorted(written) == sorted(shape.core) else shape.core


def _abbreviates(x: tuple[str, ...], y: tuple[str, ...]) -> str:
    for i, word in enumerate(x):
        if not _acronym_like(word) or word in y:
            continue
        before, after = x[:i], x[i + 1 :]
        if y[: len(before)] != before or (after and y[-len(after) :] != after):
            continue
        run = y[len(before) : len(y) - len(after)]
        whole = not before and not after
        if len(run) < 2 or (whole and len(word) < 3):
            continue
        if _chunks(word, run):
            return "whole" if whole else "part"
    return ""


def extends(short: Shape, long: Shape) -> str | None:
    """How ``long`` adds to ``short`` without naming something else, if it does.

    Returns ``"place"`` ("Geopark Cibuntu" + "Palabuhanratu") or ``"head"`` ("Palangpang" ->
    "Pantai Palangpang"); ``None`` for anything else, such as a conjunct ("Kementerian PU" and
    "Kementerian PU dan Perumahan Rakyat" are two ministries since 2024).

    >>> extends(shape_of("geopark cibuntu"), shape_of("geopark cibuntu palabuhanratu"))
    'place'
    >>> extends(shape_of("pengadilan negeri jakarta"),
    ...         shape_of("pengadilan negeri jakarta selatan"))
    >>> extends(shape_of("asia"), shape_of("asia pasifik"))
    """
    if short.country and long.country and short.country != long.country:
        return None
    s, w = short.words, long.words
    if len(w) <= len(s) or not any(distinctive(t) for t in s):
        return None
    lex = name_lexicon()
    if not short.head and long.head and w[len(long.head) :] == s:
        return "head"
    if w[: len(s)] != s:
        return None
    extra = w[len(s) :]
    place = " ".join(extra)
    if short.head and extra[0] not in lex.compass and lex.known_place(place):
        return "place"
    return None
