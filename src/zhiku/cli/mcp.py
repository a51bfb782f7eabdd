"""zhiku mcp: the read operations as a Model Context Protocol server over stdio."""

from __future__ import annotations

from . import app
from .common import CONFIG_OPTION, DB_OPTION, settings_from


@app.command("mcp")
def mcp_command(db: str = DB_OPTION, config=CONFIG_OPTION) -> None:
    """Serve search, articles, trends, figures and stories to an MCP client over stdin/stdout.

    Example:
        zhiku mcp --db zhiku-demo.db
    """
    from ..web.mcp import serve_stdio

    serve_stdio(settings_from(db, config))
