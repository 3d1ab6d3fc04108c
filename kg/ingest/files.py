"""Read article files: plain text as outlets publish it, with an optional metadata header.

A text file may start with ``key: value`` lines (title, url, date, outlet, author) and a blank
line; the rest is the article as published (dateline, body, credit lines, copyright line).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import IngestError
from kg.model.records import Article

__all__ = [
    "MAX_BYTES",
    "TEXT_SUFFIXES",
    "check_text",
    "decode",
    "has_wide_bom",
    "iter_files",
    "parse_text_article",
    "read_bytes",
    "read_text_article",
    "utf8_bytes",
]

MAX_BYTES = 5_000_000
"""Files larger than this are not articles (a news article is 2-50 kB)."""

TEXT_SUFFIXES = (".txt", ".text", ".md")
_HEADER = re.compile(
    r"^(title|url|date|published|outlet|author|authors)\s*:\s*(.+)$", re.IGNORECASE
)


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def has_wide_bom(data: bytes) -> bool:
    """Whether the bytes start with a UTF-16 or UTF-32 byte-order mark."""
    return data.startswith(tuple(bom for bom, _ in _WIDE_BOMS))


def utf8_bytes(data: bytes) -> bytes:
    """UTF-16 and UTF-32 text (told by its byte-order mark) as UTF-8 with a UTF-8 mark, which
    every reader here understands; other bytes unchanged.

    >>> utf8_bytes("Bogor".encode("utf-16"))
    b'\\xef\\xbb\\xbfBogor'
    """
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            return codecs.BOM_UTF8 + data.decode(codec, errors="replace").encode("utf-8")
    return data


def check_text(data: bytes, source: str) -> None:
    """Refuse empty and binary content (images, PDFs, archives) with the fix.

    Raises:
        IngestError: the bytes are empty or binary.
    """
    if not data.strip():
        raise IngestError(f"{source}: empty file; remove it or add the article text")
    sample = data[:4096]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 20:
        raise IngestError(f"{source}: binary content, not text; pass .txt, .html or .json articles")


def decode(data: bytes, source: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1252, never silently lossy.

    Raises:
        IngestError: the bytes are empty or binary.

    >>> decode("Café".encode("cp1252"), "x.txt")
    'Café'
    """
    data = utf8_bytes(data)
    check_text(data, source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _split_header(text: str) -> tuple[dict[str, str], str]:
    lines = text.split("\n")
    meta: dict[str, str] = {}
    for k, line in enumerate(lines):
        if not line.strip():
            if meta:
                return meta, "\n".join(lines[k + 1 :])
            break
        match = _HEADER.match(line.strip())
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2).strip()
    return {}, text


def read_text_article(path: Path, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one plain-text article file.

    Raises:
        IngestError: unreadable, empty, binary or oversized file.
    """
    return parse_text_article(read_bytes(path, max_bytes=max_bytes), source=str(path))


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file no larger than ``max_bytes``.

    Raises:
        IngestError: unreadable or oversized file.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"{path}: {size / 1e6:.1f} MB is too large for one article (limit "
                f"{max_bytes / 1e6:g} MB); split it into articles or raise --max-bytes"
            )
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror or exc}); check the path") from exc


def parse_text_article(data: bytes, *, source: str, url: str | None = None) -> Article:
    """Read a plain-text article from its bytes (see the module docstring for the header).

    Raises:
        IngestError: empty or binary content, or a header with no text after it.
    """
    text = decode(data, source).replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _split_header(text)
    if not body.strip():
        raise IngestError(f"{source}: no article text after the header; add the text")
    authors = meta.get("authors") or meta.get("author") or ""
    return Article(
        text=body,
        title=meta.get("title"),
        url=meta.get("url") or url,
        published=meta.get("published") or meta.get("date"),
        outlet=meta.get("outlet"),
        authors=tuple(a.strip() for a in authors.split(",") if a.strip()),
        source=source,
    )


def iter_files(
    sources: Iterable[str | Path], suffixes: tuple[str, ...] = TEXT_SUFFIXES
) -> Iterator[Path]:
    """Expand files and folders (recursively, by suffix) into article files, sorted per folder.

    Raises:
        IngestError: a source does not exist.
    """
    for source in sources:
        path = Path(source)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
            )
        elif path.is_file():
            yield path
        else:
            raise IngestError(f"{source}: no such file or folder; check the path")
