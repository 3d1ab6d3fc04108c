"""SHACL validation of kg graphs with the shapes in ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph

from kg.errors import ValidationError
from kg.model.resources import resource_path

__all__ = ["ValidationReport", "validate_graph"]


@dataclass(frozen=True)
class ValidationReport:
    """Whether a graph conforms, and the violations in readable text."""

    conforms: bool
    violations: int
    text: str


@cache
def _graphs() -> tuple[Graph, Graph]:
    try:
        shapes = Graph().parse(resource_path("ontology", "shapes.ttl"))
        ontology = Graph().parse(resource_path("ontology", "kg.ttl"))
    except Exception as exc:
        raise ValidationError(f"cannot load kg's shapes or ontology: {exc}; reinstall kg") from exc
    return shapes, ontology


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate a graph against kg's SHACL shapes.

    Raises:
        ValidationError: pyshacl could not run.
    """
    from pyshacl import validate

    shapes, ontology = _graphs()
    try:
        conforms, _, text = validate(
            graph, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
        )
    except Exception as exc:
        raise ValidationError(f"SHACL validation failed to run: {exc}") from exc
    violations = str(text).count("Constraint Violation")
    return ValidationReport(bool(conforms), violations, str(text))
