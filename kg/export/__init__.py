"""Exports: RDF serialisations of a store, and graph formats for Gephi."""

from kg.export.gexf import write_gexf
from kg.export.rdf import DATASET_FORMATS, GRAPH_FORMATS, serialize_store, write_rdf

__all__ = ["DATASET_FORMATS", "GRAPH_FORMATS", "serialize_store", "write_gexf", "write_rdf"]
