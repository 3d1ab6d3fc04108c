"""IRI minting is deterministic and injective (on normalised names)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.model.iri import article_iri, entity_iri, name_key
from kg.model.records import Article, Entity

names = st.text(min_size=1, max_size=40)


@given(names)
def test_minting_is_deterministic(name: str) -> None:
    assert entity_iri(Entity("a", "Person", name)) == entity_iri(Entity("b", "Person", name))


@given(names, names)
def test_minting_is_injective_on_normalised_names(a: str, b: str) -> None:
    same_iri = entity_iri(Entity("a", "Person", a)) == entity_iri(Entity("b", "Person", b))
    assert same_iri == (name_key(a) == name_key(b) or not (name_key(a) or name_key(b)))


def test_case_accents_and_punctuation_do_not_split_an_entity() -> None:
    assert entity_iri(Entity("a", "Person", "Bima Arya-Sugiarto")) == entity_iri(
        Entity("b", "Person", "BIMA ARYA SUGIARTO")
    )


def test_types_keep_same_names_apart() -> None:
    person = entity_iri(Entity("a", "Person", "Bima"))
    place = entity_iri(Entity("b", "City", "Bima"))
    assert person != place


def test_regions_are_identified_by_code_not_name() -> None:
    city = entity_iri(Entity("a", "City", "Kota Bogor", ident="kemendagri:32.71"))
    regency = entity_iri(Entity("b", "Regency", "Kabupaten Bogor", ident="kemendagri:32.01"))
    assert city != regency
    assert city.endswith("kemendagri/32.71")


@given(st.text(max_size=200))
def test_article_iri_ignores_whitespace_differences(text: str) -> None:
    assert article_iri(Article(text)) == article_iri(Article(" " + text.replace(" ", "  ") + "\n"))


def test_article_iri_prefers_the_url() -> None:
    assert article_iri(Article("a", url="https://x.id/1")) == article_iri(
        Article("b", url="https://x.id/1")
    )
