"""Titles of national offices: ministers by their ministry's short name, the cabinet's offices."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract_article
from kg.model.records import Article


def _facts(text: str) -> set[tuple[str, str, str]]:
    ex = extract_article(Article(text))
    name = {e.key: e.name for e in ex.entities}
    return {(name[r.subject], r.predicate, name[r.object]) for r in ex.relations}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Mendagri Andi Wijaya meninjau pasar.",
            ("Andi Wijaya", "headOf", "Kementerian Dalam Negeri"),
            id="minister-by-ministry-short-name",
        ),
        pytest.param(
            "Menlu Budi Santoso bertemu duta besar.",
            ("Budi Santoso", "headOf", "Kementerian Luar Negeri"),
            id="kem-prefix",
        ),
        pytest.param(
            "Wamenkeu Sari Lestari menjelaskan anggaran.",
            ("Sari Lestari", "worksFor", "Kementerian Keuangan"),
            id="deputy-minister",
        ),
        pytest.param(
            "Menko Polhukam Dedi Kurnia memimpin rapat.",
            (
                "Dedi Kurnia",
                "headOf",
                "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan",
            ),
            id="coordinating-minister",
        ),
        pytest.param(
            "Menteri Kebudayaan Rina Marlina membuka pameran.",
            ("Rina Marlina", "headOf", "Kementerian Kebudayaan"),
            id="ministry-of-the-2024-cabinet",
        ),
        pytest.param(
            "Menteri Sekretaris Negara Joko Prasetyo hadir.",
            ("Joko Prasetyo", "headOf", "Kementerian Sekretariat Negara"),
            id="state-secretary-is-no-person-named-negara",
        ),
        pytest.param(
            "Sekretaris Kabinet Teguh Wibowo mendampingi Presiden.",
            ("Teguh Wibowo", "headOf", "Sekretariat Kabinet"),
            id="cabinet-secretary",
        ),
        pytest.param(
            "Ketua Majelis Ulama Indonesia Kabupaten Garut Ahmad Fauzi membuka acara.",
            ("Ahmad Fauzi", "headOf", "Majelis Ulama Indonesia Kabupaten Garut"),
            id="a-title-never-takes-the-first-word-of-a-known-body",
        ),
        pytest.param(
            "Deputi Bidang Pangan Kemenko Polhukam Rina Marlina hadir.",
            (
                "Rina Marlina",
                "worksFor",
                "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan",
            ),
            id="a-known-body-ends-before-its-officer",
        ),
        pytest.param(
            "Vice President PT Sinar Baja Makmur Andre Gunawan memaparkan rencana.",
            ("Andre Gunawan", "worksFor", "PT Sinar Baja Makmur"),
            id="english-title",
        ),
    ],
)
def test_national_offices(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts(text)


def test_a_council_chair_heads_it_without_a_membership() -> None:
    """GUIDELINES: an officer of a council holds the office; "anggota" (or "merangkap
    anggota") makes the membership."""
    facts = _facts("Ketua DPRD Kabupaten Garut Sari Lestari membuka rapat.")
    assert ("Sari Lestari", "headOf", "DPRD Kabupaten Garut") in facts
    assert ("Sari Lestari", "memberOf", "DPRD Kabupaten Garut") not in facts
    member = _facts("Anggota DPRD Kabupaten Garut Rudi Hartono hadir.")
    assert ("Rudi Hartono", "memberOf", "DPRD Kabupaten Garut") in member
