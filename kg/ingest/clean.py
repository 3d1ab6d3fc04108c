"""Make what ingestion hands on storable: valid Unicode in every field, printable input names.

A JSON string may hold a lone surrogate (``"\\ud800"``) and a file name that is not UTF-8 reaches
Python as surrogate escapes (a Latin-1 ``café.txt`` is ``'caf\\udce9.txt'``). Neither can be
encoded as UTF-8, so either would fail far downstream (the article's hash, the store, the
terminal) and take a whole batch with it. Here they are mended at the boundary: a lone surrogate
in an article's text becomes U+FFFD (the replacement character, as any lenient decoder writes),
an undecodable byte of a name is shown as ``\\xNN``.
"""

from __future__ import annotations

import dataclasses
import re

from kg.errors import Failure
from kg.model.records import Article

__all__ = ["clean_article", "clean_failure", "clean_text", "display_name"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def clean_text(text: str) -> str:
    """The text with each lone surrogate replaced by U+FFFD.

    >>> clean_text("Bogor \\ud800!")
    'Bogor \\ufffd!'
    """
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def display_name(name: str) -> str:
    """An input's name as it can be printed: undecodable file-name bytes as ``\\xNN``.

    >>> display_name("caf\\udce9.txt")
    'caf\\\\xe9.txt'
    """
    if name.isascii():
        return name
    return _SURROGATE.sub(_escaped, name)


def clean_article(article: Article) -> Article:
    """The article with every field encodable as UTF-8 (the same object when it was)."""

    def mend(value: str | None) -> str | None:
        return None if value is None else clean_text(value)

    mended = dataclasses.replace(
        article,
        text=clean_text(article.text),
        title=mend(article.title),
        url=mend(article.url),
        published=mend(article.published),
        outlet=mend(article.outlet),
        authors=tuple(clean_text(a) for a in article.authors),
        source=None if article.source is None else display_name(article.source),
    )
    return article if mended == article else mended


def clean_failure(failure: Failure) -> Failure:
    """The failure with its input's name and message printable."""
    source, message = display_name(failure.source), display_name(failure.message)
    if source == failure.source and message == failure.message:
        return failure
    return dataclasses.replace(failure, source=source, message=message)
