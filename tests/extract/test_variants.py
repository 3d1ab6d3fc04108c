"""Forms of one name in one article are one entity; different names stay apart."""

from __future__ import annotations

import pytest

from kg.extract.lexicon import load_lexicon
from kg.extract.pipeline import extract_article
from kg.extract.variants import allowed_slips, slips, variant_rule
from kg.model.records import Article


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        pytest.param("Kejari Sukamaju", "Kejaksaan Negeri Sukamaju", "expansion", id="kejari"),
        pytest.param("Dinas LH Sukamaju", "Dinas Lingkungan Hidup Sukamaju", "expansion", id="lh"),
        pytest.param(
            "Pengadilan Tipikor", "Pengadilan Tindak Pidana Korupsi", "expansion", id="tipikor"
        ),
        pytest.param("TN Halimun", "Taman Nasional Halimun", "expansion", id="taman-nasional"),
        pytest.param(
            "Geopark Watugede", "Geopark Watugede Palabuhanratu", "qualified", id="geopark-town"
        ),
        pytest.param(
            "kawasan Geopark Watugede", "Geopark Watugede", "expansion", id="area-word-left-out"
        ),
        pytest.param(
            "Dinas Pertanian", "Dinas Pertanian Kabupaten Garut", "qualified", id="body-region"
        ),
        pytest.param("Yayasan Cahaya Sukamaju", "Yayasan Cahaya Sukamanju", "spelling", id="slip"),
        pytest.param(
            "Geopark Watugede-Palabuhanratu",
            "Geopark Watugede Pelabuhan Ratu",
            "spelling",
            id="split-word-and-slip",
        ),
        pytest.param("PT SBM", "PT Sinar Baja Makmur", "acronym", id="company-acronym"),
        pytest.param(
            "Kawasan Watugede-Sindangsari",
            "Geopark Watugede Sindangsari",
            "designation",
            id="area-of-a-geopark",
        ),
        pytest.param(
            "Watugede Sindangsari UNESCO Global Geopark",
            "Geopark Nasional Watugede Sindangsari",
            "designation",
            id="two-geopark-designations",
        ),
        pytest.param("Danau Cibulaklak", "Cibulaklak", "designation", id="a-lake-and-its-name"),
    ],
)
def test_one_name_written_two_ways(a: str, b: str, rule: str) -> None:
    lex = load_lexicon()
    assert variant_rule(a, b, lex) == rule
    assert variant_rule(b, a, lex) == rule


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Universitas Sukamaju", "Universitas Islam Sukamaju", id="inner-word"),
        pytest.param("Dewan Perwakilan Rakyat", "Dewan Perwakilan Rakyat Daerah", id="dpr-dprd"),
        pytest.param("Desa Sukamaju Jaya", "Desa Sukamaju Raya", id="slip-in-a-short-word"),
        pytest.param("Desa Sukma", "Desa Sukmi", id="a-slip-in-a-word-under-six-letters"),
        pytest.param("Dinas Pertanian", "Dinas Perikanan", id="another-office"),
        pytest.param(
            "Kementerian Luar Negeri", "Kementerian Luar Negeri Malaysia", id="foreign-counterpart"
        ),
        pytest.param("PT SBM", "PT Sinar Baja", id="acronym-of-part"),
        pytest.param("Yayasan Cahaya", "Lembaga Cahaya", id="another-head"),
        pytest.param("Danau Cibulaklak", "Gunung Cibulaklak", id="a-lake-is-not-a-mountain"),
        pytest.param("Danau Garut", "Garut", id="a-bare-name-that-is-a-region"),
        pytest.param("Geopark", "Geopark Nasional", id="designations-alone"),
    ],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert variant_rule(a, b, load_lexicon()) is None


def test_slips_are_counted_and_forgiven_by_length() -> None:
    assert slips("watugede", "watugdee", 2) == 1  # two letters swapped
    assert slips("watugede", "watugedde", 2) == 1
    assert slips("watugede", "bukitgede", 2) == 3  # more than the limit: counted as limit + 1
    assert allowed_slips("sukamajuu") == 1
    assert allowed_slips("sukamaju") == 0
    assert allowed_slips("watugedepalabuhanratu") == 2


