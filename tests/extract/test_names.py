"""What is a name and of what: products, acronyms listed with persons."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract_article
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
    ],
)
def test_words_of_the_language_are_no_names(text: str) -> None:
    assert _entities(text) == {}


def test_a_name_defined_with_an_acronym_stays_a_name() -> None:
    entities = _entities("Lembaga Kajian Tirtasari (LKT) merilis survei.")
    assert entities.get("Lembaga Kajian Tirtasari") == "Organization"
