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


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Rudi Hartono, anggota Fraksi Partai Golkar, menambahkan bahwa anggaran cukup.",
            ("Rudi Hartono", "memberOf", "Fraksi Partai Golkar"),
            id="title-after-a-comma",
        ),
        pytest.param(
            "Andi Wijaya selaku Ketua Yayasan Cahaya Bangsa membuka acara.",
            ("Andi Wijaya", "headOf", "Yayasan Cahaya Bangsa"),
            id="selaku",
        ),
    ],
)
def test_a_title_after_a_person_is_the_person_s(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts(text)


def test_a_title_followed_by_a_name_is_not_the_previous_person_s() -> None:
    facts = _facts("Hadir Wihaja, Menteri Kehutanan Raja Juliana, dan pejabat lain.")
    assert ("Wihaja", "headOf", "Kementerian Kehutanan") not in facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Wakil Menteri Kesehatan dr Sari Lestari membeberkan alasan.",
            ("Sari Lestari", "worksFor", "Kementerian Kesehatan"),
            id="lower-case-honorific-inside-the-name-run",
        ),
        pytest.param(
            "tanya Ketua Komisi VIII DPR RI Rudi Hartono.",
            ("Rudi Hartono", "worksFor", "Dewan Perwakilan Rakyat"),
            id="the-chief-of-a-part-of-a-body-works-for-the-body",
        ),
        pytest.param(
            "ujar Ketua Badan Legislasi (Baleg) DPR RI, Rudi Hartono.",
            ("Rudi Hartono", "worksFor", "Dewan Perwakilan Rakyat"),
            id="a-standing-body-of-a-legislature-is-part-of-it",
        ),
        pytest.param(
            "kata Ketua Bapemperda DPRD Kota Bogor Rudi Hartono.",
            ("Rudi Hartono", "worksFor", "DPRD Kota Bogor"),
            id="a-standing-body-of-a-regional-council",
        ),
    ],
)
def test_title_holders_across_honorifics_and_sub_units(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "kata Direktur Eksekutif Lembaga Kajian Nusantara Hanta Wiratama kepada wartawan.",
            ("Hanta Wiratama", "headOf", "Lembaga Kajian Nusantara"),
            id="an-unknown-body-then-its-head",
        ),
        pytest.param(
            "kata Ketua Pengmas FMIPA UI Sari Lestari di kampus.",
            ("Sari Lestari", "worksFor", "Universitas Indonesia"),
            id="a-part-of-a-known-body-then-its-chief",
        ),
    ],
)
def test_the_tagger_says_where_the_body_after_a_title_ends(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text)


def test_a_regional_title_without_its_region_takes_the_article_s_one_region() -> None:
    facts = _facts(
        "Bupati Garut Rudi Hartono membuka acara. Kegiatan itu juga dihadiri Sekda Dedi Kurnia. "
        "Wakil Bupati Sari Lestari menutup acara."
    )
    assert ("Dedi Kurnia", "worksFor", "Kabupaten Garut") in facts
    assert ("Sari Lestari", "viceRegentOf", "Kabupaten Garut") in facts


def test_no_region_is_taken_when_the_article_names_two() -> None:
    facts = _facts(
        "Bupati Garut Rudi Hartono dan Wali Kota Bandung Andi Wijaya hadir. "
        "Sekda Dedi Kurnia juga hadir."
    )
    assert not {f for f in facts if f[0] == "Dedi Kurnia"}


def test_a_president_takes_no_country_the_article_does_not_name() -> None:
    assert not _facts("Presiden Andi Wijaya meresmikan jembatan di Kabupaten Garut.")


def test_a_president_heads_the_one_country_the_article_names() -> None:
    facts = _facts("Presiden Andi Wijaya meresmikan jembatan. Indonesia terus membangun.")
    assert ("Andi Wijaya", "headOf", "Indonesia") in facts
    two = _facts("Presiden Andi Wijaya menerima tamu dari Malaysia. Indonesia terus membangun.")
    assert not {f for f in two if f[0] == "Andi Wijaya"}


