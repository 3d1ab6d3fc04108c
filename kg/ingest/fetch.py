"""Fetch URLs politely and robustly: one ``requests`` Session, retries, limits, an on-disk cache.

* timeouts for connecting and reading, and a total deadline per URL that a server trickling
  its answer cannot stretch (:mod:`kg.ingest.deadline`); retries with exponential backoff on
  connection errors, timeouts, 429 and 5xx, honouring ``Retry-After`` up to a cap;
* a clear User-Agent, a per-host delay between requests (safe across threads: feed items are
  fetched several at once), a maximum response size, http(s) only;
* conditional GET: a page fetched before is asked for with ``If-None-Match`` /
  ``If-Modified-Since`` and a ``304 Not Modified`` answer is served from the cache, so re-runs
  do not download unchanged pages again.

The cache lives in ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg/http``, else ``~/.cache/kg/http``.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

from kg.errors import FetchError
from kg.ingest.deadline import Deadline, DeadlineAdapter
from kg.ingest.settings import USER_AGENT, FetchSettings, default_cache_dir
from kg.model.closing import Closing

__all__ = [
    "USER_AGENT",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "HttpCache",
    "default_cache_dir",
]

log = logging.getLogger("kg.ingest.fetch")

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: the body and what the server said about it."""

    url: str
    final_url: str
    content: bytes
    content_type: str = ""
    charset: str | None = None
    from_cache: bool = False


class HttpCache:
    """Bodies and validators (ETag, Last-Modified) of fetched pages, one pair of files per URL."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.root / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def get(self, url: str) -> tuple[dict[str, str], bytes] | None:
        """The cached validators and body of a URL, or None."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        return {str(k): str(v) for k, v in meta.items()}, body

    def put(self, url: str, meta: dict[str, str], body: bytes) -> None:
        """Store a response; a cache that cannot be written is logged, never fatal."""
        meta_path, body_path = self._paths(url)
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            for path, data in ((body_path, body), (meta_path, json.dumps(meta).encode())):
                part = f"{os.getpid()}.{threading.get_ident()}"  # feed items: several threads
                tmp = path.with_name(f"{path.name}.{part}.part")
                tmp.write_bytes(data)
                tmp.replace(path)
        except OSError as exc:
            log.warning("cannot write the HTTP cache in %s: %s", self.root, exc)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _charset(content_type: str) -> str | None:
    match = _CHARSET.search(content_type)
    return match.group(1).lower() if match else None