def _entities(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    ex = extract_article(Article(text))
    return [(e.type.value, e.name, e.aliases) for e in ex.entities]


def test_an_article_variants_are_one_entity() -> None:
    text = (
        "Pengelola Geopark Watugede Palabuhanratu menggelar festival. "
        "Pengunjung Geopark Watugede terus bertambah, kata pengelola Geopark Watugde-Palabuhanratu."
    )
    geoparks = [e for e in _entities(text) if "geopark" in e[1].lower()]
    assert len(geoparks) == 1
    assert {"Geopark Watugede", "Geopark Watugde-Palabuhanratu"} <= set(geoparks[0][2])


def test_a_geopark_and_its_area_are_one_place() -> None:
    text = (
        "Wakil Gubernur membuka Pengembangan Kawasan Watugede-Sindangsari di Hotel Mawar. "
        "Para camat di kawasan Geopark Watugede Sindangsari hadir. Pengunjung Watugede "
        "Sindangsari UNESCO Global Geopark terus bertambah."
    )
    places = [e for e in _entities(text) if "watugede" in e[1].lower()]
    assert len(places) == 1
    assert {"Kawasan Watugede-Sindangsari", "Watugede Sindangsari UNESCO Global Geopark"} <= set(
        places[0][2]
    ) | {places[0][1]}


def test_a_bare_name_two_kinds_of_place_share_joins_neither() -> None:
    text = (
        "Wisatawan mengunjungi Teluk Cibulaklak dan Geopark Cibulaklak. "
        "Pemandangan di Cibulaklak memang indah."
    )
    places = [e for e in _entities(text) if "cibulaklak" in e[1].lower()]
    assert {"Teluk Cibulaklak", "Geopark Cibulaklak"} <= {e[1] for e in places}
    assert not any("Cibulaklak" in e[2] for e in places)  # the bare name stays apart


def test_a_bare_name_two_kinds_of_place_share_is_the_one_named_most() -> None:
    text = (
        "Geopark Cibulaklak makin dikenal. Pengelola Geopark Cibulaklak menambah jalur. "
        "Wisatawan juga ke Teluk Cibulaklak. Pemandangan di Cibulaklak memang indah."
    )
    aliases = {e[1]: e[2] for e in _entities(text) if "cibulaklak" in e[1].lower()}
    assert aliases == {"Geopark Cibulaklak": ("Cibulaklak",), "Teluk Cibulaklak": ()}


def test_two_regions_offices_are_not_joined_through_a_bare_name() -> None:
    text = (
        "Dinas Pertanian Kota Bogor dan Dinas Pertanian Kabupaten Bogor menggelar rapat. "
        "Dinas Pertanian menyiapkan bibit."
    )
    offices = [e[1] for e in _entities(text) if e[1].startswith("Dinas Pertanian")]
    assert "Dinas Pertanian Kota Bogor" in offices
    assert "Dinas Pertanian Kabupaten Bogor" in offices


@pytest.mark.parametrize(
    ("text", "short"),
    [
        pytest.param(
            "Menteri Sekretaris Negara Prasetyo Wibowo hadir. Pras mengatakan rapat lancar.",
            "Pras",
            id="the-start-of-a-word",
        ),
        pytest.param(
            "Wakil Gubernur Jawa Barat Deddy Mulyana hadir. Kata Dedy, acara itu penting.",
            "Dedy",
            id="one-letter-off",
        ),
    ],
)
def test_a_one_word_short_name_of_the_one_fitting_person(text: str, short: str) -> None:
    people = [e for e in extract_article(Article(text)).entities if e.type.value == "Person"]
    assert len(people) == 1
    assert short in people[0].aliases


def test_no_short_name_where_two_persons_fit() -> None:
    text = (
        "Bupati Garut Prasetyo Wibowo bertemu Wakil Bupati Garut Prastowo Hadi. "
        "Pras mengatakan pertemuan lancar."
    )
    people = [e for e in extract_article(Article(text)).entities if e.type.value == "Person"]
    assert not any("Pras" in e.aliases for e in people)
