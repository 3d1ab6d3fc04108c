"""kg.extract_files: article files to one RDF file, without a store."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

import kg


def test_extract_files_takes_a_str_path_and_keeps_a_graph_per_article(
    tmp_path: Path, samples_path: Path
) -> None:
    out = tmp_path / "samples.nq"
    report = kg.extract_files([str(samples_path)], str(out))
    assert report.articles == 4
    assert not report.failures
    ds = Dataset()
    ds.parse(out, format="nquads")
    assert len({str(g.identifier) for g in ds.graphs() if len(g)}) >= 4
