"""Link entities to Wikidata online: search by label, check the type, keep only sure matches.

For each entity without a Wikidata link, ``wbsearchentities`` is asked for its label (in
Indonesian, then in English when Indonesian finds nothing compatible), and ``wbgetentities``
returns the candidates' claims. A candidate is compatible when its ``instance of`` (P31) fits
the entity's type: a human (Q5) for a person; for a place, no human and a coordinate (P625) or
a country (P17); for an organisation, no human and an organisation class or an organisation's
property (headquarters, parent, legal form, founder). Exactly one compatible candidate gives
``owl:sameAs``; several give ``skos:closeMatch`` to each (the user decides, with ``kg entities``);
none gives nothing. Each link is recorded with its confidence and rule in the links graph
(:data:`~kg.model.terms.LINKS_GRAPH`), so a rebuild of the articles never loses it.

The client is polite: a User-Agent naming kg, connect/read timeouts, retries with exponential
backoff on connection errors, timeouts, 429 and 5xx (honouring ``Retry-After``).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import requests
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import LinkError
from kg.model.iri import name_key
from kg.model.terms import (
    CLASS_PARENT,
    FACTS_GRAPH,
    KG,
    KGR,
    LINKS_GRAPH,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    WD,
    XSD,
    EntityType,
    entity_type_of,
    local_name,
)

__all__ = [
    "DEFAULT_ENDPOINT",
    "Candidate",
    "LinkResult",
    "WikidataClient",
    "WikidataSettings",
    "compatible",
    "entity_type",
    "link_all",
    "link_entity",
    "link_triples",
    "link_update",
    "unlinked_query",
]

log = logging.getLogger("kg.link")

DEFAULT_ENDPOINT = "https://www.wikidata.org/w/api.php"
USER_AGENT = "kg/0.1 (knowledge-graph builder for Indonesian news; entity linking; python-requests)"
HUMAN = "Q5"
_ORG_CLASSES = frozenset(
    {
        "Q43229",  # organization
        "Q327333",  # government agency
        "Q2659904",  # government organization
        "Q7278",  # political party
        "Q4830453",  # business
        "Q783794",  # company
        "Q891723",  # public company
        "Q270791",  # state-owned enterprise
        "Q3918",  # university
        "Q875538",  # public university
        "Q484652",  # international organization
        "Q163740",  # nonprofit organization
        "Q1331793",  # media company
        "Q11032",  # newspaper
    }
)
_ORG_PROPERTIES = ("P159", "P749", "P1454", "P112")  # headquarters, parent, legal form, founder
_PLACE_PROPERTIES = ("P625", "P17")  # coordinate location, country


@dataclass(frozen=True)
class WikidataSettings:
    """How to reach the Wikidata API.

    Args:
        endpoint: the MediaWiki API URL (``…/w/api.php``).
        timeout: seconds to connect and to read.
        retries: attempts after the first on connection errors, timeouts, 429 and 5xx.
        backoff: the first wait between attempts in seconds; it doubles each time.
        max_retry_after: the longest ``Retry-After`` wait accepted.
        languages: search languages, in order.
        candidates: search results considered per label.
        user_agent: the User-Agent header.
    """

    endpoint: str = DEFAULT_ENDPOINT
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 60.0
    languages: tuple[str, ...] = ("id", "en")
    candidates: int = 7
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item returned for a label, with what the type check reads."""

    qid: str
    label: str
    description: str = ""
    classes: frozenset[str] = frozenset()
    properties: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LinkResult:
    """What linking decided for one entity: sameAs to one item, closeMatch to several, or none."""

    iri: URIRef
    label: str
    type: EntityType
    same_as: Candidate | None = None
    close: tuple[Candidate, ...] = field(default_factory=tuple)
    language: str = ""

    @property
    def outcome(self) -> str:
        """``linked``, ``ambiguous`` or ``unmatched``."""
        if self.same_as is not None:
            return "linked"
        return "ambiguous" if self.close else "unmatched"


