"""``kg serve``: the embedded store as a SPARQL 1.1 endpoint, queried over real HTTP.

Every test runs the real command in a subprocess and talks to it over 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import requests

import kg
from kg.errors import StoreError
from kg.store.lock import LOCK_FILE, holder_of
from tests.store.helpers import Missing, free_port, oxigraph_binary

ROOT = Path(__file__).resolve().parents[2]
PERSON_QUERY = (
    "SELECT ?n WHERE { ?p a <https://w3id.org/kg-indonesia/ontology#Person> ;"
    " <http://www.w3.org/2000/01/rdf-schema#label> ?n }"
)


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
        graph.build([samples_path], workers=1)
    return path


def kg_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@dataclass
class Served:
    base: str
    process: subprocess.Popen[str]
    lines: list[str]

    @property
    def token(self) -> str:
        found = [re.search(r"write token: (\S+)", line) for line in self.lines]
        return next(m.group(1) for m in found if m)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@contextmanager
def kg_serve(store: Path, *flags: str) -> Iterator[Served]:
    """Run ``kg serve`` in a subprocess; yields once it has printed its start-up lines."""
    port = free_port()
    command = ["serve", "--store", str(store), "--port", str(port), *flags]
    with subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *command],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stderr is not None
        lines: list[str] = []
        try:
            while not any("kg query officials" in line for line in lines):
                line = process.stderr.readline()
                assert line, f"kg serve ended: {''.join(lines)}"
                lines.append(line)
            yield Served(f"http://127.0.0.1:{port}", process, lines)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            process.communicate(timeout=30)
    with pytest.raises(requests.ConnectionError):  # the server went with it
        requests.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"}, timeout=1)


def test_serve_answers_the_ready_queries_like_the_embedded_store(built: Path) -> None:
    params = {q.name: {p.name: "Bima" for p in q.params} for q in kg.list_queries()}
    with kg.KnowledgeGraph(built, read_only=True) as graph:
        expected = {name: graph.query(name, **bound).rows for name, bound in params.items()}
    with kg_serve(built) as served:
        with kg.KnowledgeGraph(f"{served.base}/query") as remote:
            for name, rows in expected.items():
                assert remote.query(name, **params[name]).rows == rows, name
        # what a tool like YASGUI sends: a GET with the facts graph as the default graph
        response = requests.get(
            f"{served.base}/query",
            params={
                "query": PERSON_QUERY,
                "default-graph-uri": "https://w3id.org/kg-indonesia/id/graph/facts",
            },
            headers={"Accept": "text/csv"},
            timeout=10,
        )
        assert response.ok
        assert "Bima Arya Sugiarto" in response.text.splitlines()


def test_a_client_that_names_no_graph_sees_the_data_and_the_query_page(built: Path) -> None:
    with kg_serve(built) as served:
        assert f"query page: {served.base}/" in "".join(served.lines)
        plain = requests.get(
            f"{served.base}/query",
            params={"query": PERSON_QUERY},
            headers={"Accept": "text/csv"},
            timeout=10,
        )
        assert plain.ok
        assert "Bima Arya Sugiarto" in plain.text.splitlines()
        page = requests.get(f"{served.base}/", timeout=10)
        assert page.ok
        assert "yasgui" in page.text.lower()


def test_cors_passes_through_only_when_asked(built: Path) -> None:
    preflight = {
        "Origin": "https://yasgui.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    with kg_serve(built) as served:
        answer = requests.options(f"{served.base}/query", headers=preflight, timeout=10)
        assert "Access-Control-Allow-Origin" not in answer.headers
    with kg_serve(built, "--cors") as served:
        answer = requests.options(f"{served.base}/query", headers=preflight, timeout=10)
        assert answer.headers.get("Access-Control-Allow-Origin") in ("*", preflight["Origin"])
        got = requests.get(
            f"{served.base}/query",
            params={"query": "ASK {}"},
            headers={"Origin": preflight["Origin"]},
            timeout=10,
        )
        assert "Access-Control-Allow-Origin" in got.headers


def test_serve_is_read_only_and_keeps_writers_out(built: Path, samples_path: Path) -> None:
    with kg_serve(built) as served:
        base = served.base
        refused = requests.post(f"{base}/update", data={"update": "DROP ALL"}, timeout=10)
        assert refused.status_code == 403
        assert "read-only" in refused.text
        build = kg_cli("build", str(samples_path), "--store", str(built))
        assert build.returncode == 1
        assert "served read-only by kg serve (pid" in build.stderr
        assert f"at {base}/query" in build.stderr
        stats = kg_cli("stats", "--store", str(built))
        assert stats.returncode == 0, stats.stderr
        assert f"articles: {len(list(samples_path.glob('*.txt')))}" in stats.stdout
        assert stats.stderr == f"kg: {built} is served by kg serve; reading through {base}/query\n"


def test_read_commands_go_through_the_server(built: Path) -> None:
    with kg_serve(built) as served:
        query = kg_cli("query", "officials", "--store", str(built), "-f", "csv")
        assert query.returncode == 0, query.stderr
        assert "Bima Arya Sugiarto" in query.stdout
        assert "reading through" in query.stderr
        analysis = kg_cli("analyze", "metrics", "--store", str(built), "--top", "3")
        assert analysis.returncode == 0, analysis.stderr
        assert "metrics not saved to the analysis graph" in analysis.stderr
        assert "Kota" in analysis.stdout
        save = kg_cli("analyze", "metrics", "--save", "--store", str(built))
        assert save.returncode == 1
        assert "served read-only" in save.stderr
        with kg.KnowledgeGraph(built, read_only=True) as graph:
            assert graph.store.note is not None
            assert graph.stats().articles == 4
        assert served.process.poll() is None


def test_writes_need_the_printed_token(built: Path) -> None:
    with kg.KnowledgeGraph(built, read_only=True) as graph:
        articles = sorted(graph.iter_articles())
    with kg_serve(built, "--writable") as served:
        base = served.base
        # a cross-site form post: a browser can send exactly this, but no Authorization header
        forged = requests.post(
            f"{base}/update",
            data={"update": "DROP ALL"},
            headers={"Origin": "https://evil.example"},
            timeout=10,
        )
        assert forged.status_code == 401
        also = requests.post(f"{base}/sparql", data={"update": "DROP ALL"}, timeout=10)
        assert also.status_code == 401
        wrong = requests.post(
            f"{base}/update",
            data={"update": "DROP ALL"},
            headers={"Authorization": "Bearer not-the-token"},
            timeout=10,
        )
        assert wrong.status_code == 401
        assert kg_cli("stats", "--store", str(built)).stdout.startswith(
            f"articles: {len(articles)}"
        )
        remote = ["--store", f"{base}/query", "--update-url", f"{base}/update"]
        without = kg_cli("remove", articles[0], *remote)
        assert without.returncode == 1
        assert "KG_SPARQL_TOKEN" in without.stderr
        removed = kg_cli("remove", articles[0], *remote, env={"KG_SPARQL_TOKEN": served.token})
        assert removed.returncode == 0, removed.stderr
        # kg itself writes through the server it finds holding the directory
        second = kg_cli("remove", articles[1], "--store", str(built))
        assert second.returncode == 0, second.stderr
        assert "reading and writing through" in second.stderr
        stats = kg_cli("stats", *remote)
        assert f"articles: {len(articles) - 2}" in stats.stdout
    with kg.KnowledgeGraph(built) as graph:  # the change reached the store on disk
        assert sorted(graph.iter_articles()) == articles[2:]


def _log_bytes(store: Path) -> int:
    """Bytes in RocksDB's write-ahead logs, which every read-only open replays."""
    return sum(f.stat().st_size for f in store.glob("*.log"))


