"""The code blocks of README.md and docs/*.md run, so an example that breaks fails CI.

Every ```bash block runs with bash -e, every ```python block runs in one namespace per page,
in page order, each in a fresh folder of its own holding links to data/, ontology/ and
queries/ (the shell blocks build ./kg-data with the CLI, the Python blocks with the API; the
two never share a store). A block that needs what a test cannot have (a network, a cluster, a
server left running, an hour) is marked on the line before its fence with
``<!-- not run: WHY -->``; blocks without a language (sample output) are text. A query that
prints no rows fails, and so does a Python block that binds a name to rows without one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import kg
from kg.store import Rows

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(bash|python)\s*$")
_SKIP = re.compile(r"^<!-- not run: .+ -->$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    language: str
    code: str
    skipped: bool


def read_blocks(page: Path) -> list[Block]:
    """The bash and python blocks of a Markdown page, with the line of their fence."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            skipped = i > 0 and bool(_SKIP.match(lines[i - 1]))
            code = "\n".join(lines[i + 1 : end]) + "\n"
            blocks.append(Block(page, i + 1, match.group(1), code, skipped))
            i = end
        i += 1
    return blocks


def _cases() -> list[Any]:
    cases = []
    for page in PAGES:
        for block in read_blocks(page):
            marks = [pytest.mark.skip(reason="marked not run")] if block.skipped else []
            name = f"{page.relative_to(ROOT)}:{block.line}"
            cases.append(pytest.param(block, id=name, marks=marks))
    return cases


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[Path, str], Path]:
    """One working folder per page and language, made on first use."""
    return {}


def _folder(
    folders: dict[tuple[Path, str], Path], factory: pytest.TempPathFactory, block: Block
) -> Path:
    key = (block.page, block.language)
    if key not in folders:
        folder = factory.mktemp(f"{block.page.stem}-{block.language}")
        for name in ("data", "ontology", "queries"):
            (folder / name).symlink_to(ROOT / name)
        folders[key] = folder
    return folders[key]


_NAMESPACES: dict[Path, dict[str, Any]] = {}


@pytest.fixture(scope="module", autouse=True)
def _close_graphs() -> Iterator[None]:
    """Close the stores the pages' Python opened (their lock files stay open otherwise)."""
    yield
    for namespace in _NAMESPACES.values():
        for value in namespace.values():
            if isinstance(value, kg.KnowledgeGraph):
                value.close()
    _NAMESPACES.clear()


@pytest.mark.parametrize("block", _cases())
def test_example_runs(
    block: Block,
    folders: dict[tuple[Path, str], Path],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _folder(folders, tmp_path_factory, block)
    where = f"{block.page.relative_to(ROOT)} line {block.line}"
    if block.language == "bash":
        env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", block.code],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, f"{where}:\n{block.code}\n{done.stdout}\n{done.stderr}"
        # an example that answers nothing shows nothing: the demo graph must answer it
        assert "(0 rows)" not in done.stdout, f"{where}: a query answered no rows\n{done.stdout}"
        return
    monkeypatch.chdir(folder)
    for name in [k for k in os.environ if k.startswith("KG_")]:
        monkeypatch.delenv(name)
    namespace = _NAMESPACES.setdefault(block.page, {"__name__": "__readme__"})
    before = dict(namespace)
    exec(compile(block.code, where, "exec"), namespace)
    empty = empty_rows(before, namespace)
    assert not empty, f"{where}: a query answered no rows: {', '.join(empty)}"


def empty_rows(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The names a block bound to query results without a row (as "(0 rows)" in a shell)."""
    return [
        name
        for name, value in after.items()
        if isinstance(value, Rows) and not value and before.get(name) is not value
    ]


def test_the_reader_finds_bash_and_python_blocks_and_their_marks(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "text\n```bash\nkg nonsense\n```\n<!-- not run: needs a cluster -->\n"
        "```python\nx = 1\n```\n```\nsample output\n```\n",
        encoding="utf-8",
    )
    blocks = read_blocks(page)
    assert [(b.line, b.language, b.skipped) for b in blocks] == [
        (2, "bash", False),
        (6, "python", True),
    ]
    assert blocks[0].code == "kg nonsense\n"


def test_a_python_block_that_binds_empty_rows_is_caught() -> None:
    some = Rows(("x",), ((None,),))
    none = Rows(("x",), ())
    before = {"kept": none}
    after = {"kept": none, "rows": none, "more": some}
    assert empty_rows(before, after) == ["rows"]
