"""Fetching against a real HTTP server on 127.0.0.1: retries, limits, redirects, the cache."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from kg.errors import FetchError
from kg.ingest.fetch import Fetcher, FetchSettings


@pytest.fixture
def settings(tmp_path: Path) -> FetchSettings:
    return FetchSettings(
        connect_timeout=2, read_timeout=0.5, retries=2, backoff=0.05, delay=0, cache_dir=tmp_path
    )


@pytest.fixture
def fetcher(settings: FetchSettings) -> Iterator[Fetcher]:
    with Fetcher(settings) as f:
        yield f


def test_a_page_is_fetched_with_its_type_and_charset(site: HTTPServer, fetcher: Fetcher) -> None:
    page = fetcher.fetch(site.url_for("/berita/pasar-bogor"))
    assert b"Ahmad Fauzan" in page.content
    assert (page.charset, page.from_cache) == ("utf-8", False)
    assert page.content_type.startswith("text/html")


def test_requests_carry_a_clear_user_agent(site: HTTPServer, fetcher: Fetcher) -> None:
    fetcher.fetch(site.url_for("/berita/pasar-bogor"))
    assert site.hits("/berita/pasar-bogor")[0].headers["User-Agent"].startswith("kg/")


def test_an_unchanged_page_is_not_downloaded_again(
    site: HTTPServer, settings: FetchSettings, tmp_path: Path
) -> None:
    url = site.url_for("/berita/pasar-garut")
    with Fetcher(settings) as first:
        fresh = first.fetch(url)
    with Fetcher(settings) as second:  # a new run: only the on-disk cache remembers
        again = second.fetch(url)
    assert again.from_cache
    assert again.content == fresh.content
    hits = site.hits("/berita/pasar-garut")
    assert hits[1].headers["If-None-Match"] == '"pasar-garut-v1"'
    assert "If-Modified-Since" in hits[1].headers
    assert any(tmp_path.rglob("*.body"))


def test_without_a_cache_every_run_downloads(site: HTTPServer, settings: FetchSettings) -> None:
    with Fetcher(settings.with_(cache_dir=None)) as f:
        f.fetch(site.url_for("/berita/pasar-garut"))
        assert not f.fetch(site.url_for("/berita/pasar-garut")).from_cache
    assert "If-None-Match" not in site.hits("/berita/pasar-garut")[1].headers


def test_a_redirect_is_followed_to_the_final_url(site: HTTPServer, fetcher: Fetcher) -> None:
    page = fetcher.fetch(site.url_for("/pindah"))
    assert page.final_url == site.url_for("/berita/pasar-garut")
    assert b"Dedi Permana" in page.content


def test_a_redirect_loop_is_one_clear_error(site: HTTPServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match=r"/putar: redirect loop .*pass the final URL"):
        fetcher.fetch(site.url_for("/putar"))


def test_server_errors_are_retried_then_reported(site: HTTPServer, fetcher: Fetcher) -> None:
    with pytest.raises(
        FetchError, match=r"/rusak: HTTP 500 .* after 3 attempts; .*run again later"
    ):
        fetcher.fetch(site.url_for("/rusak"))
    assert len(site.hits("/rusak")) == 3


def test_a_missing_page_is_not_retried(site: HTTPServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match=r"/tidak-ada: HTTP 404 NOT FOUND; check the URL"):
        fetcher.fetch(site.url_for("/tidak-ada"))
    assert len(site.hits("/tidak-ada")) == 1


def test_429_waits_as_long_as_retry_after_says(site: HTTPServer, fetcher: Fetcher) -> None:
    site.expect_oneshot_request("/sibuk").respond_with_response(
        Response("terlalu banyak permintaan", status=429, headers={"Retry-After": "1"})
    )
    site.expect_request("/sibuk").respond_with_data("<p>sudah bisa</p>")
    started = time.monotonic()
    page = fetcher.fetch(site.url_for("/sibuk"))
    assert page.content == b"<p>sudah bisa</p>"
    assert time.monotonic() - started >= 1.0  # Retry-After, not the 0.05 s backoff
    assert len(site.hits("/sibuk")) == 2


def test_a_retry_after_beyond_the_limit_fails_at_once(site: HTTPServer, fetcher: Fetcher) -> None:
    site.expect_request("/antre").respond_with_response(
        Response(status=503, headers={"Retry-After": "3600"})
    )
    with pytest.raises(FetchError, match=r"asks to wait 3600 s \(more than .*\); run again later"):
        fetcher.fetch(site.url_for("/antre"))
    assert len(site.hits("/antre")) == 1


def test_a_slow_server_times_out(site: HTTPServer, settings: FetchSettings) -> None:
    with (
        Fetcher(settings.with_(retries=0)) as f,
        pytest.raises(FetchError, match=r"/lambat: no answer within 0.5 s; .*--timeout"),
    ):
        f.fetch(site.url_for("/lambat"))


def test_an_unreachable_host_is_one_clear_error(free_port: int, fetcher: Fetcher) -> None:
    url = f"http://127.0.0.1:{free_port}/berita"
    with pytest.raises(FetchError, match=r"cannot connect to 127.0.0.1 .*check the address"):
        fetcher.fetch(url)


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/berita.txt", "file:///etc/passwd", "javascript:alert(1)", "http://"]
)
def test_only_http_and_https_are_fetched(url: str, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetcher.fetch(url)


def test_a_declared_oversized_response_is_refused(
    site: HTTPServer, settings: FetchSettings
) -> None:
    site.expect_request("/besar").respond_with_data(b"x" * 5000)
    with (
        Fetcher(settings.with_(max_bytes=1000)) as f,
        pytest.raises(FetchError, match=r"0.0 MB, over the 0.001 MB limit; raise --max-bytes"),
    ):
        f.fetch(site.url_for("/besar"))


def test_a_streamed_oversized_response_is_cut_off(
    site: HTTPServer, settings: FetchSettings
) -> None:
    def endless(request: Request) -> Response:
        return Response((b"x" * 10_000 for _ in range(10_000)), content_type="text/plain")

    site.expect_request("/aliran").respond_with_handler(endless)
    with (
        Fetcher(settings.with_(max_bytes=100_000)) as f,
        pytest.raises(FetchError, match=r"more than 0.1 MB, over the 0.1 MB limit"),
    ):
        f.fetch(site.url_for("/aliran"))


def test_requests_to_one_host_are_spaced_by_the_delay(
    site: HTTPServer, settings: FetchSettings
) -> None:
    with Fetcher(settings.with_(delay=0.4, cache_dir=None)) as f:
        started = time.monotonic()
        for story in ("pasar-bogor", "pasar-garut", "pasar-jambi"):
            f.fetch(site.url_for(f"/berita/{story}"))
        assert time.monotonic() - started >= 0.8
