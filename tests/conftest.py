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


@pytest.fixture(scope="module")
def samples_graph() -> Iterator[kg.KnowledgeGraph]:
    """The four sample articles in memory, for tests that only read."""
    graph = kg.KnowledgeGraph("memory")
    graph.build([SAMPLES], workers=1)
    yield graph
    graph.close()


@pytest.fixture
def oxi_graph(tmp_path: Path) -> Iterator[kg.KnowledgeGraph]:
    graph = kg.KnowledgeGraph(tmp_path / "store")
    graph.build([SEED])
    yield graph
    graph.close()


# A small dated corpus from two outlets (written for the analysis and export tests).
ARTICLES = {
    "a1.txt": (
        "title: Surabaya dan Bogor jalin kerja sama\ndate: 2019-03-14\noutlet: ANTARA\n\n"
        "Surabaya (ANTARA) - Wali Kota Surabaya Eri Cahyadi menerima kunjungan Wali Kota Bogor "
        "Bima Arya Sugiarto di Balai Kota Surabaya, Kamis.\n"
    ),
    "a2.txt": (
        "title: Bogor bergabung dengan UCLG ASPAC\ndate: 2021-06\noutlet: Kompas\n\n"
        "Bogor (Kompas) - Pemerintah Kota Bogor bergabung dalam forum United Cities and Local "
        "Governments Asia Pasific (UCLG ASPAC).\n\n"
        "Wali Kota Bogor Bima Arya Sugiarto mengatakan keanggotaan itu membuka akses pendanaan.\n"
    ),
    "a3.txt": (
        "title: Gubernur Jawa Timur tinjau Surabaya\ndate: 2023\noutlet: ANTARA\n\n"
        "Surabaya (ANTARA) - Gubernur Jawa Timur Khofifah Indar Parawansa meninjau pasar di Kota "
        "Surabaya bersama Wali Kota Surabaya Eri Cahyadi.\n"
    ),
}


@pytest.fixture(scope="module")
def news_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def news_graph(news_dir: Path) -> Iterator[kg.KnowledgeGraph]:
    graph = kg.KnowledgeGraph("memory")
    report = graph.build([news_dir])
    assert report.failed == 0
    yield graph
    graph.close()
