"""kg link --wikidata against a real HTTP server on 127.0.0.1 that replays API responses.

The responses are hand-written in the Wikidata API's format (see fixtures/README.md); no test
touches the network.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

import kg
from kg.api import WikidataSettings
from kg.cli import cli
from kg.errors import LinkError
from kg.link.wikidata import Candidate, compatible
from kg.model.iri import name_key
from kg.model.terms import KG, LINKS_GRAPH, OWL, SKOS, WD, EntityType
from tests.store.helpers import Missing, free_port, oxigraph_binary

FIXTURES = Path(__file__).parent / "fixtures"
BIMA = URIRef("https://w3id.org/kg-indonesia/id/person/bima-arya-sugiarto")
BOGOR = URIRef("https://w3id.org/kg-indonesia/id/place/kemendagri/32.71")


class Replay(ThreadingHTTPServer):
    """Answers from the fixtures; ``failures`` are HTTP statuses sent first, one per request."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.failures: list[int] = []
        self.log: list[dict[str, str]] = []
        self.agents: list[str] = []
        self.items = json.loads((FIXTURES / "entities.json").read_text(encoding="utf-8"))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/w/api.php"

    def searches(self) -> list[tuple[str, str]]:
        return [(q["language"], q["search"]) for q in self.log if q["action"] == "wbsearchentities"]


class _Handler(BaseHTTPRequestHandler):
    server: Replay

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        self.server.log.append(query)
        self.server.agents.append(self.headers.get("User-Agent", ""))
        if self.server.failures:
            self.send_response(self.server.failures.pop(0))
            self.send_header("Retry-After", "0")
            self.end_headers()
            return
        self._json(self._answer(query))

    def _answer(self, query: dict[str, str]) -> object:
        if query.get("action") == "wbsearchentities":
            slug = name_key(query["search"]).replace(" ", "-")
            path = FIXTURES / f"search-{query['language']}-{slug}.json"
            if path.is_file():
                return json.loads(path.read_text(encoding="utf-8"))
            return {"searchinfo": {"search": query["search"]}, "search": [], "success": 1}
        ids = query.get("ids", "").split("|")
        items = self.server.items["entities"]
        return {"entities": {q: items[q] for q in ids if q in items}, "success": 1}

    def _json(self, data: object) -> None:
        body = json.dumps(data).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def replay() -> Iterator[Replay]:
    server = Replay()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def graph(seed_path: Path) -> Iterator[kg.KnowledgeGraph]:
    graph = kg.KnowledgeGraph("memory")
    graph.build([seed_path], workers=1)
    yield graph
    graph.close()


FAST = WikidataSettings(retries=2, backoff=0.0, timeout=5.0)


def _links(graph: kg.KnowledgeGraph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o, g in graph.store.quads() if g == LINKS_GRAPH}


def test_unique_compatible_candidate_gives_same_as(
    graph: kg.KnowledgeGraph, replay: Replay
) -> None:
    report = graph.link_wikidata(endpoint=replay.url, types=["person"], settings=FAST)
    links = _links(graph)
    # the street named after him is a candidate too, but not a human
    assert (str(BIMA), str(OWL.sameAs), str(WD.Q900000001)) in links
    assert not any(o == str(WD.Q900000002) for _, _, o in links)
    assert report.count("linked") == 1
    confidence = graph.query(
        f"SELECT ?c WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s <{KG.confidence}> ?c }} }}"
    )
    assert [float(str(row[0])) for row in confidence] == [0.9]


def test_several_compatible_candidates_give_close_match_only(
    graph: kg.KnowledgeGraph, replay: Replay
) -> None:
    report = graph.link_wikidata(endpoint=replay.url, types=["place"], settings=FAST)
    links = _links(graph)
    assert (str(BOGOR), str(SKOS.closeMatch), str(WD.Q900000011)) in links
    assert (str(BOGOR), str(SKOS.closeMatch), str(WD.Q900000012)) in links
    assert not any(s == str(BOGOR) and p == str(OWL.sameAs) for s, p, _ in links)
    assert report.count("ambiguous") == 1


def test_no_candidate_writes_nothing_after_trying_both_languages(
    graph: kg.KnowledgeGraph, replay: Replay
) -> None:
    report = graph.link_wikidata(endpoint=replay.url, types=["person"], settings=FAST)
    assert ("id", "Naryo") in replay.searches()
    assert ("en", "Naryo") in replay.searches()
    naryo = "https://w3id.org/kg-indonesia/id/person/naryo"
    assert not any(naryo in (s, o) for s, _, o in _links(graph))
    assert report.count("unmatched") == len(report.results) - 1


def test_entities_linked_by_the_shipped_table_are_not_searched(
    graph: kg.KnowledgeGraph, replay: Replay
) -> None:
    graph.link_wikidata(endpoint=replay.url, types=["place"], settings=FAST)
    searched = {label for _, label in replay.searches()}
    assert "Kota Bogor" in searched
    assert not searched & {"Indonesia", "Filipina"}  # owl:sameAs Q252 and Q928 at build time


def test_second_run_tries_only_unlinked_entities(graph: kg.KnowledgeGraph, replay: Replay) -> None:
    graph.link_wikidata(endpoint=replay.url, types=["person"], settings=FAST)
    replay.log.clear()
    graph.link_wikidata(endpoint=replay.url, types=["person"], settings=FAST)
    assert ("id", "Bima Arya Sugiarto") not in replay.searches()


