"""Where places, venues and local bodies lie: "X di Y", appositions, places listed in a place."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract_article
from kg.model.records import Article


def _located(text: str) -> set[tuple[str, str]]:
    ex = extract_article(Article(text))
    name = {e.key: e.name for e in ex.entities}
    return {(name[r.subject], name[r.object]) for r in ex.relations if r.predicate == "locatedIn"}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Santri Pondok Pesantren Nurul Huda di Kabupaten Cianjur mengikuti lomba.",
            ("Pondok Pesantren Nurul Huda", "Kabupaten Cianjur"),
            id="local-body-di-region",
        ),
        pytest.param(
            "Suasana Gedung Sri Baduga di Soreang tampak ramai.",
            ("Gedung Sri Baduga", "Soreang"),
            id="venue-di-district",
        ),
        pytest.param(
            "Warga mengungsi setelah Sungai Cibeureum di Kota Tasikmalaya meluap.",
            ("Sungai Cibeureum", "Kota Tasikmalaya"),
            id="river-di-city",
        ),
        pytest.param(
            "Kepala Dinas Perikanan dan Peternakan, Kabupaten Dompu, Rahmat Hidayat hadir.",
            ("Dinas Perikanan dan Peternakan", "Kabupaten Dompu"),
            id="local-body-in-apposition",
        ),
        pytest.param(
            "Rapat digelar di Kantor Pusat Yayasan Cahaya Bangsa, Jakarta, Selasa.",
            ("Yayasan Cahaya Bangsa", "Daerah Khusus Ibukota Jakarta"),
            id="office-in-apposition",
        ),
        pytest.param(
            "Di Kota Bogor terdapat dua sungai besar yaitu Cibeureum dan Cikeas.",
            ("Cikeas", "Kota Bogor"),
            id="listed-after-yaitu",
        ),
        pytest.param(
            "Bantuan disalurkan di seluruh Indonesia khususnya di Provinsi Lampung.",
            ("Lampung", "Indonesia"),
            id="khususnya",
        ),
        pytest.param(
            "Ia ditemui di kantor pusat Kementerian Keuangan, Jakarta, Selasa.",
            ("Kementerian Keuangan", "Daerah Khusus Ibukota Jakarta"),
            id="office-in-lower-case",
        ),
        pytest.param(
            "Rapat itu digelar di gedung DPRD Jawa Tengah, Kota Semarang, Senin.",
            ("DPRD Jawa Tengah", "Kota Semarang"),
            id="a-province-body-seated-in-its-capital",
        ),
        pytest.param(
            "Ia membuka Festival Tirtasari di pelataran Tugu Religi, Kota Kendari, Minggu.",
            ("Festival Tirtasari", "Kota Kendari"),
            id="event-at-a-venue-no-rule-names",
        ),
    ],
)
def test_where_it_lies(text: str, fact: tuple[str, str]) -> None:
    assert fact in _located(text)


def test_a_national_body_di_a_city_is_where_something_happened() -> None:
    located = _located("Bupati Garut menemui pejabat Kementerian Keuangan di Bandung.")
    assert ("Kementerian Keuangan", "Kabupaten Bandung") not in located
    assert ("Kementerian Keuangan", "Kota Bandung") not in located


def test_an_event_before_a_clause_is_not_at_a_venue() -> None:
    located = _located("Ia menghadiri Festival Tirtasari di sana, Kota Bogor sudah siap.")
    assert ("Festival Tirtasari", "Kota Bogor") not in located


def test_a_larger_place_is_not_in_a_smaller_one() -> None:
    located = _located("Rombongan tiba di Provinsi Lampung khususnya di Indonesia bagian barat.")
    assert ("Indonesia", "Lampung") not in located


def test_a_place_that_opens_the_next_clause_is_no_apposition() -> None:
    text = (
        "Menurut Rudi, saat bergabung dengan forum Jaringan Kota Hijau, Kota Bogor dapat berbagi."
    )
    assert ("Jaringan Kota Hijau", "Kota Bogor") not in _located(text)


def test_a_word_after_dan_ends_a_body_not_a_person() -> None:
    ex = extract_article(
        Article("Kepala Dinas Perikanan dan Peternakan, Kabupaten Dompu, Rahmat Hidayat hadir.")
    )
    assert {e.name for e in ex.entities if e.type.value == "Person"} == {"Rahmat Hidayat"}


def test_a_country_written_after_a_place_s_name_is_where_it_lies() -> None:
    ex = extract_article(Article("Kami bekerja sama dengan Geopark Tirta Jaya Jepang sejak 2020."))
    names = {e.key: e.name for e in ex.entities}
    assert set(names.values()) == {"Geopark Tirta Jaya", "Jepang"}
    assert [(names[r.subject], r.predicate, names[r.object]) for r in ex.relations] == [
        ("Geopark Tirta Jaya", "locatedIn", "Jepang")
    ]
