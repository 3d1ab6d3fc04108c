"""Grouping names into nodes (kg.link.variants): each merge rule and each refusal.

Records stand for what the articles wrote; the names and the Kemendagri codes (99.xx, a
province that does not exist) are fictional.
"""

from __future__ import annotations

import random

import pytest
from rdflib import URIRef

from kg.link.variants import Decision, NameRecord, group_names
from kg.model.iri import name_iri

PLACE = "https://w3id.org/kg-indonesia/id/place/kemendagri/"


def name(key: str, cls: str, *forms: str, family: str = "place", **kw: object) -> NameRecord:
    record = NameRecord(name_iri(family, key), family, key, {cls}, {key, *forms})
    for attr, value in kw.items():
        setattr(record, attr, value)
    return record


def coded(code: str, cls: str, *forms: str) -> NameRecord:
    return NameRecord(
        URIRef(PLACE + code), "place", min(forms), {cls}, set(forms), code=f"kemendagri:{code}"
    )


def nodes(records: list[NameRecord]) -> dict[str, str]:
    out = group_names(records)
    return {
        str(r.iri).rsplit("/", 1)[-1]: str(out[r.iri].target).rsplit("/", 1)[-1] for r in records
    }


def test_variants_of_one_geopark_are_one_node_with_their_evidence() -> None:
    records = [
        name("geopark cibuntu palabuhanratu", "Venue"),
        name("geopark cibnutu palabuhanratu", "Venue"),  # misspelt
        name("kawasan geopark cibuntu palabuhanratu", "Venue"),  # designator
        name("unesco global geopark cibuntu palabuhanratu", "Venue"),  # status
        name("geopark cibuntu", "Venue"),  # the short name, one extension only
    ]
    decided = group_names(records)
    assert {d.target for d in decided.values()} == {records[0].iri}
    assert decided[records[1].iri] == Decision(
        records[0].iri, "spelling", "geopark cibuntu palabuhanratu", "geopark cibnutu palabuhanratu"
    )
    assert decided[records[2].iri].rule == "same"
    assert decided[records[4].iri].rule == "extension:place"


def test_an_acronym_an_article_defined_joins_its_expansion_elsewhere() -> None:
    full = name(
        "kementerian pangan dan kelautan",
        "GovernmentBody",
        "kementerian pk",  # "Kementerian Pangan dan Kelautan (Kementerian PK)" in one article
        family="org",
    )
    short = name("kementerian pk", "GovernmentBody", family="org")
    assert nodes([full, short])["kementerian-pk"] == "kementerian-pangan-dan-kelautan"


def test_a_wrong_alias_joins_nothing() -> None:
    """An article that wrote "Badan Tol Kementerian Pangan" with the alias "Kementerian Pangan"
    (its parent body) does not make the ministry that body."""
    body = name(
        "badan tol kementerian pangan", "GovernmentBody", "kementerian pangan", family="org"
    )
    ministry = name("kementerian pangan", "GovernmentBody", family="org")
    assert nodes([body, ministry]) == {
        "badan-tol-kementerian-pangan": "badan-tol-kementerian-pangan",
        "kementerian-pangan": "kementerian-pangan",
    }


def test_a_name_extended_two_ways_stays_alone() -> None:
    records = [
        name("pengadilan cikaso", "Court", family="org"),
        name("pengadilan cikaso palabuhanratu", "Court", family="org"),
        name("pengadilan cikaso cianjur", "Court", family="org"),
    ]
    assert len(set(nodes(records).values())) == 3


def test_a_name_an_article_writes_beside_its_extension_is_not_joined_to_it() -> None:
    short = name("geopark cibuntu", "Venue")
    long = name("geopark cibuntu palabuhanratu", "Venue")
    short.apart, long.apart = {long.iri}, {short.iri}
    assert len(set(nodes([short, long]).values())) == 2


def test_an_acronym_with_an_expansion_of_its_own_joins_no_other() -> None:
    """ "BPK" is "Badan Pemeriksa Keuangan" already: not also "Badan Pangan Kelautan"."""
    agency = name("badan pemeriksa keuangan", "GovernmentBody", "bpk", family="org")
    acronym = name("bpk", "GovernmentBody", family="org")
    other = name("badan pangan kelautan", "GovernmentBody", family="org")
    found = nodes([agency, acronym, other])
    assert found["bpk"] == "badan-pemeriksa-keuangan"
    assert found["badan-pangan-kelautan"] == "badan-pangan-kelautan"


def test_a_bare_place_joins_the_coded_district_its_articles_locate() -> None:
    district = coded("99.02.26", "District", "kecamatan cikasoro", "cikasoro")
    bare = name("cikasoro", "Place", contexts={"kemendagri:99", "kemendagri:99.02"})
    assert group_names([district, bare])[bare.iri] == Decision(
        district.iri, "form", "cikasoro", "cikasoro"
    )


def test_a_bare_place_of_no_known_region_joins_no_village_of_that_name() -> None:
    """ "Davos" in an article about Switzerland is not an Indonesian place called Davos."""
    district = coded("99.02.26", "District", "kecamatan cikasoro", "cikasoro")
    foreign = name("cikasoro", "Place", contexts={"iso3166:CH"})
    assert nodes([district, foreign])["cikasoro"] == "cikasoro"


