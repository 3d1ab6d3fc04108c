"""The seed article's RDF is stable.

Rewrite the golden file with ``pytest --update-golden`` after a deliberate change.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kg
from kg.model.rdf import to_rdf

GOLDEN = Path(__file__).parent / "golden" / "seed.ttl"


def test_seed_matches_golden_rdf(seed_extraction: kg.Extraction, update_golden: bool) -> None:
    _, graph = to_rdf(seed_extraction)
    graph.bind("kg", "https://w3id.org/kg-indonesia/ontology#")
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    golden = Graph().parse(GOLDEN)
    if not isomorphic(graph, golden):
        _, only_new, only_golden = graph_diff(to_isomorphic(graph), to_isomorphic(golden))
        raise AssertionError(
            f"seed RDF changed: {len(only_new)} new triple(s), {len(only_golden)} gone; "
            "run pytest --update-golden if the change is intended\n"
            + "\n".join(sorted(f"+ {t}" for t in only_new.serialize(format="nt").splitlines())[:20])
            + "\n"
            + "\n".join(
                sorted(f"- {t}" for t in only_golden.serialize(format="nt").splitlines())[:20]
            )
        )


def test_seed_contains_the_issue_facts(seed_extraction: kg.Extraction) -> None:
    name = {e.key: e for e in seed_extraction.entities}
    facts = {
        (name[r.subject].name, r.predicate, name[r.object].name)
        for r in seed_extraction.relations
        if r.subject in name
    }
    assert ("Bima Arya Sugiarto", "mayorOf", "Kota Bogor") in facts
    assert ("Kota Bogor", "memberOf", "United Cities and Local Governments Asia Pasific") in facts
    uclg = next(e for e in seed_extraction.entities if e.name.startswith("United Cities"))
    assert "UCLG ASPAC" in uclg.aliases
    bogor = next(e for e in seed_extraction.entities if e.name == "Kota Bogor")
    assert {"Bogor", "Pemkot Bogor", "Kota Hujan"} <= set(bogor.aliases)
