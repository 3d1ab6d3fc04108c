"""A small Indonesian news site on 127.0.0.1 (a real HTTP server) and the pages it serves.

The articles are written for these tests: invented officials in real places, in the style of
regional news, so the extractor has real work to do.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    place: str
    office: str
    person: str
    date: str
    author: str

    @property
    def paragraphs(self) -> list[str]:
        return [
            f"{self.place} (Kabar Nusantara) - {self.office} {self.place} {self.person} meresmikan "
            f"pasar rakyat yang baru selesai direnovasi di pusat kota pada Senin pagi.",
            f"Menurut {self.person}, renovasi pasar tersebut menelan anggaran sekitar Rp12 miliar "
            "dari APBD dan dikerjakan selama delapan bulan oleh kontraktor lokal.",
            '"Kami ingin pedagang berjualan dengan nyaman dan pembeli merasa aman," kata '
            f"{self.person} di hadapan ratusan pedagang yang hadir.",
            "Ia menambahkan, pemerintah daerah juga menyiapkan lahan parkir baru serta jalur "
            "khusus bagi kendaraan pengangkut barang agar lalu lintas tetap lancar.",
            f"Pewarta: {self.author}",
        ]


STORIES = (
    Story("pasar-bogor", "Pasar Rakyat Bogor Diresmikan", "Bogor", "Wali Kota", "Ahmad Fauzan",
          "2024-03-11", "Rina Sulistyo"),
    Story("pasar-garut", "Bupati Garut Resmikan Pasar", "Garut", "Bupati", "Dedi Permana",
          "2024-03-12", "Yusuf Hamdani"),
    Story("pasar-jambi", "Gubernur Jambi Tinjau Pasar Baru", "Jambi", "Gubernur",
          "Lestari Wulandari", "2024-03-13", "Agus Salim"),
)  # fmt: skip


def page_html(story: Story, *, base: str = "", charset: str = "utf-8", meta: bool = True) -> str:
    """A news page: navigation, the article with its metadata, related links and a footer."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
    head = ""
    if meta:
        head = f"""
  <meta charset="{charset}">
  <link rel="canonical" href="{base}/berita/{story.slug}">
  <meta property="og:site_name" content="Kabar Nusantara">
  <meta name="author" content="{story.author}">
  <meta property="article:published_time" content="{story.date}T08:30:00+07:00">"""
    return f"""<!DOCTYPE html>
<html lang="id">
<head>{head}
  <title>{html.escape(story.title)} - Kabar Nusantara</title>
</head>
<body>
  <header><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a> <a href="/olahraga">Olahraga</a></nav></header>
  <main>
    <article>
      <h1>{html.escape(story.title)}</h1>
      <div class="meta">Oleh {story.author} | {story.date}</div>
      {body}
    </article>
    <aside><h3>Berita Terkait</h3><ul><li><a href="/lain">Harga cabai naik</a></li></ul></aside>
  </main>
  <footer>Hak cipta 2024 Kabar Nusantara. Dilarang mengutip tanpa izin.</footer>
</body>
</html>
"""  # noqa: E501


def rss(base: str, links: list[tuple[str, str]], *, extra: str = "") -> str:
    """An RSS 2.0 feed; each link is (path, title)."""
    items = "\n".join(
        f"""    <item>
      <title>{html.escape(title)}</title>
      <link>{base}{path}</link>
      <pubDate>Mon, 11 Mar 2024 09:00:00 +0700</pubDate>
      <dc:creator>Redaksi Daerah</dc:creator>
      <description>Ringkasan: {html.escape(title)}.</description>
    </item>"""
        for path, title in links
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Kabar Nusantara - Daerah</title>
    <link>{base}/</link>
    <description>Berita daerah terkini</description>
{items}
{extra}
  </channel>
</rss>
"""


def _conditional(body: bytes, etag: str, content_type: str) -> Callable[[Request], Response]:
    modified = format_datetime(datetime(2024, 3, 11, 2, 0, tzinfo=timezone.utc), usegmt=True)

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(
            body, content_type=content_type, headers={"ETag": etag, "Last-Modified": modified}
        )

    return handler


def _slow(request: Request) -> Response:
    time.sleep(2.0)
    return Response("<html><body><p>terlambat</p></body></html>", content_type="text/html")


def hits(server: HTTPServer, path: str) -> list[Request]:
    """The requests the server received for a path."""
    return [request for request, _ in server.log if request.path == path]


@pytest.fixture
def site() -> Iterator[HTTPServer]:
    """A threaded HTTP server on a free port of 127.0.0.1 serving the news site.

    ``site.url_for(path)`` gives a URL; ``site.hits(path)`` the requests received for it.
    """
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.no_handler_status_code = 404
    server.start()
    server.hits = lambda path: hits(server, path)  # type: ignore[attr-defined]
    base = server.url_for("").rstrip("/")
    for story in STORIES:
        body = page_html(story, base=base).encode("utf-8")
        server.expect_request(f"/berita/{story.slug}").respond_with_handler(
            _conditional(body, f'"{story.slug}-v1"', "text/html; charset=utf-8")
        )
    feed = rss(base, [(f"/berita/{st.slug}", st.title) for st in STORIES])
    server.expect_request("/feed.xml").respond_with_handler(
        _conditional(feed.encode("utf-8"), '"feed-v1"', "application/rss+xml")
    )
    server.expect_request("/lambat").respond_with_handler(_slow)
    server.expect_request("/rusak").respond_with_data("galat server", status=500)
    server.expect_request("/tidak-ada").respond_with_data("tidak ditemukan", status=404)
    server.expect_request("/pindah").respond_with_response(
        Response(status=301, headers={"Location": "/berita/pasar-garut"})
    )
    server.expect_request("/putar").respond_with_response(
        Response(status=302, headers={"Location": "/putar"})
    )
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def stories() -> tuple[Story, ...]:
    return STORIES


@pytest.fixture
def make_page() -> Callable[..., str]:
    return page_html


@pytest.fixture
def make_rss() -> Callable[..., str]:
    return rss


@pytest.fixture
def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
