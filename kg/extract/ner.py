"""A statistical name tagger: persons, organisations and places in one tokenised sentence.

The rules in :mod:`kg.extract.names` need evidence (a title, an honorific, a head word, a
gazetteer entry). This tagger finds names that carry none ("kata Sulastri", "Fajar Nugroho
menilai ..."), from word shape, affixes, context and the same lexicons. It is a linear-chain CRF
trained offline with python-crfsuite by ``scripts/train_ner.py`` on open Indonesian NER corpora
and shipped as ``data/models/ner.crfsuite``; ``data/models/README.md`` gives its data, licences,
features and measured quality.

Decoding is done here rather than by crfsuite's tagger, for speed. Almost every feature depends
on one word, so each distinct word's contribution to the label scores is summed once and cached
(crfsuite would re-read some sixty feature strings per token). Only the regions where names can
be are decoded: runs of words with a capital letter (joined by "dan", "bin", digits, brackets
...) widened by one word each side, the words outside taken as "O". Within a region, Viterbi
gives the labels and forward-backward the marginals behind each name's confidence. Decoding a
whole sentence as one region reproduces crfsuite's own labels and marginals (a test checks it);
on the corpora's dev splits the regions lose nothing against it (data/models/README.md).

Usage from the pipeline, one sentence at a time::

    for span in tag(tokens):              # tokens: list[Token] of one sentence
        words = tokens[span.start_token : span.end_token]
        span.label, span.confidence       # EntityType.PERSON/ORGANIZATION/PLACE, in [0, 1]

    tag(tokens, within=[(3, 5)])          # only names overlapping tokens 3-4 (cheaper)
"""

from __future__ import annotations

import json
import math
import threading
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from operator import add, mul, sub
from pathlib import Path
from typing import Literal

import pycrfsuite

from kg.errors import ResourceError
from kg.extract.lexicon import Lexicon, keep_for_process, load_lexicon
from kg.extract.ner_features import FEATURE_SETS, FeatureSet, context_features, offsets, word_entry
from kg.extract.text import Token
from kg.model.resources import resource_path
from kg.model.terms import EntityType

__all__ = ["MODEL_NAME", "NameSpan", "NameTagger", "default_tagger", "tag"]

