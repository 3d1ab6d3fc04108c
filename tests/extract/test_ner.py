"""The statistical name tagger, on Indonesian sentences written for these tests."""

from __future__ import annotations

from functools import reduce
from itertools import pairwise
from operator import add
from pathlib import Path

import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import ResourceError
from kg.extract.lexicon import load_lexicon
from kg.extract.ner import MODEL_NAME, NameTagger, _Ranges, default_tagger, tag
from kg.extract.ner_features import offsets, sentence_features
from kg.extract.text import tokenize
from kg.model.resources import resource_path
from kg.model.terms import EntityType

SENTENCES = [
    "Kami akan memperbaiki jalan desa itu sebelum musim hujan, kata Sulastri.",
    "Saham PT Sinar Laut Makmur Tbk naik tiga persen pada perdagangan Senin.",
    "Banjir merendam ratusan rumah di Kabupaten Tegal sejak Selasa malam.",
    "Ketua Umum Partai Nusantara Baru Haryo Wibisono bertemu Gubernur Sumatera Barat.",
    "Menurut Dewi Anggraini, program itu sudah berjalan di tiga kecamatan.",
    "Rombongan dari Universitas Lambung Mangkurat tiba di Banjarmasin pukul 10.00 WITA.",
    "Ia menyebut pertemuan di Jenewa itu dihadiri wakil dari Jepang dan Korea Selatan.",
    "harga cabai rawit di pasar tradisional turun menjadi Rp 40.000 per kilogram.",
]


def names(text: str) -> set[tuple[str, EntityType]]:
    tokens = tokenize(text)
    return {
        (" ".join(t.text for t in tokens[s.start_token : s.end_token]), s.label)
        for s in tag(tokens)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(SENTENCES[0], ("Sulastri", EntityType.PERSON), id="person-after-kata"),
        pytest.param(
            SENTENCES[1],
            ("PT Sinar Laut Makmur Tbk", EntityType.ORGANIZATION),
            id="company-pt-tbk",
        ),
        pytest.param(SENTENCES[2], ("Kabupaten Tegal", EntityType.PLACE), id="regency"),
        pytest.param(SENTENCES[4], ("Dewi Anggraini", EntityType.PERSON), id="after-menurut"),
        pytest.param(
            SENTENCES[5],
            ("Universitas Lambung Mangkurat", EntityType.ORGANIZATION),
            id="university",
        ),
        pytest.param(SENTENCES[6], ("Korea Selatan", EntityType.PLACE), id="country"),
    ],
)
def test_finds_the_name(text: str, expected: tuple[str, EntityType]) -> None:
    assert expected in names(text)


def test_a_sentence_without_capitals_has_no_names() -> None:
    assert names(SENTENCES[7]) == set()
    assert tag([]) == []


def test_spans_are_well_formed() -> None:
    for text in SENTENCES:
        tokens = tokenize(text)
        spans = tag(tokens)
        for span in spans:
            assert 0 <= span.start_token < span.end_token <= len(tokens)
            assert 0.0 <= span.confidence <= 1.0
            assert span.model == default_tagger().name
        ends = [(s.start_token, s.end_token) for s in spans]
        assert all(a[1] <= b[0] for a, b in pairwise(ends)), "overlap"


def test_within_returns_the_names_overlapping_the_ranges() -> None:
    text = "Menurut Dewi Anggraini, warga Kabupaten Tegal sudah menerima bantuan."
    tokens = tokenize(text)
    everything = tag(tokens)
    assert len(everything) >= 2
    second = everything[-1]
    ranges = [(second.start_token, second.end_token)]
    assert tag(tokens, within=ranges) == [second]
    assert tag(tokens, within=[]) == []


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(SENTENCES),
    st.lists(st.tuples(st.integers(0, 20), st.integers(1, 6)), max_size=3),
)
def test_within_equals_filtering_the_whole_sentence(
    text: str, ranges: list[tuple[int, int]]
) -> None:
    tokens = tokenize(text)
    within = [(start, start + length) for start, length in ranges]
    expected = [
        s for s in tag(tokens) if any(s.start_token < e and b < s.end_token for b, e in within)
    ]
    assert tag(tokens, within=within) == expected


