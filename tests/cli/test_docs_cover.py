"""docs/cli.md shows every command and subcommand; docs/python-api.md every public method of
KnowledgeGraph."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

import kg
from kg.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> list[str]:
    names = []
    for name, command in sorted(cli.commands.items()):
        names.append(name)
        if isinstance(command, click.Group):
            names += [f"{name} {sub}" for sub in sorted(command.commands)]
    return names


@pytest.mark.parametrize("command", _commands())
def test_the_cli_page_shows_every_command(command: str) -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {command}\b", page), f"`kg {command}` is not in docs/cli.md"


def _methods() -> list[str]:
    return sorted(
        name
        for name, value in vars(kg.KnowledgeGraph).items()
        if not name.startswith("_") and (callable(value) or isinstance(value, staticmethod))
    )


@pytest.mark.parametrize("method", _methods())
def test_the_python_page_shows_every_method(method: str) -> None:
    page = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    assert f"graph.{method}(" in page, f"graph.{method}() is not in docs/python-api.md"
