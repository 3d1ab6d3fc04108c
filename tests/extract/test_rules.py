"""Rule families of the extractor, on Indonesian sentences written for these tests."""

from __future__ import annotations

import pytest

import kg


def relations(text: str) -> set[tuple[str, str, str]]:
    ex = kg.extract(text)
    name = {e.key: e.name for e in ex.entities} | {"ARTICLE": "ARTICLE"}
    return {(name[r.subject], r.predicate, name[r.object]) for r in ex.relations}


def entities(text: str) -> dict[str, str]:
    return {e.name: e.type.value for e in kg.extract(text).entities}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Wali Kota Depok Mohammad Idris meresmikan taman kota.",
            ("Mohammad Idris", "mayorOf", "Kota Depok"),
            id="mayor-city-preferred-over-regency",
        ),
        pytest.param(
            "Bupati Garut Rudy Gunawan membuka pasar murah.",
            ("Rudy Gunawan", "regentOf", "Kabupaten Garut"),
            id="regent",
        ),
        pytest.param(
            "Wakil Gubernur Jawa Tengah Taj Yasin meninjau banjir.",
            ("Taj Yasin", "viceGovernorOf", "Jawa Tengah"),
            id="vice-governor",
        ),
        pytest.param(
            "Gubernur Jatim Khofifah Indar Parawansa hadir di Surabaya.",
            ("Khofifah Indar Parawansa", "governorOf", "Jawa Timur"),
            id="province-short-form",
        ),
        pytest.param(
            "Kapolda Riau Irjen Pol Mohammad Iqbal memimpin apel.",
            ("Mohammad Iqbal", "headOf", "Polda Riau"),
            id="unit-derived-from-title-rank-stripped",
        ),
        pytest.param(
            "Menteri Keuangan Purbaya Yudhi Sadewa menyampaikan laporan.",
            ("Purbaya Yudhi Sadewa", "headOf", "Kementerian Keuangan"),
            id="minister-heads-ministry",
        ),
        pytest.param(
            "Juru Bicara KPK Budi Prasetyo menjelaskan perkara itu.",
            ("Budi Prasetyo", "worksFor", "Komisi Pemberantasan Korupsi"),
            id="spokesperson-works-for-acronym-body",
        ),
        pytest.param(
            "Ketua DPRD Kota Malang Amithya Ratnanggani menerima warga.",
            ("Amithya Ratnanggani", "headOf", "DPRD Kota Malang"),
            id="council-chair",
        ),
    ],
)
def test_titles_give_offices(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_dateline_credits_and_copyright_give_the_article_frame() -> None:
    text = (
        "Padang (ANTARA) - Pemerintah Kota Padang menggelar lomba.\n\n"
        "Pewarta: Siti Aminah\nEditor: Joko Santoso\n\nCOPYRIGHT © ANTARA 2024"
    )
    found = relations(text)
    assert ("ARTICLE", "author", "Siti Aminah") in found
    assert ("ARTICLE", "editor", "Joko Santoso") in found
    assert any(p == "publisher" for _, p, _ in found)


def test_apposition_of_places_gives_location() -> None:
    found = relations("Pertemuan digelar di Hanoi, Vietnam, pekan lalu.")
    assert ("Hanoi", "locatedIn", "Vietnam") in found


def test_list_of_sibling_regions_gives_no_location() -> None:
    found = relations("Banjir melanda Kota Bekasi, Kota Depok, dan Kota Bogor.")
    assert not any(p == "locatedIn" for _, p, _ in found)


def test_membership_cue() -> None:
    found = relations(
        "Kota Semarang resmi bergabung dalam Asosiasi Pemerintah Kota Seluruh Indonesia."
    )
    assert ("Kota Semarang", "memberOf", "Asosiasi Pemerintah Kota Seluruh Indonesia") in found


def test_cooperation_signed_by_a_mayor_binds_the_city() -> None:
    text = (
        "Wali Kota Surabaya Eri Cahyadi menandatangani kerja sama dengan "
        "Universitas Airlangga di Balai Kota."
    )
    assert ("Kota Surabaya", "cooperatesWith", "Universitas Airlangga") in relations(text)


def test_event_location_and_participation() -> None:
    text = (
        "Bupati Sleman Kustini Sri Purnomo hadir dalam Jakarta Regional Summit "
        "yang berlangsung di Jakarta."
    )
    found = relations(text)
    assert ("Kustini Sri Purnomo", "participatedIn", "Jakarta Regional Summit") in found
    assert ("Jakarta Regional Summit", "locatedIn", "Daerah Khusus Ibukota Jakarta") in found


def test_bracketed_short_form_joins_its_long_form() -> None:
    ex = kg.extract(
        "Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Cianjur mencatat kerusakan. "
        "Menurut BPBD Kabupaten Cianjur, ratusan rumah rusak."
    )
    bodies = [e for e in ex.entities if e.type.value == "Organization"]
    assert len(bodies) == 1
    assert "BPBD Kabupaten Cianjur" in bodies[0].aliases


def test_later_short_names_resolve_to_the_full_name() -> None:
    ex = kg.extract(
        'Bupati Bantul Abdul Halim Muslih meninjau sawah. "Panen tahun ini baik," kata Halim.'
    )
    people = [e for e in ex.entities if e.type.value == "Person"]
    assert [p.name for p in people] == ["Abdul Halim Muslih"]
    assert "Halim" in people[0].aliases


def test_regency_and_city_of_one_name_stay_apart() -> None:
    found = entities("Pemkab Bekasi dan Pemkot Bekasi membahas batas wilayah.")
    assert {"Kabupaten Bekasi", "Kota Bekasi"} <= set(found)


def test_the_title_picks_kota_or_kabupaten_whatever_the_article_named_before() -> None:
    ex = kg.extract(
        "Bupati Sukabumi Rina Lestari dan Wali Kota Sukabumi Hadi Purnomo bertemu di Sukabumi."
    )
    offices = {
        (r.predicate, ex.entity(r.object).name, ex.entity(r.object).ident)
        for r in ex.relations
        if r.predicate in ("mayorOf", "regentOf")
    }
    assert offices == {
        ("regentOf", "Kabupaten Sukabumi", "kemendagri:32.02"),
        ("mayorOf", "Kota Sukabumi", "kemendagri:32.72"),
    }


def test_boilerplate_lines_give_nothing() -> None:
    found = entities(
        "Jakarta - Harga cabai naik.\nBaca juga: Gubernur Banten Andra Soni pergi ke Bali"
    )
    assert "Andra Soni" not in found


def test_speaker_of_a_quote() -> None:
    ex = kg.extract('Rektor IPB Arif Satria hadir. "Kami siap membantu petani," kata Arif.')
    speakers = {ex.entity(q.speaker).name for q in ex.quotes if q.speaker}
    assert speakers == {"Arif Satria"}


def test_former_office_is_marked_past() -> None:
    ex = kg.extract("Mantan Bupati Bogor Ade Yasin hadir di acara itu.")
    (office,) = [r for r in ex.relations if r.predicate == "regentOf"]
    assert ("past", "true") in office.qualifiers


def test_period_qualifies_the_fact() -> None:
    ex = kg.extract("Wali Kota Medan Bobby Nasution menjabat periode 2021-2024 di Medan.")
    (office,) = [r for r in ex.relations if r.predicate == "mayorOf"]
    assert ("start", "2021") in office.qualifiers
    assert ("end", "2024") in office.qualifiers


@pytest.mark.parametrize(
    "text",
    [
        "Acara itu dihadiri Andi Wijaya dan Budi Santoso.",
        "Rapat dihadiri Siti Rahmawati, Budi Santoso dan Andi Wijaya.",
    ],
)
def test_names_joined_by_dan_are_each_a_person(text: str) -> None:
    names = {name for name in ("Andi Wijaya", "Budi Santoso", "Siti Rahmawati") if name in text}
    found = entities(text)
    assert {n: found.get(n) for n in names} == dict.fromkeys(names, "Person")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wali Kota Surabaya Eri Cahyadi menghadiri Konferensi Tingkat Tinggi ASEAN di Jakarta.",
            ("Konferensi Tingkat Tinggi ASEAN", "locatedIn", "Daerah Khusus Ibukota Jakarta"),
        ),
        (
            "Presiden Joko Widodo hadir pada peringatan HUT ke-78 RI di Istana Merdeka.",
            ("HUT ke-78 RI", "locatedIn", "Istana Merdeka"),
        ),
        (
            "Menteri itu hadir pada Indonesia Investment Forum (IIF) di Hotel Mulia Senayan.",
            ("Indonesia Investment Forum", "locatedIn", "Hotel Mulia Senayan"),
        ),
    ],
)
def test_a_named_event_before_di_and_a_place_is_located_there(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


def test_units_derived_from_titles_of_one_region_stay_apart() -> None:
    text = (
        "Kapolda Lampung Irjen Helmy Santika dan Kajati Lampung Kuntadi "
        "menghadiri rapat koordinasi."
    )
    found = relations(text)
    assert ("Helmy Santika", "headOf", "Polda Lampung") in found
    assert ("Kuntadi", "headOf", "Kejati Lampung") in found
    polda = next(e for e in kg.extract(text).entities if e.name == "Polda Lampung")
    assert "Lampung" not in polda.aliases  # the region's name is not the unit's


def test_an_acronym_after_a_title_stays_an_alias_of_the_unit() -> None:
    ministry = kg.extract("Menteri PUPR Basuki Hadimuljono meninjau bendungan.").entities[0]
    assert ministry.name == "Kementerian Pekerjaan Umum dan Perumahan Rakyat"
    assert "PUPR" in ministry.aliases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Camat Cibinong Ahmad Sutisna meninjau lokasi banjir.",
            ("Ahmad Sutisna", "headOf", "Cibinong"),
        ),
        ("Camat Tebet, Ahmad Sutisna, meninjau lokasi.", ("Ahmad Sutisna", "headOf", "Tebet")),
    ],
)
def test_a_camat_heads_the_kecamatan_from_the_gazetteer(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)
    assert entities(text)["Ahmad Sutisna"] == "Person"


