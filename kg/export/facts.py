"""The facts table as files: ``facts.jsonl`` (one fact a line, its evidence a list) and
``facts.csv`` (one row per fact; the evidence columns hold one line per supporting statement,
in the same order, so a spreadsheet shows each fact once with its sentences under it)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kg.export.files import write_atomically
from kg.model.facts import Facts

__all__ = ["FACT_COLUMNS", "facts_csv", "facts_jsonl", "write_facts"]

FACT_COLUMNS = (
    "subject_label",
    "predicate",
    "object_label",
    "confidence",
    "support",
    "subject",
    "object",
    "articles",
    "dates",
    "sentences",
    "offsets",
    "confidences",
)


def _line(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def facts_csv(facts: Facts) -> str:
    """CSV of facts, one row each (the evidence cells hold a line per statement)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FACT_COLUMNS)
    for fact in facts:
        ev = fact.evidence
        writer.writerow(
            [
                fact.subject_label or "",
                fact.predicate,
                fact.object_label or "",
                "" if fact.confidence is None else f"{fact.confidence:g}",
                fact.support,
                fact.subject,
                fact.object,
                "\n".join(e.article for e in ev),
                "\n".join(_line(e.date) for e in ev),
                "\n".join(_line(e.sentence) for e in ev),
                "\n".join(f"{e.start}-{e.end}" if e.start is not None else "" for e in ev),
                "\n".join("" if e.confidence is None else f"{e.confidence:g}" for e in ev),
            ]
        )
    return buffer.getvalue()


def facts_jsonl(facts: Facts) -> str:
    """JSON Lines of facts: one object a line, ``evidence`` a list of objects."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in facts.records())


def write_facts(facts: Facts, path: Path, fmt: str) -> Path:
    """Write ``facts.csv`` or ``facts.jsonl`` (atomically: a temp file, then a rename).

    Raises:
        ExportError: the file cannot be written.
    """
    text = facts_csv(facts) if fmt == "facts.csv" else facts_jsonl(facts)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
