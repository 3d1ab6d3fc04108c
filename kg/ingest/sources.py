"""Turn the sources a user names into articles: files, folders, globs, ``-`` (stdin) and URLs.

Each source's format comes from its extension, else from its content (a URL may be a page or a
feed): plain text, HTML, JSON, JSON Lines, RSS/Atom. Every input yields articles or
:class:`~kg.ingest.failure.Failure` records, so one bad input never stops the batch.
"""

from __future__ import annotations

import glob
import logging
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

from kg.errors import FetchError, IngestError
from kg.ingest.clean import clean_article, clean_failure, display_name
from kg.ingest.failure import Failure, failed
from kg.ingest.feeds import (
    Feed,
    FeedItem,
    fill_from_item,
    item_article,
    looks_like_feed,
    parse_feed,
)
from kg.ingest.files import (
    MAX_BYTES,
    has_wide_bom,
    parse_text_article,
    read_bytes,
    utf8_bytes,
)
from kg.ingest.html import read_html
from kg.ingest.jsonl import FieldMap, iter_json, iter_jsonl
from kg.ingest.settings import FetchSettings
from kg.model.records import Article

if TYPE_CHECKING:
    from kg.ingest.fetch import Fetcher

__all__ = [
    "ARTICLE_SUFFIXES",
    "IngestOptions",
    "Input",
    "detect_format",
    "expand_sources",
    "read_sources",
]

log = logging.getLogger("kg.ingest")

SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
ARTICLE_SUFFIXES = tuple(SUFFIX_FORMATS)
"""Extensions read from folders and globs; a file named on its own may have any extension."""

_CONTENT_TYPES = (
    ("rss", "feed"),
    ("atom", "feed"),
    ("html", "html"),
    ("ndjson", "jsonl"),
    ("jsonl", "jsonl"),
    ("json", "json"),
    ("xml", "feed"),
)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB = re.compile(r"[*?\[]")
_HTML_START = re.compile(rb"^(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.S)

Expect = Callable[[int], None]


@dataclass(frozen=True)
class IngestOptions:
    """How to read sources.

    Attributes:
        fields: the JSON field mapping.
        fetch: how to fetch URLs.
        max_bytes: the largest file or page taken as one article.
        max_document_bytes: the largest JSON document or stdin read whole.
    """

    fields: FieldMap = field(default_factory=FieldMap)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    max_bytes: int = MAX_BYTES
    max_document_bytes: int = 500_000_000


@dataclass(frozen=True)
class Input:
    """One thing to read: a file, a URL or stdin, and how many articles it should give."""

    kind: str
    location: str
    expected: int = 1


def detect_format(data: bytes, *, name: str = "", content_type: str = "") -> str:
    """``text``, ``html``, ``json``, ``jsonl`` or ``feed``: by extension, then content, then type.

    >>> detect_format(b'{"text": "a"}\\n{"text": "b"}\\n')
    'jsonl'
    >>> detect_format(b"<!doctype html><p>Berita</p>", name="berita")
    'html'
    """
    suffix = Path(urlsplit(name).path if _URL.match(name) else name).suffix.lower()
    if suffix in SUFFIX_FORMATS and suffix != ".xml" and not _URL.match(name):
        return SUFFIX_FORMATS[suffix]
    sniffed = _sniff(data)
    if sniffed:
        return sniffed
    kind = content_type.split(";", maxsplit=1)[0].lower()
    for marker, fmt in _CONTENT_TYPES:
        if marker in kind:
            return fmt
    return SUFFIX_FORMATS.get(suffix, "text")


def _sniff(data: bytes) -> str | None:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if looks_like_feed(head):
        return "feed"
    if _HTML_START.match(head[:1024].lower()):
        return "html"
    if head[:1] in (b"{", b"["):
        lines = [line for line in head.splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].rstrip().endswith(b"}") and lines[1].lstrip()[:1] == b"{":
            return "jsonl"
        return "json"
    return None


def _count_lines(path: Path) -> int:
    count = 0
    try:
        with path.open("rb") as handle:
            for line in handle:
                count += bool(line.strip())
    except OSError:
        return 1
    return max(count, 1)


def _file_input(path: Path) -> Input:
    if SUFFIX_FORMATS.get(path.suffix.lower()) == "jsonl":
        return Input("file", str(path), _count_lines(path))
    return Input("file", str(path))


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in SUFFIX_FORMATS
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.is_file()
    )


