"""Language knowledge lives in data/lexicon, not in kg/extract's code.

Every string constant of ``kg/extract/*.py`` (docstrings aside) that is made of words is read
word by word; a word that is no English identifier of kg's code (``speech_verb`` makes "speech"
and "verb" English) and is not in :data:`ENGLISH` is taken for Indonesian and fails the test:
move it to a file of data/lexicon (phrases.tsv for a rule's word list) and read it from the
Lexicon. Confidences too: a number strictly between 0 and 1 belongs in confidences.tsv.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kg.errors import ResourceError
from kg.extract.phrases import read_confidences, read_phrases
from kg.model.terms import CLASS_PARENT, RELATIONS, EntityType

ROOT = Path(__file__).resolve().parents[2]
EXTRACT = ROOT / "kg" / "extract"
LEXICON = ROOT / "data" / "lexicon"

ENGLISH = frozenset(
    {
        # words of kg/extract's strings that no identifier of kg happens to contain
        *("complementiser", "enumerator", "noun", "posting", "rules", "models", "none", "true"),
        *("digit", "wide", "hon", "deg"),  # the name tagger's features and feature sets
        *("so", "up", "down", "expansion", "qualified", "spelling"),  # features, rule names
        *("reserved", "rights", "com", "co"),  # "All rights reserved", ".com", ".co.id"
    }
)
"""English words (and a tagger's feature names) that may stand in kg/extract's strings."""

LEFT_IN_PATTERNS = {
    # regular expressions whose words are part of the pattern's shape, not word lists:
    "anatomy.py": {"hak", "cipta", "detik", "liputan", "dan"},  # copyright line, datelines
    "chunks.py": {"ke", "st", "nd", "rd", "th", "an"},  # ordinals: "ke-50", "21st", "1990an"
    "dates.py": {"tahun"},  # "tahun 2019": the year after the word
    "lexicon.py": {"kabupaten", "kota", "administrasi"},  # a region's prefix, stripped
    "names.py": {"ke"},  # an event's edition: "Asian Games ke-18"
}
"""Indonesian words still written in regular expressions of these modules (see the report in
docs/extraction-pipeline.md, "Language data")."""

NUMBERS = {"linear.py": {0.5}}  # a logistic model's default decision threshold
"""Numbers between 0 and 1 that are no rule's confidence, by module."""

_WORDS = re.compile(r"^[A-Za-z]+(?:[ -][A-Za-z]+)*$")
_PATTERN_NOISE = re.compile(r"\\[A-Za-z]|\[[^\]]*\]|\(\?P<\w+>|\(\?P=\w+\)|\(\?[aiLmsux]+[:)]")
_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _parts(name: str) -> list[str]:
    """The lower-cased words of an identifier: "speech_verb", "PoliticalParty", "headOf"."""
    return [w.lower() for w in _PARTS.findall(name)]


def identifier_words() -> frozenset[str]:
    """The lower-cased words of every identifier in kg's code (snake_case and CamelCase split)."""
    words: set[str] = set()
    for path in (ROOT / "kg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = node.name
            elif isinstance(node, ast.Name):
                name = node.id
            elif isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, ast.arg):
                name = node.arg
            else:
                continue
            words.update(_parts(name))
    # the ontology's classes and predicates ("Venue", "locatedIn"), written as strings
    for term in [*CLASS_PARENT, *CLASS_PARENT.values(), *RELATIONS, *(t.value for t in EntityType)]:
        words.update(_parts(term))
    return frozenset(words)


def _docstrings(tree: ast.AST) -> set[int]:
    """The string constants standing alone as statements: docstrings, attribute docstrings."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def _words_of(value: str) -> list[str]:
    """The words of a string: all of them when it is only words, else the words of a regular
    expression's alternatives ("kata|ujar"; escapes, character classes and group names left
    out). Each word is split like an identifier ("ParsedSentence"); codes in capitals ("LOC",
    "EOS") are no words."""
    if _WORDS.match(value):
        words = re.split(r"[ -]", value)
    elif "|" in value:
        words = re.findall(r"[A-Za-z]{2,}", _PATTERN_NOISE.sub(" ", value))
    else:
        return []
    return [part for word in words if not word.isupper() for part in _parts(word)]


def indonesian_literals(
    source: str, english: frozenset[str], numbers: frozenset[float] = frozenset()
) -> list[tuple[int, str, str]]:
    """(line, literal, word) for every word of a string constant that is not English, and
    (line, number, "confidence") for every number strictly between 0 and 1."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in skip:
            continue
        if isinstance(node.value, str):
            found += [
                (node.lineno, node.value, word)
                for word in _words_of(node.value)
                if word not in english
            ]
        elif isinstance(node.value, float) and 0.0 < node.value < 1.0 and node.value not in numbers:
            found.append((node.lineno, repr(node.value), "confidence"))
    return found


