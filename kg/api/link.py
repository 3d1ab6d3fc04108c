"""Linking stored entities to Wikidata online: the run, its report and its defaults."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.api.choices import LINK_TYPES
from kg.errors import LinkError
from kg.link.wikidata import (
    LinkResult,
    WikidataClient,
    WikidataSettings,
    entity_type,
    link_all,
    link_update,
    unlinked_query,
)
from kg.model.terms import EntityType
from kg.store import Store

__all__ = ["LINK_TYPES", "LinkReport", "link_wikidata"]

_WRITE_EVERY = 20
"""Links are written in groups of this many results, so a failure keeps what came before."""


@dataclass
class LinkReport:
    """What ``kg link --wikidata`` did: entities tried and each one's outcome."""

    results: list[LinkResult] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    def count(self, outcome: str) -> int:
        """How many results had this outcome: ``linked``, ``ambiguous`` or ``unmatched``."""
        return sum(1 for r in self.results if r.outcome == outcome)

    def summary(self) -> str:
        return (
            f"{len(self.results)} entities: {self.count('linked')} linked (owl:sameAs), "
            f"{self.count('ambiguous')} ambiguous (skos:closeMatch), "
            f"{self.count('unmatched')} unmatched; {self.requests} API requests "
            f"in {self.seconds:.1f} s"
        )


def link_types(types: Iterable[str | EntityType]) -> list[EntityType]:
    """Entity types by name (``person``, ``Organization`` ...).

    Raises:
        LinkError: an unknown type.
    """
    kinds = []
    for value in types:
        name = value.value if isinstance(value, EntityType) else value.strip().capitalize()
        if name not in EntityType._value2member_map_:
            raise LinkError(
                f"unknown entity type {value!r}; use person, organization, place, event"
            )
        kinds.append(EntityType(name))
    return kinds


def link_wikidata(
    store: Store,
    *,
    endpoint: str | None = None,
    limit: int | None = None,
    types: Iterable[str | EntityType] = LINK_TYPES,
    settings: WikidataSettings | None = None,
) -> LinkReport:
    """Link a store's entities that have no Wikidata QID yet, through the Wikidata API.

    Each entity's label is searched (Indonesian, then English) and the candidates' types
    checked: exactly one compatible item gives ``owl:sameAs``, several give
    ``skos:closeMatch`` to each, none gives nothing. Links go to the links graph with their
    confidence and rule; entities already linked (by the shipped table or an earlier run)
    are skipped, so a second run only tries the new ones.

    Args:
        store: the store whose entities to link.
        endpoint: the Wikidata API URL (default ``https://www.wikidata.org/w/api.php``).
        limit: try at most this many entities.
        types: entity types to link (``person``, ``organization``, ``place``, ``event``).
        settings: timeouts, retries, languages, User-Agent.

    Raises:
        LinkError: the API is unreachable or keeps failing (links found so far are kept).
    """
    settings = settings or WikidataSettings()
    if endpoint:
        settings = dataclasses.replace(settings, endpoint=endpoint)
    query = unlinked_query(link_types(types), limit)
    rows = [
        (URIRef(str(e)), str(label), entity_type(cls))
        for e, label, cls in store.select(query)
        if e is not None and label is not None
    ]
    report, started, pending = LinkReport(), time.perf_counter(), []
    client = WikidataClient(settings)
    try:
        for result in link_all(client, rows):
            report.results.append(result)
            pending.append(result)
            if len(pending) >= _WRITE_EVERY:
                _write_links(store, pending, settings.endpoint)
    finally:
        _write_links(store, pending, settings.endpoint)  # keep what was found before a failure
        report.requests, report.seconds = client.requests, time.perf_counter() - started
        client.close()
    return report


def _write_links(store: Store, pending: list[LinkResult], endpoint: str) -> None:
    update = link_update(pending, endpoint)
    if update is not None:
        store.update(update)
    pending.clear()
