"""``kg serve``: the embedded store as a SPARQL 1.1 endpoint, queried over real HTTP."""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

import kg
from tests.store.helpers import Missing, free_port, oxigraph_binary

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def _needs_oxigraph() -> None:
    try:
        oxigraph_binary()
    except Missing as exc:
        pytest.skip(str(exc))


@pytest.fixture
def built(tmp_path: Path, samples_path: Path) -> Path:
    path = tmp_path / "store"
    with kg.KnowledgeGraph(path) as graph:
        graph.build([samples_path])
    return path


def kg_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


@contextmanager
def kg_serve(store: Path, *flags: str) -> Iterator[str]:
    """Run ``kg serve`` in a subprocess; yields its base URL once it answers."""
    port = free_port()
    command = ["serve", "--store", str(store), "--port", str(port), *flags]
    with subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                assert process.poll() is None, process.communicate()[1]
                try:
                    if requests.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1).ok:
                        break
                except requests.RequestException:
                    time.sleep(0.05)
            yield base
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=30)
    with pytest.raises(requests.ConnectionError):  # the server went with it
        requests.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)


def test_serve_answers_the_ready_queries_like_the_embedded_store(built: Path) -> None:
    params = {q.name: {p.name: "Bima" for p in q.params} for q in kg.list_queries()}
    with kg.KnowledgeGraph(built, read_only=True) as graph:
        expected = {name: graph.query(name, **bound).rows for name, bound in params.items()}
    with kg_serve(built) as base:
        with kg.KnowledgeGraph(f"{base}/query") as remote:
            for name, rows in expected.items():
                assert remote.query(name, **params[name]).rows == rows, name
        # what a tool like YASGUI sends: a GET with the facts graph as the default graph
        response = requests.get(
            f"{base}/query",
            params={
                "query": "SELECT ?n WHERE { ?p a <https://w3id.org/kg-indonesia/ontology#Person> ;"
                " <http://www.w3.org/2000/01/rdf-schema#label> ?n }",
                "default-graph-uri": "https://w3id.org/kg-indonesia/id/graph/facts",
            },
            headers={"Accept": "text/csv"},
            timeout=10,
        )
        assert response.ok
        assert "Bima Arya Sugiarto" in response.text.splitlines()


def test_serve_is_read_only_and_keeps_writers_out(built: Path, samples_path: Path) -> None:
    with kg_serve(built) as base:
        refused = requests.post(f"{base}/update", data={"update": "DROP ALL"}, timeout=10)
        assert refused.status_code >= 400
        build = kg_cli("build", str(samples_path), "--store", str(built))
        assert build.returncode == 1
        assert f"served by `kg serve` at {base}/query" in build.stderr
        stats = kg_cli("stats", "--store", str(built), "--read-only")
        assert stats.returncode == 0, stats.stderr
        assert f"articles: {len(list(samples_path.glob('*.txt')))}" in stats.stdout


def test_serve_writable_accepts_updates_and_kg_remove(built: Path) -> None:
    with kg.KnowledgeGraph(built, read_only=True) as graph:
        articles = sorted(graph.iter_articles())
    with kg_serve(built, "--writable") as base:
        remote = ["--store", f"{base}/query", "--update-url", f"{base}/update"]
        removed = kg_cli("remove", articles[0], *remote)
        assert removed.returncode == 0, removed.stderr
        stats = kg_cli("stats", *remote)
        assert f"articles: {len(articles) - 1}" in stats.stdout
    with kg.KnowledgeGraph(built) as graph:  # the change reached the store on disk
        assert sorted(graph.iter_articles()) == articles[1:]


def test_serve_refuses_a_store_another_process_holds(built: Path) -> None:
    with kg.KnowledgeGraph(built):
        result = kg_cli("serve", "--store", str(built), "--port", "0")
    assert result.returncode == 1
    assert re.search(r"in use by another process.*stop it", result.stderr)


def test_serve_needs_a_store_directory(tmp_path: Path) -> None:
    missing = kg_cli("serve", "--store", str(tmp_path / "nothing"))
    assert missing.returncode == 1
    assert "kg build --store" in missing.stderr
    remote = kg_cli("serve", "--store", "http://127.0.0.1:9/query")
    assert remote.returncode == 1
    assert "embedded store directory" in remote.stderr


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead, waiting for its new parent to reap it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal")
def test_the_server_dies_with_kg_serve_even_by_kill_9(built: Path, samples_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(built), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        children: list[int] = []
        for _ in range(600):
            children = [int(c) for c in Path(f"/proc/{process.pid}/task/{process.pid}/children")
                        .read_text().split()]  # fmt: skip
            with contextlib.suppress(requests.RequestException):
                if children and requests.get(f"http://127.0.0.1:{port}/query",
                                             params={"query": "ASK {}"}, timeout=1).ok:  # fmt: skip
                    break
            time.sleep(0.05)
        (server,) = children
        process.kill()
        process.wait(timeout=10)
        for _ in range(100):
            if not _alive(server):
                break
            time.sleep(0.1)
        assert not _alive(server), "the oxigraph server outlived kg serve"
    finally:
        if process.poll() is None:
            process.kill()
    build = kg_cli("build", str(samples_path), "--store", str(built))
    assert build.returncode == 0, build.stderr  # the store is free: no server, no lock
