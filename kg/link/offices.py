"""When two offices are one career: the relations person resolution reads offices by.

An office is a (predicate, post) pair: ``(kg:mayorOf, place/kemendagri/32.73)``. Two posts are
*related* when they are the same place or body, places or bodies of regions nested by their
Kemendagri codes ("Wali Kota Bandung", "Gubernur Jawa Barat"), or two national posts (a
minister who also heads an agency). A one-word name's title *agrees* with a full name's
office when the predicate is the same and the posts are the same or nested.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import URIRef
from rdflib.term import Node

from kg.model.terms import KGR, local_name

__all__ = ["Office", "agree", "best", "post_text", "related", "signature"]

Office = tuple[Node, Node]  # (predicate, post)


def _region(iri: str) -> str | None:
    """The Kemendagri code a place or a region-bound body is named by, if any."""
    parts = iri.removeprefix(str(KGR)).split("/")
    if len(parts) >= 3 and parts[1] == "kemendagri":
        return parts[2]
    return None


def _national(iri: str) -> bool:
    """An Indonesian post of the whole country: a national body, or Indonesia itself."""
    parts = iri.removeprefix(str(KGR)).split("/")
    if parts[0] == "place":
        return parts[1:] == ["iso3166", "ID"]
    if parts[0] != "org" or "in" in parts:
        return False
    return parts[1] != "kemendagri" and (parts[1] != "iso3166" or parts[2] == "ID")


def related(a: Node, b: Node) -> bool:
    """The same post, posts of one region or of regions nested by their codes, or two
    national posts (a minister who also heads an agency).

    >>> p = "https://w3id.org/kg-indonesia/id/place/kemendagri/"
    >>> bandung, jabar, jogja = (URIRef(p + c) for c in ("32.73", "32", "34"))
    >>> related(bandung, jabar), related(bandung, jogja)
    (True, False)
    """
    if a == b:
        return True
    ra, rb = _region(str(a)), _region(str(b))
    if ra is not None and rb is not None:
        return ra == rb or ra.startswith(rb + ".") or rb.startswith(ra + ".")
    return _national(str(a)) and _national(str(b))


def agree(a: Iterable[Office], b: Iterable[Office]) -> bool:
    """The same title (office predicate) of the same or a nested unit."""
    b = list(b)
    for pa, oa in a:
        for pb, ob in b:
            if pa == pb and (oa == ob or (_region(str(oa)) and related(oa, ob))):
                return True
    return False


def signature(offices: Iterable[Office]) -> str:
    first = min(f"{p} {o}" for p, o in offices)
    return hashlib.sha256(first.encode()).hexdigest()[:8]


def post_text(offices: Iterable[Office]) -> str:
    p, o = min(offices, key=str)
    return f"{local_name(p)} {o}"


def _shares(a: Node, b: Node) -> bool:
    if a == b:
        return True
    ra, rb = _region(str(a)), _region(str(b))
    return bool(ra and rb and (ra == rb or ra.startswith(rb + ".") or rb.startswith(ra + ".")))


def best(
    anchors: set[Node], names: list[URIRef], by_name: dict[URIRef, set[Node]]
) -> tuple[URIRef | None, Node | None]:
    """The one cluster sharing most employers and memberships, and one thing it shares."""
    if len(names) <= 1:
        return (names[0] if names else None), None
    scores: dict[URIRef, list[Node]] = {
        name: sorted({a for a in anchors for b in by_name.get(name, ()) if _shares(a, b)}, key=str)
        for name in names
    }
    best = max((len(v) for v in scores.values()), default=0)
    winners = [n for n, v in scores.items() if len(v) == best]
    if best == 0 or len(winners) != 1:
        return None, None
    return winners[0], scores[winners[0]][0]
