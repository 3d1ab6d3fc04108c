"""The mypyc-compiled extraction modules: used only while they match their sources, and they
extract exactly what the pure-Python modules extract."""

from __future__ import annotations

import doctest
import hashlib
import importlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract import compiled_folder
from kg.extract.pipeline import extract_article
from kg.model.records import Article

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
WITH_DOCTESTS = sorted(
    p.stem for p in (ROOT / "kg" / "extract").glob("*.py") if ">>>" in p.read_text(encoding="utf-8")
)

_PURE = """
import importlib, sys
from pathlib import Path
from kg.extract.pipeline import extract_article
from kg.model.records import Article
print(importlib.import_module("kg.extract").COMPILED)
for name in sys.argv[1:]:
    print(repr(extract_article(Article(Path(name).read_text(encoding="utf-8")))))
"""


def _package(tmp_path: Path, built_from: bytes) -> Path:
    """A package folder with ``a.py`` and a ``_compiled/`` built from ``built_from``."""
    (tmp_path / "a.py").write_text("X = 1\n")
    (tmp_path / "_compiled").mkdir()
    digest = hashlib.sha256(built_from).hexdigest()
    (tmp_path / "_compiled" / "manifest.json").write_text(json.dumps({"sources": {"a.py": digest}}))
    return tmp_path


def test_compiled_folder_is_used_when_it_matches_the_sources(tmp_path: Path) -> None:
    package = _package(tmp_path, b"X = 1\n")
    assert compiled_folder(package) == package / "_compiled"


def test_compiled_folder_is_ignored_when_a_source_changed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    package = _package(tmp_path, b"X = 0\n")
    with caplog.at_level(logging.WARNING, logger="kg.extract"):
        assert compiled_folder(package) is None
    assert "a.py changed since they were built" in caplog.text
    assert "make compile" in caplog.text


def test_compiled_folder_is_ignored_when_absent_or_unreadable(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert compiled_folder(tmp_path) is None
    (tmp_path / "_compiled").mkdir()
    (tmp_path / "_compiled" / "manifest.json").write_text("{not json")
    with caplog.at_level(logging.WARNING, logger="kg.extract"):
        assert compiled_folder(tmp_path) is None
    assert "unreadable manifest" in caplog.text


@pytest.mark.slow
def test_compiled_modules_extract_what_pure_python_extracts() -> None:
    if not importlib.import_module("kg.extract").COMPILED:
        pytest.skip(
            "kg/extract is not compiled in this install "
            "(see docs/language-and-speed.md, Compiled extraction)"
        )
    assert importlib.import_module("kg.extract.ner").__file__.endswith(
        tuple(importlib.machinery.EXTENSION_SUFFIXES)
    )
    compiled = [repr(extract_article(Article(p.read_text(encoding="utf-8")))) for p in SAMPLES]
    pure = subprocess.run(
        [sys.executable, "-c", _PURE, *map(str, SAMPLES)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "KG_PURE_PYTHON": "1"},
    ).stdout.splitlines()
    assert pure[0] == "False"
    assert pure[1:] == compiled


@pytest.mark.parametrize("name", WITH_DOCTESTS)
def test_doctests_of_compiled_modules_pass_on_their_sources(name: str) -> None:
    # mypyc drops docstrings, so pytest's --doctest-modules finds none in a compiled module:
    # run them on the module's source instead (in pure Python pytest collects them itself)
    if not importlib.import_module("kg.extract").COMPILED:
        pytest.skip("kg/extract runs as pure Python: --doctest-modules runs these doctests")
    module_name = f"_kg_extract_source_{name}"
    spec = importlib.util.spec_from_file_location(
        module_name, ROOT / "kg" / "extract" / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        for test in doctest.DocTestFinder().find(module):
            runner.run(test)
    finally:
        del sys.modules[module_name]
    results = runner.summarize(verbose=False)
    assert results.attempted > 0
    assert results.failed == 0