def test_stopping_a_writable_server_leaves_no_log_to_replay(built: Path) -> None:
    # Oxigraph's server exits on SIGTERM without flushing: its writes stayed in the
    # write-ahead log, replayed by each read-only open after it (12 s on a 10k store)
    server = kg.api.serve(built, port=free_port(), writable=True)
    try:
        answer = requests.post(
            str(server.update_url),
            data={"update": "INSERT DATA { GRAPH <urn:kg:test> { <urn:a> <urn:b> 'c' } }"},
            headers={"Authorization": f"Bearer {server.token}"},
            timeout=30,
        )
        assert answer.status_code in (200, 204), answer.text
        assert _log_bytes(built) > 0  # the write went to the log
    finally:
        server.stop()
    assert _log_bytes(built) == 0
    with kg.KnowledgeGraph(built, read_only=True) as graph:
        assert graph.store.ask("ASK { GRAPH <urn:kg:test> { <urn:a> <urn:b> 'c' } }")


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str] = []  # noqa: RUF012

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def recorder() -> Iterator[str]:
    _Recorder.seen = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/private"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param("SERVICE", id="plain"),
        pytest.param("service", id="lower"),
        pytest.param("SERVI\\u0043E", id="escaped"),
    ],
)
def test_service_is_off_unless_allowed(built: Path, spelling: str) -> None:
    with recorder() as target, kg_serve(built) as served:
        query = f"SELECT * WHERE {{ {spelling} <{target}> {{ ?s ?p ?o }} }}"
        refused = requests.post(f"{served.base}/query", data={"query": query}, timeout=10)
        assert refused.status_code == 403
        assert "--allow-service" in refused.text
        body = requests.post(
            f"{served.base}/query",
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
            timeout=10,
        )
        assert body.status_code == 403
        assert _Recorder.seen == []


