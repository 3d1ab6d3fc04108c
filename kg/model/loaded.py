"""RDF a user already has, as the triples of a named graph of its own (``kg load``).

A loaded graph is a source of the facts graph like an article: its triples join the facts
graph (so the ready queries and SPARQL see them with the rest) and leave it when the graph is
removed, unless an article or another source still holds them. It never touches an article
graph. Its IRI (``--graph``, default ``…/id/graph/loaded/FILE-NAME``) names the graph and the
node ``<G> a kg:LoadedGraph ; kg:contentHash "…" ; kg:sourceFile "…"`` inside it, which is how
kg tells a loaded graph from any other and a changed file from an unchanged one. Blank nodes
become IRIs under ``…/id/genid/`` (article graphs and the facts graph hold none).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.util import guess_format

from kg.errors import IngestError
from kg.model.terms import KG, KGR, RDF

__all__ = ["LOADED_PREFIX", "LoadedGraph", "read_rdf_file"]

LOADED_PREFIX = str(KGR["graph/loaded/"])
_QUAD_FORMATS = ("nquads", "trig")
_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "rdf": "xml"}


@dataclass(frozen=True)
class LoadedGraph:
    """The triples of one loaded file, ready to write as a graph of its own."""

    iri: URIRef
    triples: tuple[tuple[Node, Node, Node], ...]
    content_hash: str
    source: str


def default_graph_iri(path: Path) -> URIRef:
    """``…/id/graph/loaded/NAME`` for a file, NAME its file name in lower-case ASCII.

    >>> str(default_graph_iri(Path("data/Kota Bogor.ttl")))
    'https://w3id.org/kg-indonesia/id/graph/loaded/kota-bogor.ttl'
    """
    name = re.sub(r"[^a-z0-9._-]+", "-", path.name.lower()).strip("-") or "graph"
    return URIRef(LOADED_PREFIX + name)


def _format(path: Path, fmt: str | None) -> str:
    if fmt:
        return _FORMATS.get(fmt, fmt)
    found = guess_format(str(path)) or _FORMATS.get(path.suffix.lstrip(".").lower())
    if found is None:
        raise IngestError(
            f"{path}: unknown RDF format; name it with --format (ttl, nt, nq, trig, jsonld, rdf)"
        )
    return found


def _skolem(node: Node, graph: URIRef) -> Node:
    if isinstance(node, BNode):
        scope = hashlib.sha256(str(graph).encode()).hexdigest()[:16]
        return URIRef(KGR[f"genid/{scope}/{node}"])
    return node


def read_rdf_file(path: Path, *, graph: str | None = None, fmt: str | None = None) -> LoadedGraph:
    """Read an RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) as one graph;
    the graphs of a quad file are merged into it.

    Raises:
        IngestError: the file cannot be read or parsed, or the graph IRI is not an IRI.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror}; check the path") from exc
    if graph is not None and not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", graph, re.I):
        raise IngestError(f"--graph {graph!r} is not an IRI; pass one like https://example.org/g")
    iri = URIRef(graph) if graph else default_graph_iri(path)
    syntax = _format(path, fmt)
    parsed: Graph = Dataset() if syntax in _QUAD_FORMATS else Graph()
    try:
        parsed.parse(data=data, format=syntax)
    except Exception as exc:  # rdflib's parsers raise many kinds; each is a bad file here
        raise IngestError(f"{path} is not valid {syntax}: {exc}; fix the file") from exc
    if isinstance(parsed, Dataset):
        triples = {(s, p, o) for s, p, o, _ in parsed.quads((None, None, None, None))}
    else:
        triples = set(parsed)
    digest = hashlib.sha256(data).hexdigest()
    triples = {(_skolem(s, iri), p, _skolem(o, iri)) for s, p, o in triples}
    triples |= {
        (iri, RDF.type, KG.LoadedGraph),
        (iri, KG.contentHash, Literal(digest)),
        (iri, KG.sourceFile, Literal(path.name)),
    }
    return LoadedGraph(iri, tuple(sorted(triples)), digest, str(path))
