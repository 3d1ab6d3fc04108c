"""Exports: RDF serialisations of a store, graph formats for Gephi, and the browser view."""

from kg.export.gexf import write_gexf
from kg.export.html import VIEW_LIBRARY, view_document, write_html
from kg.export.rdf import DATASET_FORMATS, GRAPH_FORMATS, serialize_store, write_rdf
from kg.export.tables import csv_paths, write_gephi_csv, write_graphml

GRAPH_EXPORTS = ("gexf", "graphml", "csv")
"""Formats that export a projection (the others export RDF)."""

__all__ = [
    "DATASET_FORMATS",
    "GRAPH_EXPORTS",
    "GRAPH_FORMATS",
    "VIEW_LIBRARY",
    "csv_paths",
    "serialize_store",
    "view_document",
    "write_gephi_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_rdf",
]
