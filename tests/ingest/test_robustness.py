"""Random bytes and strings into every reader: a clean article or a clean error, never a crash."""

from __future__ import annotations

import contextlib
import json
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import Failure, FieldMap, IngestOptions, detect_format, read_sources
from kg.ingest.feeds import parse_feed
from kg.ingest.fetch import FetchSettings
from kg.ingest.files import parse_text_article
from kg.ingest.html import decode_markup, read_html
from kg.ingest.jsonl import iter_json, iter_jsonl
from kg.model.records import Article

FRAGMENTS = st.sampled_from(
    [
        "<html>", "</html>", "<head>", "<body>", "<p>", "</p>", "<div class=x>", "</div>",
        "<article>", "<title>", "</title>", "<script>", "<!--", "-->", "<![CDATA[", "]]>",
        '<meta charset="', "windows-1252", '">', "<rss>", "<channel>", "<item>", "<link>",
        "</item>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "&amp;", "&#0;",
        "&bogus;", "\x00", "\ufeff", "Wali Kota Bogor ", "Bupati Garut ", "berita ", "\n", '"',
        "{", "}", "[", "]", ":", ",", '"text"', "http://", "javascript:", "<?xml version='1.0'?>",
    ]
)  # fmt: skip
# parsing is slow on first use (imports, caches): no per-example deadline
READERS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKUP = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=40).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "title", "url", "date", "authors", "meta", "body", "x"]),
        inner,
        max_size=5,
    ),
    max_leaves=20,
)  # fmt: skip
DATA = st.one_of(st.binary(max_size=600), MARKUP.map(lambda s: s.encode("utf-8", "replace")))


def _clean(result: object) -> None:
    assert isinstance(result, (Article, Failure))
    if isinstance(result, Article):
        assert result.text.strip()
    else:
        assert result.message
        assert "\n" not in result.message


@READERS
@given(DATA)
def test_text_reader(data: bytes) -> None:
    with contextlib.suppress(IngestError):
        _clean(parse_text_article(data, source="x.txt"))


@READERS
@given(st.one_of(DATA, MARKUP))
def test_html_reader(data: bytes | str) -> None:
    with contextlib.suppress(IngestError):
        _clean(read_html(data, source="x.html", url="https://kabar.example/x"))


@READERS
@given(DATA, st.sampled_from([None, "utf-8", "bogus-charset", "utf-16", "iso-8859-1"]))
def test_charset_decoding(data: bytes, declared: str | None) -> None:
    assert isinstance(decode_markup(data, declared), str)


@READERS
@given(st.one_of(DATA, JSON_VALUES.map(lambda v: json.dumps(v).encode())))
def test_json_reader(data: bytes) -> None:
    try:
        for item in iter_json(data, source="x.json", fields=FieldMap()):
            _clean(item)
    except IngestError:
        pass


@READERS
@given(
    st.lists(st.one_of(st.binary(max_size=80), JSON_VALUES.map(lambda v: json.dumps(v).encode())))
)
def test_jsonl_reader(lines: list[bytes]) -> None:
    for item in iter_jsonl(lines, source="x.jsonl", fields=FieldMap(), max_bytes=1000):
        _clean(item)


@READERS
@given(DATA)
def test_feed_reader(data: bytes) -> None:
    try:
        feed = parse_feed(data, source="x.xml")
    except IngestError:
        return
    for item in feed.items:
        assert not isinstance(item, Failure) or "\n" not in item.message


@READERS
@given(DATA, st.sampled_from(["", "text/html", "application/rss+xml", "application/json"]))
def test_format_detection(data: bytes, content_type: str) -> None:
    assert detect_format(data, content_type=content_type) in (
        "text",
        "html",
        "json",
        "jsonl",
        "feed",
    )


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random feeds may hold links: send every request to a closed port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}")
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl", ".xml", ".dat"])
@given(data=DATA)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_file_kind_through_read_sources(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"acak{suffix}"
    path.write_bytes(data)
    fetch = FetchSettings(retries=0, delay=0, cache_dir=None, connect_timeout=0.5)
    for item in read_sources([path], IngestOptions(fetch=fetch)):
        _clean(item)
        if isinstance(item, Failure):
            assert "could not be read (" not in item.message, item.message  # no safety-net catch