def test_two_heads_signing_bind_their_regions() -> None:
    text = (
        "Wali Kota Makassar Danny Pomanto dan Wali Kota Surabaya Eri Cahyadi "
        "menandatangani MoU kerja sama pariwisata."
    )
    assert ("Kota Makassar", "cooperatesWith", "Kota Surabaya") in relations(text)


def test_two_heads_of_one_region_signing_give_no_cooperation() -> None:
    text = (
        "Bupati Garut Rudy Gunawan dan Wakil Bupati Garut Helmi Budiman "
        "menandatangani nota kesepahaman itu."
    )
    assert not {r for r in relations(text) if r[1] == "cooperatesWith"}


def test_an_organisation_shaped_name_with_a_year_is_an_event() -> None:
    text = "Menteri Luar Negeri Retno Marsudi menjadi pembicara dalam Forum Ekonomi Dunia 2024."
    assert entities(text)["Forum Ekonomi Dunia 2024"] == "Event"
    assert ("Retno Marsudi", "participatedIn", "Forum Ekonomi Dunia 2024") in relations(text)
    assert entities("Forum Ekonomi Dunia menerbitkan laporan.")["Forum Ekonomi Dunia"] != "Event"


def test_a_year_after_an_event_name_names_its_edition() -> None:
    text = "Eri Cahyadi mengikuti Rapat Kerja Nasional Apeksi 2024 di Balikpapan."
    found = relations(text)
    assert ("Eri Cahyadi", "participatedIn", "Rapat Kerja Nasional Apeksi 2024") in found
    assert ("Rapat Kerja Nasional Apeksi 2024", "locatedIn", "Kota Balikpapan") in found