def test_a_president_heads_no_foreign_country_the_article_names_alone() -> None:
    facts = _facts("Presiden Andi Wijaya tiba di Argentina untuk kunjungan kerja.")
    assert not {f for f in facts if f[0] == "Andi Wijaya"}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Hadir Kepala Staf TNI AU Marsekal TNI M. Rudi Hartono.",
            ("M. Rudi Hartono", "headOf", "TNI Angkatan Udara"),
            id="a-leading-initial-after-a-rank",
        ),
        pytest.param(
            "kata Ketua Tim Anggaran Pemerintah Daerah (TAPD) Pemkab Garut Dedi Kurnia kemarin.",
            ("Dedi Kurnia", "headOf", "Tim Anggaran Pemerintah Daerah"),
            id="holder-after-a-defined-unit-and-its-region",
        ),
    ],
)
def test_holders_with_initials_and_after_defined_units(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Menteri Perikanan Raja Darmawan Siregar meninjau pelabuhan.",
            ("Raja Darmawan Siregar", "headOf", "Kementerian Perikanan"),
            id="a-royal-title-after-a-title-is-the-holder-s-given-name",
        ),
        pytest.param(
            "Kepala Dinas Kesehatan Raja Tambunan meninjau puskesmas.",
            ("Raja Tambunan", "headOf", "Dinas Kesehatan"),
            id="royal-given-name-then-a-family-name",
        ),
        pytest.param(
            "Ketua DPRD Rudi Juli Hartanto meninjau banjir.",
            ("Rudi Juli Hartanto", "headOf", "DPRD"),
            id="a-month-inside-a-name",
        ),
        pytest.param(
            "Menteri Perikanan Raja Juli meninjau pelabuhan.",
            ("Raja Juli", "headOf", "Kementerian Perikanan"),
            id="a-month-ending-a-holder-s-name",
        ),
        pytest.param(
            "Wakil Bupati Garut Agus Mei Santoso hadir.",
            ("Agus Mei Santoso", "viceRegentOf", "Kabupaten Garut"),
            id="mei-inside-a-name",
        ),
    ],
)
def test_given_names_that_are_also_titles_or_months(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Bupati Garut Agus Santoso, Juli 2025, meresmikan pasar.", {"Agus Santoso"}, id="comma"
        ),
        pytest.param(
            "Kegiatan Bupati Garut Agus Santoso Juli 2025 di Garut.",
            {"Agus Santoso"},
            id="month-year",
        ),
        pytest.param(
            "Bupati Garut Agus Santoso pada 3 Juli meresmikan pasar.", {"Agus Santoso"}, id="day"
        ),
        pytest.param(
            "Raja Salman bertemu Presiden Joko Widodo di Riyadh.",
            {"Salman", "Joko Widodo"},
            id="a-king",
        ),
    ],
)
def test_months_and_royal_titles_elsewhere_stay_what_they_were(
    text: str, expected: set[str]
) -> None:
    people = {e.name for e in extract_article(Article(text)).entities if e.type.value == "Person"}
    assert people == expected  # no month in a name, the king's title not in his


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Anggota Komisi II DPR Fraksi Partai Tirtasari, Rudi Hartono, angkat bicara.",
            id="comma",
        ),
        pytest.param(
            "Anggota Komisi II DPR Fraksi Partai Golkar Rudi Hartono angkat bicara.",
            id="no-comma-a-known-party",
        ),
    ],
)
def test_a_council_member_s_party_group_after_the_council(text: str) -> None:
    facts = {f for f in _facts(text) if f[0] == "Rudi Hartono"}
    group = next(f[2] for f in facts if f[2].startswith("Fraksi"))
    assert facts == {
        ("Rudi Hartono", "memberOf", "Dewan Perwakilan Rakyat"),
        ("Rudi Hartono", "memberOf", group),
    }
    assert group in ("Fraksi Partai Tirtasari", "Fraksi Partai Golkar")


def test_an_agency_written_before_its_ministry_is_its_own_body() -> None:
    text = (
        "Kepala Badan Pengelola Air Tirtasari (BPAT) Kementerian Pekerjaan Umum (PU) "
        "Rudi Hartono mengatakan hal itu."
    )
    facts = _facts(text)
    assert ("Rudi Hartono", "headOf", "Badan Pengelola Air Tirtasari") in facts
    assert ("Rudi Hartono", "worksFor", "Kementerian Pekerjaan Umum") in facts


@pytest.mark.parametrize(
    ("text", "body"),
    [
        pytest.param(
            "Dirjen Pajak Kemenkeu Rudi Hartono mengatakan hal itu.",
            "Direktorat Jenderal Pajak",
            id="short-title",
        ),
        pytest.param(
            "Direktur Jenderal Anggaran (DJA) Kementerian Keuangan Rudi Hartono mengatakan itu.",
            "Direktorat Jenderal Anggaran",
            id="defined-before-the-ministry",
        ),
        pytest.param(
            "Direktur Jenderal Bina Tirta Kementerian Pekerjaan Umum Rudi Hartono hadir.",
            "Direktorat Jenderal Bina Tirta",
            id="a-name-before-the-ministry",
        ),
    ],
)
def test_a_director_general_heads_the_directorate_general(text: str, body: str) -> None:
    facts = _facts(text)
    assert ("Rudi Hartono", "headOf", body) in facts
    assert any(f[:2] == ("Rudi Hartono", "worksFor") and "Kementerian" in f[2] for f in facts)


def test_a_standing_body_written_without_its_council_is_no_part_of_the_holder_s_name() -> None:
    people = {
        e.name
        for e in extract_article(
            Article("Anggota Banggar Hendra Wijaya menyampaikan usulan.")
        ).entities
        if e.type.value == "Person"
    }
    assert people == {"Hendra Wijaya"}


def _people(text: str) -> set[str]:
    return {e.name for e in extract_article(Article(text)).entities if e.type.value == "Person"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ia melantik taruna TNI dan Polri di Magelang.", id="tni-without-a-rank"),
        pytest.param("Ia bertemu pimpinan TNI dan Polri di Magelang.", id="a-title-s-two-units"),
        pytest.param(
            "Ia bertemu pimpinan TNI dan Kejaksaan Agung di Magelang.", id="a-second-body"
        ),
    ],
)
def test_a_body_after_a_title_s_unit_and_dan_is_no_holder(text: str) -> None:
    # "TNI" ends a rank only after one; "dan" after a title's unit brings another unit
    assert _people(text) == set()
    assert not any(p == "headOf" for _, p, _ in _facts(text))
    names = {e.name for e in extract_article(Article(text)).entities}
    assert "Tentara Nasional Indonesia" in names


@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param("Mayjen TNI Rudi Hartono meninjau pos.", "Rudi Hartono", id="rank"),
        pytest.param("Mayjen. TNI Rudi Hartono meninjau pos.", "Rudi Hartono", id="rank-dot"),
        pytest.param(
            "Laksamana Madya TNI Budi Santosa meninjau kapal.", "Budi Santosa", id="two-words"
        ),
    ],
)
def test_tni_after_a_rank_still_leads_to_the_person(text: str, person: str) -> None:
    assert _people(text) == {person}