def test_a_kota_never_joins_a_kabupaten() -> None:
    regency = coded("99.01", "Regency", "kabupaten cibuntu", "cibuntu")
    city = name("cibuntu", "City", contexts={"kemendagri:99"})
    assert nodes([regency, city])["cibuntu"] == "cibuntu"


def test_a_name_matching_two_coded_regions_joins_neither() -> None:
    regency = coded("99.01", "Regency", "kabupaten cibuntu", "cibuntu")
    city = coded("99.71", "City", "kota cibuntu", "cibuntu")
    bare = name("cibuntu", "Place", contexts={"kemendagri:99"})
    found = nodes([regency, city, bare])
    assert found == {"99.01": "99.01", "99.71": "99.71", "cibuntu": "cibuntu"}


def test_two_codes_never_join() -> None:
    one = coded("99.01", "Regency", "kabupaten cibuntu", "cibuntu")
    two = coded("98.01", "Regency", "kabupaten cibuntu", "cibuntu")
    assert nodes([one, two]) == {"99.01": "99.01", "98.01": "98.01"}


def test_two_wikidata_items_never_join() -> None:
    a = name("cagar alam cikaso", "Venue", qids={"Q1"})
    b = name("kawasan cagar alam cikaso", "Venue", qids={"Q2"})
    assert len(set(nodes([a, b]).values())) == 2
    b.qids = {"Q1"}
    assert len(set(nodes([a, b]).values())) == 1


def test_the_node_is_the_coded_member_else_a_name_without_designators() -> None:
    records = [name("kawasan cagar alam cikaso", "Venue"), name("cagar alam cikaso", "Venue")]
    assert set(nodes(records).values()) == {"cagar-alam-cikaso"}


@pytest.mark.parametrize("seed", range(5))
def test_the_order_of_the_records_changes_nothing(seed: int) -> None:
    records = [
        name("geopark cibuntu palabuhanratu", "Venue"),
        name("geopark cibnutu palabuhanratu", "Venue"),
        name("geopark cibuntu", "Venue"),
        name("kawasan geopark cibuntu", "Venue"),
        name("pengadilan cikaso", "Court", family="org"),
        name("pengadilan cikaso palabuhanratu", "Court", family="org"),
        coded("99.02.26", "District", "kecamatan cikasoro", "cikasoro"),
        name("cikasoro", "Place", contexts={"kemendagri:99.02"}),
    ]
    expected = group_names(records)
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    assert group_names(shuffled) == expected


def test_a_short_name_an_article_writes_for_its_longer_name_joins_it_despite_another() -> None:
    """Most articles write "Geopark Cibuntu" as a form of "Geopark Cibuntu Palabuhanratu" (the
    name without its place); one article that extracted the two apart does not split them."""
    short = name("geopark cibuntu", "Venue")
    long = name("geopark cibuntu palabuhanratu", "Venue", "geopark cibuntu")
    short.apart, long.apart = {long.iri}, {short.iri}
    decided = group_names([short, long])
    assert decided[short.iri] == Decision(long.iri, "form", "geopark cibuntu", "geopark cibuntu")


def test_a_shorter_alias_that_drops_no_place_is_no_form_of_the_name() -> None:
    """ "Kementerian Haji" written for "Kementerian Haji dan Umrah" drops a conjunct, not a
    place: a renamed ministry may be another body, so the written alias joins nothing."""
    short = name("kementerian haji", "GovernmentBody", family="org")
    long = name("kementerian haji dan umrah", "GovernmentBody", "kementerian haji", family="org")
    short.apart, long.apart = {long.iri}, {short.iri}
    assert len(set(nodes([short, long]).values())) == 2


def test_an_outlets_edition_is_the_outlet_where_its_article_writes_the_outlets_name() -> None:
    edition = name("kabar news pesisir raya", "NewsOutlet", "kabar", family="org")
    outlet = name("kabar", "NewsOutlet", "kabar news", family="org")
    decided = group_names([edition, outlet])
    assert decided[edition.iri] == Decision(outlet.iri, "form", "kabar", "kabar")


def test_an_edition_not_written_with_the_outlets_name_stays_apart() -> None:
    edition = name("kabar news pesisir raya", "NewsOutlet", family="org")
    outlet = name("kabar", "NewsOutlet", family="org")
    other_body = name("kabar pesisir foundation", "Organization", "kabar", family="org")
    found = nodes([edition, outlet, other_body])
    assert found["kabar-news-pesisir-raya"] == "kabar-news-pesisir-raya"
    assert found["kabar-pesisir-foundation"] == "kabar-pesisir-foundation"


def test_an_acronym_of_an_english_name_ending_in_its_head_joins_it() -> None:
    """ "GMRO" is "Global Maritime Research Organization" as written, head word last; a team
    named after the body ("Tim GMRO") is the body."""
    full = name("global maritime research organization", "Organization", "gmro", family="org")
    acronym = name("gmro", "Organization", family="org")
    team = name("tim gmro", "Organization", family="org")
    decided = group_names([full, acronym, team])
    assert len({d.target for d in decided.values()}) == 1
    assert {d.rule for d in decided.values()} == {"", "form", "same"}