def test_large_world_cities_are_places_and_given_names_stay_persons() -> None:
    text = "Ridwan Kamil menghadiri Asia Pacific Cities Summit 2019 di Brisbane."
    assert entities(text)["Brisbane"] == "Place"
    assert ("Asia Pacific Cities Summit 2019", "locatedIn", "Brisbane") in relations(text)
    assert entities("Sofia mengatakan acara itu sukses.") == {"Sofia": "Person"}


@pytest.mark.parametrize(
    ("text", "person", "unit"),
    [
        (
            "Kepala Dinas Kominfo Kota Depok Sidik Mulyono meluncurkan layanan baru.",
            "Sidik Mulyono",
            "Dinas Kominfo Kota Depok",
        ),
        (
            "Kepala Dinas PUPR Kabupaten Bogor Ajat Rochmat meninjau jalan.",
            "Ajat Rochmat",
            "Dinas PUPR Kabupaten Bogor",
        ),
    ],
)
def test_a_regional_office_named_by_an_acronym_keeps_its_region(
    text: str, person: str, unit: str
) -> None:
    assert (person, "headOf", unit) in relations(text)
    assert entities(text)[person] == "Person"


def quotes(text: str) -> list[tuple[str | None, str]]:
    ex = kg.extract(text)
    name = {e.key: e.name for e in ex.entities}
    return [(name.get(q.speaker) if q.speaker else None, q.text) for q in ex.quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"Kami siap menggelar acara," kata Kepala Bappeda Kota Bogor, Rudy Mashudi.',
            "Rudy Mashudi",
        ),
        ('"Kami siap menggelar acara," ujar Bima kepada wartawan.', "Bima"),
        ('"Kami siap menggelar acara," kata Bima Arya.', "Bima Arya"),
    ],
)
def test_the_speaker_after_a_speech_verb(text: str, speaker: str) -> None:
    assert [s for s, _ in quotes(text)] == [speaker]


def test_a_region_name_elsewhere_stays_a_region() -> None:
    # "Bima" names a city and a regency: the bare name is the city (see the tests below)
    assert entities("Acara itu digelar di Bima, Nusa Tenggara Barat.")["Kota Bima"] == "Place"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Kepala Bagian Umum Setdakot Bogor Tyas Ajeng hadir.", "kemendagri:32.71"),
        ("Kepala Bagian Umum Setdakab Bogor Tyas Ajeng hadir.", "kemendagri:32.01"),
    ],
)
def test_a_city_or_regency_secretariat_picks_its_level(text: str, unit: str) -> None:
    org = next(e for e in kg.extract(text).entities if e.type.value == "Organization")
    assert str(org.ident).endswith(unit)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Jakarta, CNN Indonesia -- Warga antre membeli minyak goreng.", "CNN Indonesia"),
        ("Liputan6.com, Jakarta - Warga antre membeli minyak goreng.", "Liputan6.com"),
        ("TEMPO.CO, Jakarta - Warga antre membeli minyak goreng.", "Tempo"),
        ("Suara.com - Warga antre membeli minyak goreng.", "Suara.com"),
        ("Medan, Sumut (ANTARA) - Warga antre membeli minyak goreng.", "ANTARA"),
    ],
)
def test_more_dateline_shapes_name_the_publisher(text: str, outlet: str) -> None:
    assert ("ARTICLE", "publisher", outlet) in relations(text)


def test_a_weekday_after_the_dateline_place_is_no_outlet() -> None:
    assert not {r for r in relations("Jakarta, Senin - Warga antre.") if r[1] == "publisher"}