def test_the_decoder_agrees_with_crfsuite() -> None:
    """Decoding the whole sentence gives crfsuite's own Viterbi labels and marginals."""
    path = resource_path("models", MODEL_NAME)
    exact = NameTagger(path, pad=None)
    reference = pycrfsuite.Tagger()
    reference.open(str(path))
    for text in SENTENCES:
        words = [t.text for t in tokenize(text)]
        reference.set(sentence_features(words, load_lexicon(), exact.feature_set))
        expected = reference.tag()
        assert exact.tag_labels(words) == expected
        for span in exact.tag(tokenize(text)):
            marginal = min(
                reference.marginal(expected[k], k) for k in range(span.start_token, span.end_token)
            )
            assert span.confidence == pytest.approx(marginal, abs=1e-3)


def test_the_packaged_model_is_found() -> None:
    path = resource_path("models", MODEL_NAME)
    assert path.stat().st_size > 100_000
    assert path.with_suffix(".json").is_file()


def test_a_missing_model_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match=r"retrain with scripts/train_ner\.py"):
        NameTagger(tmp_path / "absent.crfsuite")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_and_is_deterministic(text: str) -> None:
    tokens = tokenize(text)
    first = tag(tokens)
    assert tag(tokens) == first
    assert all(0 <= s.start_token < s.end_token <= len(tokens) for s in first)


def _plain_viterbi(
    tagger: NameTagger, scores: list[list[float]], after_o: bool, before_o: bool
) -> list[int]:
    """The textbook loop over columns that ``NameTagger._viterbi`` computes in fewer steps."""
    trans, o, size = tagger._trans, tagger._o, len(tagger.labels)
    best = [s + trans[o][j] for j, s in enumerate(scores[0])] if after_o else list(scores[0])
    back = []
    for row in scores[1:]:
        pointers, current = [], []
        for j in range(size):
            candidates = [best[i] + trans[i][j] for i in range(size)]
            top = max(candidates)
            pointers.append(candidates.index(top))  # the first best
            current.append(top + row[j])
        back.append(pointers)
        best = current
    if before_o:
        best = [b + trans[i][o] for i, b in enumerate(best)]
    path = [best.index(max(best))]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    return path[::-1]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([-2.5, -1.0, -0.0, 0.0, 0.5, 1.25, 3.0]), min_size=7, max_size=7),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
    st.booleans(),
)
def test_viterbi_equals_the_loop_over_columns(
    scores: list[list[float]], after_o: bool, before_o: bool
) -> None:
    """Ties included (few distinct scores): the same path as the plain definition."""
    tagger = default_tagger()
    assert len(tagger.labels) == 7
    assert tagger._viterbi(scores, after_o, before_o) == _plain_viterbi(
        tagger, scores, after_o, before_o
    )


def test_state_scores_equal_the_sum_of_each_column() -> None:
    """Bit for bit the sum of the word's, its neighbours' and its context features' vectors."""
    tagger = default_tagger()
    window = tagger.feature_set.window
    for text in SENTENCES:
        words = [t.text for t in tokenize(text)]
        n = len(words)
        extra = [[*sorted(tagger._weights)[k % 50 :][:3], "no-such-feature"] for k in range(n)]
        scores = tagger.state_scores(words, (0, n), extra)
        for i in range(n):
            parts = [tagger._word_scores(words[i])[0]]
            for k, offset in enumerate(offsets(window), 1):
                if 0 <= i + offset < n:
                    parts.append(tagger._word_scores(words[i + offset])[k])
            parts += [tagger._weights[f] for f in extra[i] if f in tagger._weights]
            # added in order from 0.0, as crfsuite does (sum() compensates from Python 3.12)
            expected = [reduce(add, column, 0.0) for column in zip(*parts, strict=True)]
            assert [s.hex() for s in scores[i]] == [e.hex() for e in expected]


_SPAN = st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPAN, max_size=12), _SPAN)
def test_a_span_meets_the_ranges_it_overlaps_and_no_other(
    ranges: list[tuple[int, int]], span: tuple[int, int]
) -> None:
    """The tagger asks, for each name, whether it overlaps the chunks the rules left unread;
    by bisection (a list of thousands of names made this quadratic), with the same answer as
    testing every range."""
    every = any(span[0] < end and start < span[1] for start, end in ranges)
    assert _Ranges(ranges).meets(*span) == every