class Fetcher(Closing):
    """Fetch URLs with one Session; use as a context manager or call :meth:`close`.

    Raises (from :meth:`fetch`):
        FetchError: the URL is unusable, unreachable, answers with an error, loops or is too big.
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = self.settings.user_agent
        self.session.max_redirects = self.settings.max_redirects
        adapter = DeadlineAdapter(pool_maxsize=max(10, self.settings.concurrency))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.cache = HttpCache(self.settings.cache_dir) if self.settings.cache_dir else None
        self._next_slot: dict[str, float] = {}
        self._slots = threading.Lock()

    def close(self) -> None:
        self.session.close()

    def _wait_for(self, host: str) -> None:
        """Wait for this host's next turn: requests to one host start ``delay`` apart."""
        with self._slots:
            now = time.monotonic()
            turn = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = turn + self.settings.delay
        if turn > now:
            time.sleep(turn - now)

    def fetch(self, url: str, *, deadline: float | None = None) -> Fetched:
        """GET a URL, from the cache when the server says it has not changed.

        Args:
            deadline: seconds this URL may take, when less than the settings' ``deadline``
                (a feed's items share the feed's time).
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(
                f"{url}: only http:// and https:// URLs can be fetched; "
                "download it and pass the file instead"
            )
        cached = self.cache.get(url) if self.cache else None
        headers: dict[str, str] = {}
        if cached:
            if cached[0].get("etag"):
                headers["If-None-Match"] = cached[0]["etag"]
            if cached[0].get("last_modified"):
                headers["If-Modified-Since"] = cached[0]["last_modified"]
        seconds = self.settings.deadline
        if deadline is not None:
            seconds = min(seconds, deadline)
        self._wait_for(parts.hostname)  # the wait for a turn is the host's, not this URL's time
        with Deadline(seconds) as clock:
            return self._attempts(url, parts.hostname, headers, cached, clock)

    def _attempts(
        self,
        url: str,
        host: str,
        headers: dict[str, str],
        cached: tuple[dict[str, str], bytes] | None,
        clock: Deadline,
    ) -> Fetched:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            if attempt:
                self._wait_for(host)
            last = attempt == attempts - 1
            result = self._attempt(url, headers, cached, last=last, clock=clock)
            if isinstance(result, Fetched):
                return result
            wait = result if result is not None else self.settings.backoff * 2**attempt
            if wait >= clock.remaining():
                raise FetchError(_late(url, clock, f"a retry in {wait:.0f} s would end past it"))
            log.info("retrying %s in %.1f s (attempt %d of %d)", url, wait, attempt + 2, attempts)
            time.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def _attempt(
        self,
        url: str,
        headers: dict[str, str],
        cached: tuple[dict[str, str], bytes] | None,
        *,
        last: bool,
        clock: Deadline,
    ) -> Fetched | float | None:
        """One GET: the result, or the seconds to wait before retrying (None: use the backoff)."""
        try:
            result = self._get(url, headers, cached, last=last, clock=clock)
        except (FetchError, requests.RequestException) as exc:
            if clock.expired:  # whatever broke, the deadline broke it
                raise FetchError(_late(url, clock)) from exc
            raise
        finally:
            clock.release()
        if clock.expired:  # a body read until the connection closed: cut short, not whole
            raise FetchError(_late(url, clock))
        return result

    def _get(
        self,
        url: str,
        headers: dict[str, str],
        cached: tuple[dict[str, str], bytes] | None,
        *,
        last: bool,
        clock: Deadline,
    ) -> Fetched | float | None:
        settings = self.settings
        host = urlsplit(url).hostname
        left = max(0.001, clock.remaining())
        try:
            response = self.session.get(
                url,
                headers=headers,
                timeout=(min(settings.connect_timeout, left), min(settings.read_timeout, left)),
                stream=True,
            )
        except requests.TooManyRedirects as exc:
            raise FetchError(
                f"{url}: redirect loop (more than {settings.max_redirects} redirects); "
                "open it in a browser and pass the final URL"
            ) from exc
        except requests.ConnectionError as exc:
            if not last:
                return None
            raise FetchError(
                f"{url}: cannot connect to {host} ({_reason(exc)}); "
                "check the address and your network, or remove the URL"
            ) from exc
        except requests.Timeout as exc:
            if not last:
                return None
            raise FetchError(
                f"{url}: no answer within {settings.read_timeout:g} s; "
                "retry later or raise the timeout (--timeout)"
            ) from exc
        except requests.RequestException as exc:
            raise FetchError(f"{url}: {_reason(exc)}; check the URL") from exc
        with response:
            return self._handle(url, response, cached, last=last)

    def _handle(
        self,
        url: str,
        response: requests.Response,
        cached: tuple[dict[str, str], bytes] | None,
        *,
        last: bool,
    ) -> Fetched | float | None:
        status = response.status_code
        if status == 304 and cached:
            meta, body = cached
            log.info("GET %s -> 304, %d bytes from the cache", url, len(body))
            return Fetched(
                url,
                meta.get("final_url", url),
                body,
                meta.get("content_type", ""),
                meta.get("charset") or None,
                from_cache=True,
            )
        if status in _RETRY_STATUS:
            wait = _retry_after(response)
            if wait is not None and wait > self.settings.max_retry_after:
                raise FetchError(
                    f"{url}: HTTP {status}, the server asks to wait {wait:.0f} s (more than "
                    f"the {self.settings.max_retry_after:g} s --max-retry-after honours); "
                    "run again later"
                )
            if not last:
                return wait
            raise FetchError(
                f"{url}: HTTP {status} {response.reason} after {self.settings.retries + 1} "
                "attempts; the server is failing or rate-limiting, run again later"
            )
        if status >= 400 or status < 200:
            raise FetchError(f"{url}: HTTP {status} {response.reason}; check the URL")
        if status == 304:  # asked for the page without a validator: nothing to reuse
            raise FetchError(
                f"{url}: HTTP 304 Not Modified to a request for the whole page, and nothing of it "
                "is cached; run again with --no-cache, or report it to the site"
            )
        if 300 <= status < 400:  # requests follows every redirect that says where to
            raise FetchError(
                f"{url}: HTTP {status} redirect without a Location header; the server is "
                "misconfigured, open the URL in a browser and pass the address it ends at"
            )
        try:
            body = self._read_body(url, response)
        except (requests.ConnectionError, requests.Timeout) as exc:
            if not last:
                return None
            raise FetchError(
                f"{url}: the connection broke while reading ({_reason(exc)}); run again later"
            ) from exc
        content_type = response.headers.get("Content-Type", "")
        fetched = Fetched(url, response.url or url, body, content_type, _charset(content_type))
        log.info("GET %s -> %d, %d bytes", url, status, len(body))
        self._store(fetched, response)
        return fetched

    def _read_body(self, url: str, response: requests.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(_too_big(url, int(declared), limit))
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise FetchError(_too_big(url, size, limit, more=True))
                chunks.append(chunk)
        except requests.exceptions.ChunkedEncodingError as exc:
            raise requests.ConnectionError(str(exc)) from exc
        except requests.exceptions.ContentDecodingError as exc:
            raise FetchError(f"{url}: the server sent a corrupt body ({exc}); report it") from exc
        return b"".join(chunks)

    def _store(self, fetched: Fetched, response: requests.Response) -> None:
        etag = response.headers.get("ETag", "")
        modified = response.headers.get("Last-Modified", "")
        if self.cache is None or not (etag or modified):
            return
        meta = {
            "url": fetched.url,
            "final_url": fetched.final_url,
            "content_type": fetched.content_type,
            "charset": fetched.charset or "",
            "etag": etag,
            "last_modified": modified,
        }
        self.cache.put(fetched.url, meta, fetched.content)


def _late(url: str, clock: Deadline, why: str = "") -> str:
    detail = f" ({why})" if why else ""
    return (
        f"{url}: no complete answer within the deadline of {clock.seconds:g} s{detail}; "
        "the server is too slow, run again later or raise --deadline"
    )


def _too_big(url: str, size: int, limit: int, *, more: bool = False) -> str:
    size_text = f"more than {limit / 1e6:g} MB" if more else f"{size / 1e6:.1f} MB"
    return (
        f"{url}: the response is {size_text}, over the {limit / 1e6:g} MB limit; "
        "raise --max-bytes if it really is one article"
    )


def _reason(exc: BaseException) -> str:
    """What happened, on one line: the innermost system error behind a requests/urllib3 error
    (``Connection refused``, ``Name or service not known``), else the error's own text."""
    seen: set[int] = set()
    current: BaseException | None = exc
    found = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and (current.strerror or isinstance(current, TimeoutError)):
            found = current.strerror or str(current) or "timed out"
        inner = getattr(current, "reason", None)  # urllib3's MaxRetryError names its cause
        if not isinstance(inner, BaseException):
            args = getattr(current, "args", ())
            inner = args[0] if args and isinstance(args[0], BaseException) else None
        current = inner or current.__cause__ or current.__context__
    text = found or str(exc)
    return " ".join(text.split())[:160]
