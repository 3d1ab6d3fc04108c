"""Read JSON and JSON Lines corpora: one article per object, fields named by a mapping.

A mapping says which key of each object holds each article field (``text=body``,
``title=headline``, ``date=meta.published``; dots reach into nested objects). Without one, the
usual names are tried: ``text``/``body``/``content``/``isi``, ``title``/``headline``/``judul``,
``url``/``link``, ``date``/``published``/``tanggal``, ``outlet``/``source``/``media``,
``authors``/``author``/``penulis``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kg.errors import IngestError
from kg.ingest.failure import Failure, failed
from kg.model.records import Article

__all__ = ["FIELDS", "FieldMap", "iter_json", "iter_jsonl", "load_field_map", "parse_field_map"]

FIELDS = ("text", "title", "url", "date", "outlet", "authors")
"""The article fields a mapping can name."""

_DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "isi", "article"),
    "title": ("title", "headline", "judul"),
    "url": ("url", "link", "canonical_url"),
    "date": ("date", "published", "published_at", "publishedAt", "tanggal", "datetime"),
    "outlet": ("outlet", "source", "media", "site", "site_name", "publisher"),
    "authors": ("authors", "author", "penulis", "byline"),
}


_TOO_DEEP = "nested too deeply to read (arrays or objects inside each other by the thousand)"


@dataclass(frozen=True)
class FieldMap:
    """Which key holds each article field; a field left out is looked up by its usual names.

    >>> FieldMap.parse(["text=body", "title=meta.judul"]).keys("title")
    ('meta.judul',)
    """

    mapping: tuple[tuple[str, str], ...] = ()

    def keys(self, field: str) -> tuple[str, ...]:
        for name, key in self.mapping:
            if name == field:
                return (key,)
        return _DEFAULTS[field]

    @classmethod
    def parse(cls, items: Iterable[str]) -> FieldMap:
        return parse_field_map(items)


def parse_field_map(items: Iterable[str]) -> FieldMap:
    """Parse ``field=key`` pairs (``--field text=body``).

    Raises:
        IngestError: a pair is malformed or names an unknown field.
    """
    pairs: dict[str, str] = {}
    for item in items:
        name, sep, key = item.partition("=")
        name, key = name.strip().lower(), key.strip()
        if name == "author":
            name = "authors"
        if not sep or not key or name not in FIELDS:
            raise IngestError(
                f"bad field mapping {item!r}; write FIELD=KEY with FIELD one of {', '.join(FIELDS)}"
            )
        pairs[name] = key
    return FieldMap(tuple(sorted(pairs.items())))


def load_field_map(path: Path) -> FieldMap:
    """Read a mapping file: a JSON object such as ``{"text": "body", "date": "published_at"}``.

    Raises:
        IngestError: the file is unreadable, not a JSON object, or names an unknown field.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IngestError(
            f"{path}: cannot read the field mapping ({exc}); "
            'write a JSON object like {"text": "body"}'
        ) from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise IngestError(
            f'{path}: the field mapping must be a JSON object of strings, like {{"text": "body"}}'
        )
    return parse_field_map(f"{k}={v}" for k, v in data.items())


def _lookup(record: Mapping[str, Any], key: str) -> Any:
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = _lookup(record, key)
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Mapping):
        value = _first(value, ("name", "title", "text", "value"))
        return _string(value)
    if isinstance(value, list):
        return " ".join(s for s in (_string(v) for v in value) if s) or None
    text = " ".join(str(value).split())
    return text or None


