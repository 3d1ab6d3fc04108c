"""The fast paths of the extractor give the same answers as the plain definitions they replace."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.lexicon import Trie, load_lexicon
from kg.extract.mentions import ParsedSentence, preceded_by
from kg.extract.names import NameFinder
from kg.extract.phrases import CueSet
from kg.extract.pieces import DocNames, Piece
from kg.extract.text import repair, tokenize
from kg.model.records import Sentence

_WORDS = ["kota", "bogor", "wali", "jawa", "barat", "dan", "pemkab", "x"]


def _trie() -> Trie:
    trie = Trie()
    for key in (
        ["kota", "bogor"],
        ["kota"],
        ["wali", "kota", "bogor"],
        ["jawa", "barat"],
        ["jawa", "barat", "dan", "bogor", "kota"],
        ["pemkab", "bogor"],
    ):
        trie.add(key, " ".join(key))
    return trie


@given(st.lists(st.sampled_from(_WORDS), max_size=8), st.integers(-10, 10))
def test_token_matches_equals_matches(words: list[str], start: int) -> None:
    trie = _trie()
    tokens = tokenize(" ".join(words))
    lower = [t.lower for t in tokens]
    if start < -len(lower):
        return  # an index error either way
    expected = list(trie.matches(lower, start))
    assert list(trie.token_matches(tokens, start)) == expected
    if not trie.may_start(tokens, start):
        assert expected == []


@given(st.lists(st.sampled_from(["Bima", ",", "kata", "(", "21/7", ")", "."]), max_size=12))
def test_between_equals_the_filter(words: list[str]) -> None:
    text = " ".join(words).replace(" ,", ",")
    tokens = tokenize(text)
    ps = ParsedSentence(Sentence(0, 0, len(text), text), tokens, [], [], [])
    for a in range(len(text) + 1):
        for b in range(len(text) + 1):
            expected = [t for t in tokens if a <= t.start and t.end <= b]
            assert ps.between(a, b) == expected


def test_preceded_by_equals_comparing_every_cue() -> None:
    text = "Tersangka berinisial AS dan korban bernama Budi akrab disapa Ubud hadir."
    tokens = tokenize(text)
    ps = ParsedSentence(Sentence(0, 0, len(text), text), tokens, [], [], [])
    cues = (("bernama",), ("berinisial",), ("akrab", "disapa"), ("disapa",), ("korban", "x"))
    for k in range(len(tokens)):
        piece = Piece("unknown", tokens[k : k + 1])
        expected = any(
            tuple(ps.lower[max(0, k - len(cue)) : k]) == cue for cue in cues
        )  # what _before(ps, piece, len(cue)) == cue read
        assert preceded_by(ps, piece, CueSet.of(cues)) is expected, tokens[k].text


# The patterns repair() used before they were rewritten to start with the literal "?".
_OPEN_Q = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))\?(?=\w)", re.MULTILINE)
_CLOSE_Q = re.compile(r"(?<=[.,!;:\w])\?(?=\s+[a-z]|\s*$|\s*\n)", re.MULTILINE)
_CLOSE_AFTER_PUNCT = re.compile(r"(?<=[.,!])\?(?=[\s\"]|$)", re.MULTILINE)


def _repair_reference(text: str) -> str:
    text = repair(text.replace("?", "\x00")).replace("\x00", "?")  # everything but the "?" rules
    text = _OPEN_Q.sub('"', text)
    text = _CLOSE_AFTER_PUNCT.sub('"', text)
    return _CLOSE_Q.sub('"', text)


@settings(max_examples=400)
@given(st.text(alphabet='?? \n\t([.,!;:"aZ9é)\u00a0', max_size=16))
def test_repair_reads_question_marks_as_before(text: str) -> None:
    assert repair(text) == _repair_reference(text)


def test_repair_cases() -> None:
    assert repair("?Kami siap,? kata Bima.") == '"Kami siap," kata Bima.'
    assert repair("Siapa dia? Bima.\n?Ya") == 'Siapa dia? Bima.\n"Ya'
    assert repair("(?Kota Hujan?)") == '("Kota Hujan?)'  # no closing rule before a bracket


@pytest.mark.parametrize(
    ("name", "edition"),
    [
        ("Forum Kota Hijau 2023", True),
        ("Yayasan Pendidikan 17 Agustus 1945", False),  # a date inside a name
        ("Forum Kota Hijau", False),
    ],
)
def test_a_dated_edition_ends_in_a_year_that_is_not_part_of_a_date(
    name: str, edition: bool
) -> None:
    piece = Piece("name", tokenize(name), "Association")
    finder = NameFinder(load_lexicon(), DocNames())
    assert (finder._edition(piece, piece.words, 0).cls == "Event") is edition
