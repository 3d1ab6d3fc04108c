"""Cross-article identity on multi-article fixtures written for these tests (fictional people).

Each test builds a few short articles into one embedded store and counts the nodes that come
out: one per real-world thing, never one for two.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

import kg
from kg.link.offices import related
from kg.model.terms import KG, KGR, RDFS, SKOS

PLACE = "https://w3id.org/kg-indonesia/id/place/kemendagri/"


def write(folder: Path, articles: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def graph(tmp_path: Path) -> Iterator[kg.KnowledgeGraph]:
    with kg.KnowledgeGraph(tmp_path / "store") as g:
        yield g


def nodes(graph: kg.KnowledgeGraph, label: str, cls: str = "Person") -> list[str]:
    rows = graph.store.select(
        f"SELECT DISTINCT ?e WHERE {{ ?e a <{KG[cls]}> ; <{RDFS.label}>|<{SKOS.altLabel}> ?l .\n"
        f'  FILTER(LCASE(STR(?l)) = LCASE("{label}")) }}'
    )
    return sorted(str(e) for (e,) in rows)


def build(graph: kg.KnowledgeGraph, folder: Path, articles: dict[str, str]) -> None:
    # one article per batch as well as the whole set in one batch must give the same nodes
    report = graph.build(write(folder, articles), workers=1)
    assert report.failed == 0, report.failures


HOMONYMS = {
    "a1": "Bandung (ANTARA) - Wali Kota Bandung Budi Santoso meresmikan taman kota di Bandung, "
    "Senin (3/2/2020).",
    "a2": "Sleman (ANTARA) - Bupati Sleman Budi Santoso membuka pasar murah di Sleman, "
    "Selasa (4/2/2020).",
    "a3": "Bandung (ANTARA) - Budi Santoso yang menjabat Wali Kota Bandung meninjau banjir di "
    "Kota Bandung, Rabu (5/2/2020).",
}


def test_homonyms_with_unrelated_offices_stay_apart_and_are_linked_as_candidates(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(graph, tmp_path / "in", HOMONYMS)
    found = nodes(graph, "Budi Santoso")
    assert len(found) == 2, found
    mayor = graph.store.select(f"SELECT ?p WHERE {{ ?p <{KG.mayorOf}> <{PLACE}32.73> }}").rows
    regent = graph.store.select(f"SELECT ?p WHERE {{ ?p <{KG.regentOf}> <{PLACE}34.04> }}").rows
    assert len(mayor) == 1
    assert len(regent) == 1
    assert mayor[0][0] != regent[0][0]
    assert graph.store.ask(
        f"ASK {{ {{ <{mayor[0][0]}> <{SKOS.closeMatch}> <{regent[0][0]}> }} UNION "
        f"{{ <{regent[0][0]}> <{SKOS.closeMatch}> <{mayor[0][0]}> }} }}"
    )


def test_the_same_name_with_a_related_office_is_one_person(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "b1": "Bandung (ANTARA) - Wali Kota Bandung Dadang Suhendar membuka festival kuliner "
            "di Bandung, Sabtu (1/2/2014).",
            "b2": "Bandung (ANTARA) - Gubernur Jawa Barat Dadang Suhendar menerima tamu dari "
            "Jepang di Gedung Sate, Senin (3/2/2020).",
            "b3": "Jakarta (ANTARA) - Dadang Suhendar hadir dalam rapat koordinasi nasional di "
            "Jakarta, Kamis (6/2/2020).",
        },
    )
    assert len(nodes(graph, "Dadang Suhendar")) == 1


def test_a_one_word_name_never_merges_across_articles(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "c1": 'Bogor (ANTARA) - "Kami siap membantu," kata Yanto di Bogor, Senin (3/2/2020).',
            "c2": 'Depok (ANTARA) - "Jalan ini rusak," kata Yanto di Depok, Selasa (4/2/2020).',
        },
    )
    found = nodes(graph, "Yanto")
    assert len(found) == 2, found
    assert all("/in/" in iri for iri in found)


def test_nicknames_resolve_to_the_full_name_in_every_article(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "d1": "Bandung (ANTARA) - Gubernur Jawa Barat Ridwan Kamil meresmikan jembatan di "
            "Kabupaten Garut, Senin (3/2/2020).",
            "d2": 'Bandung (ANTARA) - "Kita harus bergerak cepat," ujar Emil di Bandung, Selasa '
            "(4/2/2020).",
        },
    )
    assert nodes(graph, "Ridwan Kamil") == nodes(graph, "Emil")
    assert len(nodes(graph, "Ridwan Kamil")) == 1


def test_acronyms_and_full_names_of_a_body_are_one_node(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "e1": "Jakarta (ANTARA) - Komisi Pemberantasan Korupsi (KPK) memeriksa dua pejabat "
            "dinas di Jakarta, Senin (3/2/2020).",
            "e2": "Jakarta (ANTARA) - KPK kembali memanggil saksi kasus pengadaan di Jakarta, "
            "Selasa (4/2/2020).",
        },
    )
    full = nodes(graph, "Komisi Pemberantasan Korupsi", "GovernmentBody")
    assert len(full) == 1
    assert nodes(graph, "KPK", "GovernmentBody") == full


def test_kota_and_kabupaten_of_one_name_are_two_places(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "f1": "Bogor (ANTARA) - Wali Kota Bogor Hendra Wiguna meninjau pasar, Senin "
            "(3/2/2020).",
            "f2": "Cibinong (ANTARA) - Bupati Bogor Sri Lestari Handayani membuka jalan baru, "
            "Selasa (4/2/2020).",
            "f3": "Bogor (ANTARA) - Bupati Bogor Sri Lestari Handayani dan Wali Kota Bogor Hendra "
            "Wiguna menandatangani nota kesepahaman, Rabu (5/2/2020).",
        },
    )
    city = graph.store.select(f"SELECT DISTINCT ?p WHERE {{ ?p <{KG.mayorOf}> ?x }}").rows
    regency = graph.store.select(f"SELECT DISTINCT ?p WHERE {{ ?p <{KG.regentOf}> ?x }}").rows
    assert len(city) == 1
    assert len(regency) == 1
    places = graph.store.select(
        f"SELECT DISTINCT ?x WHERE {{ {{ ?p <{KG.mayorOf}> ?x }}\n"
        f"  UNION {{ ?p <{KG.regentOf}> ?x }} }}"
    ).rows
    assert sorted(str(x) for (x,) in places) == [f"{PLACE}32.01", f"{PLACE}32.71"]


def test_region_bound_bodies_get_one_iri_from_any_spelling_of_the_region(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "g1": "Medan (ANTARA) - DPRD Sumatera Utara menggelar rapat paripurna di Medan, Senin "
            "(3/2/2020).",
            "g2": "Medan (ANTARA) - DPRD Sumut menyetujui rancangan peraturan daerah, Selasa "
            "(4/2/2020).",
        },
    )
    found = graph.store.select(
        f"SELECT DISTINCT ?o WHERE {{ ?o a ?c .\n"
        f"  FILTER(STRSTARTS(STR(?o), '{KGR}org/kemendagri/12/')) }}"
    ).rows
    assert [str(o) for (o,) in found] == [f"{KGR}org/kemendagri/12/dprd"]


def test_a_changed_article_keeps_its_node(graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    build(graph, tmp_path / "in", HOMONYMS)
    before = nodes(graph, "Budi Santoso")
    changed = dict(HOMONYMS, a2=HOMONYMS["a2"] + " Ia didampingi Kepala Dinas Perdagangan.")
    build(graph, tmp_path / "in", changed)
    assert nodes(graph, "Budi Santoso") == before


def test_the_order_of_homonym_articles_does_not_change_the_count(tmp_path: Path) -> None:
    for order in (("a1", "a2", "a3"), ("a2", "a3", "a1"), ("a3", "a1", "a2")):
        with kg.KnowledgeGraph(tmp_path / "-".join(order)) as g:
            for name in order:
                g.build(write(tmp_path / name, {name: HOMONYMS[name]}), workers=1)
            assert len(nodes(g, "Budi Santoso")) == 2, order


def test_offices_that_make_one_career() -> None:
    bandung, jabar, sleman = (URIRef(PLACE + c) for c in ("32.73", "32", "34.04"))
    ministry = URIRef(f"{KGR}org/kementerian-perdagangan")
    agency = URIRef(f"{KGR}org/iso3166/ID/badan-pangan")
    assert related(bandung, jabar)  # nested regions
    assert not related(bandung, sleman)
    assert related(ministry, agency)  # two national posts
    assert not related(ministry, bandung)  # a national post and a regional one


def test_a_regional_body_named_without_its_region_stays_in_its_article(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "i1": "Garut (ANTARA) - Dinas Pendidikan menggelar lomba cerdas cermat di Garut, Senin "
            "(3/2/2020).",
            "i2": "Sleman (ANTARA) - Dinas Pendidikan membuka pendaftaran sekolah di Sleman, "
            "Selasa (4/2/2020).",
            "i3": "Jakarta (ANTARA) - Komisi Pemilihan Umum (KPU) menetapkan jadwal pemilu di "
            "Jakarta, Rabu (5/2/2020).",
            "i4": "Jakarta (ANTARA) - KPU membuka pendaftaran calon di Jakarta, Kamis (6/2/2020).",
        },
    )
    assert len(nodes(graph, "Dinas Pendidikan", "GovernmentBody")) == 2
    assert len(nodes(graph, "KPU", "GovernmentBody")) == 1  # the bare name is the national body
