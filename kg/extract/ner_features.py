"""Features of the statistical name tagger: word form, shape, affixes, context and lexicons.

The same function serves training (``scripts/train_ner.py``) and tagging (:mod:`kg.extract.ner`),
so a model sees at run time exactly the features it was trained on. The lexicon features come
from kg's own ``data/lexicon/`` files (titles, honorifics, name heads, gazetteers of regions,
countries and organisations, ordinary vocabulary), which is how the tagger and the rules share
one body of language knowledge.

Per-word features are cached: news repeats its words, and building feature strings is most of
the tagging time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.extract.lexicon import Head, KnownName, Lexicon, Title
from kg.extract.pieces import type_of

__all__ = [
    "FEATURE_SETS",
    "FeatureSet",
    "WordEntry",
    "context_features",
    "offsets",
    "sentence_features",
    "word_entry",
]


@dataclass(frozen=True)
class FeatureSet:
    """Which feature families a model uses (recorded in the model's README).

    Attributes:
        window: how many neighbouring words on each side contribute features.
        lexicon: gazetteer, title, honorific, head-word and vocabulary features.
        bigrams: the lower-cased word pairs (previous, current) and (current, next).
    """

    name: str
    window: int
    lexicon: bool
    bigrams: bool


FEATURE_SETS = {
    fs.name: fs
    for fs in (
        FeatureSet("base", window=1, lexicon=False, bigrams=False),
        FeatureSet("wide", window=2, lexicon=False, bigrams=False),
        FeatureSet("lex", window=2, lexicon=True, bigrams=False),
        FeatureSet("full", window=2, lexicon=True, bigrams=True),
    )
}
"""The feature sets ``scripts/train_ner.py`` can train; the shipped model names its set."""

WordEntry = tuple[tuple[str, ...], ...]
"""A word's own features, then the features it lends to each neighbour position."""
_REPEATS = re.compile(r"(.)\1+")
_TYPE_CODE = {"Person": "PER", "Organization": "ORG", "Place": "LOC", "Event": "EVT"}


def _shape(word: str) -> str:
    """``Bogor`` -> ``Xxxxx``; ``21/7`` -> ``dd/d``; letters of any script keep their case class."""
    return "".join(
        "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in word
    )


def _word_features(word: str, lex: Lexicon | None) -> tuple[str, ...]:
    """Features of one word on its own (no context), as ``name=value`` strings."""
    lower = word.lower()
    shape = _shape(word)
    short = _REPEATS.sub(r"\1", shape)
    feats = [
        "w=" + lower,
        "sh=" + (shape if len(shape) <= 6 else short),
        "ss=" + short,
        "p2=" + lower[:2],
        "p3=" + lower[:3],
        "s2=" + lower[-2:],
        "s3=" + lower[-3:],
        "s4=" + lower[-4:],
        "len=" + str(min(len(word), 8)),
    ]
    if word[:1].isupper():
        feats.append("cap")
    if len(word) > 1 and word.isupper():
        feats.append("upper")
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if not word[:1].isalnum():
        feats.append("punct")
    if lex is not None:
        feats += _lexicon_word_features(lower, lex)
    return tuple(feats)


def _lexicon_word_features(lower: str, lex: Lexicon) -> list[str]:
    bare = lower.rstrip(".")
    feats = []
    if bare in lex.common:
        feats.append("common")
    if bare in lex.honorifics:
        feats.append("hon")
    if bare in lex.degrees:
        feats.append("deg")
    if bare in lex.speech or any(
        bare.endswith(enclitic) and bare[: -len(enclitic)] in lex.speech  # "katanya"
        for enclitic in lex.phrases.enclitics
    ):
        feats.append("speech")
    for value in lex.heads.get((bare,)):
        if isinstance(value, Head):
            feats.append("head=" + _TYPE_CODE[type_of(value.cls).value])
    head = lex.suffix_heads.get(bare)
    if head is not None:
        feats.append("shead=" + _TYPE_CODE[type_of(head.cls).value])
    return feats


def word_entry(word: str, lex: Lexicon | None, fs: FeatureSet) -> WordEntry:
    """The features of one word: its own, then those it lends to each neighbour position.

    Every feature but the few in :func:`context_features` depends on one word only, so the
    features of a sentence are these entries laid side by side; the tagger caches them per word.

    >>> own, *lent = word_entry("Bogor", None, FEATURE_SETS["base"])
    >>> "w=bogor" in own, lent[0][:2]
    (True, ('-1:w=bogor', '-1:ss=Xx'))
    """
    own = _word_features(word, lex if fs.lexicon else None)
    lent = [f for f in own if f.startswith(_LENT)]
    lent += [f for f in own if not f.startswith(_PLAIN)]
    return (own, *(tuple(f"{offset}:{f}" for f in lent) for offset in offsets(fs.window)))


# the word-form features; every other feature of a word is a lexicon feature
_PLAIN: tuple[str, ...] = ("w=", "sh=", "ss=", "p2=", "p3=", "s2=", "s3=", "s4=", "len=")
_PLAIN += ("cap", "upper", "digit", "punct")
_LENT = ("w=", "ss=", "cap", "upper", "digit", "punct")


def offsets(window: int) -> list[int]:
    """The neighbour positions a window covers: ``2`` -> ``[-2, -1, 1, 2]``."""
    return [o for o in range(-window, window + 1) if o != 0]


def _span_tags(
    words: Sequence[str], lower: list[str], lex: Lexicon, until: int | None = None
) -> list[list[str]]:
    """Gazetteer and title matches as B-/I- tags per word (longest match, left to right).

    With ``until``, matches that start after that index are not looked for (the caller needs
    no tags there; the matches before it do not depend on the ones after).
    """
    last = len(words) if until is None else until
    tags: list[list[str]] = [[] for _ in words]
    name_starts, title_starts = _first_words(lex)
    # Left to right, a match skips the words it covers; only words that can start a key are
    # visited (the others would just move on by one).
    free = 0
    for i in [k for k, word in enumerate(lower) if word in name_starts]:
        if i > last:
            break
        first = words[i][:1]
        if i >= free and (first.isupper() or first.isdigit()):
            free = i + max(_gazetteer_match(words, lower, i, lex, tags), 1)
    free = 0
    for i in [k for k, word in enumerate(lower) if word in title_starts]:
        if i > last:
            break
        if i < free:
            continue
        length = 0
        for length, values in lex.titles.matches(lower, i):
            if any(isinstance(v, Title) for v in values):
                tags[i].append("B-title")
                for j in range(i + 1, i + length):
                    tags[j].append("I-title")
                break
        free = i + max(length, 1)
    return tags


_FIRST_WORDS: dict[int, tuple[Lexicon, frozenset[str], frozenset[str]]] = {}


def _first_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The words that can start a gazetteer name and a title, to skip hopeless lookups."""
    known = _FIRST_WORDS.get(id(lex))
    if known is None or known[0] is not lex:
        # Trie keeps its keys by first word; reading that index is the cheap way to ask
        # "can anything start here?" without a lookup per length.
        known = (lex, frozenset(lex.names._by_first), frozenset(lex.titles._by_first))
        _FIRST_WORDS[id(lex)] = known
    return known[1], known[2]


def _gazetteer_match(
    words: Sequence[str], lower: list[str], i: int, lex: Lexicon, tags: list[list[str]]
) -> int:
    for length, values in lex.names.matches(lower, i):
        key = tuple(lower[i : i + length])
        allowed = lex.exact_case.get(key)
        if allowed is not None and tuple(words[i : i + length]) not in allowed:
            continue
        codes = sorted(
            {_TYPE_CODE[type_of(v.cls).value] for v in values if isinstance(v, KnownName)}
        )
        for code in codes:
            tags[i].append("B-gaz=" + code)
            for j in range(i + 1, i + length):
                tags[j].append("I-gaz=" + code)
        return length
    return 0


def context_features(
    words: Sequence[str],
    lex: Lexicon | None,
    fs: FeatureSet,
    positions: Iterable[int] | None = None,
) -> list[list[str]]:
    """The features that depend on more than one word: sentence edges, lexicon matches, bigrams.

    Args:
        positions: the words whose features are wanted (all when None); the tagger asks only
            for the words it decodes. Bigrams are added at these positions only, and
            gazetteer and title matches are looked for up to one word past the last of them
            (a match's tags reach the word before it), so the lists of later words may lack
            them.
    """
    n = len(words)
    extra: list[list[str]] = [[] for _ in words]
    if n:
        extra[0].append("BOS")
        extra[-1].append("EOS")
    lower = [w.lower() for w in words]
    if positions is not None:
        positions = list(positions)
    until = max(positions) + 1 if positions else None
    if fs.lexicon and lex is not None:
        for i, tags in enumerate(_span_tags(words, lower, lex, until)):
            if tags:
                extra[i] += tags
                if i > 0:
                    extra[i - 1] += ["+1:" + t for t in tags]
                if i + 1 < n:
                    extra[i + 1] += ["-1:" + t for t in tags]
    if fs.bigrams:
        for i in range(n) if positions is None else positions:
            extra[i].append("bl=" + (lower[i - 1] if i else "<s>") + "|" + lower[i])
            extra[i].append("br=" + lower[i] + "|" + (lower[i + 1] if i + 1 < n else "</s>"))
    return extra


def sentence_features(
    words: Sequence[str],
    lex: Lexicon | None,
    fs: FeatureSet,
    cache: dict[str, WordEntry] | None = None,
) -> list[list[str]]:
    """Return the feature strings of every word of one sentence (the training format).

    Args:
        words: the sentence's tokens, as written.
        lex: kg's lexicon; ``None`` (or ``fs.lexicon`` false) leaves lexicon features out.
        fs: the feature set the model is trained with.
        cache: a per-word cache of :func:`word_entry` owned by the caller, if any.

    >>> from kg.extract.lexicon import load_lexicon
    >>> feats = sentence_features(["kata", "Budi"], load_lexicon(), FEATURE_SETS["lex"])
    >>> "speech" in feats[0], "-1:speech" in feats[1], "cap" in feats[1], "EOS" in feats[1]
    (True, True, True, True)
    """
    cache = {} if cache is None else cache
    entries = []
    for word in words:
        entry = cache.get(word)
        if entry is None:
            entry = cache[word] = word_entry(word, lex, fs)
        entries.append(entry)
    extra = context_features(words, lex, fs)
    n = len(words)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *entries[i][0], *extra[i]]
        for k, offset in enumerate(offsets(fs.window), 1):
            if 0 <= i + offset < n:
                feats += entries[i + offset][k]
        out.append(feats)
    return out
