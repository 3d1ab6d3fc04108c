"""The record of an input that could not be read: a :class:`kg.errors.Failure` of ``ingest``."""

from __future__ import annotations

from kg.errors import Failure

__all__ = ["Failure", "failed"]


def failed(source: str, message: str, exc: BaseException | None = None) -> Failure:
    """An input that could not be read, with its one-line reason (what, the value, the fix).

    Args:
        source: the input (file, URL, feed item, JSON line).
        message: the reason.
        exc: the exception behind it; without one the type recorded is ``IngestError``.

    >>> failed("a.txt", "a.txt: empty file").error_type
    'IngestError'
    """
    error_type = type(exc).__name__ if exc is not None else "IngestError"
    return Failure(source, "ingest", error_type, message)
