"""The export formats, by name (kept apart so that listing them imports no RDF library)."""

from __future__ import annotations

__all__ = [
    "DATASET_FORMATS",
    "EXPORT_FORMATS",
    "FACT_FORMATS",
    "GRAPH_EXPORTS",
    "GRAPH_FORMATS",
    "export_format",
]

GRAPH_EXPORTS = ("gexf", "graphml", "csv")
"""Formats that export a projection (the others export RDF)."""

DATASET_FORMATS = {"nq": "nquads", "trig": "trig"}
"""RDF formats that hold every named graph, with rdflib's name of each."""

GRAPH_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
"""RDF formats of the facts graph alone, with rdflib's name of each."""

FACT_FORMATS = ("facts.csv", "facts.jsonl")
"""The facts with their evidence as a table (:mod:`kg.export.facts`)."""

EXPORT_FORMATS = (*GRAPH_EXPORTS, *DATASET_FORMATS, *GRAPH_FORMATS, *FACT_FORMATS)
"""Every format ``kg export`` writes."""


def export_format(name: str) -> str:
    """The format a file name implies: its extension, ``facts.csv`` for ``*.facts.csv`` and
    ``facts.jsonl`` for any ``.jsonl``.

    >>> export_format("out/graph.gexf"), export_format("facts.csv"), export_format("x.jsonl")
    ('gexf', 'facts.csv', 'facts.jsonl')
    >>> export_format("g.csv")
    'csv'
    """
    lowered = name.lower()
    if lowered.endswith("facts.csv"):
        return "facts.csv"
    if lowered.endswith(".jsonl"):
        return "facts.jsonl"
    return lowered.rsplit(".", 1)[-1] if "." in lowered else ""
