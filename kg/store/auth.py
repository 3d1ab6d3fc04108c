"""Credentials for remote SPARQL servers: environment variables or ~/.netrc, never logged.

``KG_SPARQL_USER`` and ``KG_SPARQL_PASSWORD`` win; otherwise the ``~/.netrc`` entry of the
endpoint's host (``machine HOST login USER password PASSWORD``) is used. ``KG_SPARQL_AUTH``
picks ``basic`` or ``digest``; unset, kg uses Digest for Virtuoso (its ``/sparql-auth`` accepts
nothing else) and Basic elsewhere. ``KG_SPARQL_TOKEN`` is sent as ``Authorization: Bearer
TOKEN`` instead: the write token a ``kg serve --writable`` prints at start. Credentials are
kept in the auth object only: no message, log line or ``repr`` of kg shows them.
"""

from __future__ import annotations

import netrc
import os
from urllib.parse import urlsplit, urlunsplit

import requests

from kg.errors import StoreError

__all__ = ["AUTH_SCHEMES", "BearerAuth", "auth_for", "credentials_for", "make_auth", "redact"]

AUTH_SCHEMES = ("basic", "digest")


class BearerAuth(requests.auth.AuthBase):
    """``Authorization: Bearer TOKEN`` on every request (the token never shows in a repr)."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return "BearerAuth(***)"


def credentials_for(url: str) -> tuple[str, str] | None:
    """User and password for an endpoint from the environment or ~/.netrc, else None."""
    user = os.environ.get("KG_SPARQL_USER")
    password = os.environ.get("KG_SPARQL_PASSWORD")
    if user and password:
        return user, password
    host = urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc().authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError):
        return None
    if entry is None or not entry[0] or not entry[2]:
        return None
    return entry[0], entry[2]


def make_auth(credentials: tuple[str, str], scheme: str) -> requests.auth.AuthBase:
    """A requests auth object for ``basic`` or ``digest``.

    Raises:
        StoreError: unknown scheme.
    """
    if scheme == "digest":
        return requests.auth.HTTPDigestAuth(*credentials)
    if scheme == "basic":
        return requests.auth.HTTPBasicAuth(*credentials)
    raise StoreError(
        f"unknown KG_SPARQL_AUTH {scheme!r}; use one of {', '.join(AUTH_SCHEMES)} or unset it"
    )


def auth_for(url: str, default_scheme: str = "basic") -> requests.auth.AuthBase | None:
    """Bearer, Basic or Digest auth for a URL from the environment or ~/.netrc, else None."""
    token = os.environ.get("KG_SPARQL_TOKEN", "").strip()
    if token:
        return BearerAuth(token)
    credentials = credentials_for(url)
    if credentials is None:
        return None
    scheme = os.environ.get("KG_SPARQL_AUTH", "").strip().lower() or default_scheme
    return make_auth(credentials, scheme)


def redact(url: str) -> str:
    """The URL without any ``user:password@`` part, for messages and logs.

    >>> redact("http://kg:secret@127.0.0.1:8890/sparql-auth")
    'http://127.0.0.1:8890/sparql-auth'
    """
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
