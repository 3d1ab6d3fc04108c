"""RSS and Atom feeds: items, broken items, what the feed adds to a page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.errors import IngestError
from kg.ingest import Failure
from kg.ingest.feeds import FeedItem, fill_from_item, looks_like_feed, parse_feed
from kg.model.records import Article

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Warta Kalimantan</title>
  <entry>
    <title>Gubernur Kalimantan Timur Resmikan Jembatan</title>
    <link href="/berita/jembatan"/>
    <updated>2024-05-06T10:00:00+08:00</updated>
    <author><name>Siti Aminah</name></author>
    <summary>Jembatan baru menghubungkan dua kecamatan.</summary>
  </entry>
</feed>"""


def test_rss_items_carry_links_titles_dates_and_authors(make_rss: Callable[..., str]) -> None:
    feed = parse_feed(
        make_rss("https://kabar.example", [("/a", "Satu"), ("/b", "Dua")]).encode(),
        source="https://kabar.example/feed.xml",
    )
    assert feed.title == "Kabar Nusantara - Daerah"
    first = feed.items[0]
    assert isinstance(first, FeedItem)
    assert (first.link, first.title, first.published, first.authors) == (
        "https://kabar.example/a",
        "Satu",
        "2024-03-11T02:00:00Z",
        ("Redaksi Daerah",),
    )
    assert len(feed.items) == 2


def test_atom_relative_links_are_resolved_against_the_feed_url() -> None:
    feed = parse_feed(ATOM, source="https://warta.example/atom.xml")
    (item,) = feed.items
    assert isinstance(item, FeedItem)
    assert item.link == "https://warta.example/berita/jembatan"
    assert item.authors == ("Siti Aminah",)


def test_broken_items_are_failures_and_the_rest_are_kept(make_rss: Callable[..., str]) -> None:
    extra = """<item><title>Tanpa tautan</title></item>
    <item><title>Skrip</title><link>javascript:alert(1)</link></item>"""
    feed = parse_feed(
        make_rss("https://kabar.example", [("/a", "Satu")], extra=extra).encode(), source="f.xml"
    )
    good, no_link, script = feed.items
    assert isinstance(good, FeedItem)
    assert isinstance(no_link, Failure)
    assert no_link.message == "f.xml item 2: no link and no content; fix the feed or skip the item"
    assert isinstance(script, Failure)
    assert "is not an http(s) URL" in script.message


def test_a_truncated_feed_is_read_leniently(make_rss: Callable[..., str]) -> None:
    data = make_rss("https://kabar.example", [("/a", "Satu"), ("/b", "Dua")]).encode()
    feed = parse_feed(data[: data.index(b"</item>") + 7], source="f.xml")
    assert [i.link for i in feed.items if isinstance(i, FeedItem)] == ["https://kabar.example/a"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"<html><body>bukan</body></html>", "not an RSS or Atom feed", id="html"),
        pytest.param(b"\x00\x01\x02", "not an RSS or Atom feed", id="binary"),
        pytest.param(
            b'<rss version="2.0"><channel><title>K</title></channel></rss>',
            "the feed has no items",
            id="empty",
        ),
    ],
)
def test_not_a_feed_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=rf"^f.xml: {message}"):
        parse_feed(data, source="f.xml")


def test_the_feed_fills_only_what_the_page_lacks() -> None:
    item = FeedItem(3, "https://k.example/a", "Judul Feed", "2024-01-02T00:00:00Z", ("Ani",), "")
    page = Article("Isi.", title="Judul Halaman", url=None, published=None)
    feed = parse_feed(ATOM, source="atom.xml")
    filled = fill_from_item(page, item, feed)
    assert (filled.title, filled.url, filled.published, filled.outlet, filled.authors) == (
        "Judul Halaman",
        "https://k.example/a",
        "2024-01-02T00:00:00Z",
        "Warta Kalimantan",
        ("Ani",),
    )


def test_feeds_are_told_from_pages() -> None:
    assert looks_like_feed(ATOM)
    assert looks_like_feed(b"\xef\xbb\xbf<rss version='2.0'>")
    assert not looks_like_feed(b"<!DOCTYPE html><html><head><link rel='alternate'>")
