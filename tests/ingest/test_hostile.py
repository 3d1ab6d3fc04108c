"""Inputs that once killed a batch or were misread: each is one article or one failure line."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from kg.ingest import Failure, IngestOptions, read_sources
from kg.model.records import Article

TEXT = "Wali Kota Bogor Bima Arya Sugiarto meresmikan pasar rakyat di Bogor."


def _read(*sources: str | Path, **options: int) -> list[Article | Failure]:
    return list(read_sources(list(sources), IngestOptions(**options)))  # type: ignore[arg-type]


def _articles(items: list[Article | Failure]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _failures(items: list[Article | Failure]) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("a.jsonl", b'{"text": "Bogor \\ud800 hadir."}\n', id="jsonl"),
        pytest.param("a.json", b'[{"text": "Bogor \\udfff hadir."}]', id="json"),
        pytest.param("a.json", b'{"text": "Bogor hadir.", "title": "\\ud83d"}', id="title"),
    ],
)
def test_a_lone_surrogate_becomes_a_replacement_character(
    tmp_path: Path, name: str, data: bytes
) -> None:
    (tmp_path / name).write_bytes(data)
    (article,) = _read(tmp_path / name)
    assert isinstance(article, Article)
    for value in (article.text, article.title or ""):
        value.encode("utf-8")  # storable: no lone surrogate left
    assert "\ufffd" in article.text + (article.title or "")
    assert article.identity  # hashes, as the build needs


def test_a_lone_surrogate_through_stdin() -> None:
    stdin = io.BytesIO(b'{"text": "Bogor \\ud800 hadir."}\n{"text": "' + TEXT.encode() + b'"}\n')
    items = list(read_sources(["-"], stdin=stdin))
    assert [a.text for a in _articles(items)] == ["Bogor \ufffd hadir.", TEXT]


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_read_and_named_printably(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (article,) = _read(tmp_path)
    assert isinstance(article, Article)
    assert article.source == str(tmp_path / "caf\\xe9.txt")
    assert article.source.encode("utf-8")
    (tmp_path / name).write_bytes(b"")
    (failure,) = _read(tmp_path)
    assert isinstance(failure, Failure)
    assert "caf\\xe9.txt: empty file" in failure.message
    failure.message.encode("utf-8")


def test_a_page_that_makes_trafilatura_assert_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<svg><circle r='1'/><circle r='1'/></svg>")
    (tmp_path / "b.txt").write_text(TEXT)
    items = _read(tmp_path)
    assert [a.text for a in _articles(items)] == [TEXT]
    (failure,) = _failures(items)
    assert failure.message.startswith(f"{tmp_path / 'a.html'}: no article text found")


def test_each_jsonl_line_stands_alone_even_a_deeply_nested_one(tmp_path: Path) -> None:
    good = [json.dumps({"text": f"{TEXT} Nomor {n}."}) for n in range(21)]
    lines = [*good[:9], "[" * 100_000 + "]" * 100_000, *good[9:]]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    items = _read(tmp_path / "a.jsonl")
    assert len(_articles(items)) == 21
    (failure,) = _failures(items)
    assert failure.source.endswith("a.jsonl:10")
    assert "nested too deeply" in failure.message


def test_a_deeply_nested_json_document_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("[" * 100_000 + "]" * 100_000)
    (failure,) = _read(tmp_path / "a.json")
    assert isinstance(failure, Failure)
    assert "nested too deeply" in failure.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("a.txt", f"title: Pasar\n\n{TEXT}", id="text"),
        pytest.param("a.html", f"<html><body><article><p>{TEXT}</p></article></body></html>",
                     id="html"),
        pytest.param("a.jsonl", json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": "Dua."}),
                     id="jsonl"),
        pytest.param("a.json", json.dumps([{"text": TEXT}]), id="json"),
        pytest.param("a.dat", TEXT, id="unknown-extension"),
    ],
)  # fmt: skip
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(
    tmp_path: Path, encoding: str, name: str, data: str
) -> None:
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    (tmp_path / name).write_bytes(bom + data.encode(encoding))
    items = _read(tmp_path / name)
    assert not _failures(items), items
    assert _articles(items)[0].text.strip().endswith(TEXT)


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"], ids=["empty", "blank-lines"])
def test_an_empty_jsonl_file_is_a_failure_not_silence(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "kosong.jsonl").write_bytes(data)
    (failure,) = _read(tmp_path / "kosong.jsonl")
    assert isinstance(failure, Failure)
    assert failure.message == (
        f"{tmp_path / 'kosong.jsonl'}: empty file, no JSON lines; "
        "remove it or write one article object a line"
    )


def test_an_empty_json_list_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "kosong.json").write_text("[]")
    (failure,) = _read(tmp_path / "kosong.json")
    assert isinstance(failure, Failure)
    assert "no list of article objects found" in failure.message


@pytest.mark.parametrize("name", ["korpus.json", "korpus.jsonl"])
def test_a_json_record_over_max_bytes_fails_alone(tmp_path: Path, name: str) -> None:
    records = [{"text": TEXT}, {"text": "Kata " * 5_000}, {"text": TEXT + " Lagi."}]
    if name.endswith(".jsonl"):
        (tmp_path / name).write_text("\n".join(json.dumps(r) for r in records))
    else:
        (tmp_path / name).write_text(json.dumps(records))
    items = _read(tmp_path / name, max_bytes=10_000)
    assert [a.text for a in _articles(items)] == [TEXT, TEXT + " Lagi."]
    (failure,) = _failures(items)
    assert "too large for one article (limit 0.01 MB)" in failure.message
    assert "--max-bytes" in failure.message


def test_stdin_text_over_max_bytes_is_refused() -> None:
    stdin = io.BytesIO(("Kata " * 5_000).encode())
    (failure,) = list(read_sources(["-"], IngestOptions(max_bytes=10_000), stdin=stdin))
    assert isinstance(failure, Failure)
    assert failure.message.startswith("<stdin>: ")
    assert "too large for one article (limit 0.01 MB)" in failure.message
