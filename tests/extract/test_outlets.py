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
