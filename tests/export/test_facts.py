"""The facts with their evidence (graph.facts(), facts.csv, facts.jsonl) and an RDF export that
validates on its own (--with-ontology)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.model.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_each_fact_carries_its_evidence(seed_graph: kg.KnowledgeGraph, seed_text: str) -> None:
    facts = seed_graph.facts()
    mayor = next(f for f in facts if f.predicate == "mayorOf")
    assert (mayor.subject_label, mayor.object_label) == ("Bima Arya Sugiarto", "Kota Bogor")
    assert mayor.subject.endswith("/person/bima-arya-sugiarto")
    assert mayor.support == 1
    assert mayor.confidence == max(e.confidence or 0 for e in mayor.evidence)
    for ev in mayor.evidence:
        assert ev.article.startswith("https://w3id.org/kg-indonesia/id/article/")
        assert ev.sentence
        assert "Bima Arya" in ev.sentence
        assert ev.start is not None
        assert ev.end is not None
        assert ev.date == "2017"  # the seed says only its year
    keys = [(f.subject, f.predicate, f.object) for f in facts]
    assert len(keys) == len(set(keys))  # one record per fact


def test_support_counts_articles(news_graph: kg.KnowledgeGraph) -> None:
    bima = next(
        f
        for f in news_graph.facts()
        if f.subject_label == "Bima Arya Sugiarto" and f.predicate == "mayorOf"
    )
    assert bima.support == 2
    assert [e.date for e in bima.evidence] == ["2019-03-14", "2021-06"]


def test_facts_csv_has_one_row_per_fact(seed_graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    path = seed_graph.export(tmp_path / "facts.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(seed_graph.facts())
    row = next(r for r in rows if r["predicate"] == "mayorOf")
    assert row["subject_label"] == "Bima Arya Sugiarto"
    assert len(row["articles"].splitlines()) == len(row["sentences"].splitlines())


def test_facts_jsonl_is_one_fact_a_line(seed_graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    path = seed_graph.export(tmp_path / "out.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(seed_graph.facts())
    assert {"subject", "predicate", "object", "confidence", "support", "evidence"} <= set(
        records[0]
    )
    assert {"article", "date", "sentence", "start", "end"} <= set(records[0]["evidence"][0])


def test_facts_as_a_dataframe(seed_graph: kg.KnowledgeGraph) -> None:
    pytest.importorskip("pandas")
    df = seed_graph.facts().to_df()
    assert len(df) == len(seed_graph.facts())
    assert list(df.columns)[:3] == ["subject", "subject_label", "predicate"]
    assert len(df.explode("evidence")) >= len(df)


def _pyshacl(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pyshacl",
            "-s",
            str(resource_path("ontology", "shapes.ttl")),
            str(data),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_export_with_the_ontology_validates_on_its_own(
    seed_graph: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    plain = _pyshacl(seed_graph.export(tmp_path / "plain.ttl"))
    assert "Conforms: False" in plain.stdout  # entity classes unknown without the ontology
    with_ontology = _pyshacl(seed_graph.export(tmp_path / "facts.ttl", with_ontology=True))
    assert "Conforms: True" in with_ontology.stdout, with_ontology.stdout[-2000:]
    with pytest.raises(kg.ExportError, match="--with-ontology goes with"):
        seed_graph.export(tmp_path / "all.nq", with_ontology=True)
