"""News outlets named in the text, channels included."""

from __future__ import annotations

from kg.extract.pipeline import extract_article
from kg.model.records import Article


def test_an_outlet_channel_in_lower_camel_case_is_the_outlet() -> None:
    ex = extract_article(Article("Camat itu mengatakan hal tersebut kepada detikJabar, Senin."))
    outlets = [e for e in ex.entities if e.cls == "NewsOutlet"]
    assert [(e.name, "detikJabar" in e.aliases) for e in outlets] == [("detikcom", True)]
    assert [(r.subject, r.predicate) for r in ex.relations] == [("ARTICLE", "publisher")]


def test_other_lower_camel_case_words_are_no_names() -> None:
    ex = extract_article(Article("Warga mengurus eKTP dan iPhone di kantor kelurahan."))
    assert ex.entities == ()


def test_an_outlet_glued_to_the_words_around_it_is_split_off() -> None:
    text = (
        "Hal itu dikatakan Hendra Wijaya kepadadetikJabar, Senin. Pantauandetikcomdi lokasi sepi."
    )
    ex = extract_article(Article(text))
    outlets = [e for e in ex.entities if e.cls == "NewsOutlet"]
    assert [(e.name, "detikJabar" in e.aliases) for e in outlets] == [("detikcom", True)]
    (publisher,) = [r for r in ex.relations if r.predicate == "publisher"]
    assert text[publisher.start : publisher.end] == "detikJabar"  # offsets into the text kept


def test_a_word_that_only_contains_an_outlet_s_name_stays_whole() -> None:
    ex = extract_article(Article("Warga Detikan menggelar kerja bakti di Bogor, Senin."))
    assert not any(e.cls == "NewsOutlet" for e in ex.entities)
