"""Read HTML pages, saved or fetched: the main text and metadata, extracted by trafilatura.

Charset: a byte-order mark, else the server's ``charset`` (when the bytes agree), else the page's
``<meta charset>``, else UTF-8 when valid, else Windows-1252 when the bytes fit it, else
charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import logging
import re
from types import ModuleType
from urllib.parse import urljoin, urlsplit

from kg.errors import IngestError
from kg.ingest.files import check_text, utf8_bytes
from kg.model.records import Article

__all__ = ["decode_markup", "html_to_text", "read_html"]

log = logging.getLogger("kg.ingest.html")

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# WHATWG: pages labelled latin-1 are decoded as windows-1252 by every browser
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _trafilatura() -> ModuleType:
    """trafilatura, imported on first use: 0.2 s that a build of text files never pays."""
    import trafilatura

    return trafilatura


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_markup(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML or XML page's bytes (see the module docstring for the order).

    >>> decode_markup("<p>Café</p>".encode("cp1252"))
    '<p>Café</p>'
    >>> decode_markup(b'<meta charset="iso-8859-1"><p>\\x93Kota\\x94</p>')
    '<meta charset="iso-8859-1"><p>“Kota”</p>'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    meta = _META_CHARSET.search(data[:4096])
    labels = (declared, meta.group(1).decode("ascii", "replace") if meta else None, "utf-8")
    # Indonesian pages that are not UTF-8 are Windows-1252 (or Latin-1, its subset); a
    # detector guesses wrong on short pages, so it is asked only when those bytes do not fit
    for label in (*labels, "cp1252"):
        candidate = _codec(label)
        if candidate is None:
            continue
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[:200_000]).best()
    guess = _codec(best.encoding) if best is not None else None
    return data.decode(guess or "cp1252", errors="replace")


def _strip_title(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title is kept apart."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        return rest
    return text


def html_to_text(markup: str) -> str:
    """All the visible text of an HTML fragment (a feed item's content), one block per line."""
    try:
        # html2txt reads documents: a fragment without <body> gives nothing
        text = _trafilatura().html2txt(f"<html><body>{markup}</body></html>") or ""
    except Exception as exc:  # trafilatura and lxml raise anything on odd markup
        log.debug("html2txt failed: %r", exc)
        return ""
    return text


def read_html(
    data: bytes | str,
    *,
    source: str,
    url: str | None = None,
    charset: str | None = None,
) -> Article:
    """Read one HTML page into an Article: main text, title, date, authors, site name, URL.

    Args:
        data: the page, as bytes (decoded here) or text.
        source: where it came from (a path or URL), for messages and provenance.
        url: the page's address when fetched; the canonical URL the page declares wins.
        charset: the charset the server declared, if any.

    Raises:
        IngestError: no article text could be found in the page.
    """
    if isinstance(data, bytes):
        data = utf8_bytes(data)
        check_text(data, source)
    markup = decode_markup(data, charset) if isinstance(data, bytes) else data
    if not markup.strip():
        raise IngestError(f"{source}: empty page; remove it or save the page again")
    try:
        document = _trafilatura().bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # AssertionError, lxml's errors ...: the page's failure, not ours
        log.debug("trafilatura failed on %s: %r", source, exc)
        document = None
    meta = document.as_dict() if document is not None and not isinstance(document, dict) else {}
    text = str(meta.get("text") or "").strip()
    if not text:
        text = _baseline(markup)
    if not text:
        raise IngestError(
            f"{source}: no article text found in the HTML; check it is an article page "
            "(not an index, login or error page)"
        )
    title = _clean(meta.get("title"))
    return Article(
        text=_strip_title(text, title),
        title=title,
        url=_canonical(meta.get("url"), url),
        published=_clean(meta.get("date")),
        outlet=_clean(meta.get("sitename")),
        authors=tuple(a.strip() for a in str(meta.get("author") or "").split(";") if a.strip()),
        source=source,
    )


def _baseline(markup: str) -> str:
    try:
        _, text, _ = _trafilatura().baseline(markup)
    except Exception as exc:  # as in read_html: whatever the library raises on this page
        log.debug("trafilatura baseline failed: %r", exc)
        return ""
    return str(text).strip()


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _canonical(declared: object, fetched: str | None) -> str | None:
    """The page's canonical URL (made absolute), else the URL it was fetched from."""
    if isinstance(declared, str) and declared.strip():
        candidate = urljoin(fetched or "", declared.strip())
        if urlsplit(candidate).scheme in ("http", "https"):
            return candidate
    return fetched
