"""Project-level checks: the public API is complete, the wheel works, the shapes bite."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import subprocess
import sys
import venv
import zipfile
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
    graph = seed_graph.facts_graph()
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
    wheel = next(dist.glob("kg_indonesia-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        assert "Name: kg-indonesia\n" in archive.read(metadata).decode()
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names[-10:]
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
    graph = seed_graph.facts_graph()
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


def _imported_modules(path: Path) -> set[str]:
    """The modules a module imports, at the top, inside functions or for type checking only;
    ``from kg import errors`` imports ``kg.errors``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "kg":
                names.update(f"kg.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
    return names


def _kg_imports(path: Path) -> set[str]:
    """The kg packages a module imports, at the top or inside functions (``kg.store`` -> store)."""
    names = _imported_modules(path)
    return {n.split(".")[1] if n.count(".") else "" for n in names if n.split(".")[0] == "kg"}


def test_every_stage_folder_is_listed() -> None:
    folders = {p.name for p in (ROOT / "kg").iterdir() if (p / "__init__.py").exists()}
    assert folders == set(STAGE_IMPORTS) | {"api", "cli"}


@pytest.mark.parametrize("stage", sorted(STAGE_IMPORTS))
def test_a_stage_imports_only_earlier_stages(stage: str) -> None:
    allowed = STAGE_IMPORTS[stage] | {stage, "errors", "_lazy"}
    wrong = {
        f"{path.relative_to(ROOT)} imports kg.{name}"
        for path in (ROOT / "kg" / stage).rglob("*.py")
        for name in _kg_imports(path) - allowed
    }
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize(
    "module", sorted(p.name for p in (ROOT / "kg" / "cli").glob("*.py")), ids=str
)
def test_the_cli_imports_only_the_api_and_the_errors(module: str) -> None:
    assert _kg_imports(ROOT / "kg" / "cli" / module) <= {"api", "errors", "cli"}


def test_the_import_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "def f():\n    from kg.api import x\n    import kg.store.base\n    from kg import model\n"
    )
    assert _kg_imports(module) == {"api", "store", "model"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """kg's modules and the kg modules each imports (anywhere in it: top, functions, typing)."""
    paths = {_module_name(p): p for p in (ROOT / "kg").rglob("*.py") if "_compiled" not in p.parts}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets = set()
        for imported in _imported_modules(path):
            # ``from kg.store import Rows`` imports kg.store; ``from kg import api``, kg.api
            target = imported
            while target and target not in paths:
                target = target.rpartition(".")[0]
            # a package's __init__ re-exporting its own modules runs first: no circle
            if target and target != name and not target.startswith(name + "."):
                targets.add(target)
        graph[name] = targets
    return graph


def test_no_module_of_kg_imports_itself_through_others() -> None:
    import networkx as nx

    G = nx.DiGraph([(a, b) for a, targets in _import_graph().items() for b in targets])
    cycles = sorted(" -> ".join([*c, c[0]]) for c in nx.simple_cycles(G))
    assert not cycles, cycles


LAZY_PACKAGES = ["kg", "kg.analysis", "kg.api", "kg.export", "kg.ingest"]


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_a_lazy_package_exports_what_it_imports_for_type_checkers(package: str) -> None:
    from kg._lazy import typing_imports

    path = ROOT / Path(*package.split(".")) / "__init__.py"
    module = importlib.import_module(package)
    exported = set(typing_imports(path.read_text(encoding="utf-8")))
    assert exported | ({"__version__"} if package == "kg" else set()) == set(module.__all__)
    for name in module.__all__:
        assert getattr(module, name) is not None, f"{package}.{name}"


def test_kg_extract_is_the_package_and_calling_it_extracts_a_text() -> None:
    code = (
        "import kg, kg.extract; print(kg.extract.COMPILED in (True, False)); "
        "ex = kg.extract('Wali Kota Bogor Bima Arya Sugiarto menerima tamu di Bogor.'); "
        "print([r.predicate for r in ex.relations])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "['mayorOf']"]


@pytest.mark.parametrize(
    ("pattern", "home"),
    [
        pytest.param(r"PREFIX [\w{}]+: <", "kg/model/terms.py", id="prefix-block"),
        pytest.param(r"""rsplit\(["'][#/]["']""", "kg/model/terms.py", id="local-name"),
    ],
)
def test_one_prefix_block_and_one_local_name_helper(pattern: str, home: str) -> None:
    import re

    places = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "kg").rglob("*.py")
        if "_compiled" not in path.parts and re.search(pattern, path.read_text(encoding="utf-8"))
    ]
    assert places == [home]
