"""The zhiku command line: a thin shell over zhiku.api (one module per command)."""

from __future__ import annotations

import importlib
import logging
import sys

import typer

from ..errors import ZhikuError
from .common import console_err

app = typer.Typer(
    name="zhiku",
    help="zhiku (智库): China AI-industry news as clean, deduplicated, tagged, searchable records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module registers its commands on ``app``; order is the order shown in --help.
COMMAND_MODULES = ["ingest", "process", "listing", "show", "export", "demo", "db", "pipeline", "reprocess",
                   "importing", "crawl", "serve", "mcp",
                   "search", "trends", "figures", "report", "watch", "stories"]


@app.callback()
def _root(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More log output (-vv for debug)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors."),
) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if verbose < 2:  # a library's own chatter (trafilatura's "discarding data: None") only with -vv
        for name in QUIET_LIBRARIES:
            logging.getLogger(name).setLevel(max(level, logging.ERROR))


QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext", "readability", "charset_normalizer")


for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")


def main() -> None:
    """Console entry point: a ZhikuError becomes one line on stderr and its exit code."""
    try:
        app()
    except ZhikuError as exc:
        console_err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        console_err.print("interrupted", highlight=False)
        sys.exit(130)
