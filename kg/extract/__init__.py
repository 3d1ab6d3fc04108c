"""Extraction: an :class:`~kg.model.records.Article` in, an
:class:`~kg.model.records.Extraction` out.

Extractors register by name in :data:`EXTRACTORS` and are looked up lazily.

The modules of this package may be compiled with mypyc (``hatch_build.py``, at install time) into
``_compiled/``; that folder comes first on the package's ``__path__`` only while its manifest's
hashes match the ``.py`` sources here, so an edited source always runs as written.
:data:`COMPILED` says which is in use; ``KG_PURE_PYTHON=1`` forces the pure-Python modules.

The package is callable: ``kg.extract(text, **metadata)`` is :func:`extract_text`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import types
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from kg.errors import ExtractionError
from kg.model.records import Article, Extraction

__all__ = [
    "COMPILED",
    "EXTRACTOR",
    "EXTRACTORS",
    "compiled_folder",
    "extract",
    "extract_text",
    "get_extractor",
]

logger = logging.getLogger(__name__)

EXTRACTOR = "kg-rules/0.3"
"""The name and version the rule extractor writes on each article (``kg:extractor``).

Raise the version when a change should reach the articles stores keep: ``kg build`` reads an
article again when its stored reading is by another extractor, though its text is unchanged
(0.2: each sentence a ``kg:Sentence`` node that statements point to, where 0.1 repeated it;
0.3: at most 100 facts a sentence, and the rules of 2026-12-07's night session).
"""


def compiled_folder(package: Path) -> Path | None:
    """The folder of this package's compiled modules, if it is there and matches the sources.

    Args:
        package: the folder of the ``.py`` sources; the compiled ones are in its ``_compiled/``.

    Returns:
        ``package / "_compiled"`` when its ``manifest.json`` lists a SHA-256 for each compiled
        module equal to that of the source beside it, else None (a warning is logged when a
        source changed since the build).
    """
    folder = package / "_compiled"
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return None
    try:
        sources: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))["sources"]
        stale = sorted(
            name
            for name, digest in sources.items()
            if hashlib.sha256((package / name).read_bytes()).hexdigest() != digest
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        logger.warning("ignoring the compiled modules in %s: unreadable manifest (%s)", folder, exc)
        return None
    if stale:
        logger.warning(
            "ignoring the compiled modules in %s: %s changed since they were built; running pure "
            "Python; rebuild with `make compile`",
            folder,
            ", ".join(stale),
        )
        return None
    return folder


def _use_compiled() -> bool:
    folder = None if os.environ.get("KG_PURE_PYTHON") else compiled_folder(Path(__file__).parent)
    if folder is None:
        return False
    __path__.insert(0, str(folder))
    try:  # the shared library of the compiled modules; an unloadable one means pure Python
        import_module(f"{__name__}._native__mypyc")
    except ImportError as exc:
        __path__.remove(str(folder))
        logger.warning("ignoring the compiled modules in %s: %s", folder, exc)
        return False
    return True


COMPILED: bool = _use_compiled()
"""True when this package's modules run mypyc-compiled (see ``hatch_build.py``)."""

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


def extract_text(text: str, /, **metadata: Any) -> Extraction:
    """Extract one article's text; ``metadata`` are :class:`Article` fields (``title``, ``url``,
    ``published``, ``outlet``, ``authors`` as any sequence, ``source``)."""
    authors = tuple(metadata.pop("authors", ()))
    return extract(Article(text, authors=authors, **metadata))


class _CallablePackage(types.ModuleType):
    """This package, callable: ``kg.extract(text)`` reads as the README shows it."""

    def __call__(self, text: str, /, **metadata: Any) -> Extraction:
        return extract_text(text, **metadata)


sys.modules[__name__].__class__ = _CallablePackage
