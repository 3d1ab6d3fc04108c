"""Extraction: an :class:`~kg.model.records.Article` in, an
:class:`~kg.model.records.Extraction` out.

Extractors register by name in :data:`EXTRACTORS` and are looked up lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from kg.errors import ExtractionError
from kg.model.records import Article, Extraction

__all__ = ["EXTRACTORS", "extract", "get_extractor"]

Extractor = Callable[[Article], Extraction]

EXTRACTORS: dict[str, str] = {"rules": "kg.extract.pipeline:extract_article"}
"""Extractor name -> "module:function"; add an entry to plug in another extractor."""


def get_extractor(name: str = "rules") -> Extractor:
    """Return the extractor registered under ``name``.

    Raises:
        ExtractionError: no extractor has that name.
    """
    try:
        target = EXTRACTORS[name]
    except KeyError:
        raise ExtractionError(
            f"unknown extractor {name!r}; available: {', '.join(sorted(EXTRACTORS))}"
        ) from None
    module, _, function = target.partition(":")
    extractor: Extractor = getattr(import_module(module), function)
    return extractor


def extract(article: Article, *, extractor: str = "rules") -> Extraction:
    """Extract one article with the named extractor."""
    return get_extractor(extractor)(article)
