"""The analysis commands end to end: kg analyze, kg export (graph formats), kg viz."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.model.terms import ANALYSIS_GRAPH as ANALYSIS

ROOT = Path(__file__).resolve().parents[2]


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "store")  # the figures below are the seed's
    assert kg("build", str(seed_path), "--store", path).returncode == 0
    return path


def test_path_prints_the_connection_through_uclg_aspac_with_evidence(store: str) -> None:
    result = kg(
        "analyze", "path", "Bima Arya Sugiarto", "Bernadia Irawati Tjandradewi", "--store", store
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "1. Bima Arya Sugiarto → Kota Bogor → United Cities and Local Governments Asia Pasific "
        "(UCLG ASPAC) → Bernadia Irawati Tjandradewi  (3 hops)"
    )
    assert (
        "   Bernadia Irawati Tjandradewi —worksFor→ United Cities and Local Governments Asia "
        "Pasific (UCLG ASPAC)" in lines
    )
    assert any("Sekretaris Jenderal (Sekjen) UCLG ASPAC Bernadia" in line for line in lines)


def test_metrics_as_json_and_saved_for_sparql(store: str) -> None:
    result = kg("analyze", "metrics", "--store", store, "-f", "json", "--top", "3")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["entity"] == "Kota Bogor"
    assert rows[0]["pagerank"] >= rows[1]["pagerank"] >= rows[2]["pagerank"]
    count = kg(
        "query",
        "SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <https://w3id.org/kg-indonesia/id/graph/analysis>"
        " { ?e <https://w3id.org/kg-indonesia/ontology#pageRank> ?pr } }",
        "--store",
        store,
        "-f",
        "csv",
    )
    assert count.stdout.splitlines()[1] == "10"


def test_communities_and_ego_tables(store: str) -> None:
    communities = kg("analyze", "communities", "--store", store)
    assert communities.returncode == 0, communities.stderr
    assert "modularity" in communities.stdout
    ego = kg("analyze", "ego", "uclg aspac", "--store", store, "-f", "csv")
    assert ego.stdout.splitlines()[0] == "source,link,target,weight,first,last"
    assert len(ego.stdout.splitlines()) == 4


@pytest.mark.parametrize(
    ("fmt", "files"),
    [
        pytest.param("gexf", ["g.gexf"], id="gexf"),
        pytest.param("graphml", ["g.graphml"], id="graphml"),
        pytest.param("csv", ["g.nodes.csv", "g.edges.csv"], id="csv"),
    ],
)
def test_export_graph_formats(store: str, tmp_path: Path, fmt: str, files: list[str]) -> None:
    out = tmp_path / f"g.{fmt}"
    result = kg("export", "-f", fmt, "-o", str(out), "--projection", "comention", "--store", store)
    assert result.returncode == 0, result.stderr
    for name in files:
        assert (tmp_path / name).stat().st_size > 500
    assert "Bima Arya Sugiarto" in (tmp_path / files[0]).read_text(encoding="utf-8")


def test_viz_writes_one_html_file(store: str, tmp_path: Path) -> None:
    result = kg("viz", "-o", str(tmp_path / "v.html"), "--store", store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {tmp_path / 'v.html'}"
    assert (tmp_path / "v.html").stat().st_size > 400_000  # the library is inlined


def test_bad_options_are_one_line_errors(store: str) -> None:
    result = kg("analyze", "metrics", "--predicate", "label", "--store", store)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "unknown predicate 'label'; use one of mayorOf" in result.stderr
    missing = kg("analyze", "path", "Bima", "Nobody Here", "--store", store)
    assert missing.returncode == 1
    assert "no entity named 'Nobody Here'" in missing.stderr


def test_credits_rank_only_with_include_credits(tmp_path: Path, samples_path: Path) -> None:
    store = str(tmp_path / "store")
    assert kg("build", str(samples_path), "--store", store).returncode == 0
    args = ("analyze", "metrics", "--projection", "comention", "--store", store, "--no-save")
    plain = kg(*args, "-f", "json", "--top", "0")
    assert plain.returncode == 0, plain.stderr
    assert "Hendra Gunawan" not in {row["entity"] for row in json.loads(plain.stdout)}
    framed = kg(*args, "--include-credits", "-f", "json", "--top", "3")
    assert "Hendra Gunawan" in {row["entity"] for row in json.loads(framed.stdout)}


def test_metrics_are_computed_on_a_read_only_open_and_saved_after_it(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The projection and the metrics run while the store is only shared: another reader opens
    it meanwhile, and no writer's RocksDB work runs beside them; a short writable open saves."""
    from click.testing import CliRunner

    import kg.api
    from kg.cli import cli
    from kg.store.lock import holder_of

    seen: list[object] = []
    analyze = kg.api.KnowledgeGraph.analyze

    def analyze_beside_a_reader(self: kg.api.KnowledgeGraph, *args: Any, **kwargs: Any) -> Any:
        seen.append(holder_of(Path(store)))
        if seen[0] is None:
            with kg.api.KnowledgeGraph(store, read_only=True) as other:
                seen.append(other.stats().articles)
        return analyze(self, *args, **kwargs)

    monkeypatch.setattr(kg.api.KnowledgeGraph, "analyze", analyze_beside_a_reader)
    with kg.api.KnowledgeGraph(store, create=False) as graph:
        graph.store.update(f"DROP SILENT GRAPH <{ANALYSIS}>")
        articles = graph.stats().articles
    result = CliRunner().invoke(cli, ["analyze", "metrics", "--store", store, "--top", "1"])
    assert result.exit_code == 0, result.output
    assert seen == [None, articles]
    with kg.api.KnowledgeGraph(store, read_only=True) as graph:
        count = graph.store.select_values(
            f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{ANALYSIS}> {{ ?s ?p ?o }} }}"
        )
    assert int(count[0][0] or 0) > 0
