"""The record of an input that could not be read."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import IngestError

__all__ = ["Failure"]


@dataclass(frozen=True)
class Failure:
    """An input that could not be read, with the one-line reason (what, the value, the fix)."""

    source: str
    message: str

    @classmethod
    def of(cls, source: str, exc: IngestError) -> Failure:
        return cls(source, str(exc))
