"""Ingestion: files, folders (later: HTML, JSON, feeds, URLs) -> :class:`~kg.model.records.Article`.

:func:`read_sources` yields each input's article or its error, so a batch reports bad inputs
and goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import IngestError
from kg.ingest.files import iter_files, read_text_article
from kg.model.records import Article

__all__ = ["Failure", "read_sources"]


@dataclass(frozen=True)
class Failure:
    """An input that could not be read, with the one-line reason."""

    source: str
    message: str


def read_sources(sources: Iterable[str | Path]) -> Iterator[Article | Failure]:
    """Read every article the sources name; a bad input yields a Failure and the rest go on."""
    for source in sources:
        try:
            paths = list(iter_files([source]))
        except IngestError as exc:
            yield Failure(str(source), str(exc))
            continue
        for path in paths:
            try:
                yield read_text_article(path)
            except IngestError as exc:
                yield Failure(str(path), str(exc))
