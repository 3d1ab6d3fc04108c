"""Writing a run's metrics to the analysis graph, touching only the values that changed.

The analysis graph holds one value per entity and metric (``<e> kg:pageRank 0.0012``) and the
run's description: 372k triples for the relation graph of 100k articles. Dropping and
rewriting them all costs a minute on the embedded store (RocksDB deletes ~150 us per quad on
the benchmark machine; a bulk load writes them in 12-15 s), while running the same analysis
again (another ``--sort``, another format) changes none of them. So the graph is read first,
and only stale triples are deleted and new ones added; after any run it holds exactly
:func:`~kg.analysis.results.analysis_triples` (``tests/analysis/test_metrics.py``).

The two writes are two transactions: a crash between them leaves the analysis graph partly
updated, which the next run repairs (it is derived data; nothing else is touched).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any

from rdflib import Literal, URIRef

from kg.analysis.metrics import Metrics
from kg.analysis.results import METRIC_PROPERTIES, run_triples
from kg.model.terms import ANALYSIS_GRAPH, XSD
from kg.store.base import Store, term_text

__all__ = ["save_analysis"]

_INTEGERS = ("degree", "core", "community", "component")
_NUMBERS = {str(XSD.integer), str(XSD.double), str(XSD.decimal), str(XSD.float)}
_DATETIME = str(XSD.dateTime)
_PLAIN = re.compile(r"[0-9.eE+-]+")

Value = tuple[str, str]
"""A literal's lexical form and datatype IRI (``""`` for an IRI object)."""

_CURRENT = f"""SELECT ?s ?p ?o (DATATYPE(?o) AS ?dt) (LANG(?o) AS ?lang)
WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?s ?p ?o }} }}"""


def analysis_rows(
    G: Any, metrics: Metrics, *, description: str, when: datetime
) -> dict[tuple[str, str], Value]:
    """Every triple of :func:`analysis_triples`, keyed by subject and property, with the
    lexical form rdflib gives it, written without building 400k rdflib terms."""
    rows = {
        (str(s), str(p)): (str(o), str(o.datatype or XSD.string))
        for s, p, o in run_triples(metrics, description=description, when=when)
    }
    columns = [(str(METRIC_PROPERTIES[name]), getattr(metrics, name)) for name in Metrics.NAMES]
    integer, double = str(XSD.integer), str(XSD.double)
    for node in G.nodes:
        iri = str(G.nodes[node].get("iri", node))
        if not iri.startswith(("http://", "https://")):
            continue
        for (prop, values), name in zip(columns, Metrics.NAMES, strict=True):
            value = values.get(node, 0)
            if name in _INTEGERS:
                rows[(iri, prop)] = (str(int(value)), integer)
            else:
                rows[(iri, prop)] = (str(round(float(value), 9)), double)
    return rows


def _same(old: Value, new: Value) -> bool:
    """Equal values, in whatever form the store wrote them (1.5E-5, ...Z for +00:00)."""
    if old[1] != new[1]:
        return False
    try:
        if old[1] in _NUMBERS:
            return float(old[0]) == float(new[0])
        if old[1] == _DATETIME:
            return datetime.fromisoformat(old[0]) == datetime.fromisoformat(new[0])
    except ValueError:
        pass
    return old == new


def _text(s: str, p: str, value: Value, lang: str | None = None) -> str:
    lexical, datatype = value
    if datatype in _NUMBERS and _PLAIN.fullmatch(lexical):  # the 400k metric values
        return f'<{s}> <{p}> "{lexical}"^^<{datatype}>'
    if not datatype:
        obj = f"<{lexical}>"
    elif lang:
        obj = term_text(Literal(lexical, lang=lang))
    else:
        obj = term_text(Literal(lexical, datatype=URIRef(datatype)))
    return f"<{s}> <{p}> {obj}"


def save_analysis(
    store: Store, G: Any, metrics: Metrics, *, description: str, when: datetime | None = None
) -> tuple[int, int]:
    """Make the analysis graph hold this run's triples, writing only what changed.

    Returns:
        The numbers of triples deleted and added.
    """
    new = analysis_rows(G, metrics, description=description, when=when or _now())
    stale: list[str] = []
    kept: set[tuple[str, str]] = set()
    found: dict[tuple[str, str], list[tuple[Value, str | None]]] = defaultdict(list)
    for s, p, o, datatype, lang in store.select_values(_CURRENT):
        if s is not None and p is not None and o is not None:
            found[(s, p)].append(((o, datatype or ""), lang or None))
    for key, values in found.items():
        for value, lang in values:
            if key in new and key not in kept and not lang and _same(value, new[key]):
                kept.add(key)
            else:
                stale.append(_text(*key, value, lang))
    graph = f"<{ANALYSIS_GRAPH}>"
    step = max(1, store.batch_quads // 4)
    for start in range(0, len(stale), step):
        body = " .\n".join(stale[start : start + step])
        store.update(f"DELETE DATA {{ GRAPH {graph} {{\n{body} .\n}} }}")
    added = [_text(s, p, value) for (s, p), value in new.items() if (s, p) not in kept]
    store.insert_triples(str(ANALYSIS_GRAPH), added)
    return len(stale), len(added)


def _now() -> datetime:
    return datetime.now(timezone.utc)
