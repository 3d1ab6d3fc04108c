"""The progress display of `kg build`: lines off a terminal, a bar on one, failures always."""

from __future__ import annotations

import pytest

from kg.api import BuildProgress
from kg.cli.progress import ProgressView, duration
from kg.errors import Failure
from kg.ingest.failure import failed


def _event(done: int, total: int, seconds: float, failure: Failure | None = None) -> BuildProgress:
    return BuildProgress(done, total, done, 0, 0, 1 if failure else 0, seconds, failure)


def test_progress_lines_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    view = ProgressView(quiet=False, interval=0)
    view(_event(50, 200, 10.0))
    view(_event(60, 200, 12.0, failed("x.txt", "x.txt: empty file; remove it")))
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "kg: 50/200 articles, 5.0/s, ETA 30s",
        "kg: failed x.txt: empty file; remove it",
        "kg: 60/200 articles, 5.0/s, ETA 28s, 1 failed",
    ]


def test_quiet_shows_failures_only(capsys: pytest.CaptureFixture[str]) -> None:
    view = ProgressView(quiet=True, interval=0)
    view(_event(50, 200, 10.0))
    view(_event(60, 200, 12.0, failed("x.txt", "x.txt: empty file; remove it")))
    assert capsys.readouterr().err == "kg: failed x.txt: empty file; remove it\n"


def test_a_bar_with_count_rate_and_eta_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    view = ProgressView(quiet=False, interval=0)
    view.tty = True  # as when stderr is a terminal
    view(_event(150, 200, 30.0))
    view.clear()
    err = capsys.readouterr().err
    assert err.startswith("\r" + "█" * 18 + "░" * 6 + " 150/200 articles  5.0/s  ETA 10s")
    assert err.endswith("\r\x1b[K")  # the bar is wiped before the summary line


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        pytest.param(0, "0s", id="zero"),
        pytest.param(59.9, "59s", id="seconds"),
        pytest.param(60, "1m00s", id="a-minute"),
        pytest.param(3599, "59m59s", id="minutes"),
        pytest.param(3600 * 26 + 60, "26h01m", id="hours"),
    ],
)
def test_durations_are_short(seconds: float, text: str) -> None:
    assert duration(seconds) == text
