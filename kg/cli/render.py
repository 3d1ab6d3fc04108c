"""The one renderer of result tables (query rows, entities, metrics, communities, ego links)
as an aligned text table, CSV or JSON, and the text of a path."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from kg import api

__all__ = ["MAX_WIDTH", "render", "render_paths"]

MAX_WIDTH = 60
"""A table cell longer than this is cut."""


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _cell(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float) else _text(value)


def _columns(result: api.Rows | Sequence[Mapping[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Column names and rows: RDF terms become their text; plain values (numbers) stay."""
    if isinstance(result, Sequence):
        columns = list(result[0]) if result else []
        return columns, [[row[c] for c in columns] for row in result]
    return list(result.columns), [[_text(v) for v in row] for row in result]


def render(result: api.Rows | Sequence[Mapping[str, Any]], fmt: str) -> str:
    """Rows (of a query, or dicts of plain values) as ``table``, ``csv`` or ``json``.

    >>> print(render([{"entity": "Kota Bogor", "pagerank": 0.123456}], "table"))
    entity      pagerank
    ----------  --------
    Kota Bogor  0.1235
    (1 row)
    """
    columns, rows = _columns(result)
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([[_text(v) for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    table = [columns] + [[_cell(v) for v in row] for row in rows]
    widths = [min(MAX_WIDTH, max(len(r[i]) for r in table)) for i in range(len(columns))]
    lines = [
        "  ".join(c[:MAX_WIDTH].ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def render_paths(paths: api.Paths) -> str:
    """Numbered connections, each hop's facts with their articles and sentences."""
    names = paths.names
    lines: list[str] = []
    for number, connection in enumerate(paths, 1):
        chain = " → ".join(
            names.get(n, label)
            for n, label in zip(connection.nodes, connection.labels, strict=True)
        )
        lines.append(
            f"{number}. {chain}  ({len(connection)} hop{'s' if len(connection) != 1 else ''})"
        )
        for hop in connection.hops:
            for fact in hop:
                subject = names.get(fact.subject, fact.subject_label)
                obj = names.get(fact.object, fact.object_label)
                lines.append(f"   {subject} —{fact.predicate}→ {obj}")
                for ev in fact.evidence:
                    source = (
                        ", ".join(x for x in (ev.headline, ev.outlet, ev.date) if x) or ev.article
                    )
                    lines.append(f"      [{source}; confidence {ev.confidence:g}]")
                    if ev.sentence:
                        lines.append(f"      “{ev.sentence}”")
        lines.append("")
    return "\n".join(lines).rstrip()
