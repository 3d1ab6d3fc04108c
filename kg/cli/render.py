"""The one renderer of result tables (query rows, entities, metrics, communities, ego links)
as an aligned text table, CSV, TSV, JSON or JSON Lines, and the text of a path.

* ``table``: each cell on one line, control characters escaped (a title holding a terminal
  escape sequence prints as ``\\x1b[31m``, not in red), cut at ``max_width`` characters with a
  final ``…`` (``--max-width N``, ``--wide`` for none).
* ``csv`` and ``tsv``: every value as text; TSV escapes tabs, newlines and backslashes.
* ``json`` (a list of objects) and ``jsonl`` (one object a line): numbers, booleans and empty
  cells typed (``2``, ``0.9``, ``true``, ``null``), dates and other literals as their ISO text,
  IRIs as ``{"@id": "https://..."}`` (JSON-LD's mark of an IRI).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from kg import api

__all__ = [
    "FORMATS",
    "MAX_WIDTH",
    "STREAMED",
    "json_value",
    "printable",
    "render",
    "render_paths",
    "write_cells",
]

MAX_WIDTH = 60
"""A table cell longer than this is cut (``--max-width``)."""
FORMATS = ("table", "csv", "tsv", "json", "jsonl")
STREAMED = ("csv", "tsv", "jsonl")
"""The formats :func:`write_cells` writes a row at a time."""

XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_TSV = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    r"""Text safe to print on a terminal: control characters (an escape sequence in a stored
    title could recolour or retitle the terminal; a line break would break a table) are shown
    escaped, as Python writes them.

    >>> printable("Judul\x1b]0;diretas\x07 baru\n")
    'Judul\\x1b]0;diretas\\x07 baru\\n'
    """
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _cell(value: object, max_width: int | None) -> str:
    text = f"{value:.4g}" if isinstance(value, float) else _text(value)
    text = _CONTROL.sub(_escape, text)
    if max_width is not None and len(text) > max_width:
        return text[: max(1, max_width - 1)] + "…"
    return text


def json_value(value: Any) -> Any:
    """A cell as JSON: RDF literals by their type, IRIs marked, plain values as they are.

    >>> from rdflib import Literal, URIRef
    >>> [json_value(v) for v in (Literal(2), Literal("0.90", datatype=XSD_DECIMAL), Literal(True))]
    [2, 0.9, True]
    >>> json_value(URIRef("https://w3id.org/kg-indonesia/id/place/x"))
    {'@id': 'https://w3id.org/kg-indonesia/id/place/x'}
    """
    from rdflib import BNode, URIRef  # rdflib is loaded already when rows exist
    from rdflib.term import Node

    if isinstance(value, URIRef | BNode):
        return {"@id": value.n3() if isinstance(value, BNode) else str(value)}
    if isinstance(value, Node):
        value = api.plain(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def _columns(result: api.Rows | Sequence[Mapping[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Column names and rows of values (RDF terms, or plain values such as numbers)."""
    if isinstance(result, Sequence):
        columns = list(result[0]) if result else []
        return columns, [[row[c] for c in columns] for row in result]
    return list(result.columns), [list(row) for row in result]


def render(
    result: api.Rows | Sequence[Mapping[str, Any]],
    fmt: str,
    *,
    max_width: int | None = MAX_WIDTH,
) -> str:
    """Rows (of a query, or dicts of plain values) as ``table``, ``csv``, ``tsv``, ``json`` or
    ``jsonl``.

    >>> print(render([{"entity": "Kota Bogor", "pagerank": 0.123456}], "table"))
    entity      pagerank
    ----------  --------
    Kota Bogor  0.1235
    (1 row)
    """
    columns, rows = _columns(result)
    if fmt in ("json", "jsonl"):
        records = [{c: json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        if fmt == "jsonl":
            return "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        return json.dumps(records, ensure_ascii=False, indent=1)
    if fmt == "tsv":
        lines = ["\t".join(columns)]
        lines += ["\t".join(_text(v).translate(_TSV) for v in row) for row in rows]
        return "\n".join(lines)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([[_text(v) for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    table = [[_cell(c, max_width) for c in columns]]
    table += [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]
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
    return "\n".join(printable(line) for line in lines).rstrip()


def write_cells(
    columns: Sequence[str],
    rows: Iterable[tuple[tuple[str, str] | None, ...]],
    fmt: str,
    out: IO[str],
) -> int:
    """Write rows of cells (``kg.api.KnowledgeGraph.stream_query``) as CSV, TSV or JSON Lines,
    one row at a time, the same text :func:`render` gives their terms; returns the rows.

    >>> import sys
    >>> write_cells(["a", "n"], [(("x:y", "iri"), ("2", XSD_INTEGER))], "jsonl", sys.stdout)
    {"a": {"@id": "x:y"}, "n": 2}
    1
    """
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if c is None else c[0] for c in row])
            count += 1
    elif fmt == "tsv":
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join("" if c is None else c[0].translate(_TSV) for c in row) + "\n")
            count += 1
    else:
        dumps, value = json.dumps, api.cell_json
        for row in rows:
            record = {c: value(v) for c, v in zip(columns, row, strict=True)}
            out.write(dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
