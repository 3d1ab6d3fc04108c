"""The export formats, by name (kept apart so that listing them imports no RDF library)."""

from __future__ import annotations

__all__ = ["DATASET_FORMATS", "EXPORT_FORMATS", "GRAPH_EXPORTS", "GRAPH_FORMATS"]

GRAPH_EXPORTS = ("gexf", "graphml", "csv")
"""Formats that export a projection (the others export RDF)."""

DATASET_FORMATS = {"nq": "nquads", "trig": "trig"}
"""RDF formats that hold every named graph, with rdflib's name of each."""

GRAPH_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
"""RDF formats of the facts graph alone, with rdflib's name of each."""

EXPORT_FORMATS = (*GRAPH_EXPORTS, *DATASET_FORMATS, *GRAPH_FORMATS)
"""Every format ``kg export`` writes."""
