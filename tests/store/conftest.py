"""Every store backend as a fixture: memory, embedded Oxigraph, Oxigraph server, Virtuoso.

The servers (``tests/store/helpers.py``) start once per session (Virtuoso takes ~10 s) and
each test gets them with kg's graphs dropped. A backend whose binary is absent is skipped with
the reason; CI installs both (``.ci/run``), so CI runs every backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from kg.store import Store, open_store
from tests.store.helpers import (
    Missing,
    Server,
    clear,
    oxigraph_server,
    remote_store,
    virtuoso_server,
)

# -- fixtures ---------------------------------------------------------------------------
BACKENDS = ["memory", "oxigraph", "oxigraph-server", "virtuoso"]


def _start(
    root: Path, factory: Callable[[Path], AbstractContextManager[Server]]
) -> Iterator[Server]:
    try:
        with factory(root) as server:
            yield server
    except Missing as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def oxigraph_server_info(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _start(tmp_path_factory.mktemp("oxigraph-server"), oxigraph_server)


@pytest.fixture(scope="session")
def virtuoso_server_info(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _start(tmp_path_factory.mktemp("virtuoso"), virtuoso_server)


_SERVER_FIXTURES = {"oxigraph-server": "oxigraph_server_info", "virtuoso": "virtuoso_server_info"}


@pytest.fixture
def open_empty(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> Iterator[Callable[[], Store]]:
    """Opens an empty store of the test's backend (servers: kg's graphs dropped)."""
    opened: list[Store] = []

    def open_one() -> Store:
        if backend == "memory":
            store: Store = open_store("memory")
        elif backend == "oxigraph":
            store = open_store(tmp_path / f"db{len(opened)}")
        else:
            store = remote_store(request.getfixturevalue(_SERVER_FIXTURES[backend]))
            clear(store)
        opened.append(store)
        return store

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of each backend in turn."""
    return str(request.param)


@pytest.fixture
def store(open_empty: Callable[[], Store]) -> Store:
    """An empty store of each backend."""
    return open_empty()
