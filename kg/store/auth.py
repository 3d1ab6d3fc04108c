"""Credentials for remote SPARQL servers: environment variables or ~/.netrc, never logged."""

from __future__ import annotations

import netrc
import os
from urllib.parse import urlparse

import requests

__all__ = ["auth_for"]


def auth_for(url: str) -> requests.auth.AuthBase | None:
    """Basic or Digest auth for a URL from KG_SPARQL_USER/KG_SPARQL_PASSWORD or ~/.netrc.

    ``KG_SPARQL_AUTH=digest`` selects Digest (Virtuoso's /sparql-auth needs it).
    """
    user = os.environ.get("KG_SPARQL_USER")
    password = os.environ.get("KG_SPARQL_PASSWORD")
    if not (user and password):
        host = urlparse(url).hostname or ""
        try:
            entry = netrc.netrc().authenticators(host)
        except (FileNotFoundError, netrc.NetrcParseError):
            entry = None
        if entry is None:
            return None
        user, _, password = entry
        if not (user and password):
            return None
    if os.environ.get("KG_SPARQL_AUTH", "basic").lower() == "digest":
        return requests.auth.HTTPDigestAuth(user, password)
    return requests.auth.HTTPBasicAuth(user, password)