def expand_sources(sources: Iterable[str | Path]) -> list[Input | Failure]:
    """Expand folders (recursively, by extension) and globs; name each source that is missing."""
    inputs: list[Input | Failure] = []
    for source in sources:
        text = str(source)
        if text == "-":
            inputs.append(Input("stdin", "<stdin>"))
        elif _URL.match(text):
            if urlsplit(text).scheme.lower() in ("http", "https"):
                inputs.append(Input("url", text))
            else:
                inputs.append(
                    failed(
                        text,
                        f"{text}: only http:// and https:// URLs can be read; "
                        "download it and pass the file instead",
                    )
                )
        elif Path(text).is_dir():
            inputs.extend(_file_input(p) for p in _folder_files(Path(text)))
        elif Path(text).is_file():
            inputs.append(_file_input(Path(text)))
        elif _GLOB.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                inputs.append(failed(text, f"{text}: no file matches; check the pattern"))
            for match in matches:
                path = Path(match)
                if path.is_dir():
                    inputs.extend(_file_input(p) for p in _folder_files(path))
                elif path.is_file() and path.suffix.lower() in SUFFIX_FORMATS:
                    inputs.append(_file_input(path))
        else:
            inputs.append(failed(text, f"{text}: no such file or folder; check the path"))
    return inputs


class _Reader:
    """Reads inputs; owns the one Fetcher, opened on the first URL."""

    def __init__(self, options: IngestOptions, stdin: BinaryIO | None) -> None:
        self.options = options
        self.stdin = stdin
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from kg.ingest.fetch import Fetcher  # requests: imported only to read a URL

            self._fetcher = Fetcher(self.options.fetch)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def read(self, item: Input, announce: Expect) -> Iterator[Article | Failure]:
        if item.kind == "url":
            yield from self._read_url(item.location, announce)
        elif item.kind == "stdin":
            stream = self.stdin or sys.stdin.buffer
            data = stream.read(self.options.max_document_bytes + 1)
            if len(data) > self.options.max_document_bytes:
                raise IngestError(
                    f"<stdin>: more than {self.options.max_document_bytes / 1e6:g} MB; "
                    "save it to files and pass the folder"
                )
            data = utf8_bytes(data)
            fmt = detect_format(data)
            if fmt in ("text", "html"):
                self._check_size(len(data), "<stdin>")
            yield from self._read_data(data, "<stdin>", fmt, None, "", announce)
        else:
            yield from self._read_file(Path(item.location), announce)

    def _check_size(self, size: int, source: str) -> None:
        limit = self.options.max_bytes
        if size > limit:
            raise IngestError(
                f"{source}: {size / 1e6:.1f} MB is too large for one article (limit "
                f"{limit / 1e6:g} MB); split it into articles or raise --max-bytes"
            )

    def _read_file(self, path: Path, announce: Expect) -> Iterator[Article | Failure]:
        fmt = SUFFIX_FORMATS.get(path.suffix.lower())
        options = self.options
        if fmt == "jsonl" and not _wide_bom(path):
            try:
                with path.open("rb") as handle:
                    yield from iter_jsonl(
                        handle, source=str(path), fields=options.fields, max_bytes=options.max_bytes
                    )
            except OSError as exc:
                raise IngestError(
                    f"{path}: cannot read ({exc.strerror or exc}); check the path"
                ) from exc
            return
        whole = fmt in (None, "json", "jsonl", "feed")  # documents of many articles, or unknown
        limit = options.max_document_bytes if whole else options.max_bytes
        data = read_bytes(path, max_bytes=limit)
        data = utf8_bytes(data)
        if fmt is None or fmt == "feed":
            fmt = detect_format(data, name=str(path))
        if fmt not in ("json", "jsonl", "feed"):
            self._check_size(len(data), str(path))
        yield from self._read_data(data, str(path), fmt, None, "", announce)

    def _read_url(self, url: str, announce: Expect) -> Iterator[Article | Failure]:
        fetched = self.fetcher.fetch(url)
        content = utf8_bytes(fetched.content)
        fmt = detect_format(content, name=fetched.final_url, content_type=fetched.content_type)
        yield from self._read_data(
            content,
            url,
            fmt,
            fetched.final_url,
            fetched.content_type,
            announce,
            fetched.charset,
        )

    def _read_data(
        self,
        data: bytes,
        source: str,
        fmt: str,
        url: str | None,
        content_type: str,
        announce: Expect,
        charset: str | None = None,
    ) -> Iterator[Article | Failure]:
        options = self.options
        data = utf8_bytes(data)
        if fmt == "feed":
            yield from self._read_feed(data, source, content_type, announce)
        elif fmt == "html":
            yield read_html(data, source=source, url=url, charset=charset)
        elif fmt == "json":
            yield from iter_json(
                data, source=source, fields=options.fields, max_bytes=options.max_bytes
            )
        elif fmt == "jsonl":
            lines = data.splitlines()
            announce(sum(1 for line in lines if line.strip()))
            yield from iter_jsonl(
                lines, source=source, fields=options.fields, max_bytes=options.max_bytes
            )
        else:
            yield parse_text_article(data, source=source, url=url)

    def _read_feed(
        self, data: bytes, source: str, content_type: str, announce: Expect
    ) -> Iterator[Article | Failure]:
        """The feed's articles in item order; the linked pages are fetched several at once
        (``FetchSettings.concurrency``, each host still one request per ``delay``), so one
        slow item does not hold up the others, and all within the feed's deadline."""
        feed = parse_feed(data, source=source, content_type=content_type)
        announce(len(feed.items))
        settings = self.options.fetch
        end = time.monotonic() + settings.feed_deadline
        pool = ThreadPoolExecutor(max(1, settings.concurrency), thread_name_prefix="kg-feed")
        pending: deque[Future[Article | Failure]] = deque()
        try:
            for item in feed.items:
                if isinstance(item, Failure):
                    pending.append(_done(item))
                elif not item.link:
                    pending.append(_done(item_article(item, feed)))
                else:
                    pending.append(pool.submit(self._feed_page, item, feed, end))
                while len(pending) > 2 * settings.concurrency:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def _feed_page(self, item: FeedItem, feed: Feed, end: float) -> Article | Failure:
        """One item's page, read as an article and completed from the item (or its failure)."""
        assert item.link is not None
        where = f"{feed.source} item {item.number}"
        late = IngestError(
            f"{item.link}: not fetched: the feed's deadline of "
            f"{self.options.fetch.feed_deadline:g} s passed (--feed-deadline); run again, "
            "fetched pages are cached"
        )
        try:
            if time.monotonic() >= end:
                raise late
            try:
                page = self.fetcher.fetch(item.link, deadline=end - time.monotonic())
            except FetchError as exc:
                if time.monotonic() >= end:  # cut short by the feed's time, not its own
                    raise late from exc
                raise
            fmt = detect_format(page.content, content_type=page.content_type)
            if fmt not in ("html", "text"):
                raise IngestError(
                    f"{item.link}: a {fmt} document, not an article page; "
                    "fix the feed or skip the item"
                )
            content = utf8_bytes(page.content)
            article = (
                read_html(content, source=item.link, url=page.final_url, charset=page.charset)
                if fmt == "html"
                else parse_text_article(content, source=item.link, url=page.final_url)
            )
        except IngestError as exc:
            return failed(item.link, f"{where}: {exc}", exc)
        except Exception as exc:  # as _guarded does for an input: this item's failure only
            log.debug("unexpected error reading %s", item.link, exc_info=True)
            reason = " ".join(str(exc).split())[:300]
            return failed(
                item.link,
                f"{where}: {item.link}: could not be read ({type(exc).__name__}: {reason}); "
                "report it if the page looks valid",
                exc,
            )
        return fill_from_item(article, item, feed)


