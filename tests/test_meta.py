"""Project-level checks: the public API is complete, the wheel works, the shapes bite."""

from __future__ import annotations

import ast
import inspect
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from rdflib import Literal

import kg
from kg.model.shapes import validate_graph
from kg.model.terms import KG

ROOT = Path(__file__).resolve().parent.parent


def test_all_is_complete_and_importable() -> None:
    public = {
        name
        for name, obj in vars(kg).items()
        if not name.startswith("_") and not inspect.ismodule(obj)
    }
    assert public <= set(kg.__all__) | {"annotations", "PackageNotFoundError", "version"}
    for name in kg.__all__:
        assert hasattr(kg, name), name


def test_shacl_passes_on_the_seed(seed_graph: kg.KnowledgeGraph) -> None:
    report = seed_graph.validate()
    assert report.conforms, report.text


def test_shacl_fails_on_a_broken_graph(seed_graph: kg.KnowledgeGraph) -> None:
    graph = seed_graph.facts()
    statement = next(graph.subjects(KG.rule, None))
    graph.set((statement, KG.confidence, Literal(1.5)))
    person = next(graph.subjects(None, KG.Person))
    graph.remove((person, None, None))
    graph.add((person, kg.model.terms.RDF.type, KG.Person))  # type: ignore[attr-defined]
    report = validate_graph(graph)
    assert not report.conforms
    assert report.violations >= 2


@pytest.mark.slow
def test_the_installed_wheel_runs_extract(tmp_path: Path, seed_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(dist.glob("kg-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    pip = env_dir / "bin" / "pip"
    install = subprocess.run(
        [str(pip), "install", "-q", str(wheel)], capture_output=True, text=True, check=False
    )
    assert install.returncode == 0, install.stderr
    out = tmp_path / "seed.ttl"
    # run outside the repository so nothing can be found from the source tree
    result = subprocess.run(
        [str(env_dir / "bin" / "kg"), "extract", str(seed_path), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr
    assert "mayorOf" in out.read_text(encoding="utf-8")


def test_shacl_checks_office_holdings(seed_graph: kg.KnowledgeGraph) -> None:
    graph = seed_graph.facts()
    position = next(graph.subjects(kg.model.terms.RDF.type, KG.Position))  # type: ignore[attr-defined]
    assert validate_graph(graph).conforms
    graph.add((position, KG.heldFrom, Literal("April 2016")))  # not an xsd:date
    graph.remove((position, KG.holder, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert report.violations >= 2


# What each stage folder may import from kg besides itself and kg.errors (README, "Layout"):
# the model is the shared vocabulary, and a stage uses only stages before it.
STAGE_IMPORTS = {
    "model": set(),
    "ingest": {"model"},
    "extract": {"model"},
    "store": {"model"},
    "link": {"model", "store"},
    "query": {"model", "store"},
    "analysis": {"model", "store"},
    "export": {"model", "store"},
}


def _kg_imports(path: Path) -> set[str]:
    """The kg packages a module imports, at the top or inside functions (``kg.store`` -> store)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n.split(".")[1] if n.count(".") else "" for n in names if n.split(".")[0] == "kg"}


def test_every_stage_folder_is_listed() -> None:
    folders = {p.name for p in (ROOT / "kg").iterdir() if (p / "__init__.py").exists()}
    assert folders == set(STAGE_IMPORTS)


@pytest.mark.parametrize("stage", sorted(STAGE_IMPORTS))
def test_a_stage_imports_only_earlier_stages(stage: str) -> None:
    allowed = STAGE_IMPORTS[stage] | {stage, "errors"}
    wrong = {
        f"{path.relative_to(ROOT)} imports kg.{name}"
        for path in (ROOT / "kg" / stage).rglob("*.py")
        for name in _kg_imports(path) - allowed
    }
    assert not wrong, sorted(wrong)


def test_the_cli_imports_only_the_api_and_the_errors() -> None:
    assert _kg_imports(ROOT / "kg" / "cli.py") <= {"", "api", "errors"}


def test_the_import_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from kg.api import x\n    import kg.store.base\n")
    assert _kg_imports(module) == {"api", "store"}
