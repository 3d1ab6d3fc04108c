"""How to fetch URLs (kept apart from :mod:`kg.ingest.fetch` so that reading files never
imports requests)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

__all__ = ["USER_AGENT", "FetchSettings", "default_cache_dir"]

USER_AGENT = "kg/0.1 (knowledge-graph builder for Indonesian news; python-requests)"


def default_cache_dir() -> Path:
    """Where fetched pages are cached unless told otherwise (see the module docstring)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg" / "http"


@dataclass(frozen=True)
class FetchSettings:
    """How to fetch.

    Attributes:
        connect_timeout: seconds to wait for a connection.
        read_timeout: seconds to wait for the server between bytes.
        deadline: seconds one URL may take in all (connecting, every attempt, the waits between
            them, reading): a server that trickles its answer is cut off.
        feed_deadline: seconds the items of one feed may take in all; items not fetched by then
            fail.
        retries: extra attempts after a connection error, timeout, 429 or 5xx.
        backoff: the first wait between attempts in seconds; it doubles each time.
        max_retry_after: the longest ``Retry-After`` wait honoured; a longer one fails the URL at
            once.
        delay: seconds between the starts of two requests to the same host.
        concurrency: feed items fetched at once (each host still gets one request per
            ``delay``).
        max_bytes: the largest response body accepted.
        max_redirects: redirects followed before giving up (a loop hits this).
        user_agent: the User-Agent header.
        cache_dir: the on-disk cache; None disables it.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 60.0
    feed_deadline: float = 600.0
    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 30.0
    delay: float = 1.0
    concurrency: int = 4
    max_bytes: int = 10_000_000
    max_redirects: int = 10
    user_agent: str = USER_AGENT
    cache_dir: Path | None = field(default_factory=default_cache_dir)

    def with_(self, **changes: Any) -> FetchSettings:
        """A copy with some settings changed."""
        return replace(self, **changes)