def test_an_outlet_alone_before_the_dash_is_no_place() -> None:
    assert "Place" not in entities("Suara.com - Warga antre membeli minyak goreng.").values()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Duta Besar Jepang untuk Indonesia Kenji Kanasugi bertemu wartawan.",
            ("Kenji Kanasugi", "worksFor", "Jepang"),
        ),
        (
            "Dubes RI untuk Jepang Heri Akhmadi menghadiri upacara.",
            ("Heri Akhmadi", "worksFor", "Indonesia"),
        ),
    ],
)
def test_an_envoy_works_for_the_state_that_sends_them(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wali Kota Padang Hendri Septa bersama Wali Kota Solok Zul Elfian menghadiri "
        "Rapat Kerja Daerah Sumatera Barat.",
        "Andi Wijaya dan Budi Santoso mengikuti Musrenbang Kabupaten Garut.",
    ],
)
def test_every_person_of_a_joined_subject_takes_part(text: str) -> None:
    found = relations(text)
    people = [s for s, p, _ in found if p == "participatedIn"]
    assert len(people) == 2, found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Wakil Wali Kota Bogor Dedie A. Rachim meninjau lokasi banjir.", "Dedie A. Rachim"),
        (
            "Menurut Arief R. Wismansyah, pembangunan jalan selesai tahun ini.",
            "Arief R. Wismansyah",
        ),
        ("Kepala Dinas Pendidikan Kota Bogor Moh. Rizal Hartono hadir.", "Moh. Rizal Hartono"),
    ],
)
def test_a_middle_initial_with_a_period_stays_in_the_name(text: str, person: str) -> None:
    found = entities(text)
    assert found.get(person) == "Person", found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kepala Desa Sukamaju Ujang Saepudin meminta warga waspada.",
            ("Ujang Saepudin", "headOf", "Sukamaju"),
        ),
        (
            "Lurah Cibadak Asep Saepudin membagikan bantuan.",
            ("Asep Saepudin", "headOf", "Cibadak"),
        ),
        (
            "Kepala Desa Sukamaju, Kecamatan Cibadak, Kabupaten Sukabumi, Ujang Saepudin, "
            "mengatakan warga mengungsi.",
            ("Ujang Saepudin", "headOf", "Sukamaju"),
        ),
    ],
)
def test_a_village_head_heads_the_village_from_the_gazetteer(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


def test_a_village_name_that_is_also_a_given_name_stays_in_the_holders_name() -> None:
    assert (
        entities("Kata Kepala Desa Ujang Saepudin, warga sudah dievakuasi.").get("Ujang Saepudin")
        == "Person"
    )


@pytest.mark.parametrize(
    ("text", "village"),
    [
        pytest.param(
            "Bantuan dibagikan di Desa Sukamaju, Kecamatan Cibadak. Kepala Desa Sukamaju Ujang "
            "Saepudin meminta warga waspada.",
            "Desa Sukamaju",
            id="desa",
        ),
        pytest.param(
            "Acara digelar di Balai Pekon Sukamaju, Kecamatan Cibadak. Pj Kapekon Sukamaju "
            "Suparman mengatakan warga hadir.",
            "Pekon Sukamaju",
            id="a-one-word-holder-after-a-village-named-before",
        ),
    ],
)
def test_a_village_head_heads_the_village_the_article_named(text: str, village: str) -> None:
    found = entities(text)
    assert {name for name, kind in found.items() if kind == "Place"} == {
        village,
        "Kecamatan Cibadak",
    }
    head = next(s for s, p, o in relations(text) if p == "headOf" and o == village)
    assert found[head] == "Person"
    assert "Sukamaju" not in head


@pytest.mark.parametrize(
    ("text", "village"),
    [
        pytest.param("Warga Pekon (Desa) Sukamaju menerima bantuan.", "Pekon Sukamaju", id="pekon"),
        pytest.param(
            "Warga Jorong Taratak Baru menerima bantuan.", "Jorong Taratak Baru", id="jorong"
        ),
    ],
)
def test_the_regional_words_for_village_name_villages(text: str, village: str) -> None:
    assert entities(text).get(village) == "Place"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Menko Polhukam Budi Gunawan memimpin rapat.",
            (
                "Budi Gunawan",
                "headOf",
                "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan",
            ),
        ),
        (
            "Kasat Reskrim Polres Metro Depok AKBP Bambang Prakoso mengatakan pelaku ditangkap.",
            ("Bambang Prakoso", "worksFor", "Polres Metro Depok"),
        ),
        (
            "Kapolres Metro Jakarta Selatan Kombes Pol Ade Rahmat Idnal memimpin apel.",
            ("Ade Rahmat Idnal", "headOf", "Polres Metro Jakarta Selatan"),
        ),
    ],
)
def test_coordinating_ministries_and_metropolitan_police_units(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dosen Universitas Andalas Rina Kartika menjadi narasumber dalam "
            "Seminar Nasional Ketahanan Pangan.",
            ("Rina Kartika", "participatedIn", "Seminar Nasional Ketahanan Pangan"),
        ),
        (
            "Kota Surabaya menjalin kerja sama sister city dengan Kota Busan, Korea Selatan.",
            ("Kota Surabaya", "cooperatesWith", "Kota Busan"),
        ),
        (
            "Kabupaten Banyuwangi merupakan anggota Jaringan Kota Kreatif UNESCO.",
            ("Kabupaten Banyuwangi", "memberOf", "Jaringan Kota Kreatif UNESCO"),
        ),
        (
            "Perum Bulog menandatangani kesepakatan bersama dengan Pemerintah Kabupaten Garut "
            "tentang penyaluran beras.",
            ("Badan Urusan Logistik", "cooperatesWith", "Kabupaten Garut"),
        ),
    ],
)
def test_more_relation_cues(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ketua DPD Partai Gerindra Jawa Barat Amir Mahpud menghadiri rapat.",
            ("Amir Mahpud", "headOf", "DPD Partai Gerindra Jawa Barat"),
        ),
        (
            "Sekretaris DPW PKB Jawa Timur Anik Maslachah membuka acara.",
            ("Anik Maslachah", "worksFor", "DPW PKB Jawa Timur"),
        ),
        (
            "Ketua DPD La Nyalla Mattalitti membuka sidang.",
            ("La Nyalla Mattalitti", "headOf", "Dewan Perwakilan Daerah"),
        ),
        (
            "Anggota DPRD Jawa Barat dari Fraksi PKS, Abdul Hadi Wijaya, mengkritik kebijakan itu.",
            ("Abdul Hadi Wijaya", "memberOf", "Fraksi PKS"),
        ),
        (
            "Ketua Fraksi Partai Tirtasari DPRD Kabupaten Garut Hendra Wijaya hadir.",
            ("Hendra Wijaya", "headOf", "Fraksi Partai Tirtasari DPRD Kabupaten Garut"),
        ),
        (
            "Ketua Fraksi Golkar DPRD Jawa Barat Hendra Wijaya hadir.",
            ("Hendra Wijaya", "headOf", "Fraksi Golkar DPRD Jawa Barat"),
        ),
        (
            "Ketua Fraksi PKS DPR RI Hendra Wijaya hadir.",
            ("Hendra Wijaya", "headOf", "Fraksi PKS DPR RI"),
        ),
        (
            "Ketua Fraksi Golkar DPRD Jawa Barat, Hendra Wijaya, hadir.",
            ("Hendra Wijaya", "headOf", "Fraksi Golkar DPRD Jawa Barat"),
        ),
    ],
)
def test_party_boards_and_factions(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_every_region_of_a_listed_subject_joins() -> None:
    found = relations(
        "Kota Semarang, Kota Surakarta, dan Kabupaten Kudus bergabung dalam "
        "Jaringan Kota Cerdas ASEAN."
    )
    members = {s for s, p, _ in found if p == "memberOf"}
    assert members == {"Kota Semarang", "Kota Surakarta", "Kabupaten Kudus"}


def test_a_region_in_apposition_is_no_second_member() -> None:
    found = relations("Pemerintah Kota Malang, Jawa Timur, bergabung dalam Jaringan Kota Sehat.")
    assert {s for s, p, _ in found if p == "memberOf"} == {"Kota Malang"}


def test_a_legal_form_in_brackets_does_not_part_two_signers() -> None:
    found = relations(
        "PT Pertamina (Persero) dan PT PLN (Persero) menandatangani nota kesepahaman "
        "tentang kendaraan listrik."
    )
    assert any(p == "cooperatesWith" for _, p, _ in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kepala BPS Jawa Barat Marsudijono merilis angka inflasi.",
            ("Marsudijono", "headOf", "BPS Jawa Barat"),
        ),
        (
            "Kepala BNN Provinsi Jawa Barat Brigjen Pol Jayadi memimpin razia.",
            ("Jayadi", "headOf", "BNN Provinsi Jawa Barat"),
        ),
        (
            "Ketua PWNU Jawa Timur KH Abdul Hakim Mahfudz membuka acara.",
            ("Abdul Hakim Mahfudz", "headOf", "PWNU Jawa Timur"),
        ),
    ],
)
def test_a_national_body_with_a_region_is_its_regional_office(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


def test_a_one_word_title_inside_a_name_is_part_of_the_name() -> None:
    found = relations("Ketua Umum PKB Abdul Muhaimin Iskandar menyambut Lukman Hakim Saifuddin.")
    assert ("Abdul Muhaimin Iskandar", "headOf", "Partai Kebangkitan Bangsa") in found
    found = relations("Ketua PWNU Abdul Hakim Mahfudz membuka acara.")
    assert ("Abdul Hakim Mahfudz", "headOf", "PWNU") in found


@pytest.mark.parametrize(
    "text",
    [
        "Menteri Pariwisata Widiyanti Putri Wardhana mengatakan jumlah wisatawan naik. "
        '"Kami optimistis target tercapai," katanya.',
        "Bupati Garut Rudy Gunawan meninjau lokasi banjir. "
        '"Bantuan sudah kami salurkan kepada warga," pungkasnya.',
        'Rudy Gunawan meninjau lokasi banjir. "Bantuan sudah kami salurkan," kata dia.',
    ],
)
def test_a_pronoun_speaker_is_the_person_named_before(text: str) -> None:
    speakers = [s for s, _ in quotes(text)]
    assert len(speakers) == 1
    assert speakers[0] in ("Widiyanti Putri Wardhana", "Rudy Gunawan")


def test_a_pronoun_speaker_needs_someone_named_before() -> None:
    assert [s for s, _ in quotes('"Bantuan sudah kami salurkan kepada warga," katanya.')] == [None]


def test_a_person_named_before_wins_over_a_place_after_a_title() -> None:
    found = relations(
        "Wali Kota Bogor Bima Arya membuka forum itu. Dalam sesi kedua, Wali Kota Bima Arya "
        "menjadi pembicara utama."
    )
    assert not any(o == "Kota Bima" for _, _, o in found), found
    assert ("Bima Arya", "mayorOf", "Kota Bogor") in found


def test_the_region_after_a_dateline_place_locates_it() -> None:
    found = relations("Medan, Sumut (ANTARA) - Warga antre membeli minyak goreng.")
    assert ("Kota Medan", "locatedIn", "Sumatera Utara") in found


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Bogor, 12 Maret 2024 - Warga antre membeli minyak goreng.", "2024-03-12"),
        ("Jakarta, Senin (4/3/2024) - Warga antre membeli minyak goreng.", "2024-03-04"),
    ],
)
def test_a_dated_dateline_gives_the_article_date(text: str, day: str) -> None:
    extraction = kg.extract(text)
    assert extraction.published == day
    assert not any(e.name.startswith("Warga") for e in extraction.entities)


