"""What is a name and of what: products, acronyms listed with persons."""

from __future__ import annotations

import pytest

from kg.extract.lexicon import load_lexicon
from kg.extract.pipeline import extract_article
from kg.extract.text import tokenize
from kg.model.records import Article


def _entities(text: str) -> dict[str, str]:
    return {e.name: e.type.value for e in extract_article(Article(text)).entities}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Polisi menyita mobil Toyota Fortuner, Honda Civic, hingga mobil Jeep milik tersangka.",
            id="cars-listed",
        ),
        pytest.param("Ia sering naik kereta cepat Whoosh.", id="train"),
        pytest.param(
            "Dia membeli mobil Hyundai Santa Fe, BMW, dan Mitsubishi Xpander.", id="brands-listed"
        ),
    ],
)
def test_products_after_a_noun_of_their_kind_are_no_entities(text: str) -> None:
    assert _entities(text) == {}


def test_a_person_after_a_product_stays_a_person() -> None:
    assert _entities("Ia naik kereta cepat Whoosh bersama Andi Wijaya.") == {
        "Andi Wijaya": "Person"
    }


def test_acronyms_listed_with_persons_are_no_persons() -> None:
    entities = _entities("Rapat dihadiri Siti Rahmawati, Budi Santoso dan PKBM.")
    assert entities.get("Siti Rahmawati") == "Person"
    assert entities.get("PKBM") != "Person"


def _facts(text: str) -> set[tuple[str, str, str]]:
    ex = extract_article(Article(text))
    name = {e.key: e.name for e in ex.entities}
    return {(name[r.subject], r.predicate, name[r.object]) for r in ex.relations}


def test_a_person_defined_with_a_short_form_is_a_person() -> None:
    text = "Menko Infrastruktur Bagus Hartono Wibisono (BHW) menemui investor. BHW menjelaskan."
    ex = extract_article(Article(text))
    people = [e for e in ex.entities if e.type.value == "Person"]
    assert [(e.name, "BHW" in e.aliases) for e in people] == [("Bagus Hartono Wibisono", True)]
    assert (
        "Bagus Hartono Wibisono",
        "headOf",
        "Kementerian Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan",
    ) in _facts(text)


def test_a_nickname_in_brackets_after_a_titled_person_keeps_the_title() -> None:
    text = "Mantan Gubernur Jawa Tengah Rudi Hartono Saputra (Oding) hadir."
    assert ("Rudi Hartono Saputra", "governorOf", "Jawa Tengah") in _facts(text)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Lulusan terbaik yaitu Andi Wijaya (TNI AD) dan Budi Santoso (TNI AL).",
            ("Budi Santoso", "worksFor", "TNI Angkatan Laut"),
            id="service-in-brackets",
        ),
        pytest.param(
            "Hal itu dikatakan Rudi Hartono (PDIP) kepada wartawan.",
            ("Rudi Hartono", "memberOf", "Partai Demokrasi Indonesia Perjuangan"),
            id="party-in-brackets",
        ),
    ],
)
def test_a_body_in_brackets_after_a_person_is_the_person_s(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text)


def test_tni_al_is_the_navy_and_tni_ad_no_rank() -> None:
    entities = _entities("Hadir pula TNI AD dan TNI AL.")
    assert entities == {"TNI Angkatan Darat": "Organization", "TNI Angkatan Laut": "Organization"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Pemerintah membentuk Satuan Pelayanan Pemenuhan Gizi (SPPG) di setiap kecamatan.",
            id="a-term-defined-with-an-acronym",
        ),
        pytest.param("Ekonom mengingatkan bahwa harga beras bisa naik.", id="a-lone-word"),
        pytest.param('"Musibah ini harus menjadi pelajaran," katanya.', id="after-a-quote"),
        pytest.param(
            "Relawan mendukung pasangan Hartono-Kusuma sejak awal.", id="a-ticket-of-two-persons"
        ),
        pytest.param(
            "Survei mengukur kepercayaan kepada pemerintahan Hartono-Kusuma.",
            id="a-government-named-by-its-two-leaders",
        ),
    ],
)
def test_words_of_the_language_are_no_names(text: str) -> None:
    assert _entities(text) == {}


def test_a_name_defined_with_an_acronym_stays_a_name() -> None:
    entities = _entities("Lembaga Kajian Tirtasari (LKT) merilis survei.")
    assert entities.get("Lembaga Kajian Tirtasari") == "Organization"


def test_an_acronym_of_a_lower_case_phrase_is_no_alias_of_the_word_before_it() -> None:
    text = (
        "Kilang itu masuk jaringan energi hijau global Pertamina (JEHG). "
        "Pertamina bersidang di Paris."
    )
    ex = extract_article(Article(text))
    assert [e.aliases for e in ex.entities if e.name == "Pertamina"] == [()]


