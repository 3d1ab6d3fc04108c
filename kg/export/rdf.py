"""RDF exports: the whole dataset (N-Quads, TriG) or the facts graph (Turtle, N-Triples,
JSON-LD), the latter with kg's ontology when asked, so that it validates on its own."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import ExportError
from kg.export.files import write_atomically
from kg.export.formats import DATASET_FORMATS, GRAPH_FORMATS
from kg.model.resources import resource_path
from kg.model.terms import FACTS_GRAPH, bind_prefixes
from kg.store.base import Store

__all__ = ["serialize_store", "write_rdf"]


def serialize_store(store: Store, fmt: str, *, with_ontology: bool = False) -> bytes:
    """Serialise a store: ``nq``/``trig`` hold every named graph, the others the facts graph.

    Args:
        with_ontology: add kg's ontology (``ontology/kg.ttl``) to the facts graph, so that the
            file validates on its own: ``pyshacl -s ontology/shapes.ttl facts.ttl``.

    Raises:
        ExportError: unknown format, or the ontology asked for a dataset format.
    """
    if with_ontology and fmt not in GRAPH_FORMATS:
        raise ExportError(
            f"--with-ontology goes with the facts graph formats ({', '.join(GRAPH_FORMATS)}), "
            f"not {fmt}"
        )
    if fmt in DATASET_FORMATS:
        fast = getattr(store, "dump", None)
        if callable(fast):
            data: bytes = fast(fmt)
            return data
        ds = Dataset()
        bind_prefixes(ds)
        for s, p, o, g in store.quads():
            ds.graph(g or FACTS_GRAPH).add((s, p, o))
        return ds.serialize(format=DATASET_FORMATS[fmt], encoding="utf-8")
    if fmt in GRAPH_FORMATS:
        graph = Graph()
        bind_prefixes(graph)
        for s, p, o, g in store.quads():
            if g == FACTS_GRAPH:
                graph.add((s, p, o))
        if with_ontology:
            graph.parse(resource_path("ontology", "kg.ttl"))
        return graph.serialize(format=GRAPH_FORMATS[fmt], encoding="utf-8")
    known = ", ".join([*DATASET_FORMATS, *GRAPH_FORMATS])
    raise ExportError(f"unknown RDF format {fmt!r}; use one of {known}")


def write_rdf(store: Store, path: Path, fmt: str, *, with_ontology: bool = False) -> Path:
    """Write a store to a file in an RDF format (atomically: a temp file, then a rename)."""
    data = serialize_store(store, fmt, with_ontology=with_ontology)
    return write_atomically(path, lambda tmp: tmp.write_bytes(data))