def test_rate_limited_request_is_retried(graph: kg.KnowledgeGraph, replay: Replay) -> None:
    replay.failures = [429, 503]
    report = graph.link_wikidata(endpoint=replay.url, types=["person"], settings=FAST)
    assert report.count("linked") == 1
    assert replay.log[0] == replay.log[1] == replay.log[2]  # the same request, three times
    assert replay.log[3] != replay.log[2]
    assert report.requests == len(replay.log)


def test_requests_name_kg_in_the_user_agent(graph: kg.KnowledgeGraph, replay: Replay) -> None:
    graph.link_wikidata(endpoint=replay.url, types=["person"], limit=1, settings=FAST)
    assert replay.agents
    assert all(agent.startswith("kg/") for agent in replay.agents)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_endpoint_is_one_clear_error(graph: kg.KnowledgeGraph) -> None:
    endpoint = f"http://127.0.0.1:{_closed_port()}/w/api.php"
    with pytest.raises(LinkError) as info:
        graph.link_wikidata(endpoint=endpoint, settings=FAST)
    message = str(info.value)
    assert endpoint in message
    assert "unreachable" in message
    assert "\n" not in message


def test_persistent_server_errors_give_up(graph: kg.KnowledgeGraph, replay: Replay) -> None:
    replay.failures = [500] * 10
    with pytest.raises(LinkError, match="HTTP 500 after 3 attempts"):
        graph.link_wikidata(endpoint=replay.url, types=["person"], settings=FAST)
    assert len(replay.log) == 3


def test_links_survive_in_an_embedded_store(
    tmp_path: Path, seed_path: Path, replay: Replay
) -> None:
    with kg.KnowledgeGraph(tmp_path / "store") as graph:
        graph.build([seed_path], workers=1)
        graph.link_wikidata(endpoint=replay.url, types=["person"], settings=FAST)
    with kg.KnowledgeGraph(tmp_path / "store", read_only=True) as graph:
        assert (str(BIMA), str(OWL.sameAs), str(WD.Q900000001)) in _links(graph)
        out = graph.export(tmp_path / "all.nq")
    ds = Dataset()
    ds.parse(out, format="nquads")
    assert (BIMA, OWL.sameAs, WD.Q900000001, ds.graph(LINKS_GRAPH)) in ds


def test_cli_link_prints_links_and_summary(tmp_path: Path, seed_path: Path, replay: Replay) -> None:
    store = str(tmp_path / "store")
    with kg.KnowledgeGraph(store) as graph:
        graph.build([seed_path], workers=1)
    args = ["link", "--wikidata", "--store", store, "--endpoint", replay.url, "--types", "person"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "sameAs      Bima Arya Sugiarto -> Q900000001" in result.output
    assert "1 linked (owl:sameAs)" in result.output


def test_cli_link_unreachable_exits_1_with_one_line(tmp_path: Path, seed_path: Path) -> None:
    store = str(tmp_path / "store")
    with kg.KnowledgeGraph(store) as graph:
        graph.build([seed_path], workers=1)
    endpoint = f"http://127.0.0.1:{_closed_port()}/w/api.php"
    args = ["link", "--wikidata", "--store", store, "--endpoint", endpoint, "--retries", "0"]
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"kg: error: Wikidata API {endpoint} unreachable")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_link_without_a_service_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["link", "--store", "memory"])
    assert result.exit_code == 2
    assert "--wikidata" in result.output


@pytest.mark.parametrize(
    ("classes", "properties", "kind", "expected"),
    [
        pytest.param({"Q5"}, set(), EntityType.PERSON, True, id="human-person"),
        pytest.param({"Q515"}, {"P625"}, EntityType.PERSON, False, id="city-not-person"),
        pytest.param({"Q515"}, {"P625"}, EntityType.PLACE, True, id="located-place"),
        pytest.param({"Q5"}, {"P625"}, EntityType.PLACE, False, id="human-not-place"),
        pytest.param({"Q43229"}, {"P625"}, EntityType.PLACE, False, id="org-not-place"),
        pytest.param({"Q327333"}, set(), EntityType.ORGANIZATION, True, id="agency-org"),
        pytest.param({"Q1"}, {"P159"}, EntityType.ORGANIZATION, True, id="headquartered-org"),
        pytest.param({"Q515"}, {"P625"}, EntityType.ORGANIZATION, False, id="city-not-org"),
    ],
)
def test_type_check(
    classes: set[str], properties: set[str], kind: EntityType, expected: bool
) -> None:
    candidate = Candidate("Q1", "x", classes=frozenset(classes), properties=frozenset(properties))
    assert compatible(candidate, kind) is expected


def test_links_on_a_sparql_server_store(tmp_path: Path, seed_path: Path, replay: Replay) -> None:
    try:
        oxigraph_binary()
    except Missing as exc:
        pytest.skip(str(exc))
    path = tmp_path / "store"
    with kg.KnowledgeGraph(path) as graph:
        graph.build([seed_path], workers=1)
    server = kg.api.serve(path, port=free_port(), writable=True)
    try:
        with kg.KnowledgeGraph(path) as graph:  # kg writes through the server, with its token
            assert graph.store.note is not None
            report = graph.link_wikidata(endpoint=replay.url, settings=FAST)
            assert report.count("linked") == 1
            assert (str(BIMA), str(OWL.sameAs), str(WD.Q900000001)) in _links(graph)
            searched = {label for _, label in replay.searches()}
            assert "Indonesia" not in searched  # the facts graph's table links were read
            replay.log.clear()
            again = graph.link_wikidata(endpoint=replay.url, settings=FAST)
            assert not any(r.label == "Bima Arya Sugiarto" for r in again.results)
    finally:
        server.stop()
