"""Ingestion: files, folders, globs, stdin, HTML pages, JSON corpora, feeds and URLs ->
:class:`~kg.model.records.Article`. No NLP here.

:func:`read_sources` yields each input's articles or its :class:`Failure`, so a batch reports
bad inputs and goes on.

==============  ===============================================================================
``files``       plain text with an optional ``key: value`` header; UTF-8, else Windows-1252
``html``        saved or fetched pages: main text and metadata by trafilatura
``jsonl``       JSON and JSON Lines corpora with a field mapping
``feeds``       RSS/Atom by feedparser; each item's link is fetched
``fetch``       one requests Session: timeouts, retries, politeness, limits, on-disk cache
``settings``    how to fetch (no requests import)
``sources``     sources -> inputs -> articles; format by extension, else by content
==============  ===============================================================================
"""

import typing

from kg import _lazy

if typing.TYPE_CHECKING:
    from kg.ingest.failure import Failure
    from kg.ingest.fetch import Fetcher
    from kg.ingest.jsonl import FieldMap, load_field_map, parse_field_map
    from kg.ingest.settings import FetchSettings, default_cache_dir
    from kg.ingest.sources import IngestOptions, detect_format, expand_sources, read_sources

__all__ = [
    "Failure",
    "FetchSettings",
    "Fetcher",
    "FieldMap",
    "IngestOptions",
    "default_cache_dir",
    "detect_format",
    "expand_sources",
    "load_field_map",
    "parse_field_map",
    "read_sources",
]

__getattr__, __dir__ = _lazy.lazy_exports(__name__)
