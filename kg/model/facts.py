"""Facts with their evidence, as records: the table journalists check and GraphRAG builders
index (``kg export -f facts.csv``, ``graph.facts()``).

A fact is one ``subject predicate object`` of the facts graph that a statement supports; its
evidence is each supporting statement: the article (IRI and date), the sentence, the character
offsets in the article's text, and the confidence. A fact's confidence is its best evidence's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, overload

__all__ = ["Evidence", "Fact", "Facts"]


@dataclass(frozen=True)
class Evidence:
    """One statement supporting a fact: where it was read and how sure the extractor was."""

    article: str
    date: str | None
    sentence: str | None
    start: int | None
    end: int | None
    confidence: float | None


@dataclass(frozen=True)
class Fact:
    """One fact of the graph with every statement that supports it."""

    subject: str
    subject_label: str | None
    predicate: str
    object: str
    object_label: str | None
    confidence: float | None
    support: int
    """How many articles support it."""
    evidence: tuple[Evidence, ...]

    def record(self) -> dict[str, Any]:
        """The fact as plain JSON-ready values (evidence as a list of objects)."""
        return asdict(self) | {"evidence": [asdict(e) for e in self.evidence]}


@dataclass(frozen=True)
class Facts(Sequence[Fact]):
    """Every fact with its evidence, strongest support first; ``to_df()`` for pandas."""

    facts: tuple[Fact, ...]

    @overload
    def __getitem__(self, index: int) -> Fact: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Fact]: ...
    def __getitem__(self, index: int | slice) -> Fact | Sequence[Fact]:
        return self.facts[index]

    def __len__(self) -> int:
        return len(self.facts)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def records(self) -> list[dict[str, Any]]:
        """Each fact as a dict of plain values."""
        return [fact.record() for fact in self.facts]

    def to_df(self) -> Any:
        """One row per fact (``evidence`` a list of dicts per row; ``df.explode("evidence")``
        gives one row per supporting statement). Needs pandas (``kg-indonesia[pandas]``).

        Raises:
            ExportError: pandas is not installed.
        """
        from kg.errors import ExportError

        try:
            import pandas as pd
        except ImportError as exc:
            raise ExportError(
                "Facts.to_df needs pandas; pip install 'kg-indonesia[pandas]' (or pandas)"
            ) from exc
        return pd.DataFrame(self.records(), columns=[f for f in Fact.__dataclass_fields__])
