"""zhiku pipeline: the stages that run, in order, with what each requires and assigns."""

from __future__ import annotations

from rich.table import Table

from ..pipeline import Pipeline
from . import app
from .common import console, settings_from


@app.command("pipeline")
def pipeline_explain() -> None:
    """List the pipeline's stages with their version, requirements and outputs.

    Example:
        zhiku pipeline
    """
    pipe = Pipeline.from_settings(settings_from())
    table = Table("stage", "version", "requires", "assigns")
    for name, version, requires, assigns in pipe.explain():
        table.add_row(name, version, ", ".join(requires), ", ".join(assigns))
    console.print(table)
