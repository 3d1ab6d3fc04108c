"""Remote stores from the command line and the environment: endpoints, credentials, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from kg.errors import QueryError, StoreError
from kg.model.terms import KGR
from kg.store import open_store
from kg.store.auth import auth_for, credentials_for
from kg.store.sparql import SparqlStore
from tests.store.helpers import (
    Missing,
    Server,
    clear,
    free_port,
    remote_store,
    virtuoso_server,
    write_article_files,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["oxigraph-server", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    fixture = {"oxigraph-server": "oxigraph_server_info", "virtuoso": "virtuoso_server_info"}
    info: Server = request.getfixturevalue(fixture[request.param])
    with remote_store(info) as store:
        clear(store)
    return info


def kg_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        check=False,
        timeout=300,
    )


def test_build_query_remove_on_a_server_from_the_command_line(
    server: Server, tmp_path: Path
) -> None:
    write_article_files(tmp_path / "articles", 4)
    endpoints = ["--store", server.query_url, "--update-url", server.update_url]
    if server.graph_store_url:
        endpoints += ["--graph-store-url", server.graph_store_url]
    env = {"HOME": str(tmp_path)}  # no ~/.netrc of the user's
    if server.user and server.password:
        env |= {"KG_SPARQL_USER": server.user, "KG_SPARQL_PASSWORD": server.password}
    built = kg_cli("build", str(tmp_path / "articles"), *endpoints, env=env)
    assert built.returncode == 0, built.stderr
    assert "4 new" in built.stdout
    again = kg_cli("build", str(tmp_path / "articles"), *endpoints, env=env)
    assert "0 new, 0 changed, 4 unchanged" in again.stdout
    officials = kg_cli("query", "officials", "-f", "csv", "--store", server.query_url, env=env)
    assert "Yana Mulyana,mayorOf,Kota Bandung" in officials.stdout, officials.stderr
    removed = kg_cli("remove", "https://contoh.example/berita/0", *endpoints, env=env)
    assert removed.returncode == 0, removed.stderr
    stats = kg_cli("stats", "--store", server.query_url, env=env)
    assert "articles: 3" in stats.stdout
    if server.password:
        for result in (built, again, officials, removed, stats):
            assert server.password not in result.stdout + result.stderr


def test_credentials_come_from_the_environment_or_netrc(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("KG_SPARQL_USER", raising=False)
    monkeypatch.delenv("KG_SPARQL_PASSWORD", raising=False)
    assert credentials_for("http://127.0.0.1:8890/sparql") is None
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login kg password from-netrc\n")
    netrc.chmod(0o600)
    assert credentials_for("http://127.0.0.1:8890/sparql") == ("kg", "from-netrc")
    assert credentials_for("http://example.invalid/sparql") is None
    monkeypatch.setenv("KG_SPARQL_USER", "env-user")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "from-env")
    assert credentials_for("http://127.0.0.1:8890/sparql") == ("env-user", "from-env")
    monkeypatch.setenv("KG_SPARQL_AUTH", "digest")
    assert isinstance(auth_for("http://127.0.0.1/sparql"), requests.auth.HTTPDigestAuth)
    monkeypatch.setenv("KG_SPARQL_AUTH", "kerberos")
    with pytest.raises(StoreError, match="basic, digest"):
        auth_for("http://127.0.0.1/sparql")


def test_virtuoso_writes_need_credentials_and_get_digest_from_netrc(
    virtuoso_server_info: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    info = virtuoso_server_info
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("KG_SPARQL_USER", "KG_SPARQL_PASSWORD", "KG_SPARQL_AUTH"):
        monkeypatch.delenv(name, raising=False)
    # no credentials at all (not a failed login, so no risk of Virtuoso's 60 s ban)
    anonymous = open_store(info.query_url, update_url=info.update_url)
    with anonymous, pytest.raises(StoreError, match="KG_SPARQL_USER"):
        anonymous.update("INSERT DATA { GRAPH <https://w3id.org/kg-indonesia/id/x> { } }")
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login {info.user} password {info.password}\n")
    netrc.chmod(0o600)
    with open_store(info.query_url, update_url=info.update_url) as store:
        assert isinstance(store, SparqlStore)
        clear(store)  # an authenticated write: Digest was chosen for Virtuoso
        assert store.dialect.name == "virtuoso"


def test_errors_never_show_credentials(tmp_path: Path) -> None:
    url = f"http://kg:s3cret-pass@127.0.0.1:{free_port()}/query"
    store = SparqlStore(url, dialect="generic", timeout=2)
    with pytest.raises(StoreError) as caught:
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert "s3cret-pass" not in str(caught.value)
    assert store.name == url.replace("kg:s3cret-pass@", "")


@pytest.mark.slow
def test_a_result_virtuoso_cuts_short_is_an_error_not_short_data(tmp_path: Path) -> None:
    try:
        with virtuoso_server(tmp_path, max_rows=20) as info, remote_store(info) as store:
            triples = " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(30))
            store.update(f"INSERT DATA {{ GRAPH <{KGR}test> {{ {triples} }} }}")
            query = f"SELECT ?s WHERE {{ GRAPH <{KGR}test> {{ ?s ?p ?o }} }}"
            with pytest.raises(QueryError, match="ResultSetMaxRows"):
                store.select(query)
            assert len(store.select(query + " LIMIT 10")) == 10
    except Missing as exc:
        pytest.skip(str(exc))
