"""What starting `kg` imports: the help never loads a stage's libraries, `kg extract` only what
reading text files and writing RDF need (the figures: `benchmarks/startup.py`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = [
    "networkx",
    "rdflib",
    "rdflib.plugins.sparql",
    "trafilatura",
    "feedparser",
    "requests",
    "pyoxigraph",
    "pyshacl",
    "scipy",
    "igraph",
    "kg.extract",
    "kg.store",
]


def _loaded(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    modules = set(json.loads(result.stdout.splitlines()[-1]))
    return [name for name in HEAVY if name in modules]


def test_kg_help_loads_no_stage() -> None:
    code = (
        "import sys\nfrom kg.cli import main\nsys.argv = ['kg', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert _loaded(code) == []


def test_every_command_help_loads_no_stage() -> None:
    code = (
        "from click.testing import CliRunner\nfrom kg.cli import cli\n"
        "for name, command in cli.commands.items():\n"
        "    CliRunner().invoke(cli, [name, '--help'])\n"
        "    for sub in getattr(command, 'commands', {}):\n"
        "        CliRunner().invoke(cli, [name, sub, '--help'])"
    )
    assert _loaded(code) == []


@pytest.mark.parametrize(
    "name", ["networkx", "rdflib.plugins.sparql", "trafilatura", "feedparser", "requests"]
)
def test_kg_extract_of_text_files_loads_only_what_it_needs(name: str, tmp_path: Path) -> None:
    sample = ROOT / "data" / "samples" / "antara-bogor-uclg-aspac.txt"
    code = (
        "import sys\nfrom kg.cli import main\n"
        f"sys.argv = ['kg', 'extract', {str(sample)!r}, '-o', {str(tmp_path / 'x.ttl')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert name not in _loaded(code)
