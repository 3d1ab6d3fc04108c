"""The variant rules of kg.link.names, one behaviour each, on fictional names."""

from __future__ import annotations

import pytest

from kg.link.names import (
    abbreviates,
    extends,
    index_keys,
    same_words,
    shape_of,
    spelled_alike,
)


def shape(key: str):  # type: ignore[no-untyped-def]
    return shape_of(key)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("kawasan geopark cibuntu", "geopark cibuntu", id="designator"),
        pytest.param("wilayah cagar alam cikaso", "cagar alam cikaso", id="another-designator"),
        pytest.param("unesco global geopark cibuntu", "geopark cibuntu", id="status"),
        pytest.param("geopark nasional cibuntu", "geopark cibuntu", id="national-status"),
        pytest.param("istana wisma indah ri", "istana wisma indah", id="country-qualifier"),
        pytest.param("cibuntu geopark", "geopark cibuntu", id="head-written-after"),
        pytest.param("pt sinar terang abadi tbk", "sinar terang abadi", id="legal-form"),
        pytest.param("tim garuda cendekia", "garuda cendekia", id="team"),
    ],
)
def test_the_same_words(a: str, b: str) -> None:
    assert same_words(shape(a), shape(b))


def test_two_countries_are_never_the_same_body() -> None:
    a, b = shape("kedutaan besar ri"), shape("kedutaan besar ri")
    assert same_words(a, b)
    assert not same_words(shape("badan sandi ri"), shape_of_country("badan sandi", "MY"))


def shape_of_country(key: str, country: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(shape_of(key), country=country)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("geopark cibuntu palabuhanratu", "geopark cibnutu palabuhanratu", id="swap"),
        pytest.param("geopark cibuntu palabuhanratu", "geopark cibuntu pelabuhanratu", id="vowel"),
        pytest.param("geopark cibuntu palabuhanratu", "geopark cibuntu palabuhan ratu", id="split"),
        pytest.param("kabupaten karawang", "kabupaten kerawang", id="a-regency-misspelt"),
    ],
)
def test_misspellings(a: str, b: str) -> None:
    assert spelled_alike(shape(a), shape(b), "Regency" if "kabupaten" in a else None)


@pytest.mark.parametrize(
    ("a", "b", "cls"),
    [
        pytest.param("desa adimulya", "desa adimulyo", "Village", id="two-known-villages"),
        pytest.param("komisi ii dpr", "komisi iii dpr", None, id="roman-numerals"),
        pytest.param("festival cibuntu 2019", "festival cibuntu 2018", None, id="years"),
        pytest.param("taman cikas", "taman cikus", None, id="short-words"),
    ],
)
def test_what_is_no_misspelling(a: str, b: str, cls: str | None) -> None:
    assert not spelled_alike(shape(a), shape(b), cls)


@pytest.mark.parametrize(
    ("short", "full", "how"),
    [
        pytest.param(
            "kementerian ppk", "kementerian pangan perikanan kelautan", "part", id="initials"
        ),
        pytest.param(
            "kementerian ppk", "kementerian pangan dan perikanan kelautan", "part", id="joiner"
        ),
        pytest.param(
            "pengadilan tipikor", "pengadilan tindak pidana korupsi", "part", id="syllables"
        ),
        pytest.param("bapeke", "badan pengawas keuangan", "whole", id="whole-name"),
    ],
)
def test_acronyms(short: str, full: str, how: str) -> None:
    assert abbreviates(shape(short), shape(full)) == how
    assert index_keys(shape(short)) & index_keys(shape(full)), "the token index finds the pair"


@pytest.mark.parametrize(
    ("short", "full"),
    [
        pytest.param("kpu", "kementerian pupr", id="an-acronym-of-an-acronym"),
        pytest.param("kementerian pp", "kementerian pangan", id="run-too-short"),
        pytest.param("bp", "badan pangan", id="two-letters-alone"),
    ],
)
def test_what_is_no_acronym(short: str, full: str) -> None:
    assert abbreviates(shape(short), shape(full)) == ""


@pytest.mark.parametrize(
    ("short", "long", "how"),
    [
        pytest.param("geopark cibuntu", "geopark cibuntu palabuhanratu", "place", id="a-place"),
        pytest.param("pantai cikaso", "pantai cikaso jawa barat", "place", id="a-province"),
        pytest.param("cikaso", "pantai cikaso", "head", id="a-head-before-a-bare-name"),
    ],
)
def test_extensions(short: str, long: str, how: str) -> None:
    assert extends(shape(short), shape(long)) == how


@pytest.mark.parametrize(
    ("short", "long"),
    [
        pytest.param("pengadilan negeri bogor", "pengadilan negeri bogor utara", id="compass"),
        pytest.param("kementerian pangan", "kementerian pangan dan kelautan", id="conjunct"),
        pytest.param("festival cikaso", "festival cikaso 2019", id="an-edition"),
        pytest.param("cikaso", "cikaso palabuhanratu", id="no-head-before-a-place"),
        pytest.param("geopark", "geopark palabuhanratu", id="nothing-distinctive"),
    ],
)
def test_what_extends_into_something_else(short: str, long: str) -> None:
    assert extends(shape(short), shape(long)) is None


def test_names_of_other_numbers_share_no_index_key() -> None:
    assert not index_keys(shape("festival cibuntu 3")) & index_keys(shape("festival cibuntu 8"))
