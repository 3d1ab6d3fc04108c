"""Real SPARQL servers and generated articles for the store tests.

The servers are real: ``oxigraph serve`` (the ``oxigraph`` wheel of the dev extra) and
``virtuoso-t`` (Debian's ``virtuoso-opensource``), each on a free port of 127.0.0.1 with a
temporary database, polled over HTTP until ready (never with logins: Virtuoso bans an
address for 60 s after 4 failed ones) and stopped by process id. A missing binary raises
:class:`Missing`, so fixtures skip with the reason.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model.terms import FACTS_GRAPH, KG, KGR, RDF, RDFS
from kg.store import ArticleGraph, Store
from kg.store.base import ARTICLE_PREFIX
from kg.store.sparql import SparqlStore

VIRTUOSO_USER = "kg"
VIRTUOSO_PASSWORD = "kg-test-password"


class Missing(Exception):
    """A server binary is not installed."""


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: its endpoints and the credentials writes need."""

    query_url: str
    update_url: str
    graph_store_url: str | None
    user: str | None = None
    password: str | None = None
    auth: str = "basic"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_http(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {seconds} s: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def oxigraph_binary() -> str:
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        raise Missing(
            "the `oxigraph` binary is absent; install the dev extra (pip install oxigraph)"
        )
    return found


@contextmanager
def oxigraph_server(root: Path) -> Iterator[Server]:
    """``oxigraph serve`` on a fresh database directory."""
    binary = oxigraph_binary()
    port = free_port()
    log = root / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(root / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{base}/query?query=ASK%7B%7D", process, log, 30)
        yield Server(f"{base}/query", f"{base}/update", f"{base}/store")
    finally:
        _stop(process)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile={db}/virtuoso.db
ErrorLogFile={db}/virtuoso.log
LockFile={db}/virtuoso.lck
TransactionFile={db}/virtuoso.trx
xa_persistent_file={db}/virtuoso.pxa
ErrorLogLevel=7
FileExtend=200
MaxCheckpointRemap=2000
Striping=0
TempStorage=TempDatabase
[TempDatabase]
DatabaseFile={db}/virtuoso-temp.db
TransactionFile={db}/virtuoso-temp.trx
MaxCheckpointRemap=2000
Striping=0
[Parameters]
ServerPort=127.0.0.1:{sql_port}
DisableUnixSocket=1
ServerThreads=10
CheckpointInterval=60
NumberOfBuffers=40000
MaxDirtyBuffers=30000
DirsAllowed=., {db}
[HTTPServer]
ServerPort=127.0.0.1:{http_port}
ServerRoot=/var/lib/virtuoso-opensource-7/vsp
ServerThreads=10
MaxKeepAlives=10
KeepAliveTimeout=10
[SPARQL]
ResultSetMaxRows={max_rows}
MaxSortedTopRows=1000000
MaxQueryCostEstimationTime=400
MaxQueryExecutionTime=120
DefaultQuery=ASK {{}}
"""


def _isql(sql_port: int, password: str, statement: str) -> None:
    # Only ever called with the password the fresh database was created with: a failed login
    # would count towards Virtuoso's 4-failures ban of 127.0.0.1.
    result = subprocess.run(
        ["isql-vt", f"127.0.0.1:{sql_port}", "dba", password, f"exec={statement}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0 or "Error" in result.stdout + result.stderr:
        raise RuntimeError(f"isql failed: {result.stdout[-1000:]} {result.stderr[-1000:]}")


@contextmanager
def virtuoso_server(root: Path, max_rows: int = 1_000_000) -> Iterator[Server]:
    """``virtuoso-t`` with a fresh database, both ports on 127.0.0.1, a user for writes, and
    results cut at ``max_rows`` (Debian's ini says 10,000)."""
    binary = shutil.which("virtuoso-t")
    if binary is None or shutil.which("isql-vt") is None:
        raise Missing(
            "Virtuoso is not installed (virtuoso-t / isql-vt); "
            "`apt-get install virtuoso-opensource` (.ci/run does it)"
        )
    db = root / "virtuoso"
    db.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(
        _VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port, max_rows=max_rows)
    )
    log = root / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=db,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_http(f"{base}/sparql?query=ASK%7B%7D", process, log, 120)
        _isql(
            sql_port,
            "dba",
            f"DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}'); "
            f'GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}"; '
            f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{VIRTUOSO_USER}', 15);",
        )
        yield Server(
            f"{base}/sparql",
            f"{base}/sparql-auth",
            f"{base}/sparql-graph-crud-auth",
            user=VIRTUOSO_USER,
            password=VIRTUOSO_PASSWORD,
            auth="digest",
        )
    finally:
        _stop(process)


def remote_store(server: Server) -> SparqlStore:
    """kg's client on a test server, with the server's credentials."""
    auth: requests.auth.AuthBase | None = None
    if server.user and server.password:
        auth = requests.auth.HTTPDigestAuth(server.user, server.password)
    return SparqlStore(
        server.query_url, server.update_url, graph_store_url=server.graph_store_url, auth=auth
    )


def clear(store: Store) -> None:
    """Drop every graph of kg's (the servers also hold their own system graphs)."""
    rows = store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{KGR}")) }}'
    )
    graphs = [g for (g,) in rows if g is not None] + [FACTS_GRAPH]
    for start in range(0, len(graphs), 200):
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[start : start + 200]))


