"""Exports: RDF serialisations of a store, graph formats for Gephi, and the browser view."""

import typing

from kg import _lazy

if typing.TYPE_CHECKING:
    from kg.export.facts import write_facts
    from kg.export.formats import (
        DATASET_FORMATS,
        EXPORT_FORMATS,
        FACT_FORMATS,
        GRAPH_EXPORTS,
        GRAPH_FORMATS,
        export_format,
    )
    from kg.export.gexf import write_gexf
    from kg.export.html import VIEW_LIBRARY, view_document, write_html
    from kg.export.rdf import serialize_store, write_rdf
    from kg.export.tables import csv_paths, write_gephi_csv, write_graphml

__all__ = [
    "DATASET_FORMATS",
    "EXPORT_FORMATS",
    "FACT_FORMATS",
    "GRAPH_EXPORTS",
    "GRAPH_FORMATS",
    "VIEW_LIBRARY",
    "csv_paths",
    "export_format",
    "serialize_store",
    "view_document",
    "write_facts",
    "write_gephi_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_rdf",
]

__getattr__, __dir__ = _lazy.lazy_exports(__name__)
