"""Reading the facts and their evidence out of a store (``queries/internal/facts.rq``)."""

from __future__ import annotations

from collections import defaultdict

from kg.model.facts import Evidence, Fact, Facts
from kg.model.terms import local_name
from kg.query.catalogue import internal_query
from kg.store.base import Store

__all__ = ["read_facts"]


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def read_facts(store: Store) -> Facts:
    """Every fact a statement supports, with its evidence; most supported first.

    >>> from kg.store import open_store
    >>> len(read_facts(open_store("memory")))
    0
    """
    labels: dict[str, str] = {}
    evidence: dict[tuple[str, str, str], dict[tuple[object, ...], Evidence]] = defaultdict(dict)
    for row in store.select(internal_query("facts")).values():
        s, sl, p, o, ol, article, date, sentence, start, end, confidence = row
        for node, label in ((s, sl), (o, ol)):
            if label is not None and (node not in labels or label < labels[node]):
                labels[node] = label  # one label, the same on every run
        item = Evidence(
            article,
            str(date) if date is not None else None,
            sentence,
            start if isinstance(start, int) else None,
            end if isinstance(end, int) else None,
            _number(confidence),
        )
        evidence[(s, p, o)][(article, start, end, sentence)] = item
    facts = []
    for (s, p, o), found in evidence.items():
        items = tuple(sorted(found.values(), key=lambda e: (e.date or "", e.article, e.start or 0)))
        scores = [e.confidence for e in items if e.confidence is not None]
        facts.append(
            Fact(
                subject=s,
                subject_label=labels.get(s),
                predicate=local_name(p),
                object=o,
                object_label=labels.get(o),
                confidence=max(scores) if scores else None,
                support=len({e.article for e in items}),
                evidence=items,
            )
        )
    facts.sort(key=lambda f: (-f.support, f.subject_label or f.subject, f.predicate, f.object))
    return Facts(tuple(facts))