@pytest.fixture(scope="module")
def english() -> frozenset[str]:
    return identifier_words() | ENGLISH


@pytest.mark.parametrize(
    "path", sorted(EXTRACT.glob("*.py")), ids=lambda p: p.name if isinstance(p, Path) else ""
)
def test_no_language_data_in_extraction_code(path: Path, english: frozenset[str]) -> None:
    allowed = english | LEFT_IN_PATTERNS.get(path.name, set())
    numbers = frozenset(NUMBERS.get(path.name, set()))
    found = indonesian_literals(path.read_text(encoding="utf-8"), allowed, numbers)
    assert found == [], f"{path.name}: move these to data/lexicon: {found}"


@pytest.mark.parametrize(
    ("source", "word"),
    [
        pytest.param('_ROLE = {"selaku"}\n', "selaku", id="set"),
        pytest.param('CUES = (("akrab", "disapa"), ("alias",))\n', "akrab", id="phrases"),
        pytest.param('if word == "pemerintah":\n    pass\n', "pemerintah", id="compare"),
        pytest.param('X = re.compile(r"\\b(sejak|mulai)\\s+$")\n', "sejak", id="pattern"),
        pytest.param("yield relation(0.85)\n", "confidence", id="confidence"),
    ],
)
def test_a_new_indonesian_literal_is_flagged(
    source: str, word: str, english: frozenset[str]
) -> None:
    assert word in [w for _, _, w in indonesian_literals(source, english)]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('"""Docstrings may quote "kata Bima"."""\n', id="docstring"),
        pytest.param('rule = "speech-verb"\n', id="rule name"),
        pytest.param('if piece.kind == "unknown" and cls == "Person":\n    pass\n', id="kinds"),
        pytest.param("threshold = 1.0\n", id="one"),
    ],
)
def test_english_strings_pass(source: str, english: frozenset[str]) -> None:
    assert indonesian_literals(source, english) == []


@pytest.mark.parametrize("path", sorted(LEXICON.iterdir()), ids=lambda p: p.name)
def test_every_lexicon_file_names_its_source(path: Path) -> None:
    header = [line for line in path.read_text(encoding="utf-8").splitlines()[:8] if "#" in line]
    assert any("# Source" in line for line in header), f"{path.name}: add a '# Source:' line"


def _phrase_rows() -> list[tuple[str, tuple[str, ...]]]:
    rows = []
    for line in (LEXICON / "phrases.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, phrase = line.split("\t")
            rows.append((name, tuple(phrase.split())))
    return rows


def test_phrases_name_a_missing_or_an_unread_list() -> None:
    rows = _phrase_rows()
    path = LEXICON / "phrases.tsv"
    assert read_phrases(rows, [], path).role_links[0] == ("selaku",)
    with pytest.raises(ResourceError, match="no phrases of the list 'role-link'"):
        read_phrases([r for r in rows if r[0] != "role-link"], [], path)
    with pytest.raises(ResourceError, match="unknown lists selaku-list"):
        read_phrases([*rows, ("selaku-list", ("selaku",))], [], path)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param([["title", "high"]], "'title' has no number", id="number"),
        pytest.param([["title", "0.9"]], "missing rules .*'apposition'", id="missing"),
        pytest.param([["guess", "0.5"]], r"unknown rules \['guess'\]", id="unknown"),
    ],
)
def test_confidences_are_checked(rows: list[list[str]], message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        read_confidences(rows, LEXICON / "confidences.tsv")