def test_names_listed_among_persons_are_persons() -> None:
    found = entities(
        "Berikut daftar penerima beasiswa: Rizal Firmansyah Putra (S1 Teknik Elektro), "
        "Wulandari (S1 Manajemen), Muhammad Iqbal (S1 Ilmu Komputer), Nadia Amalia Putri "
        "(S1 Bimbingan Konseling), serta Hendra Kurniawan (S1 Ilmu Pemerintahan)."
    )
    names = ["Rizal Firmansyah Putra", "Wulandari", "Muhammad Iqbal", "Nadia Amalia Putri"]
    assert {n: found.get(n) for n in names} == dict.fromkeys(names, "Person")


def test_places_listed_are_not_made_persons() -> None:
    found = entities("Banjir melanda Kota Bekasi, Kota Depok, dan Kota Bogor.")
    assert "Person" not in found.values()


def test_a_head_before_a_defined_name_belongs_to_it() -> None:
    found = entities(
        "Pemkab membahas pembangunan Jalur Poros Timur Tengah (PTT) di wilayah selatan. "
        "Jalur PTT akan selesai tahun depan."
    )
    assert found.get("Jalur Poros Timur Tengah") == "Place"
    assert "Poros Timur Tengah" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Siswa belajar Bahasa Indonesia dan Bahasa Inggris setiap hari.",
        "Ia kuliah di Program Studi Pendidikan Bahasa dan Sastra Indonesia.",
    ],
)
def test_a_language_is_not_its_country(text: str) -> None:
    assert "Place" not in entities(text).values()


def test_capitalised_terms_name_no_entity() -> None:
    found = entities(
        "Defisit mencapai 2,78 persen dari Produk Domestik Bruto (PDB). Rasio utang terhadap "
        "PDB turun, dan APBN 2025 disahkan DPR."
    )
    assert set(found) == {"Dewan Perwakilan Rakyat"}


@pytest.mark.parametrize(
    "text",
    [
        "Rapat dihadiri anggota DPRD Kota Bogor, yaitu Eka Putra dan Fajar Hidayat.",
        "Sidang didampingi tiga Anggota Majelis dari Tim Pemeriksa Daerah (TPD) Jawa Tengah "
        "yakni Budi Santoso, Citra Lestari, dan Dedi Kurniawan.",
    ],
)
def test_each_person_enumerated_after_a_title_holds_it(text: str) -> None:
    found = relations(text)
    assert len({s for s, p, _ in found if p == "memberOf"}) >= 2, found


