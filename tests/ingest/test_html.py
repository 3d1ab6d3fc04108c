"""Reading HTML pages: main text and metadata by trafilatura, charsets, broken markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kg.errors import IngestError
from kg.ingest.html import decode_markup, read_html


def test_main_text_and_metadata(stories: Any, make_page: Callable[..., str]) -> None:
    story = stories[0]
    article = read_html(
        make_page(story, base="https://kabar.example").encode(), source="pasar.html"
    )
    assert article.title == "Pasar Rakyat Bogor Diresmikan"
    assert article.url == "https://kabar.example/berita/pasar-bogor"
    assert article.published == "2024-03-11"
    assert article.outlet == "Kabar Nusantara"
    assert article.authors == ("Rina Sulistyo",)
    assert article.text.startswith("Bogor (Kabar Nusantara) - Wali Kota Bogor Ahmad Fauzan")
    assert "Pewarta: Rina Sulistyo" in article.text
    for boilerplate in ("Beranda", "Berita Terkait", "Hak cipta", "Harga cabai"):
        assert boilerplate not in article.text


def test_the_canonical_url_wins_over_the_fetched_one(stories: Any, make_page: Any) -> None:
    page = make_page(stories[1], base="https://kabar.example")
    article = read_html(page, source="x", url="https://kabar.example/x?utm_source=wa")
    assert article.url == "https://kabar.example/berita/pasar-garut"


def test_a_page_without_canonical_keeps_its_fetched_url(stories: Any, make_page: Any) -> None:
    page = make_page(stories[1], meta=False)
    article = read_html(page, source="x", url="https://kabar.example/garut")
    assert article.url == "https://kabar.example/garut"
    assert article.title == "Bupati Garut Resmikan Pasar"


def test_a_saved_page_without_any_url_has_no_url(stories: Any, make_page: Any) -> None:
    article = read_html(make_page(stories[1], meta=False), source="garut.html")
    assert article.url is None  # its identity is then the hash of its text


@pytest.mark.parametrize(
    ("charset", "declared"),
    [
        pytest.param("windows-1252", None, id="meta-windows-1252"),
        pytest.param("iso-8859-1", None, id="meta-latin-1-read-as-cp1252"),
        pytest.param("windows-1252", "windows-1252", id="http-header"),
        pytest.param("utf-8", "windows-1252", id="header-wrong-but-meta-right"),
    ],
)
def test_non_utf8_pages_are_decoded(
    stories: Any, make_page: Any, charset: str, declared: str | None
) -> None:
    page = make_page(stories[2], charset=charset.replace("utf-8", "windows-1252"))
    page = page.replace("pasar rakyat", "pasar “rakyat” café")
    data = page.encode("cp1252")
    article = read_html(data, source="jambi.html", charset=declared)
    assert "pasar “rakyat” café" in article.text


def test_a_page_with_no_declared_charset_is_guessed(stories: Any, make_page: Any) -> None:
    page = make_page(stories[2], meta=False).replace("pasar rakyat", "pasar “rakyat” café")
    article = read_html(page.encode("cp1252"), source="jambi.html")
    assert "“rakyat” café" in article.text


def test_malformed_html_still_gives_its_text() -> None:
    broken = (
        "<html><head><title>Banjir di Kota Medan</title><body class=berita><div><p>Medan "
        "(Kabar) - Wali Kota Medan Rizal Harahap meninjau lokasi banjir di Kecamatan Medan "
        "Johor pada Selasa malam.<p>Ratusan rumah terendam setelah hujan deras mengguyur kota "
        "selama enam jam. <b><i>Warga diminta waspada</b></i> terhadap banjir susulan."
        "</span></table><div"
    )
    article = read_html(broken.encode(), source="medan.html")
    assert "Rizal Harahap meninjau lokasi banjir" in article.text
    assert "Ratusan rumah terendam" in article.text


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"<html><head><title>Masuk</title></head><body></body></html>", id="no-text"),
        pytest.param(b"<html><body><script>var x = 1;</script></body></html>", id="script-only"),
    ],
)
def test_a_page_without_article_text_is_one_clear_error(page: bytes) -> None:
    with pytest.raises(IngestError, match=r"^login.html: (empty file|no article text)"):
        read_html(page, source="login.html")


def test_decode_prefers_a_byte_order_mark() -> None:
    assert decode_markup("\ufeff<p>Sénin</p>".encode("utf-8"), "windows-1252") == "<p>Sénin</p>"
