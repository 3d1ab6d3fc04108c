"""How commands open their store: only build and load create one; reads share it; a query-only
server is refused before the work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.store.lock import LOCK_FILE
from tests.store.helpers import Missing, oxigraph_server

ROOT = Path(__file__).resolve().parents[2]

READ_COMMANDS = [
    pytest.param(["query", "officials"], id="query"),
    pytest.param(["stats"], id="stats"),
    pytest.param(["export", "-f", "ttl", "-o", "out.ttl"], id="export"),
    pytest.param(["analyze", "metrics"], id="analyze"),
    pytest.param(["viz", "-o", "out.html"], id="viz"),
    pytest.param(["validate"], id="validate"),
    pytest.param(["entities", "list"], id="entities"),
    pytest.param(["serve", "--port", "0"], id="serve"),
    pytest.param(["remove", "https://example.org/a"], id="remove"),
]


def kg_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
        env=env,
    )


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_a_command_that_does_not_build_never_creates_a_store(
    tmp_path: Path, command: list[str]
) -> None:
    result = kg_cli(*command, "--store", "kg-dta", cwd=tmp_path)  # a typo of kg-data
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1
    assert "no store at kg-dta" in result.stderr
    assert "kg build SOURCES --store kg-dta" in result.stderr
    assert not (tmp_path / "kg-dta").exists()
    assert list(tmp_path.iterdir()) == []


def test_the_default_store_is_not_created_by_a_read(tmp_path: Path) -> None:
    env = {k: v for k, v in __import__("os").environ.items() if k != "KG_STORE"}
    result = kg_cli("query", "officials", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "no store at kg-data" in result.stderr
    assert not (tmp_path / "kg-data").exists()


def test_build_creates_the_store_and_refuses_a_folder_of_other_files(
    tmp_path: Path, seed_path: Path
) -> None:
    assert kg_cli("build", str(seed_path), "--store", str(tmp_path / "new")).returncode == 0
    assert kg_cli("stats", "--store", str(tmp_path / "new")).returncode == 0
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("x")
    refused = kg_cli("build", str(seed_path), "--store", str(tmp_path / "notes"))
    assert refused.returncode == 1
    assert "holds other files, not a kg store" in refused.stderr
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["todo.txt"]


def test_python_read_only_open_of_a_missing_store_raises(tmp_path: Path) -> None:
    with pytest.raises(kg.StoreNotFoundError, match="no store at"):
        kg.KnowledgeGraph(tmp_path / "none", read_only=True)
    with pytest.raises(kg.StoreNotFoundError):
        kg.KnowledgeGraph(tmp_path / "none", create=False)
    assert not (tmp_path / "none").exists()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, samples_path: Path) -> Path:
    path = tmp_path_factory.mktemp("access") / "store"
    with kg.KnowledgeGraph(path) as graph:
        graph.build([samples_path], workers=1)
    return path


def test_several_readers_read_one_store_at_once(built: Path) -> None:
    commands = [
        [sys.executable, "-m", "kg.cli", "query", "officials", "--store", str(built), "-f", "csv"]
        for _ in range(6)
    ]
    processes = [
        subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    assert [code for code, _, _ in results] == [0] * 6, [err for _, _, err in results]
    assert len({out for _, out, _ in results}) == 1
    assert "Bima Arya Sugiarto" in results[0][1]


def test_a_writer_waits_for_no_reader_and_names_who_reads(built: Path, seed_path: Path) -> None:
    with kg.KnowledgeGraph(built, read_only=True) as graph:
        assert graph.stats().articles >= 1
        result = kg_cli("build", str(seed_path), "--store", str(built))
    assert result.returncode == 1
    assert "open for reading by another process" in result.stderr
    assert (built / LOCK_FILE).exists()


def test_a_reader_names_the_writer_that_holds_the_store(built: Path) -> None:
    with kg.KnowledgeGraph(built, create=False):
        result = kg_cli("stats", "--store", str(built))
    assert result.returncode == 1
    assert "is in use by a Python process" in result.stderr


@pytest.fixture(scope="module")
def query_only(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real Oxigraph server, reached by its query endpoint only."""
    try:
        with oxigraph_server(tmp_path_factory.mktemp("query-only")) as server:
            yield server
    except Missing as exc:
        pytest.skip(str(exc))


def test_build_against_a_query_only_url_fails_before_reading(
    query_only,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    missing = tmp_path / "not-there.txt"  # reading it would report a failed input
    result = kg_cli("build", str(missing), "--store", query_only.query_url)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "--update-url" in result.stderr
    assert "not-there" not in result.stderr


def test_analyze_save_against_a_query_only_url_fails_before_the_work(query_only) -> None:  # type: ignore[no-untyped-def]
    saved = kg_cli("analyze", "metrics", "--save", "--store", query_only.query_url)
    assert saved.returncode == 1
    assert "--update-url" in saved.stderr
    assert saved.stdout == ""
    unsaid = kg_cli("analyze", "metrics", "--store", query_only.query_url)
    assert unsaid.returncode == 0, unsaid.stderr
    assert "metrics not saved to the analysis graph" in unsaid.stderr
    assert "--update-url" in unsaid.stderr
    given = kg_cli(
        "analyze", "metrics", "--store", query_only.query_url, "--update-url", query_only.update_url
    )
    assert given.returncode == 0
    assert "not saved" not in given.stderr