def test_legal_roles_are_no_names_but_cue_one() -> None:
    found = entities(
        "DKPP menilai, Teradu selaku Ketua KPU Kabupaten Garut telah melanggar kode etik. "
        "Pelapor Rifiq Syahri hadir dalam sidang itu."
    )
    assert "Teradu" not in found
    assert found.get("Rifiq Syahri") == "Person"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kajari Lhoksukon Teuku Rahmatsyah menyebutkan berkas perkara sudah diterima.",
            ("Teuku Rahmatsyah", "headOf", "Kejari Lhoksukon"),
        ),
        (
            "Kapolsek Tanah Abang Kompol Haris Akhmat memimpin patroli.",
            ("Haris Akhmat", "headOf", "Polsek Tanah Abang"),
        ),
    ],
)
def test_a_unit_named_after_a_district(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_a_foreign_province_signs_and_its_bare_name_stays_a_place() -> None:
    text = (
        "Pemerintah Provinsi Jawa Tengah dan Pemerintah Prefektur Aichi, Jepang menandatangani "
        "nota kesepahaman kerja sama. Gubernur mengatakan Aichi bisa membuka peluang dagang."
    )
    assert ("Jawa Tengah", "cooperatesWith", "Prefektur Aichi") in relations(text)
    assert entities(text).get("Aichi") is None


def test_a_district_takes_the_code_of_the_regency_the_article_names() -> None:
    ex = kg.extract(
        "Bupati Lampung Timur Ela Siti Nuryamah mengunjungi Kecamatan Jabung. Di Jabung, "
        "warga menyambutnya."
    )
    districts = [e for e in ex.entities if e.cls == "District"]
    assert [d.ident for d in districts] == ["kemendagri:18.07.03"]


def test_a_district_name_several_regencies_share_gets_no_code_alone() -> None:
    ex = kg.extract("Warga Kecamatan Jabung menerima bantuan beras.")
    assert [e.ident for e in ex.entities if e.cls == "District"] == [None]


def test_a_body_named_before_ends_where_its_name_ends() -> None:
    found = relations(
        "Tim Pengmas FMIPA UI, Yayasan Pandu Cendekia, dan BUMDes mempersiapkan lahan. "
        "Ketua Yayasan Pandu Cendekia Fajar R Budiman memaparkan hasilnya."
    )
    assert ("Fajar R Budiman", "headOf", "Yayasan Pandu Cendekia") in found


def test_a_lower_case_compass_word_still_ends_a_known_place() -> None:
    found = entities("Pemerintah Provinsi Jawa barat membuat program baru. Warga Jawa antre.")
    assert found.get("Jawa Barat") == "Place"
    assert entities("Gubernur Jawa Barat Ridwan Kamil tengah meninjau lokasi.").get(
        "Ridwan Kamil"
    ) == ("Person")


def test_initials_and_ages_make_persons() -> None:
    found = entities("Polisi menangkap pelaku berinisial KM alias AS (25) di Bogor.")
    assert found.get("KM") == "Person"
    assert "Amerika Serikat" not in found
    assert "Person" not in entities("Kursi DPR diraih Gerindra (86) dan PKB (68).").values()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Menteri Luar Negeri Sugiono bertemu Menteri Luar Negeri Tiongkok Wang Yi di Beijing.",
            ("Wang Yi", "headOf", "Kementerian Luar Negeri Tiongkok"),
        ),
        (
            "Gubernur BI Perry Warjiyo mengatakan inflasi terkendali.",
            ("Perry Warjiyo", "headOf", "Bank Indonesia"),
        ),
        (
            "Indonesia dan Malaysia meneken perjanjian perbatasan laut di Kuala Lumpur.",
            ("Indonesia", "cooperatesWith", "Malaysia"),
        ),
    ],
)
def test_foreign_ministries_institution_governors_and_signing(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


def test_a_foreign_minister_does_not_join_the_home_ministry() -> None:
    found = relations(
        "Menteri Luar Negeri Sugiono bertemu Menteri Luar Negeri Tiongkok Wang Yi di Beijing."
    )
    assert ("Sugiono", "headOf", "Kementerian Luar Negeri") in found


def test_a_company_with_and_without_its_legal_form_is_one() -> None:
    ex = kg.extract(
        "PT Bank Mandiri (Persero) Tbk mencatat laba bersih. Direktur Utama Bank Mandiri "
        "Darmawan Junaidi mengatakan kredit tumbuh."
    )
    assert len([e for e in ex.entities if e.type.value == "Organization"]) == 1


def test_a_body_only_the_tagger_knew_ends_a_later_title_unit() -> None:
    found = relations(
        "Gojek dan Tokopedia bergabung membentuk GoTo. CEO GoTo Patrick Walujo menjelaskan "
        "strategi perusahaan."
    )
    assert ("Patrick Walujo", "headOf", "GoTo") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wali Kota Surabaya Eri Cahyadi menjadi salah satu pembicara pada World Cities "
            "Summit 2024 di Singapura.",
            ("Eri Cahyadi", "participatedIn", "World Cities Summit 2024"),
        ),
        (
            "Kota Semarang ikut ambil bagian dalam Festival Kota Kreatif Indonesia 2023.",
            ("Kota Semarang", "participatedIn", "Festival Kota Kreatif Indonesia 2023"),
        ),
        (
            "Bupati Sleman Kustini Sri Purnomo melepas peserta Sleman Temple Run 2024.",
            ("Kustini Sri Purnomo", "participatedIn", "Sleman Temple Run 2024"),
        ),
        (
            "Gubernur Jawa Tengah Ganjar Pranowo meresmikan Jateng Fair 2023.",
            ("Ganjar Pranowo", "participatedIn", "Jateng Fair 2023"),
        ),
        (
            "Menteri Kesehatan Budi Gunadi Sadikin hadir dalam peringatan Hari Kesehatan "
            "Nasional ke-60 di Jakarta.",
            ("Budi Gunadi Sadikin", "participatedIn", "Hari Kesehatan Nasional ke-60"),
        ),
    ],
)
def test_more_ways_of_taking_part(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plh Sekda Kota Bekasi Junaedi membuka rapat.", ("Junaedi", "worksFor", "Kota Bekasi")),
        (
            "Pelaksana Tugas Kepala Dinas Kesehatan Kota Depok Mary Liziawati hadir.",
            ("Mary Liziawati", "headOf", "Dinas Kesehatan Kota Depok"),
        ),
        (
            "Komandan Kodim 0606 Kota Bogor Letkol Inf Andi Kurniawan hadir.",
            ("Andi Kurniawan", "headOf", "Kodim 0606 Kota Bogor"),
        ),
        (
            "Dandim 0621 Kabupaten Bogor Letkol Inf Sukur Hermanto hadir.",
            ("Sukur Hermanto", "headOf", "Kodim 0621 Kabupaten Bogor"),
        ),
    ],
)
def test_acting_officials_and_numbered_military_commands(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


def test_a_unit_from_a_title_and_the_written_unit_are_one() -> None:
    ex = kg.extract(
        "Kapolres Metro Depok Kombes Pol Ade Ary hadir. Kasat Reskrim Polres Metro Depok "
        "AKBP Bambang Prakoso menjelaskan."
    )
    assert len([e for e in ex.entities if e.type.value == "Organization"]) == 1


def test_a_degree_after_a_comma_and_regional_honorifics_are_no_names() -> None:
    found = entities(
        "Dosen IPB Dr. Hermanto Siregar, M.Ec. menyebut harga beras naik. "
        '"Ini untuk warga," kata Kang Dadang Supriatna.'
    )
    assert found == {
        "Institut Pertanian Bogor": "Organization",
        "Hermanto Siregar": "Person",
        "Dadang Supriatna": "Person",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pangdam XIV/Hasanuddin Mayjen TNI Windiyatno meninjau banjir.",
            ("Windiyatno", "headOf", "Kodam XIV/Hasanuddin"),
        ),
        (
            "Pangdam Jaya Mayjen TNI Rafael Granada hadir.",
            ("Rafael Granada", "headOf", "Kodam Jaya"),
        ),
        (
            "Wakil Menteri BUMN Kartika Wirjoatmodjo hadir.",
            ("Kartika Wirjoatmodjo", "worksFor", "Kementerian Badan Usaha Milik Negara"),
        ),
    ],
)
def test_regional_military_commands_and_the_state_enterprise_ministry(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


def test_state_enterprises_in_general_are_no_entity() -> None:
    assert entities("Saham BUMN dan BUMD naik tajam.") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sementara, dari Kedutaan Besar Belanda hadir Duta Besar Belanda untuk HAM Kees "
            "van Dijk.",
            ("Kees van Dijk", "worksFor", "Belanda"),
        ),
        (
            "Duta Besar RI untuk ASEAN Derry Aman hadir.",
            ("Derry Aman", "worksFor", "Indonesia"),
        ),
    ],
)
def test_envoys_to_a_theme_or_an_organisation(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_a_regional_body_in_apposition_lies_in_the_province_of_its_region() -> None:
    found = relations(
        "DKPP memberhentikan Adi Susanto dari jabatan Ketua KPU Kabupaten Labuhanbatu Utara "
        "(Labura), Sumut."
    )
    assert ("KPU Kabupaten Labuhanbatu Utara", "locatedIn", "Sumatera Utara") in found
    assert not any(
        p == "locatedIn" for _, p, _ in relations("Polda Riau, Senin, menangkap dua orang.")
    )


def _places(text: str) -> dict[str, str | None]:
    return {e.name: e.ident for e in kg.extract(text).entities if e.type.value == "Place"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Jakarta (ANTARA) - Menteri itu datang ke Malang untuk meresmikan pasar, Senin.",
            "Kota Malang",
            id="bare-name-is-the-city",
        ),
        pytest.param(
            "Bogor (ANTARA) - Pemerintah meresmikan jembatan baru, Senin (3/2/2020).",
            "Kota Bogor",
            id="dateline-is-the-city",
        ),
        pytest.param(
            "Jakarta (ANTARA) - Bupati Bogor meninjau banjir di Bogor, Senin.",
            "Kabupaten Bogor",
            id="the-regent-names-the-regency",
        ),
        pytest.param(
            "Jakarta (ANTARA) - Warga di Cibinong dan Bogor mengeluhkan banjir, Senin.",
            "Kabupaten Bogor",
            id="a-district-of-the-regency-names-it",
        ),
        pytest.param(
            "Jakarta (ANTARA) - Kabupaten Semarang dan Semarang berbagi waduk, Senin.",
            "Kabupaten Semarang",
            id="the-article-says-kabupaten",
        ),
    ],
)
def test_a_name_a_city_and_a_regency_share(text: str, name: str) -> None:
    found = _places(text)
    assert name in found, found
    other = (
        name.replace("Kabupaten", "Kota")
        if "Kabupaten" in name
        else name.replace("Kota", "Kabupaten")
    )
    assert other not in found, found


