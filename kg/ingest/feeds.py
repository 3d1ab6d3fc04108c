"""Read RSS and Atom feeds with feedparser: each item is an article to fetch.

An item's link is fetched and read as an HTML page; the item's own metadata (title, date,
authors) and the feed's title (as the outlet) fill what the page lacks. An item without a link
but with content becomes an article from that content.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from kg.errors import IngestError
from kg.ingest.failure import Failure, failed
from kg.ingest.html import html_to_text
from kg.model.records import Article

__all__ = ["Feed", "FeedItem", "fill_from_item", "item_article", "looks_like_feed", "parse_feed"]

log = logging.getLogger("kg.ingest.feeds")

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start like an RSS, Atom or RSS 1.0 (RDF) document.

    >>> looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel>')
    True
    >>> looks_like_feed(b"<!DOCTYPE html><html><body>")
    False
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] != b"<":
        return False
    return bool(_FEED_ROOT.search(head)) and b"<html" not in head[:512].lower()


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: where the article is and what the feed says about it."""

    number: int
    link: str | None
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title (the outlet), its items, and its items that could not be read."""

    source: str
    title: str | None
    items: tuple[FeedItem | Failure, ...]


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _item_text(entry: Mapping[str, Any]) -> str:
    for content in entry.get("content") or ():
        if isinstance(content, Mapping) and str(content.get("value") or "").strip():
            return html_to_text(str(content["value"])).strip()
    summary = str(entry.get("summary") or "")
    return html_to_text(summary).strip() if summary.strip() else ""


def _item(entry: Mapping[str, Any], number: int, source: str, base: str) -> FeedItem | Failure:
    where = f"{source} item {number}"
    link = _text(entry.get("link"))
    if link:
        link = urljoin(base, link)
        if urlsplit(link).scheme not in ("http", "https"):
            return failed(
                where,
                f"{where}: link {link!r} is not an http(s) URL; fix the feed or skip the item",
            )
    text = _item_text(entry)
    if not link and not text:
        return failed(where, f"{where}: no link and no content; fix the feed or skip the item")
    names = [a.get("name") for a in entry.get("authors") or () if isinstance(a, Mapping)]
    authors = tuple(n for n in (_text(x) for x in names) if n) or tuple(
        a for a in [_text(entry.get("author"))] if a
    )
    return FeedItem(
        number=number,
        link=link,
        title=_text(entry.get("title")),
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        authors=authors,
        text=text,
    )


def parse_feed(data: bytes, *, source: str, content_type: str = "") -> Feed:
    """Parse an RSS or Atom feed; broken items become Failures, the rest are kept.

    Args:
        data: the feed document.
        source: its path or URL (relative item links are resolved against a URL).
        content_type: the server's Content-Type, if fetched.

    Raises:
        IngestError: the document is not a feed, or a feed with no items.
    """
    base = source if urlsplit(source).scheme in ("http", "https") else ""
    headers = {"content-location": base, "content-type": content_type or "application/xml"}
    import feedparser  # on first use: a build of files never pays for it

    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser wraps lxml/sax/sgml parsers that raise anything
        raise IngestError(
            f"{source}: cannot parse the feed ({exc}); check it is RSS or Atom"
        ) from exc
    entries = list(parsed.get("entries") or ())
    if not parsed.get("version") and not entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise IngestError(
            f"{source}: not an RSS or Atom feed ({_text(reason)}); check the URL or file"
        )
    if not entries:
        raise IngestError(f"{source}: the feed has no items; check the feed URL")
    if parsed.get("bozo"):
        log.info("%s: malformed feed, read leniently: %s", source, parsed.get("bozo_exception"))
    channel = parsed.get("feed") or {}
    items = tuple(_item(entry, n, source, base) for n, entry in enumerate(entries, 1))
    return Feed(source=source, title=_text(channel.get("title")), items=items)


def fill_from_item(article: Article, item: FeedItem, feed: Feed) -> Article:
    """The page's article with what it lacks taken from its feed item and the feed."""
    return replace(
        article,
        title=article.title or item.title,
        url=article.url or item.link,
        published=article.published or item.published,
        outlet=article.outlet or feed.title,
        authors=article.authors or item.authors,
    )


def item_article(item: FeedItem, feed: Feed) -> Article:
    """An article from the item's own content (an item with no link to fetch).

    Raises:
        IngestError: the item has no content.
    """
    if not item.text:
        raise IngestError(f"{feed.source} item {item.number}: no content; skip the item")
    return Article(
        text=item.text,
        title=item.title,
        url=item.link,
        published=item.published,
        outlet=feed.title,
        authors=item.authors,
        source=f"{feed.source} item {item.number}",
    )
