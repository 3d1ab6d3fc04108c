"""`kg build` end to end: a feed over HTTP, a folder of good and bad inputs, stdin, progress."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    "Kendari (Kabar) - Gubernur Sulawesi Tenggara Andi Pratama meresmikan pelabuhan "
    "perikanan baru di Kendari pada Kamis.\n\nPewarta: Wa Ode Nurul\n"
)


def kg(*args: str, tmp_path: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path / "http-cache")}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        input=stdin.decode() if stdin is not None else None,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=300,
    )


def test_a_feed_url_ingests_every_item_and_a_rerun_changes_nothing(
    site: HTTPServer, tmp_path: Path, stories: Any
) -> None:
    store = str(tmp_path / "store")
    feed = site.url_for("/feed.xml")
    first = kg("build", feed, "--store", store, "--delay", "0", tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("3 new, 0 changed, 0 unchanged, 0 failed in ")
    articles = kg("query", "articles", "--store", store, "-f", "json", tmp_path=tmp_path)
    rows = json.loads(articles.stdout)
    assert sorted(row["headline"] for row in rows) == sorted(s.title for s in stories)
    assert {row["source"] for row in rows} == {site.url_for(f"/berita/{s.slug}") for s in stories}
    second = kg("build", feed, "--store", store, "--delay", "0", tmp_path=tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("0 new, 0 changed, 3 unchanged, 0 failed")
    # the re-run asked conditionally and got 304s: nothing was downloaded again
    page_hits = site.hits(f"/berita/{stories[0].slug}")  # type: ignore[attr-defined]
    assert len(page_hits) == 2
    assert page_hits[1].headers["If-None-Match"] == f'"{stories[0].slug}-v1"'


def test_a_folder_of_good_and_bad_files_and_an_unreachable_url(
    tmp_path: Path, free_port: int
) -> None:
    folder = tmp_path / "masukan"
    folder.mkdir()
    (folder / "baik.txt").write_text(TEXT, encoding="utf-8")
    (folder / "cp1252.txt").write_bytes(
        TEXT.replace("Kendari pada", "Kendari “Kota Lulo” pada")
        .replace("Andi", "André")
        .encode("cp1252")
    )
    (folder / "kosong.txt").write_bytes(b"")
    (folder / "gambar.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    unreachable = f"http://127.0.0.1:{free_port}/berita/hilang"
    store = str(tmp_path / "store")
    result = kg(
        "build", str(folder), unreachable, "--store", store, "--retries", "0", "-q",
        tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.startswith("2 new, 0 changed, 0 unchanged, 3 failed in ")
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    assert any(f"{folder / 'kosong.txt'}: empty file; remove it" in line for line in lines)
    assert any(f"{folder / 'gambar.html'}: binary content, not text" in line for line in lines)
    assert any(
        f"{unreachable}: cannot connect to 127.0.0.1" in line and "check the address" in line
        for line in lines
    )
    stats = kg("stats", "--store", store, tmp_path=tmp_path)
    assert "articles: 2" in stats.stdout
    quotes = kg("query", "entity", "--param", "name=André Pratama", "--store", store, "-f", "json",
                tmp_path=tmp_path)  # fmt: skip
    assert quotes.returncode == 0, quotes.stderr
    assert json.loads(quotes.stdout), "the cp1252 article's people are in the graph"


def test_strict_stops_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "masukan"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_text(TEXT.replace("Kamis", "Jumat"), encoding="utf-8")
    result = kg("build", str(folder), "--store", str(tmp_path / "s"), "--strict", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "stopped at the first failure (--strict)" in result.stderr
    assert result.stdout.startswith("1 new, 0 changed, 0 unchanged, 1 failed")


def test_stdin_jsonl_with_a_field_mapping(tmp_path: Path) -> None:
    records = [
        {"isi_berita": TEXT, "judul": "Pelabuhan Baru", "tautan": "https://k.example/1"},
        {"isi_berita": TEXT.replace("Kamis", "Senin"), "tautan": "https://k.example/2"},
    ]
    data = "\n".join(json.dumps(r) for r in records).encode()
    result = kg(
        "build", "-", "--store", str(tmp_path / "s"), "--field", "text=isi_berita",
        "--field", "url=tautan", tmp_path=tmp_path, stdin=data,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 new")


def test_a_bad_field_mapping_is_a_one_line_error(tmp_path: Path) -> None:
    result = kg("build", "-", "--field", "isi", "--store", "memory", tmp_path=tmp_path, stdin=b"")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "kg: error: bad field mapping 'isi'; write FIELD=KEY with FIELD one of "
        "text, title, url, date, outlet, authors"
    )
