"""The shipped QID table and the owl:sameAs links the build writes from it."""

from __future__ import annotations

import re

import pytest

import kg
from kg.model.iri import entity_iri, name_key
from kg.model.rdf import to_rdf
from kg.model.records import Entity
from kg.model.resources import resource_path
from kg.model.terms import OWL, WD
from kg.model.wikidata import wikidata_qid, wikidata_table


def _rows(name: str) -> list[list[str]]:
    text = resource_path("lexicon", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_every_row_names_a_known_entity_and_a_well_formed_qid() -> None:
    countries = {row[0] for row in _rows("countries.tsv")}
    regions = {row[0]: row[1] for row in _rows("regions.tsv")}
    bodies = {row[0] for row in _rows("organizations.tsv")}
    for kind, key, qid, *_ in _rows("wikidata.tsv"):
        assert re.fullmatch(r"Q[1-9]\d*", qid), qid
        if kind == "country":
            assert key in countries
        elif kind == "body":
            assert key in bodies
        else:
            assert regions.get(key, "").lower() == kind, (kind, key)


def test_table_header_states_source_and_licence() -> None:
    header = resource_path("lexicon", "wikidata.tsv").read_text(encoding="utf-8")
    for licence in ("ISC", "BSD-3-Clause", "CC0"):
        assert licence in header


@pytest.mark.parametrize(
    ("ident", "qid"),
    [
        pytest.param("iso3166:ID", "Q252", id="Indonesia"),
        pytest.param("iso3166:PH", "Q928", id="Philippines"),
        pytest.param("iso3166:JP", "Q17", id="Japan"),
        pytest.param("kemendagri:35.78", "Q11462", id="Kota Surabaya"),
    ],
)
def test_known_items(ident: str, qid: str) -> None:
    assert wikidata_table()[ident] == qid


def test_bodies_are_found_by_full_name_not_by_acronym() -> None:
    polri = Entity("e1", "PoliceUnit", "Kepolisian Negara Republik Indonesia")
    assert wikidata_qid(polri) == "Q3103954"
    assert wikidata_qid(Entity("e2", "PoliceUnit", "Polri")) is None
    assert wikidata_table()[f"org:{name_key('Perserikatan Bangsa-Bangsa')}"] == "Q1065"


def test_a_person_named_like_a_body_gets_no_link() -> None:
    assert wikidata_qid(Entity("e1", "Person", "Pertamina")) is None


def test_seed_article_links_its_countries(seed_extraction: kg.Extraction) -> None:
    _, graph = to_rdf(seed_extraction)
    links = {(str(s), str(o)) for s, o in graph.subject_objects(OWL.sameAs)}
    philippines = next(e for e in seed_extraction.entities if e.ident == "iso3166:PH")
    assert (str(entity_iri(philippines)), str(WD.Q928)) in links
    for entity in seed_extraction.entities:
        qid = wikidata_qid(entity)
        if qid is None:
            assert (entity_iri(entity), OWL.sameAs, None) not in graph
        else:
            assert (entity_iri(entity), OWL.sameAs, WD[qid]) in graph


def test_facts_graph_holds_the_links_and_still_conforms(seed_graph: kg.KnowledgeGraph) -> None:
    facts = seed_graph.facts_graph()
    assert (None, OWL.sameAs, WD.Q928) in facts
    assert seed_graph.validate().conforms