# -- generated article files ------------------------------------------------------------
CITIES = ("Bandung", "Surabaya", "Bogor", "Depok", "Medan", "Makassar", "Semarang", "Malang")
PEOPLE = ("Yana Mulyana", "Eri Cahyadi", "Dedie Rachim", "Supian Suri", "Bobby Nasution")
REPORTERS = ("Laily Rahmawaty", "Riza Harahap", "Dewanto Samodro")
FORUMS = ("APEKSI", "UCLG ASPAC")


def article_text(i: int) -> str:
    """The i-th generated news article: mayors, governors, forums and a quote; people and
    cities recur across articles, so articles share entities and facts."""
    # each person is the mayor of one city (a person named as mayor of two unrelated cities
    # is two people to cross-article resolution, kg.link.resolve)
    city, other = CITIES[i % len(PEOPLE)], CITIES[(i + 3) % len(CITIES)]
    person = PEOPLE[i % len(PEOPLE)]
    return (
        f"title: {person} hadiri pertemuan {FORUMS[i % 2]}\n"
        f"url: https://contoh.example/berita/{i}\n"
        f"date: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n"
        f"{city} (ANTARA) - Wali Kota {city} {person} menghadiri pertemuan {FORUMS[i % 2]} "
        f"di {other}, Kamis ({i}).\n\n"
        f"Dalam kesempatan itu, Pemerintah Kota {city} menandatangani nota kesepahaman "
        f"dengan Pemerintah Kota {other}.\n\n"
        f'"Kami siap bekerja sama dengan semua daerah, termasuk program nomor {i}," '
        f"kata {person.split()[0]}.\n\n"
        f"Pewarta: {REPORTERS[i % len(REPORTERS)]}\nEditor : Naryo\n"
    )


def write_article_files(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    """Write ``count`` generated articles as text files; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"berita-{i:04d}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def synthetic_article(i: int, version: int) -> ArticleGraph:
    """Article ``i`` at ``version``: ~40 triples, some shared with other articles (a person
    mentioned by every 50th article), the rest its own and changing with the version."""
    iri = URIRef(f"{ARTICLE_PREFIX}s{i}")
    person = URIRef(f"{KGR}person/p{i % 50}")
    digest = f"{i}-{version}"
    triples: list[tuple[Node, Node, Node]] = [
        (iri, RDF.type, KG.NewsArticle),
        (iri, KG.contentHash, Literal(digest)),
        (iri, KG.mentions, person),
        (person, RDF.type, KG.Person),
        (person, RDFS.label, Literal(f"Orang {i % 50}")),
    ]
    for j in range(35):
        node = URIRef(f"{KGR}statement/s{i}-{j}")
        triples.append((node, RDFS.label, Literal(f"fakta {j} versi {version}")))
    return ArticleGraph(iri, tuple(triples), digest)