def test_a_dateline_is_the_city_even_beside_the_regent() -> None:
    ex = kg.extract("Bogor (ANTARA) - Bupati Bogor Rina Pertiwi meninjau banjir, Senin (3/2/2020).")
    dateline = next(e for e in ex.entities if any(m.rule == "dateline" for m in e.mentions))
    assert dateline.ident == "kemendagri:32.71"
    assert "Kabupaten Bogor" in _places(ex.article.text)


def test_a_province_name_a_city_shares_stays_the_province() -> None:
    assert "Bengkulu" in _places("Acara itu digelar di Bengkulu, Senin (3/2/2020).")


def test_a_foreign_place_before_its_country_is_no_indonesian_village() -> None:
    ex = kg.extract("Presiden menghadiri forum ekonomi di Davos, Swiss, Senin (3/2/2020).")
    davos = next(e for e in ex.entities if e.name == "Davos")
    assert davos.cls == "City"
    assert davos.ident is None


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Kepala Dinas Pemuda, Olahraga, dan Pariwisata Kabupaten Garut Hendra Wijaya hadir.",
            ("Hendra Wijaya", "headOf", "Dinas Pemuda, Olahraga, dan Pariwisata Kabupaten Garut"),
            id="a-council-office-serving-three-fields",
        ),
        pytest.param(
            "Kepala Badan Riset, Inovasi serta Teknologi Kota Bogor Hendra Wijaya hadir.",
            ("Hendra Wijaya", "headOf", "Badan Riset, Inovasi serta Teknologi Kota Bogor"),
            id="serta-and-no-serial-comma",
        ),
    ],
)
def test_an_office_named_by_the_fields_it_serves_keeps_its_commas(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in relations(text)


def test_a_list_of_offices_each_with_its_head_stays_a_list() -> None:
    found = entities("Dinas Pertanian, Dinas Perikanan, dan Dinas Koperasi menggelar rapat.")
    assert {"Dinas Pertanian", "Dinas Perikanan", "Dinas Koperasi"} <= set(found)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Ketua Gerakan Pemuda Tani (GPT) Hendra Wijaya mengatakan hal itu.",
            ("Hendra Wijaya", "headOf", "Gerakan Pemuda Tani"),
            id="acronym",
        ),
        pytest.param(
            "Direktur Eksekutif Wahana Kajian Rakyat (Wakar) Jawa Barat, Hendra Wijaya mengatakan.",
            ("Hendra Wijaya", "headOf", "Wahana Kajian Rakyat"),
            id="short-form-in-mixed-case",
        ),
    ],
)
def test_a_body_a_title_s_unit_spells_in_brackets_is_no_part_of_the_holder_s_name(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in relations(text)
    assert not any(name.startswith(fact[2]) and name != fact[2] for name in entities(text))


def test_an_event_then_a_comma_and_di_is_located_there() -> None:
    found = relations(
        '"Kita siap," ujar Hendra Wijaya dalam Rapat Koordinasi Pariwisata 2025, di Kabupaten '
        "Garut, Selasa (17/6/2025)."
    )
    assert ("Rapat Koordinasi Pariwisata 2025", "locatedIn", "Kabupaten Garut") in found


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            "Jaksa Penuntut Umum (JPU) Kejari Semarang Budi Santoso menuntut terdakwa.",
            ("Budi Santoso", "worksFor", "Kejari Semarang"),
            id="jaksa-penuntut-umum",
        ),
        pytest.param(
            "JPU Kejari Semarang Budi Santoso menuntut terdakwa.",
            ("Budi Santoso", "worksFor", "Kejari Semarang"),
            id="jpu",
        ),
        pytest.param(
            "Plt Kepala Disdikbud Metro, Deddy Hartono mengatakan hal itu.",
            ("Deddy Hartono", "headOf", "Disdikbud Metro"),
            id="disdikbud",
        ),
        pytest.param(
            "Kepala Badan Kesatuan Bangsa dan Politik Kota Bandung Bambang Sukardi hadir.",
            ("Bambang Sukardi", "headOf", "Badan Kesatuan Bangsa dan Politik Kota Bandung"),
            id="kesbangpol-written-out",
        ),
    ],
)
def test_regional_agencies_and_prosecutors_by_their_usual_short_forms(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in relations(text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        pytest.param(
            "Hadir Kepala Kesbangpol Lampung Tengah dan warga.", "Kesbangpol Lampung Tengah"
        ),
        pytest.param(
            "Ia menjadi anggota Paskibraka Nasional tahun ini.", "Pasukan Pengibar Bendera Pusaka"
        ),
        pytest.param("Berkas dilimpahkan ke Jaksa Penuntut Umum pekan ini.", None),
    ],
)
def test_bodies_after_a_title_with_no_holder_are_no_persons(text: str, body: str | None) -> None:
    found = entities(text)
    assert "Person" not in found.values()
    if body is not None:
        assert found.get(body) == "Organization"