def compatible(candidate: Candidate, kind: EntityType) -> bool:
    """Whether a Wikidata item's classes and properties fit an entity type.

    >>> compatible(Candidate("Q1", "Bima", classes=frozenset({"Q5"})), EntityType.PERSON)
    True
    >>> compatible(Candidate("Q2", "Bima", classes=frozenset({"Q5"})), EntityType.PLACE)
    False
    """
    human = HUMAN in candidate.classes
    if kind is EntityType.PERSON:
        return human
    if human:
        return False
    if kind is EntityType.ORGANIZATION:
        return bool(candidate.classes & _ORG_CLASSES) or any(
            p in candidate.properties for p in _ORG_PROPERTIES
        )
    if kind is EntityType.PLACE:
        return not candidate.classes & _ORG_CLASSES and any(
            p in candidate.properties for p in _PLACE_PROPERTIES
        )
    return False


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    return float(value) if value.isdigit() else None


class WikidataClient:
    """The two API calls linking needs, over one ``requests`` Session.

    Raises (from every call):
        LinkError: the endpoint is unreachable, keeps failing, or answers something not JSON.
    """

    def __init__(self, settings: WikidataSettings | None = None) -> None:
        self.settings = settings or WikidataSettings()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = self.settings.user_agent
        self.requests = 0

    def close(self) -> None:
        self.session.close()

    def _get(self, params: dict[str, str]) -> dict[str, Any]:
        s = self.settings
        query = {**params, "format": "json", "formatversion": "2"}
        reason, wait = "", 0.0
        for attempt in range(s.retries + 1):
            if attempt:
                time.sleep(wait)
            self.requests += 1
            try:
                response = self.session.get(s.endpoint, params=query, timeout=s.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                reason, wait = f"cannot connect ({type(exc).__name__})", s.backoff * 2**attempt
                continue
            if response.status_code == 429 or response.status_code >= 500:
                reason = f"HTTP {response.status_code}"
                asked = _retry_after(response)
                if asked is not None and asked > s.max_retry_after:
                    break
                wait = asked if asked is not None else s.backoff * 2**attempt
                continue
            if response.status_code != 200:
                raise LinkError(
                    f"Wikidata API {s.endpoint} answered HTTP {response.status_code}; "
                    "check --endpoint (it must be a MediaWiki api.php URL)"
                )
            try:
                data: dict[str, Any] = response.json()
            except ValueError as exc:
                raise LinkError(
                    f"Wikidata API {s.endpoint} answered something not JSON; "
                    "check --endpoint (it must be a MediaWiki api.php URL)"
                ) from exc
            if "error" in data:
                raise LinkError(f"Wikidata API {s.endpoint} refused the request: {data['error']}")
            return data
        raise LinkError(
            f"Wikidata API {s.endpoint} unreachable: {reason} after {s.retries + 1} attempts; "
            "check your network or pass --endpoint, or run kg link --wikidata later"
        )

    def search(self, label: str, language: str) -> list[str]:
        """QIDs of the items whose label or alias matches, best first."""
        data = self._get(
            {
                "action": "wbsearchentities",
                "search": label,
                "language": language,
                "uselang": language,
                "type": "item",
                "limit": str(self.settings.candidates),
            }
        )
        return [hit["id"] for hit in data.get("search", []) if "id" in hit]

    def entities(self, qids: Sequence[str], language: str) -> list[Candidate]:
        """The items' labels, descriptions, classes (P31) and the properties they state."""
        if not qids:
            return []
        data = self._get(
            {
                "action": "wbgetentities",
                "ids": "|".join(qids[:50]),
                "props": "labels|descriptions|claims",
                "languages": f"{language}|en",
            }
        )
        found = data.get("entities", {})
        return [_candidate(qid, found[qid], language) for qid in qids if qid in found]


def _text(values: Any, language: str) -> str:
    for lang in (language, "en"):
        value = (values or {}).get(lang)
        if isinstance(value, dict):
            return str(value.get("value", ""))
    return ""


def _candidate(qid: str, item: dict[str, Any], language: str) -> Candidate:
    claims = item.get("claims") or {}
    classes = set()
    for claim in claims.get("P31", []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
        if isinstance(value, dict) and "id" in value:
            classes.add(str(value["id"]))
    return Candidate(
        qid,
        _text(item.get("labels"), language),
        _text(item.get("descriptions"), language),
        frozenset(classes),
        frozenset(claims),
    )


def link_entity(client: WikidataClient, iri: URIRef, label: str, kind: EntityType) -> LinkResult:
    """Search one entity's label and decide: one compatible item, several, or none."""
    for language in client.settings.languages:
        qids = client.search(label, language)
        fitting = [c for c in client.entities(qids, language) if compatible(c, kind)]
        if len(fitting) == 1:
            return LinkResult(iri, label, kind, same_as=fitting[0], language=language)
        if fitting:
            return LinkResult(iri, label, kind, close=tuple(fitting), language=language)
    return LinkResult(iri, label, kind)


def unlinked_query(types: Iterable[EntityType], limit: int | None = None) -> str:
    """SELECT ``?e ?label ?cls``: mentioned entities of these types without a Wikidata link.

    An entity linked by the shipped table (``owl:sameAs`` in the facts graph) or by an earlier
    run (either link in the links graph) is skipped. Graphs are named explicitly, so the query
    reads the same on every store (a SPARQL server gets no default-graph-uri for it).
    """
    wanted = set(types)
    names = [n for n in (*CLASS_PARENT, *(t.value for t in EntityType))]
    classes = " ".join(f"<{KG[n]}>" for n in names if entity_type_of(n) in wanted)
    return (
        f"SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?cls) WHERE {{\n"
        f"  GRAPH <{FACTS_GRAPH}> {{ ?a <{KG.mentions}> ?e . ?e a ?c ; <{RDFS.label}> ?l .\n"
        f'    FILTER NOT EXISTS {{ ?e <{OWL.sameAs}> ?w FILTER(STRSTARTS(STR(?w), "{WD}")) }} }}\n'
        f"  VALUES ?c {{ {classes} }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH <{LINKS_GRAPH}> {{ ?e ?p ?x }} }}\n"
        f"}} GROUP BY ?e ORDER BY ?e" + (f" LIMIT {int(limit)}" if limit is not None else "")
    )


def entity_type(cls: Node | None) -> EntityType:
    """The scored type of a class IRI returned by :func:`unlinked_query`."""
    return entity_type_of(local_name(cls))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def link_triples(result: LinkResult, endpoint: str) -> list[tuple[Node, Node, Node]]:
    """The links graph's triples for one result: the link and a statement with its evidence."""
    if result.same_as is not None:
        exact = name_key(result.same_as.label) == name_key(result.label)
        links = [(OWL.sameAs, result.same_as, 0.9 if exact else 0.7)]
    else:
        share = round(1 / max(len(result.close), 1), 3)
        links = [(SKOS.closeMatch, c, share) for c in result.close]
    triples: list[tuple[Node, Node, Node]] = []
    for prop, candidate, confidence in links:
        item = URIRef(WD[candidate.qid])
        stmt = URIRef(KGR[f"link/{_digest(str(result.iri), str(prop), candidate.qid)}"])
        triples += [
            (result.iri, prop, item),
            (stmt, RDF.type, RDF.Statement),
            (stmt, RDF.subject, result.iri),
            (stmt, RDF.predicate, prop),
            (stmt, RDF.object, item),
            (stmt, KG.confidence, Literal(confidence, datatype=XSD.decimal)),
            (stmt, KG.rule, Literal(f"wikidata-search:{result.language}:{result.outcome}")),
            (stmt, PROV.wasDerivedFrom, URIRef(endpoint)),
        ]
        if candidate.label:
            note = f"{candidate.label}: {candidate.description}".rstrip(": ")
            triples.append((stmt, RDFS.comment, Literal(note)))
    return triples


def link_update(results: Iterable[LinkResult], endpoint: str) -> str | None:
    """``INSERT DATA`` of the results' links into the links graph (None when there are none)."""
    lines = [
        f"{s.n3()} {p.n3()} {o.n3()} ."
        for result in results
        for s, p, o in link_triples(result, endpoint)
    ]
    if not lines:
        return None
    return f"INSERT DATA {{ GRAPH <{LINKS_GRAPH}> {{\n" + "\n".join(lines) + "\n} }"


def link_all(
    client: WikidataClient, rows: Iterable[tuple[URIRef, str, EntityType]]
) -> Iterator[LinkResult]:
    """Link each (IRI, label, type) in turn; a failure of the API stops with :class:`LinkError`."""
    for iri, label, kind in rows:
        result = link_entity(client, iri, label, kind)
        log.info("wikidata: %s %s (%s)", result.outcome, label, iri)
        yield result