def _done(value: Article | Failure) -> Future[Article | Failure]:
    future: Future[Article | Failure] = Future()
    future.set_result(value)
    return future


def read_sources(
    sources: Iterable[str | Path],
    options: IngestOptions | None = None,
    *,
    expect: Expect | None = None,
    stdin: BinaryIO | None = None,
) -> Generator[Article | Failure, None, None]:
    """Read every article the sources name; a bad input yields a Failure and the rest go on.

    Args:
        sources: files, folders, glob patterns, ``-`` for stdin, http(s) URLs (pages or feeds).
        options: how to read (field mapping, fetching, limits).
        expect: called with the number of articles the sources are expected to give, first as
            an estimate, then with corrections (positive or negative) as inputs are read.
        stdin: the stream ``-`` reads (default: the process's standard input).
    """
    options = options or IngestOptions()
    inputs = expand_sources(sources)
    tell = expect or (lambda n: None)
    tell(sum(i.expected if isinstance(i, Input) else 1 for i in inputs))
    reader = _Reader(options, stdin)
    try:
        for item in inputs:
            if isinstance(item, Failure):
                yield clean_failure(item)
                continue
            announced = [item.expected]

            def announce(n: int, announced: list[int] = announced) -> None:
                tell(n - announced[0])
                announced[0] = n

            produced = 0
            for outcome in _guarded(reader.read(item, announce), item.location):
                produced += 1
                if isinstance(outcome, Failure):
                    yield clean_failure(outcome)
                else:
                    yield clean_article(outcome)
            if produced != announced[0]:
                tell(produced - announced[0])
    finally:
        reader.close()


def _wide_bom(path: Path) -> bool:
    """Whether a file starts with a UTF-16 or UTF-32 byte-order mark (then it is read whole)."""
    try:
        with path.open("rb") as handle:
            return has_wide_bom(handle.read(4))
    except OSError:
        return False


def _guarded(items: Iterator[Article | Failure], source: str) -> Iterator[Article | Failure]:
    """The items of one input; an error ends that input with one Failure, never the batch.

    Whatever one input raises stays with it: a library's own exception (trafilatura's
    ``AssertionError``, a ``RecursionError`` in a parser) is reported as this input's failure.
    """
    try:
        yield from items
    except IngestError as exc:
        yield failed(source, str(exc), exc)
    except Exception as exc:  # the last net of one input: the batch must go on
        log.debug("unexpected error reading %s", source, exc_info=True)
        name = display_name(source)
        reason = " ".join(str(exc).split())[:300]
        yield failed(
            source,
            f"{name}: could not be read ({type(exc).__name__}: {reason}); "
            "check the file, and report it if it looks valid",
            exc,
        )