MODEL_NAME = "ner.crfsuite"
_TYPES = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.PLACE}
_CACHE_LIMIT = 100_000
Vector = list[float]


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name the tagger found in a sentence.

    Attributes:
        start_token: index of the name's first token in the sentence's token list.
        end_token: index one past its last token (``tokens[start_token:end_token]``).
        label: Person, Organization or Place.
        confidence: the lowest marginal probability, over the span's tokens, of the label the
            tagger chose for the token (in [0, 1]).
        model: the model that produced it (for the fact's provenance).
    """

    start_token: int
    end_token: int
    label: EntityType
    confidence: float
    model: str


class NameTagger:
    """A loaded CRF model with its feature set.

    Args:
        path: the ``.crfsuite`` model; its settings are read from the ``.json`` beside it.
        lexicon: the lexicon the lexicon features read (kg's own by default).

    Raises:
        ResourceError: the model or its settings are missing or unreadable.
    """

    def __init__(
        self,
        path: Path,
        lexicon: Lexicon | None = None,
        *,
        pad: int | Literal["model"] | None = "model",
    ) -> None:
        settings_path = path.with_suffix(".json")
        try:
            settings = json.loads(settings_path.read_text(encoding="utf-8"))
            self.feature_set: FeatureSet = FEATURE_SETS[settings["feature_set"]]
            self.name = str(settings["name"])
            self.pad: int | None = int(settings["pad"]) if pad == "model" else pad
            reader = pycrfsuite.Tagger()
            reader.open(str(path))
            info = reader.info()
            reader.close()
        except (OSError, ValueError, KeyError) as exc:
            raise ResourceError(
                f"cannot load the name tagger {path} (settings {settings_path}): {exc}; "
                "reinstall kg or retrain with scripts/train_ner.py"
            ) from exc
        self.path = path
        self.labels: list[str] = sorted(info.labels, key=lambda label: int(info.labels[label]))
        self._lexicon = lexicon if lexicon is not None else load_lexicon()
        self._offsets = offsets(self.feature_set.window)
        self._weights = self._state_weights(info.state_features)
        self._bias = self._weights.get("bias", [0.0] * len(self.labels))
        self._trans = self._transitions(info.transitions)
        self._into = [list(column) for column in zip(*self._trans, strict=True)]  # [to][from]
        self._flat_into = [w for column in self._into for w in column]
        self._exp_trans = [[math.exp(w) for w in row] for row in self._trans]
        self._exp_into = [list(column) for column in zip(*self._exp_trans, strict=True)]
        self._o = self.labels.index("O")
        self._cache: dict[str, list[Vector]] = {}
        self._kinds: dict[str, int] = {}
        self._lock = threading.Lock()

    def _state_weights(self, features: dict[tuple[str, str], float]) -> dict[str, Vector]:
        index = {label: k for k, label in enumerate(self.labels)}
        weights: dict[str, Vector] = {}
        for (attribute, label), weight in features.items():
            weights.setdefault(attribute, [0.0] * len(self.labels))[index[label]] = weight
        return weights

    def _transitions(self, transitions: dict[tuple[str, str], float]) -> list[Vector]:
        size = len(self.labels)
        matrix = [[0.0] * size for _ in range(size)]
        for (source, target), weight in transitions.items():
            matrix[self.labels.index(source)][self.labels.index(target)] = weight
        return matrix

    def _word_scores(self, word: str) -> list[Vector]:
        """A word's own state scores (with the bias), then those it adds at each neighbour."""
        scores = self._cache.get(word)
        if scores is None:
            size, weights = len(self.labels), self._weights
            scores = []
            for k, features in enumerate(word_entry(word, self._lexicon, self.feature_set)):
                total = list(self._bias) if k == 0 else [0.0] * size
                for feature in features:
                    vector = weights.get(feature)
                    if vector is not None:
                        total = [a + b for a, b in zip(total, vector, strict=True)]
                scores.append(total)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = scores
        return scores

    def regions(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """The (start, end) token ranges worth decoding: where names can be.

        A region is a run of words holding a capital letter, joined by connectors (``dan``,
        ``bin``, digits, brackets, hyphens ...), widened by ``pad`` words on each side; with
        ``pad`` None the whole sentence is one region (exact decoding).
        """
        n = len(words)
        if self.pad is None:
            return [(0, n)] if n else []
        known = self._kinds
        kinds = [known[w] if w in known else self._kind(w) for w in words]
        found: list[tuple[int, int]] = []
        i = 0
        while i < n:
            if kinds[i] != _CAPITAL:
                i += 1
                continue
            j = end = i + 1
            while j < n and kinds[j]:
                j += 1
                if kinds[j - 1] == _CAPITAL:
                    end = j
            start, stop = max(0, i - self.pad), min(n, end + self.pad)
            if found and start <= found[-1][1]:
                start = found.pop()[0]
            found.append((start, stop))
            i = end
        return found

    def _kind(self, word: str) -> int:
        """_CAPITAL for a word with a capital letter, _CONNECTOR for a joiner, else 0."""
        kind = self._kinds.get(word)
        if kind is None:
            if not word.islower() and any(c.isupper() for c in word):
                kind = _CAPITAL
            elif self._connects(word):
                kind = _CONNECTOR
            else:
                kind = 0
            if len(self._kinds) >= _CACHE_LIMIT:
                self._kinds.clear()
            self._kinds[word] = kind
        return kind

    def _connects(self, word: str) -> bool:
        return word in _CONNECTORS or word[:1].isdigit() or word.lower() in self._lexicon.joiners

    def state_scores(
        self, words: Sequence[str], region: tuple[int, int], extra: list[list[str]]
    ) -> list[Vector]:
        """The state score of every label at every word of a region (crfsuite's sum of weights).

        Args:
            words: the sentence.
            region: the (start, end) token range to score.
            extra: the sentence's :func:`~kg.extract.ner_features.context_features`.
        """
        n, weights, window = len(words), self._weights, self.feature_set.window
        start, stop = region
        low, high = max(0, start - window), min(n, stop + window)
        word_scores = self._word_scores
        entries = [word_scores(words[k]) for k in range(low, high)]  # entries[k - low]
        offsets = list(enumerate(self._offsets, 1))
        zeros = [0.0] * len(self.labels)
        scores = []
        for i in range(start, stop):
            # the vectors added one after another, from 0.0: the sum of each column, in order
            # (chained lazy maps: the same additions without a list for every partial sum)
            total: Iterator[float] = map(add, zeros, entries[i - low][0])
            for k, offset in offsets:
                if 0 <= i + offset < n:
                    total = map(add, total, entries[i + offset - low][k])
            for feature in extra[i]:
                vector = weights.get(feature)
                if vector is not None:
                    total = map(add, total, vector)
            scores.append(list(total))
        return scores

    def tag(
        self, tokens: Sequence[Token], *, within: Sequence[tuple[int, int]] | None = None
    ) -> list[NameSpan]:
        """Return the names in one sentence's tokens, left to right.

        Args:
            tokens: the sentence's tokens.
            within: token ranges ``(start, end)`` to look in, e.g. the capitalised chunks the
                rules could not read; only the regions overlapping them are decoded (faster)
                and only names overlapping them are returned. None: the whole sentence.
        """
        words = [t.text for t in tokens]
        ranges = None if within is None else _Ranges(within)
        spans = self._spans(*self._decode(words, ranges))
        if ranges is None:
            return spans
        return [s for s in spans if ranges.meets(s.start_token, s.end_token)]

    def tag_labels(self, words: Sequence[str]) -> list[str]:
        """The best label sequence (BIO strings) for words; for tests and evaluation."""
        return [self.labels[k] for k in self._decode(words, None)[0]]

    def _decode(
        self, words: Sequence[str], within: _Ranges | None
    ) -> tuple[list[int], list[float]]:
        """Labels of the best path and the marginal of each chosen label ("O" outside regions)."""
        o, n = self._o, len(words)
        labels, marginals = [o] * n, [1.0] * n
        regions = self.regions(words)
        if within is not None:
            regions = [r for r in regions if within.meets(*r)]
        if not regions:
            return labels, marginals
        decoded = [k for start, stop in regions for k in range(start, stop)]
        extra = context_features(words, self._lexicon, self.feature_set, decoded)
        for start, stop in regions:
            with self._lock:  # the word cache is shared between threads
                scores = self.state_scores(words, (start, stop), extra)
            best = self._viterbi(scores, start > 0, stop < n)
            labels[start:stop] = best
            # a name's confidence needs the marginals; names outside ``within`` are dropped
            if any(k != o for k in best) and (
                within is None or self._names_meet(best, start, within)
            ):
                marginals[start:stop] = self._marginals(scores, best, start > 0, stop < n)
        return labels, marginals

    def _names_meet(self, path: list[int], offset: int, within: _Ranges) -> bool:
        """Whether a name of a region's best path (cut as :meth:`_spans` cuts it) overlaps
        ``within``; tokens around a region are "O", so its names are its own."""
        names = [self.labels[k] for k in path]
        i = 0
        while i < len(names):
            if names[i] == "O":
                i += 1
                continue
            inside = "I-" + names[i][2:]
            j = i + 1
            while j < len(names) and names[j] == inside:
                j += 1
            if within.meets(offset + i, offset + j):
                return True
            i = j
        return False

    def _viterbi(self, scores: list[Vector], after_o: bool, before_o: bool) -> list[int]:
        """The best label path through a region whose outside neighbours are "O".

        Each step adds the previous scores to every column of the transition matrix in one
        ``map`` over the flattened matrix (``best[i] + trans[i][j]`` for every j, i) and takes
        each column's maximum in a second ``map`` over groups of ``size`` sums (``max`` of the
        column's values, first to last). The back pointers are not kept for every label: the
        backward pass recomputes the one column its path goes through and takes its first
        maximum. The same additions and ties as a loop over the columns.
        """
        into, o, size, flat_into = self._into, self._o, len(self.labels), self._flat_into
        best = list(map(add, scores[0], self._trans[o])) if after_o else list(scores[0])
        history: list[Vector] = []
        for row in scores[1:]:
            history.append(best)
            summed = map(add, best * size, flat_into)
            best = list(map(add, map(max, *([summed] * size)), row))
        if before_o:
            best = list(map(add, best, into[o]))
        label = best.index(max(best))
        path = [label]
        for previous in reversed(history):
            column = list(map(add, previous, into[label]))
            label = column.index(max(column))
            path.append(label)
        return path[::-1]

    def _marginals(
        self, scores: list[Vector], path: list[int], after_o: bool, before_o: bool
    ) -> list[float]:
        """Forward-backward over one region whose outside neighbours are "O".

        Computed with exponentiated scores rescaled at every step (instead of log-sum-exp),
        which is exact up to rounding and several times faster in pure Python. Only the
        names' tokens need their marginal: alpha runs to the last of them, beta back to the
        first. Each label's sum over the previous labels is ``sum(map(mul, ...))``, mapped
        over the columns.
        """
        o, n = self._o, len(scores)
        out = [1.0] * n
        named = [t for t in range(n) if path[t] != o]
        if not named:
            return out
        first_name, last_name = named[0], named[-1]
        exp_from, exp_into = self._exp_trans, self._exp_into
        size = len(self.labels)
        emit = [list(map(math.exp, map(sub, row, repeat(max(row), size)))) for row in scores]
        first = list(map(mul, emit[0], exp_from[o])) if after_o else emit[0]
        alpha = [_normalised(first)]
        for t in range(1, last_name + 1):
            # e * sum(map(mul, previous, column)) for every label's column and emission e
            sums = map(sum, map(map, repeat(mul, size), repeat(alpha[-1], size), exp_into))
            alpha.append(_normalised(list(map(mul, emit[t], sums))))
        beta = [list(exp_into[o]) if before_o else [1.0] * size]
        for t in range(n - 1, first_name, -1):
            # sum(map(mul, row, weighted)) for every row of the transition matrix
            weighted = repeat(list(map(mul, emit[t], beta[-1])), size)
            beta.append(
                _normalised(list(map(sum, map(map, repeat(mul, size), exp_from, weighted))))
            )
        beta.reverse()  # beta[t - first_name] belongs to token t
        for t in named:
            joint = list(map(mul, alpha[t], beta[t - first_name]))
            out[t] = joint[path[t]] / sum(joint)
        return out

    def _spans(self, labels: list[int], marginals: list[float]) -> list[NameSpan]:
        names = [self.labels[k] for k in labels]
        spans: list[NameSpan] = []
        i = 0
        while i < len(names):
            if names[i] == "O":
                i += 1
                continue
            kind = names[i][2:]
            j = i + 1
            while j < len(names) and names[j] == "I-" + kind:
                j += 1
            confidence = round(min(marginals[i:j]), 4)
            spans.append(NameSpan(i, j, _TYPES[kind], confidence, self.name))
            i = j
        return spans


_CAPITAL, _CONNECTOR = 2, 1
_CONNECTORS = frozenset({"(", ")", "-", "'", "&", "/", ".", ","})


class _Ranges:
    """Token ranges ``(start, end)``, asked whether a span overlaps one of them in logarithmic
    time (a sentence listing thousands of names asks thousands of times)."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the ranges up to each one
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def meets(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a range: one starting before ``end`` reaches past
        ``start``."""
        before = bisect_left(self._starts, end)  # the ranges that start before the span ends
        return before > 0 and self._reach[before - 1] > start


def _normalised(vector: Vector) -> Vector:
    total = sum(vector)
    return [v / total for v in vector] if total > 0 else [1.0 / len(vector)] * len(vector)


@cache
def default_tagger() -> NameTagger:
    """Return the tagger with the packaged model, loading it on first use (once per process).

    Raises:
        ResourceError: the packaged model is missing (reinstall kg).
    """
    tagger = NameTagger(resource_path("models", MODEL_NAME))
    keep_for_process()
    return tagger


def tag(
    tokens: Sequence[Token], *, within: Sequence[tuple[int, int]] | None = None
) -> list[NameSpan]:
    """Return the persons, organisations and places the packaged model finds in one sentence.

    Args:
        tokens: the tokens of one sentence (from :func:`kg.extract.text.tokenize`).
        within: token ranges ``(start, end)`` to look in (e.g. chunks the rules could not
            read); None looks at the whole sentence. See :meth:`NameTagger.tag`.

    Raises:
        ResourceError: the packaged model is missing (reinstall kg).

    >>> from kg.extract.text import tokenize
    >>> tokens = tokenize("Kami sudah siap, kata Sulastri.")
    >>> [(" ".join(t.text for t in tokens[s.start_token : s.end_token]), s.label.value)
    ...  for s in tag(tokens)]
    [('Sulastri', 'Person')]
    >>> tag(tokens, within=[(0, 2)])
    []
    """
    return default_tagger().tag(tokens, within=within)