def test_a_translated_name_bracketed_with_a_known_acronym_is_that_body() -> None:
    text = "Sekolah itu dibantu Dana Anak-Anak Perserikatan Bangsa-Bangsa (UNICEF) sejak 2020."
    bodies = [e for e in extract_article(Article(text)).entities if "UNICEF" in e.aliases]
    assert [e.name for e in bodies] == ["United Nations Children's Fund"]


def test_an_acronym_the_last_words_spell_is_the_article_s_own_body() -> None:
    text = "Desa itu memiliki dua SMK dan 1 Madrasah Aliyah (MA) negeri."
    entities = extract_article(Article(text)).entities
    assert "Mahkamah Agung" not in {e.name for e in entities}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        pytest.param("PKB.Menurut", ["PKB", ".", "Menurut"], id="lost-space-after-acronym"),
        pytest.param("Ny.Rahayu", ["Ny", ".", "Rahayu"], id="lost-space-after-address"),
        pytest.param("M.Si", ["M.Si"], id="degree"),
        pytest.param("S.Sos", ["S.Sos"], id="degree-after-initial"),
        pytest.param("Kompas.Com", ["Kompas.Com"], id="outlet-domain"),
        pytest.param("www.Tirtasari.com", ["www.Tirtasari.com"], id="domain"),
        pytest.param("3.100", ["3.100"], id="number"),
    ],
)
def test_a_period_with_no_space_before_a_capitalised_word_stands_alone(
    text: str, kept: list[str]
) -> None:
    assert [t.text for t in tokenize(text)] == kept


def test_a_sentence_ends_at_a_period_with_no_space_after_it() -> None:
    text = "Hal itu disampaikan Ketua Partai Tirtasari.Menurut dia, partai siap."
    assert [s.text for s in extract_article(Article(text)).sentences] == [
        "Hal itu disampaikan Ketua Partai Tirtasari.",
        "Menurut dia, partai siap.",
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param("Acara dibuka oleh Muh. Rizal Hasibuan.", "Muh. Rizal Hasibuan", id="first"),
        pytest.param("Bupati Bone Moh. Rizal Hasibuan hadir.", "Moh. Rizal Hasibuan", id="holder"),
        pytest.param("Hadir pula Ny.Rina Wulandari.", "Rina Wulandari", id="address-dropped"),
    ],
)
def test_a_given_name_written_short_is_part_of_the_name(text: str, person: str) -> None:
    persons = {n for n, cls in _entities(text).items() if cls == "Person"}
    assert persons == {person}  # as written, with the period


@pytest.mark.parametrize(
    ("text", "name", "cls"),
    [
        pytest.param(
            "Kerja sama itu diteken bersama Coastal Education Commission.",
            "Coastal Education Commission",
            "Organization",
            id="commission",
        ),
        pytest.param(
            "Menurut Borneo Wildlife Fund, populasi orangutan menurun.",
            "Borneo Wildlife Fund",
            "Organization",
            id="fund",
        ),
    ],
)
def test_english_names_of_bodies_by_their_last_word(text: str, name: str, cls: str) -> None:
    assert _entities(text).get(name) == cls


def test_an_official_name_with_commas_is_one_name() -> None:
    text = "Hal itu disampaikan Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi."
    assert _entities(text) == {
        "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi": "Organization"
    }


def test_places_listed_with_commas_stay_apart() -> None:
    assert set(_entities("Warga Kota Bogor, Kota Depok, dan Kota Bekasi hadir.")) == {
        "Kota Bogor",
        "Kota Depok",
        "Kota Bekasi",
    }


@pytest.mark.parametrize(
    ("text", "places"),
    [
        pytest.param(
            "Warga Ibu Kota Jakarta merayakan.", {"Daerah Khusus Ibukota Jakarta"}, id="x"
        ),
        pytest.param(
            "Jakarta tidak lagi menjadi Ibu Kota Negara.",
            {"Daerah Khusus Ibukota Jakarta"},
            id="negara",
        ),
        pytest.param("Wapres berkantor di Ibu Kota Nusantara.", {"Ibu Kota Nusantara"}, id="ikn"),
    ],
)
def test_ibu_kota_is_the_capital_not_a_city_prefix(text: str, places: set[str]) -> None:
    assert set(_entities(text)) == places


def test_a_known_nickname_that_opens_with_an_honorific_is_the_full_name() -> None:
    nickname, full = next(
        (k, v) for k, v in load_lexicon().person_aliases.items() if k.startswith("Gus ")
    )
    ex = extract_article(Article(f'"Kami siap," kata {nickname} di Jakarta, Senin.'))
    people = [e for e in ex.entities if e.cls == "Person"]
    assert [(e.name, nickname in e.aliases) for e in people] == [(full, True)]
