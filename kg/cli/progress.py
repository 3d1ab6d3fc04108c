"""The progress display of ``kg build``."""

from __future__ import annotations

import sys
import time

import click

from kg import api
from kg.cli.render import printable

__all__ = ["ProgressView", "duration"]


def duration(seconds: float) -> str:
    """A short duration: ``42s``, ``3m05s``, ``2h07m``.

    >>> duration(42.7), duration(185), duration(7620)
    ('42s', '3m05s', '2h07m')
    """
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class ProgressView:
    """Renders build progress: a redrawn bar on a terminal, a plain line now and then otherwise.

    Failures are printed at once, one line each, even with ``--quiet``.
    """

    def __init__(self, *, quiet: bool, interval: float | None = None) -> None:
        self.tty = sys.stderr.isatty()
        self.quiet = quiet
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.last = 0.0
        self.drawn = False

    def __call__(self, event: api.BuildProgress) -> None:
        if event.failure is not None:
            self.clear()
            click.echo(printable(f"kg: failed {event.failure.message}"), err=True)
        if event.duplicate is not None:
            self.clear()
            click.echo(printable(f"kg: duplicate {event.duplicate.message}"), err=True)
        now = time.monotonic()
        if self.quiet or now - self.last < self.interval:
            return
        self.last = now
        eta = event.eta
        parts = [
            f"{event.done}/{event.total} articles",
            f"{event.rate:.1f}/s",
            f"ETA {duration(eta)}" if eta is not None else "ETA ?",
        ]
        if event.failed:
            parts.append(f"{event.failed} failed")
        if self.tty:
            width = 24
            filled = int(width * event.done / event.total) if event.total else 0
            bar = "█" * filled + "░" * (width - filled)
            line = f"\r{bar} " + "  ".join(parts) + "\x1b[K"
            click.echo(line, err=True, nl=False, color=True)
            self.drawn = True
        else:
            click.echo("kg: " + ", ".join(parts), err=True)

    def clear(self) -> None:
        if self.drawn:
            click.echo("\r\x1b[K", err=True, nl=False, color=True)
            self.drawn = False
