"""Extraction without a store: one text, one article graph, or article files to one RDF file."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from kg.errors import ExportError, Failure, KGError
from kg.export.files import write_atomically
from kg.extract import extract as _extract
from kg.extract import extract_text
from kg.ingest import read_sources
from kg.model.rdf import article_triples
from kg.model.records import Article, Extraction
from kg.model.terms import bind_prefixes
from kg.store import ArticleGraph

__all__ = [
    "ExtractReport",
    "extract",
    "extract_chunk",
    "extract_files",
    "extract_one",
    "to_article_graph",
]

log = logging.getLogger("kg")

RDF_SUFFIXES = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
"""What ``kg extract`` writes, by file extension."""


def extract(text: str, **metadata: Any) -> Extraction:
    """Extract entities, relations and quotes from one article's text.

    Args:
        text: the article as published (dateline, body, credit lines).
        **metadata: any of ``title``, ``url``, ``published``, ``outlet``, ``authors``, ``source``.

    >>> ex = extract("Wali Kota Bogor Bima Arya Sugiarto menerima tamu di Bogor.")
    >>> [(r.predicate, ex.entity(r.object).name) for r in ex.relations]
    [('mayorOf', 'Kota Bogor')]
    """
    return extract_text(text, **metadata)


def to_article_graph(extraction: Extraction) -> ArticleGraph:
    """The triples of one extraction, ready for a store."""
    iri, triples = article_triples(extraction)
    article = extraction.article
    return ArticleGraph(iri, tuple(triples), article.content_hash, extraction.notes)


@dataclass
class ExtractReport:
    """What ``kg extract`` did: articles written, failures, the output path."""

    path: Path
    articles: int = 0
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the extractor left out, one line per article and reason, naming the article."""


def extract_files(sources: Sequence[str | Path], out: str | Path) -> ExtractReport:
    """Extract article files to one RDF file; the format follows the extension.

    ``.nq``/``.trig``/``.jsonld`` keep one named graph per article; ``.ttl``/``.nt`` hold their
    union.

    Raises:
        ExportError: unknown extension or unwritable file.
    """
    out = Path(out)
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in RDF_SUFFIXES:
        raise ExportError(
            f"unknown output format {out.suffix!r}; use .ttl .nt .nq .trig or .jsonld"
        )
    report = ExtractReport(out)
    ds = Dataset()
    bind_prefixes(ds)
    for item in read_sources(sources):
        if isinstance(item, Failure):
            log.warning("%s", item.message)
            report.failures.append(item)
            continue
        result = extract_one(item)
        if isinstance(result, Failure):
            log.warning("%s", result.message)
            report.failures.append(result)
            continue
        report.notes += [f"{item.source or item.identity}: {note}" for note in result.notes]
        named = ds.graph(result.iri)
        for triple in result.triples:
            named.add(triple)
        report.articles += 1
    if suffix in ("ttl", "nt"):
        union = Graph()
        bind_prefixes(union)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union.serialize(format=RDF_SUFFIXES[suffix], encoding="utf-8")
    else:
        data = ds.serialize(format=RDF_SUFFIXES[suffix], encoding="utf-8")
    write_atomically(out, lambda tmp: tmp.write_bytes(data))
    return report


def extract_chunk(articles: Sequence[Article]) -> list[ArticleGraph | Failure]:
    """One build task: extract articles and build their graphs, in a worker process or on Dask.

    An article the extractor fails on becomes a :class:`~kg.errors.Failure` of stage
    ``extract``; the others of the chunk go on.
    """
    return [extract_one(article) for article in articles]


def extract_one(article: Article) -> ArticleGraph | Failure:
    """One article's graph, or the :class:`~kg.errors.Failure` of stage ``extract`` it caused."""
    name = article.source or article.identity
    try:
        return to_article_graph(_extract(article))
    except KGError as exc:
        message = f"{name}: extraction failed ({exc}); check the text"
        return Failure.of(name, exc, stage="extract", message=message)
    except Exception as exc:  # an extractor bug must not sink the other articles of a batch
        log.debug("extractor crashed on %s", name, exc_info=True)
        reason = " ".join(str(exc).split())[:300]
        message = (
            f"{name}: the extractor crashed ({type(exc).__name__}: {reason}); "
            "report it with this article"
        )
        return Failure.of(name, exc, stage="extract", message=message)
