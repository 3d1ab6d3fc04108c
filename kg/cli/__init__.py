"""The ``kg`` command line: each command is a thin twin of a :mod:`kg.api` function.

==============  ==================================================================
``options``     the shared option groups: store, projection, metrics, output format
``render``      the one table renderer (text, CSV, JSON) and the text of a path
``progress``    the progress display of ``kg build``
``build``       ``kg extract``, ``kg build``
``query``       ``kg query``, ``kg queries``
``analysis``    ``kg analyze ...``, ``kg export``, ``kg viz``
``admin``       ``kg stats``, ``kg validate``, ``kg remove``, ``kg load``, ``kg link``,
                ``kg serve``
``entities``    ``kg entities ...``
==============  ==================================================================

Errors print one line and exit 1; usage errors, and a store that is not there, exit 2;
``--debug`` shows tracebacks.
The commands import only :mod:`kg.api` (whose names load on first use) and :mod:`kg.errors`,
so ``kg --help`` starts without loading any stage (``benchmarks/startup.py``).
"""

from __future__ import annotations

import logging
import sys

import click

from kg.cli import admin, analysis, build, entities, query
from kg.cli.render import printable
from kg.errors import KGError, StoreNotFoundError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.option("-v", "--verbose", is_flag=True, help="Log progress.")
@click.version_option(package_name="kg-indonesia")
@click.pass_context
def cli(ctx: click.Context, debug: bool, verbose: bool) -> None:
    """kg: knowledge graphs from Indonesian news."""
    ctx.obj = {"debug": debug}
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="kg: %(message)s"
    )
    # the HTML extractors log their own view of a bad page; kg reports it in one line
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.CRITICAL)


for _command in (
    build.extract,
    build.build,
    query.query,
    query.queries,
    analysis.export,
    analysis.analyze,
    analysis.viz,
    admin.stats,
    admin.validate,
    admin.remove,
    admin.load,
    admin.link,
    admin.serve,
    entities.entities,
):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    debug = "--debug" in sys.argv[1:]
    try:
        code = cli.main(prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KGError as exc:
        if debug:
            raise
        click.echo(printable(f"kg: error: {exc}"), err=True)
        sys.exit(2 if isinstance(exc, StoreNotFoundError) else 1)
    sys.exit(code if isinstance(code, int) else 0)
