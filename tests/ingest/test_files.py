"""Reading article files: encodings, headers, bad input."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import Failure, read_sources
from kg.ingest.files import decode, read_text_article


def test_cp1252_is_read_not_rejected(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Kafé “Bogor” – ramai".encode("cp1252"))
    assert read_text_article(path).text == "Kafé “Bogor” – ramai"


def test_header_lines_become_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "title: Judul\nurl: https://x.id/1\ndate: 2024-05-01\n\nIsi berita.", encoding="utf-8"
    )
    article = read_text_article(path)
    assert (article.title, article.url, article.published, article.text) == (
        "Judul",
        "https://x.id/1",
        "2024-05-01",
        "Isi berita.",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"  \n\n ", "empty file", id="blank"),
        pytest.param(b"\x00\x01\x02binary", "binary content", id="binary"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        read_text_article(path)


def test_oversized_files_are_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    with pytest.raises(IngestError, match=r"too large.*--max-bytes"):
        read_text_article(path, max_bytes=1000)


def test_a_missing_source_is_a_failure_and_the_rest_go_on(tmp_path: Path, seed_path: Path) -> None:
    items = list(read_sources([tmp_path / "missing", seed_path]))
    assert isinstance(items[0], Failure)
    assert "no such file" in items[0].message
    assert not isinstance(items[1], Failure)


@given(st.binary(max_size=300))
def test_random_bytes_give_text_or_a_clean_error(data: bytes) -> None:
    with contextlib.suppress(IngestError):
        assert isinstance(decode(data, "x"), str)
