"""Read the open Indonesian NER corpora in ../shared/datasets/ner/ for train_ner.py and eval_ner.py.

A development helper, not part of kg: the corpora are not in the repository (users' clones lack
them). Each sentence is re-tokenised with kg's own tokenizer so the model trains and is measured
on the tokens it meets at run time; gold names are kept as character spans of the sentence text
(the corpus tokens joined by single spaces), so scoring is exact-span, exact-type, CoNLL style.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.extract.ner import NameTagger
from kg.extract.text import Token, tokenize
from kg.model.terms import EntityType

ROOT = Path(__file__).resolve().parent.parent
NER_DIR = ROOT.parent / "shared" / "datasets" / "ner"

# corpus -> split -> file; "dev" is the split used for choosing settings, never "test"
CORPORA: dict[str, dict[str, str]] = {
    "idner-news-2k": {"train": "train.txt", "dev": "dev.txt", "test": "test.txt"},
    "nerui": {"train": "train.01.tsv", "dev": "dev.01.tsv", "test": "test.01.tsv"},
    "nergrit": {
        "train": "train_preprocess.txt",
        "dev": "valid_preprocess.txt",
        "test": "test_preprocess.txt",
    },
    "nerugm": {"train": "train.01.tsv", "dev": "dev.01.tsv", "test": "test.01.tsv"},
}
# the corpora's types -> the tagger's labels (PER/ORG/LOC); TIME and QUANTITY are not names
TYPE_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "PLACE": "LOC",
}
TYPES = ("PER", "ORG", "LOC")
CODES = {EntityType.PERSON: "PER", EntityType.ORGANIZATION: "ORG", EntityType.PLACE: "LOC"}


@dataclass(frozen=True)
class Example:
    """One corpus sentence: its text, kg's tokens of it and the gold names as character spans."""

    text: str
    tokens: list[Token]
    gold: frozenset[tuple[int, int, str]]  # (start char, end char, PER|ORG|LOC)

    def bio(self) -> list[str]:
        """The gold names as BIO labels over kg's tokens (the training target)."""
        labels = ["O"] * len(self.tokens)
        for start, end, kind in self.gold:
            for i, token in enumerate(self.tokens):
                if token.start >= start and token.end <= end:
                    labels[i] = ("B-" if token.start == start else "I-") + kind
        return labels


def require_corpora() -> Path:
    """Return the corpus folder, or exit with a clear message when this clone lacks it."""
    if not NER_DIR.is_dir():
        sys.exit(
            f"the NER corpora are not at {NER_DIR}: this development script needs the shared "
            "folder ../shared/datasets/ner/ beside the repository (the shipped model in "
            "data/models/ works without it)"
        )
    return NER_DIR


def _rows(path: Path) -> Iterator[list[tuple[str, str]]]:
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.strip().split()
        if not cells:
            if sentence:
                yield sentence
            sentence = []
            continue
        sentence.append((cells[0], cells[-1]))
    if sentence:
        yield sentence


def _gold_spans(words: list[str], tags: list[str]) -> tuple[str, set[tuple[int, int, str]]]:
    """Join the words with spaces and read the BIO tags as character spans (conlleval rules)."""
    text, starts = "", []
    spans: set[tuple[int, int, str]] = set()
    for word in words:
        text += (" " if text else "") + word
        starts.append(len(text) - len(word))
    current: tuple[int, int, str] | None = None  # (start, end, kind) of the open name
    for word, start, tag in zip(words, starts, tags, strict=True):
        prefix, _, raw = tag.partition("-")
        kind = TYPE_MAP.get(raw)
        if kind is not None and current is not None and prefix == "I" and current[2] == kind:
            current = (current[0], start + len(word), kind)
            continue
        if current is not None:
            spans.add(current)
        current = (start, start + len(word), kind) if kind is not None else None
    if current is not None:
        spans.add(current)
    return text, spans


def read_split(corpus: str, split: str) -> list[Example]:
    """Read one split of one corpus as examples (sentences with gold character spans)."""
    path = require_corpora() / corpus / CORPORA[corpus][split]
    examples = []
    for sentence in _rows(path):
        words = [w for w, _ in sentence]
        text, spans = _gold_spans(words, [t for _, t in sentence])
        examples.append(Example(text, tokenize(text), frozenset(spans)))
    return examples


@dataclass
class Counts:
    """True positives, false positives and false negatives of exact-span, exact-type matching."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(examples: list[Example], tagger: NameTagger) -> dict[str, Counts]:
    """Entity-level counts per type (PER, ORG, LOC) and micro-averaged (key ``ALL``)."""
    counts = {kind: Counts() for kind in (*TYPES, "ALL")}
    for example in examples:
        tokens = example.tokens
        predicted = {
            (tokens[s.start_token].start, tokens[s.end_token - 1].end, CODES[s.label])
            for s in tagger.tag(tokens)
        }
        for kind in TYPES:
            gold = {g for g in example.gold if g[2] == kind}
            found = {p for p in predicted if p[2] == kind}
            c = Counts(len(gold & found), len(found - gold), len(gold - found))
            counts[kind].add(c)
            counts["ALL"].add(c)
    return counts
