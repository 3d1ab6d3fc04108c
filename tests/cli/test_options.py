"""The option groups: each reaches its command as one API settings object, nothing hidden."""

from __future__ import annotations

from typing import Any

import click
import pytest
from click.testing import CliRunner

from kg import api
from kg.cli.options import metric_options, output_option, projection_options, store_options
from kg.cli.render import MAX_WIDTH


@click.command()
@projection_options
@metric_options
@output_option()
@store_options
def probe(**values: Any) -> None:
    click.echo(repr(sorted(values.items())))


def _values(*args: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    @click.command()
    @projection_options
    @metric_options
    @output_option()
    @store_options
    def command(**values: Any) -> None:
        seen.update(values)

    result = CliRunner().invoke(command, list(args))
    assert result.exit_code == 0, result.output
    return seen


def test_store_options_are_one_store_value() -> None:
    values = _values(
        "--store",
        "http://127.0.0.1:1/q",
        "--update-url",
        "http://127.0.0.1:1/u",
        "--graph-store-url",
        "http://127.0.0.1:1/g",
        "--read-only",
    )
    assert values["store"] == api.StoreOptions(
        "http://127.0.0.1:1/q", "http://127.0.0.1:1/u", "http://127.0.0.1:1/g", read_only=True
    )


def test_defaults_are_the_api_defaults() -> None:
    values = _values()
    assert set(values) == {"store", "projection", "metrics", "fmt", "max_width"}
    assert values["store"] == api.StoreOptions()
    assert values["projection"] == api.Projection()
    assert values["metrics"] == api.MetricOptions()
    assert values["fmt"] == "table"
    assert values["max_width"] == MAX_WIDTH


def test_wide_shows_whole_cells() -> None:
    assert _values("--wide")["max_width"] is None
    assert _values("--max-width", "12")["max_width"] == 12


def test_projection_and_metric_options_become_their_settings() -> None:
    values = _values(
        "--projection",
        "comention",
        "--type",
        "Person",
        "--type",
        "City",
        "--since",
        "2020",
        "--min-weight",
        "2",
        "--engine",
        "networkx",
        "-k",
        "0",
        "--seed",
        "7",
        "-f",
        "json",
    )
    assert values["projection"] == api.Projection(
        kind="comention", types=("Person", "City"), since="2020", min_weight=2
    )
    assert values["metrics"] == api.MetricOptions(engine="networkx", betweenness_k=0, seed=7)
    assert values["fmt"] == "json"


@pytest.mark.parametrize("args", [["--engine", "fast"], ["--projection", "x"], ["-f", "xml"]])
def test_a_bad_choice_is_a_usage_error(args: list[str]) -> None:
    assert CliRunner().invoke(probe, args).exit_code == 2
