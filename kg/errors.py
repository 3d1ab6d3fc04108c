"""The error tree of kg.

Every error kg raises on purpose is a :class:`KGError`; the CLI prints its message on one line
and exits 1. A message names what failed, the offending value and the fix.

::

    KGError
    ├── IngestError          an input could not be read as an article
    │   └── FetchError       a URL could not be fetched
    ├── ExtractionError      the extractor failed on an article
    ├── ResourceError        a packaged data file (ontology, lexicon, model) is missing or broken
    ├── StoreError           a store could not be opened, read or written
    │   ├── StoreLockedError   the store is held by another process
    │   └── StoreNotFoundError no store where one was named (the CLI exits 2)
    ├── QueryError           a query is unknown, malformed or got bad parameters
    ├── ValidationError      SHACL validation could not run
    ├── CurationError        an entity decision names an unknown or ambiguous node
    ├── LinkError            an external linking service (Wikidata) failed
    ├── AnalysisError        a graph projection or metric failed
    └── ExportError          an export format or target is unusable

A batch (``kg build``, ``kg extract``) does not stop at a bad item: it records a
:class:`Failure` (the item, the stage, the exception type and the one-line message) and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AnalysisError",
    "CurationError",
    "ExportError",
    "ExtractionError",
    "Failure",
    "FetchError",
    "IngestError",
    "KGError",
    "LinkError",
    "QueryError",
    "ResourceError",
    "StoreError",
    "StoreLockedError",
    "StoreNotFoundError",
    "ValidationError",
]


class KGError(Exception):
    """Base class of every error kg raises deliberately."""


class IngestError(KGError):
    """An input (file, URL, stdin) could not be read as an article."""


class FetchError(IngestError):
    """A URL could not be fetched."""


class ExtractionError(KGError):
    """The extractor failed on an article."""


class ResourceError(KGError):
    """A packaged resource (ontology, query, lexicon, model) is missing or unreadable."""


class StoreError(KGError):
    """A store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """The store directory is held by another process."""


class StoreNotFoundError(StoreError):
    """No store where one was named: a read command never creates one (only ``kg build`` and
    ``kg load`` do), so a typo in ``--store`` is an error, not an empty graph."""


class QueryError(KGError):
    """A query is unknown, malformed, or received bad parameters."""


class ValidationError(KGError):
    """SHACL validation could not run."""


class CurationError(KGError):
    """An entity decision (merge, split, alias) names an unknown or ambiguous node."""


class LinkError(KGError):
    """An external linking service (the Wikidata API) is unreachable or failing."""


class AnalysisError(KGError):
    """A graph projection or metric failed."""


class ExportError(KGError):
    """An export format or destination is unusable."""


@dataclass(frozen=True)
class Failure:
    """An item of a batch that failed, recorded so that the batch can report it and go on.

    Attributes:
        source: the item: a file, a URL, a feed item (``feed.xml item 3``), a JSON line
            (``corpus.jsonl:12``) or an article.
        stage: where it failed: ``ingest`` (reading), ``extract`` (extraction) or ``store``
            (writing its triples).
        error_type: the class name of the exception behind it (``IngestError``, ``FetchError``,
            ``ExtractionError``, or the library's own, such as ``ValueError``).
        message: the one-line reason: what failed, the offending value and the fix.

    >>> Failure.of("a.txt", IngestError("a.txt: empty file"), stage="ingest")
    Failure(source='a.txt', stage='ingest', error_type='IngestError', message='a.txt: empty file')
    """

    source: str
    stage: str
    error_type: str
    message: str

    @classmethod
    def of(
        cls, source: str, exc: BaseException, *, stage: str, message: str | None = None
    ) -> Failure:
        """The failure an exception caused (its message unless another is given)."""
        return cls(source, stage, type(exc).__name__, str(exc) if message is None else message)
