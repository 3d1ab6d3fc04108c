"""Shared fixtures: the seed article and graphs built from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SEED = SAMPLES / "antara-bogor-uclg-aspac.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def samples_path() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_extraction(seed_text: str) -> kg.Extraction:
    return kg.extract(seed_text, source=str(SEED.relative_to(ROOT)))


@pytest.fixture
def seed_graph() -> Iterator[kg.KnowledgeGraph]:
    graph = kg.KnowledgeGraph("memory")
    graph.build([SEED])
    yield graph
    graph.close()


@pytest.fixture
def oxi_graph(tmp_path: Path) -> Iterator[kg.KnowledgeGraph]:
    graph = kg.KnowledgeGraph(tmp_path / "store")
    graph.build([SEED])
    yield graph
    graph.close()