def _date(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            # epoch seconds, or milliseconds as JavaScript writes them
            seconds = value / 1000 if value > 10**11 else value
            return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return _string(value)


def _authors(value: Any) -> tuple[str, ...]:
    names: list[str | None] = []
    if isinstance(value, list):
        names = [_string(v) for v in value]
    else:
        names.extend((_string(value) or "").replace(";", ",").split(","))
    return tuple(n.strip() for n in names if n and n.strip())


def record_to_article(
    record: Any, *, source: str, fields: FieldMap, max_bytes: int | None = None
) -> Article:
    """Turn one JSON object into an Article.

    Args:
        max_bytes: the largest text taken as one article (``--max-bytes``); None: no limit.

    Raises:
        IngestError: not an object, no text under the mapped key, or a text over ``max_bytes``.
    """
    if not isinstance(record, Mapping):
        raise IngestError(
            f"{source}: expected a JSON object per article, got {type(record).__name__}; "
            "fix the record or remove it"
        )
    text = record_text(record, fields)
    if not text:
        keys = " or ".join(repr(k) for k in fields.keys("text"))
        raise IngestError(
            f"{source}: no article text under {keys}; name the key with --field text=KEY"
        )
    if max_bytes is not None and len(text) * 4 > max_bytes:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise IngestError(
                f"{source}: a {size / 1e6:.1f} MB text is too large for one article (limit "
                f"{max_bytes / 1e6:g} MB); split it into articles or raise --max-bytes"
            )
    return Article(
        text=text,
        title=_string(_first(record, fields.keys("title"))),
        url=_string(_first(record, fields.keys("url"))),
        published=_date(_first(record, fields.keys("date"))),
        outlet=_string(_first(record, fields.keys("outlet"))),
        authors=_authors(_first(record, fields.keys("authors"))),
        source=source,
    )


def record_text(record: Mapping[str, Any], fields: FieldMap) -> str:
    value = _first(record, fields.keys("text"))
    if isinstance(value, list):
        value = "\n\n".join(str(v) for v in value if isinstance(v, str))
    return value.strip() if isinstance(value, str) else ""


def iter_jsonl(
    lines: Iterable[bytes], *, source: str, fields: FieldMap, max_bytes: int
) -> Iterator[Article | Failure]:
    """Articles of a JSON Lines stream; a bad line yields its error and the rest go on.

    A stream with no line at all (an empty file) yields one failure: it is not silence.
    """
    seen = False
    for number, raw in enumerate(lines, 1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        seen = True
        if len(raw) > max_bytes:
            yield failed(
                where,
                f"{where}: a {len(raw) / 1e6:.1f} MB line is too large for one article "
                f"(limit {max_bytes / 1e6:g} MB); raise --max-bytes",
            )
            continue
        yield _line_article(raw, where, fields, max_bytes)
    if not seen:
        yield failed(
            source,
            f"{source}: empty file, no JSON lines; remove it or write one article object a line",
        )


def _line_article(raw: bytes, where: str, fields: FieldMap, max_bytes: int) -> Article | Failure:
    """One line's article or failure: each line stands alone, whatever it holds."""
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return failed(
            where, f"{where}: not UTF-8; JSON Lines must be UTF-8, re-encode the file", exc
        )
    except RecursionError as exc:
        return failed(where, f"{where}: {_TOO_DEEP}; fix the line or remove it", exc)
    except ValueError as exc:
        return failed(where, f"{where}: not JSON ({exc}); fix the line or remove it", exc)
    try:
        return record_to_article(record, source=where, fields=fields, max_bytes=max_bytes)
    except IngestError as exc:
        return failed(where, str(exc), exc)
    except RecursionError as exc:
        return failed(where, f"{where}: {_TOO_DEEP}; fix the line or remove it", exc)


def iter_json(
    data: bytes, *, source: str, fields: FieldMap, max_bytes: int | None = None
) -> Iterator[Article | Failure]:
    """Articles of a JSON document: one object, or a list of objects (also under one key).

    Args:
        max_bytes: the largest text taken as one article; a larger record fails alone.

    Raises:
        IngestError: the document is not JSON, or holds no article objects.
    """
    try:
        document = json.loads(data.decode("utf-8-sig"))
        records = _records(document, fields)
    except UnicodeDecodeError as exc:
        raise IngestError(f"{source}: not UTF-8; JSON must be UTF-8, re-encode the file") from exc
    except RecursionError as exc:
        raise IngestError(f"{source}: {_TOO_DEEP}; fix the file or remove it") from exc
    except ValueError as exc:
        raise IngestError(f"{source}: not JSON ({exc}); fix the file or remove it") from exc
    if not records:
        raise IngestError(
            f"{source}: no list of article objects found; give a list of objects, or name the "
            "text key with --field text=KEY"
        )
    for number, record in enumerate(records, 1):
        where = f"{source}[{number}]" if len(records) > 1 else source
        try:
            yield record_to_article(record, source=where, fields=fields, max_bytes=max_bytes)
        except IngestError as exc:
            yield failed(where, str(exc), exc)
        except RecursionError as exc:
            yield failed(where, f"{where}: {_TOO_DEEP}; fix the record or remove it", exc)


def _records(document: Any, fields: FieldMap, *, top: bool = True) -> list[Any] | None:
    if isinstance(document, list):
        # a nested list counts only if it holds objects (not a list of tags)
        return document if top or any(isinstance(r, Mapping) for r in document) else None
    if isinstance(document, Mapping):
        if record_text(document, fields):
            return [document]
        # a wrapper object such as {"articles": [...]} or {"data": {"items": [...]}}
        for value in document.values():
            found = _records(value, fields, top=False)
            if found:
                return found
    return None