def test_allow_service_lets_the_server_fetch(built: Path) -> None:
    with recorder() as target, kg_serve(built, "--allow-service") as served:
        query = f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}"
        requests.post(f"{served.base}/query", data={"query": query}, timeout=30)
        assert _Recorder.seen  # the server did fetch the address


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _restarted_child(served: Served, old: int, seconds: float = 60) -> int:
    """The Oxigraph child that replaced ``old``, once it answers through the front: the
    restart kills ``old`` and starts another, which takes a moment under load."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        children = [c for c in _children(served.process.pid) if _alive(c)]
        if len(children) == 1 and children[0] != old:
            with contextlib.suppress(requests.RequestException):
                ask = requests.get(f"{served.base}/query", params={"query": "ASK {}"}, timeout=5)
                if ask.ok:
                    return children[0]
        time.sleep(0.1)
    raise AssertionError(f"no new SPARQL server replaced {old} in {seconds:.0f} s")


def test_a_query_past_the_timeout_is_stopped_and_others_go_on(built: Path) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with kg_serve(built, "--query-timeout", "2") as served:
        (first,) = _children(served.process.pid)
        started = time.monotonic()
        answer = requests.post(f"{served.base}/query", data={"query": heavy}, timeout=120)
        took = time.monotonic() - started
        assert answer.status_code == 503
        assert "--query-timeout" in answer.text
        assert took < 15
        # the core is free again: Oxigraph cannot stop a query, so the server was restarted
        server = _restarted_child(served, first)
        time.sleep(0.5)
        before = _cpu_ticks(server)
        time.sleep(2)
        assert _cpu_ticks(server) - before < 20  # under 10 % of a core
        # an abandoned query (the client gives up) is stopped the same way
        with pytest.raises(requests.Timeout):
            requests.post(f"{served.base}/query", data={"query": heavy}, timeout=0.5)
        server = _restarted_child(served, server)
        time.sleep(0.5)
        before = _cpu_ticks(server)
        time.sleep(2)
        assert _cpu_ticks(server) - before < 20
        # and the server answers the next query as before
        ok = requests.post(f"{served.base}/query", data={"query": PERSON_QUERY}, timeout=30)
        assert ok.ok
        assert "Bima Arya Sugiarto" in ok.text


def test_kill_9_of_kg_serve_takes_the_server_and_keeps_the_lock_until_then(
    built: Path, samples_path: Path
) -> None:
    with kg_serve(built, "--writable") as served:
        (server,) = _children(served.process.pid)
        assert _alive(server)
        os.kill(served.process.pid, signal.SIGKILL)
        served.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while True:
            with (built / LOCK_FILE).open() as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    free = True
                except OSError:
                    free = False
            alive = _alive(server)
            assert not (free and alive), "the lock was free while the server could still write"
            if free and not alive:
                break
            assert time.monotonic() < deadline, "the server outlived kg serve"
            time.sleep(0.05)
        build = kg_cli("build", str(samples_path), "--store", str(built))
        assert build.returncode == 0, build.stderr
        assert "4 unchanged" in build.stdout


def test_a_port_in_use_is_an_error_not_another_server(built: Path) -> None:
    class Impostor(BaseHTTPRequestHandler):  # answers every ASK with true
        def do_GET(self) -> None:
            data = b'{"head":{},"boolean":true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    impostor = HTTPServer(("127.0.0.1", 0), Impostor)
    port = impostor.server_address[1]
    thread = threading.Thread(target=impostor.serve_forever, daemon=True)
    thread.start()
    try:
        result = kg_cli("serve", "--store", str(built), "--port", str(port))
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1
        assert f"port {port} on 127.0.0.1 is in use" in result.stderr
        assert "--port" in result.stderr
        with pytest.raises(StoreError, match="in use"):
            kg.api.serve(built, port=port)
        assert holder_of(built) is None  # nothing left holding the store
    finally:
        impostor.shutdown()
        impostor.server_close()


def test_the_server_is_its_own_child_even_when_its_inner_port_is_taken(built: Path) -> None:
    from kg.store.front import BROWSER_BLOCKED_PORTS

    squatter = socket.socket()
    try:
        squatter.bind(("127.0.0.1", BROWSER_BLOCKED_PORTS[0]))
        squatter.listen(1)
    except OSError:
        pass  # taken already, by something else: the same case
    try:
        with kg.api.serve(built, port=0) as server:
            rows = kg.KnowledgeGraph(server.query_url).query("officials")
            assert any(str(r[0]) == "Bima Arya Sugiarto" for r in rows)
            assert server.process is not None
            assert server.process.poll() is None
    finally:
        squatter.close()


def test_serve_refuses_a_store_another_process_holds(built: Path) -> None:
    with kg.KnowledgeGraph(built):
        result = kg_cli("serve", "--store", str(built), "--port", "0")
    assert result.returncode == 1
    assert re.search(r"in use by a Python process.*wait for it", result.stderr)


def test_serve_needs_a_store_directory(tmp_path: Path) -> None:
    missing = kg_cli("serve", "--store", str(tmp_path / "nothing"))
    assert missing.returncode == 2
    assert "kg build SOURCES --store" in missing.stderr
    assert not (tmp_path / "nothing").exists()
    remote = kg_cli("serve", "--store", "http://127.0.0.1:9/query")
    assert remote.returncode == 1
    assert "embedded store directory" in remote.stderr


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
            children = [c for c in _children(process.pid) if _alive(c)]
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
