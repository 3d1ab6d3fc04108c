"""The extractor never crashes and is deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.model.rdf import to_rdf

words = st.sampled_from(
    [
        "Wali",
        "Kota",
        "Bogor",
        "Bupati",
        "(",
        ")",
        "Pemkab",
        "kata",
        ",",
        ".",
        '"',
        "Ketua",
        "DPRD",
        "dan",
        "di",
        "Forum",
        "Jawa",
        "Barat",
        "Pewarta:",
        "\n",
        "UCLG",
        "ASPAC",
        "H.",
        "Dr.",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    extraction = kg.extract(text)
    to_rdf(extraction)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(words, max_size=60).map(" ".join))
def test_news_like_word_salad_never_crashes_and_is_deterministic(text: str) -> None:
    first, second = kg.extract(text), kg.extract(text)
    assert first == second
    for relation in first.relations:
        assert 0 <= relation.confidence <= 1
        assert 0 <= relation.start <= relation.end <= len(text)
