"""Sources -> articles: folders, globs, stdin, URLs of pages and feeds, bad inputs."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from kg.ingest import FetchSettings, IngestOptions, detect_format, read_sources
from kg.ingest.failure import Failure
from kg.model.records import Article

TEXT = "Sleman (Kabar) - Bupati Sleman Wahyu Kurniawan meninjau panen padi di Kecamatan Minggir."


@pytest.fixture
def options(tmp_path: Path) -> IngestOptions:
    fetch = FetchSettings(
        read_timeout=1, retries=1, backoff=0.05, delay=0, cache_dir=tmp_path / "c"
    )
    return IngestOptions(fetch=fetch)


def _read(sources: list[Any], options: IngestOptions, **kw: Any) -> list[Article | Failure]:
    return list(read_sources(sources, options, **kw))


def _articles(items: list[Article | Failure]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _failures(items: list[Article | Failure]) -> dict[str, str]:
    return {i.source: i.message for i in items if isinstance(i, Failure)}


def test_a_folder_is_read_recursively_by_extension(
    tmp_path: Path, options: IngestOptions, stories: Any, make_page: Callable[..., str]
) -> None:
    root = tmp_path / "korpus"
    (root / "2024" / "03").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "2024" / "03" / "b.html").write_text(make_page(stories[0]), encoding="utf-8")
    (root / "2024" / "c.jsonl").write_text(
        json.dumps({"text": TEXT + " Satu."}) + "\n" + json.dumps({"text": TEXT + " Dua."}) + "\n",
        encoding="utf-8",
    )
    (root / "gambar.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (root / ".git" / "x.txt").write_text("bukan berita", encoding="utf-8")
    totals: list[int] = []
    items = _read([root], options, expect=totals.append)
    assert sorted(Path(a.source or "").name for a in _articles(items)) == [
        "a.txt",
        "b.html",
        "c.jsonl:1",
        "c.jsonl:2",
    ]
    assert sum(totals) == 4  # counted before reading: 1 + 1 + two JSON lines


def test_globs_expand(tmp_path: Path, options: IngestOptions) -> None:
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text(f"{TEXT} ({name})", encoding="utf-8")
    items = _read([str(tmp_path / "*.txt")], options)
    assert [Path(a.source or "").name for a in _articles(items)] == ["a.txt", "b.txt"]
    (failure,) = _read([str(tmp_path / "*.xyz")], options)
    assert isinstance(failure, Failure)
    assert failure.message.endswith("*.xyz: no file matches; check the pattern")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        pytest.param(TEXT.encode(), "text", id="text"),
        pytest.param(json.dumps({"text": TEXT}).encode(), "json", id="json"),
        pytest.param(b'{"text": "a"}\n{"text": "b"}\n', "jsonl", id="jsonl"),
        pytest.param(b"<!DOCTYPE html><html><body><p>" + TEXT.encode(), "html", id="html"),
    ],
)  # fmt: skip
def test_stdin_is_read_in_any_format(data: bytes, kind: str, options: IngestOptions) -> None:
    assert detect_format(data) == kind
    items = _read(["-"], options, stdin=io.BytesIO(data))
    assert items
    assert all(isinstance(i, Article) and i.source.startswith("<stdin>") for i in items)


def test_bad_files_are_named_with_the_reason_and_the_rest_go_on(
    tmp_path: Path, options: IngestOptions
) -> None:
    (tmp_path / "baik.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "cp1252.txt").write_bytes("Kafé “Malioboro” – Yogyakarta ramai.".encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes("Café Sénayan ramai pengunjung.".encode("latin-1"))
    (tmp_path / "kosong.txt").write_bytes(b"")
    (tmp_path / "biner.html").write_bytes(bytes(range(256)) * 8)
    with (tmp_path / "besar.txt").open("wb") as handle:
        handle.truncate(50_000_000)  # a 50 MB file, sparse on disk
    (tmp_path / "rusak.json").write_bytes(b'{"text": "tanpa akhir')
    items = _read([tmp_path, tmp_path / "hilang.txt"], options)
    assert {Path(a.source or "").name for a in _articles(items)} == {
        "baik.txt",
        "cp1252.txt",
        "latin1.txt",
    }
    assert "Kafé “Malioboro” – Yogyakarta" in _articles(items)[1].text + _articles(items)[0].text
    failures = {Path(k).name: v for k, v in _failures(items).items()}
    assert failures.keys() == {"kosong.txt", "biner.html", "besar.txt", "rusak.json", "hilang.txt"}
    assert "empty file; remove it" in failures["kosong.txt"]
    assert "binary content" in failures["biner.html"]
    assert "50.0 MB is too large for one article" in failures["besar.txt"]
    assert "not JSON" in failures["rusak.json"]
    assert "no such file or folder" in failures["hilang.txt"]
    assert all("\n" not in m for m in failures.values())


def test_a_url_of_a_page(site: HTTPServer, options: IngestOptions) -> None:
    (article,) = _read([site.url_for("/berita/pasar-jambi")], options)
    assert isinstance(article, Article)
    assert article.url == site.url_for("/berita/pasar-jambi")
    assert article.title == "Gubernur Jambi Tinjau Pasar Baru"
    assert "Lestari Wulandari" in article.text


def test_a_url_of_a_feed_gives_every_item_with_feed_metadata(
    site: HTTPServer, options: IngestOptions, stories: Any
) -> None:
    totals: list[int] = []
    items = _read([site.url_for("/feed.xml")], options, expect=totals.append)
    articles = _articles(items)
    assert [a.title for a in articles] == [s.title for s in stories]
    assert [a.url for a in articles] == [site.url_for(f"/berita/{s.slug}") for s in stories]
    assert all(a.outlet == "Kabar Nusantara" for a in articles)  # the page's own site name
    assert sum(totals) == 3


def test_a_feed_item_that_fails_is_named_and_the_others_are_read(
    site: HTTPServer, options: IngestOptions, make_rss: Callable[..., str], free_port: int
) -> None:
    base = site.url_for("").rstrip("/")
    feed = make_rss(
        base,
        [("/berita/pasar-bogor", "Bogor"), ("/tidak-ada", "Hilang"), ("/putar", "Putar")],
        extra=f"<item><title>Mati</title><link>http://127.0.0.1:{free_port}/x</link></item>"
        "<item><title>Kosong</title></item>",
    )
    site.expect_request("/feed-rusak.xml").respond_with_data(feed, content_type="text/xml")
    items = _read([site.url_for("/feed-rusak.xml")], options)
    assert [a.title for a in _articles(items)] == ["Pasar Rakyat Bogor Diresmikan"]
    messages = list(_failures(items).values())
    assert len(messages) == 4
    assert "feed-rusak.xml item 2: " in messages[0]
    assert "HTTP 404" in messages[0]
    assert "redirect loop" in messages[1]
    assert "cannot connect" in messages[2]
    assert "item 5: no link and no content" in messages[3]


def test_feed_items_without_links_become_articles_from_their_content(
    tmp_path: Path, options: IngestOptions
) -> None:
    feed = f"""<rss version="2.0"><channel><title>Warta Desa</title>
    <item><title>Panen Raya</title><description>&lt;p&gt;{TEXT}&lt;/p&gt;</description></item>
    </channel></rss>"""
    (tmp_path / "warta.rss").write_text(feed, encoding="utf-8")
    (article,) = _read([tmp_path / "warta.rss"], options)
    assert isinstance(article, Article)
    assert (article.text, article.title, article.outlet) == (TEXT, "Panen Raya", "Warta Desa")


def test_unsupported_schemes_are_named(options: IngestOptions) -> None:
    (failure,) = _read(["ftp://127.0.0.1/berita.txt"], options)
    assert isinstance(failure, Failure)
    assert "only http:// and https:// URLs can be read" in failure.message