@pytest.mark.parametrize(
    ("text", "people"),
    [
        pytest.param("Kata Bapak Presiden Suryo kemarin, anggaran cukup.", {"Suryo"}, id="bapak"),
        pytest.param("Saya tantang Pak Menkeu untuk membuka data.", set(), id="pak-title"),
        pytest.param('"Pak Presiden, Bapak sudah mengajari kami," katanya.', set(), id="alone"),
        pytest.param("Yang disampaikan Pak Menteri Rp 3,1 triliun akan dicek.", set(), id="rp"),
        pytest.param("Ada tambahan dari Bapak Presiden, Rp300 ribu kali 3.", set(), id="rp-glued"),
        pytest.param(
            "Ia menerima Rp 7 juta dari Deddy Paslana dan Rp 10 juta dari Budi Santosa.",
            {"Deddy Paslana", "Budi Santosa"},
            id="dan-rp",
        ),
    ],
)
def test_forms_of_address_before_titles_and_amounts_after_them(text: str, people: set[str]) -> None:
    # "Pak"/"Bapak" before a title is a form of address and the title is read; what the
    # title's open holder slot must not take then: an amount, a lone "Bapak"
    found = entities(text)
    if "Menkeu" in text:
        assert found.get("Kementerian Keuangan") == "Organization"
    assert {name for name, kind in found.items() if kind == "Person"} == people
    assert not any(name.startswith(("Pak", "Bapak")) for name in found)
