"""One entity, one node, through whole builds of fictional articles: variant names across
articles with their evidence in `kg entities show`, one-word persons by title and unit, what a
split leaves behind, and `kg stats` on regions without a Wikidata item."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.model.terms import KG, KGR, LINKS_GRAPH, OWL, RDFS, SKOS, WD


def write(folder: Path, articles: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(f"url: https://kabar.example/{name}\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def graph(tmp_path: Path) -> Iterator[kg.KnowledgeGraph]:
    with kg.KnowledgeGraph(tmp_path / "store") as g:
        yield g


def build(graph: kg.KnowledgeGraph, folder: Path, articles: dict[str, str]) -> None:
    for path in write(folder, articles):  # one article at a time: the later ones find the earlier
        report = graph.build([path], workers=1)
        assert report.failed == 0, report.failures


def nodes(graph: kg.KnowledgeGraph, label: str, cls: str) -> list[str]:
    rows = graph.store.select(
        f"SELECT DISTINCT ?e WHERE {{ ?a <{KG.mentions}> ?e . ?e a <{KG[cls]}> ;"
        f" <{RDFS.label}>|<{SKOS.altLabel}> ?l .\n"
        f'  FILTER(LCASE(STR(?l)) = LCASE("{label}")) }}'
    )
    return sorted(str(e) for (e,) in rows)


GEOPARK = {
    "v1": "Sukabumi (ANTARA) - Geopark Cibuntu Palabuhanratu menarik ribuan wisatawan pada libur "
    "panjang, Senin (3/2/2020).",
    "v2": "Sukabumi (ANTARA) - Pengelola Kawasan Geopark Cibnutu Palabuhanratu menambah jalur "
    "pendakian baru, Selasa (4/2/2020).",
    "v3": "Sukabumi (ANTARA) - UNESCO Global Geopark Cibuntu Palabuhanratu menerima tim penilai, "
    "Rabu (5/2/2020).",
    "v4": "Jakarta (ANTARA) - Kementerian Pangan dan Kelautan (Kementerian PK) menyalurkan "
    "bantuan, Kamis (6/2/2020).",
    "v5": "Jakarta (ANTARA) - Kementerian PK membuka pasar murah di Jakarta, Jumat (7/2/2020).",
}


def test_variant_names_across_articles_are_one_node(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(graph, tmp_path / "in", GEOPARK)
    geopark = {
        n
        for form in (
            "Geopark Cibuntu Palabuhanratu",
            "Kawasan Geopark Cibnutu Palabuhanratu",
            "UNESCO Global Geopark Cibuntu Palabuhanratu",
        )
        for n in nodes(graph, form, "Venue")
    }
    assert len(geopark) == 1, geopark
    ministry = nodes(graph, "Kementerian PK", "GovernmentBody")
    assert ministry == nodes(graph, "Kementerian Pangan dan Kelautan", "GovernmentBody")
    assert len(ministry) == 1


def test_kg_entities_show_says_why_two_names_are_one_node(tmp_path: Path) -> None:
    with kg.KnowledgeGraph(tmp_path / "store") as graph:
        build(graph, tmp_path / "in", GEOPARK)
        node = nodes(graph, "Geopark Cibuntu Palabuhanratu", "Venue")[0]
        view = graph.entity(node)
    rules = {(why.form, why.rule) for why in view.evidence}
    assert ("Kawasan Geopark Cibnutu Palabuhanratu", "spelling") in rules
    assert ("UNESCO Global Geopark Cibuntu Palabuhanratu", "same") in rules
    store = str(tmp_path / "store")
    result = CliRunner().invoke(cli, ["entities", "show", node, "--store", store])
    assert result.exit_code == 0, result.output
    assert "same node because: 'Kawasan Geopark Cibnutu Palabuhanratu'" in result.output
    assert "(spelling; 1 article)" in result.output


def test_a_kota_and_a_kabupaten_of_one_name_stay_two_places(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "k1": "Bogor (ANTARA) - Wali Kota Bogor Hendra Wiguna meninjau pasar, Senin "
            "(3/2/2020).",
            "k2": "Cibinong (ANTARA) - Bupati Bogor Sri Handayani membuka jalan, Selasa "
            "(4/2/2020).",
            "k3": "Jakarta (ANTARA) - Pemkab Bogor dan Pemkot Bogor berbagi air baku, Rabu "
            "(5/2/2020).",
        },
    )
    places = graph.store.select(
        f"SELECT DISTINCT ?x WHERE {{ ?a <{KG.mentions}> ?x .\n"
        f"  FILTER(STRSTARTS(STR(?x), '{KGR}place/kemendagri/32.')) }}"
    ).rows
    assert {str(x).rsplit("/", 1)[-1] for (x,) in places} >= {"32.01", "32.71"}


ONE_WORD = {
    "w1": "Jakarta (ANTARA) - Menteri Kelautan Darmawan Saputra meninjau pelabuhan, Senin "
    "(3/2/2020).",
    "w2": "Jakarta (ANTARA) - Menteri Kelautan Darmawan menerima nelayan di kantornya, Selasa "
    "(4/2/2020).",
    "w3": 'Jakarta (ANTARA) - "Nelayan harus sejahtera," kata Darmawan di Jakarta, Rabu '
    "(5/2/2020).",
}


@pytest.mark.parametrize("order", [("w1", "w2", "w3"), ("w3", "w2", "w1")])
def test_a_one_word_name_joins_the_full_name_its_title_and_unit_agree_with(
    tmp_path: Path, order: tuple[str, ...]
) -> None:
    with kg.KnowledgeGraph(tmp_path / "store") as graph:
        build(graph, tmp_path / "in", {k: ONE_WORD[k] for k in order})
        full = nodes(graph, "Darmawan Saputra", "Person")
        assert len(full) == 1
        titled = nodes(graph, "Darmawan", "Person")
        assert full[0] in titled  # "Menteri Kelautan Darmawan" is the minister
        untitled = [n for n in titled if "/in/" in n]
        assert len(untitled) == 1  # "kata Darmawan" alone stays in its article
        reasons = {why.rule for why in graph.entity(full[0]).evidence}
        assert reasons == {"one-word:title"}


def test_a_one_word_name_two_full_names_agree_with_stays_with_both_as_candidates(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(
        graph,
        tmp_path / "in",
        {
            "x1": "Bandung (ANTARA) - Wali Kota Bandung Asep Darmawan meninjau pasar, Senin "
            "(3/2/2020).",
            "x2": "Bandung (ANTARA) - Wali Kota Bandung Darmawan Hidayat membuka taman, Selasa "
            "(4/2/2020).",
            "x3": "Bandung (ANTARA) - Wali Kota Bandung Darmawan meresmikan jalan, Rabu "
            "(5/2/2020).",
        },
    )
    (single,) = [n for n in nodes(graph, "Darmawan", "Person") if "/in/" in n]
    assert len(graph.entity(single).close_matches) == 2


SPLIT = {
    "s1": "Surabaya (ANTARA) - Wali Kota Surabaya Teguh Prakoso meninjau pelabuhan, Senin "
    "(3/2/2020).",
    "s2": "Malang (ANTARA) - Bupati Malang Teguh Prakoso membuka pasar, Selasa (4/2/2020).",
    "s3": 'Jakarta (ANTARA) - "Kita siap," kata Teguh Prakoso di Jakarta, Rabu (5/2/2020).',
    "s4": 'Surabaya (ANTARA) - "Pelabuhan harus bersih," ujar Wali Kota Surabaya Teguh Prakoso, '
    "Kamis (6/2/2020).",
}


def test_a_split_leaves_the_split_off_node_a_candidate_wherever_the_original_was(
    graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    build(graph, tmp_path / "in", SPLIT)
    mayor = graph.store.select(f"SELECT DISTINCT ?p WHERE {{ ?p <{KG.mayorOf}> ?x }}").rows[0][0]
    graph.store.update(
        f"INSERT DATA {{ GRAPH <{LINKS_GRAPH}> {{ <{mayor}> <{OWL.sameAs}> <{WD.Q900000002}> }} }}"
    )
    ambiguous = [c for c in graph.entity(str(mayor)).close_matches]
    assert ambiguous, "the unresolved 'Teguh Prakoso' of s3 is a candidate of the mayor"
    later = str(graph._article_iri("https://kabar.example/s4"))
    new = graph.split(str(mayor), [later])
    assert set(ambiguous) <= set(graph.entity(new).close_matches)
    assert graph.store.ask(
        f"ASK {{ GRAPH <{LINKS_GRAPH}> {{ <{new}> <{SKOS.closeMatch}> <{WD.Q900000002}> }} }}"
    )


def test_kg_stats_says_how_many_regions_lack_a_wikidata_item(tmp_path: Path) -> None:
    with kg.KnowledgeGraph(tmp_path / "store") as graph:
        build(
            graph,
            tmp_path / "in",
            {
                "r1": "Surabaya (ANTARA) - Kota Surabaya dan Kabupaten Garut menandatangani kerja "
                "sama, Senin (3/2/2020).",
            },
        )
        stats = graph.stats()
    assert stats.regions == 2
    assert stats.regions_without_qid == 1  # the shipped table knows Kota Surabaya only
    result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "store")])
    assert "regions without a Wikidata QID: 1 of 2" in result.output


INITIALS = {
    "i1": "Denpasar (ANTARA) - Wali Kota Denpasar I Gusti Ngurah Wira Pratama meresmikan pasar "
    "baru di Denpasar, Senin (3/2/2020).",
    "i2": "Denpasar (ANTARA) - Wali Kota Denpasar IGN Wira Pratama membuka festival budaya di "
    "Denpasar, Selasa (4/2/2020).",
}


@pytest.mark.parametrize("order", [("i1", "i2"), ("i2", "i1")])
def test_a_name_written_with_its_initials_is_the_full_name(
    tmp_path: Path, order: tuple[str, ...]
) -> None:
    """ "IGN" is how Balinese news writes "I Gusti Ngurah": one person, in either order."""
    with kg.KnowledgeGraph(tmp_path / "store") as graph:
        build(graph, tmp_path / "in", {k: INITIALS[k] for k in order})
        full = nodes(graph, "I Gusti Ngurah Wira Pratama", "Person")
        assert full == nodes(graph, "IGN Wira Pratama", "Person")
        assert len(full) == 1
        reasons = {(why.rule, why.form) for why in graph.entity(full[0]).evidence}
        assert ("initials", "IGN Wira Pratama") in reasons
