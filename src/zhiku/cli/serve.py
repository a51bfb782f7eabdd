"""zhiku serve: the web app and REST API (FastAPI on uvicorn) over the store."""

from __future__ import annotations

import typer

from . import app
from .common import CONFIG_OPTION, DB_OPTION, console_err, settings_from


@app.command()
def serve(
    db: str = DB_OPTION,
    config=CONFIG_OPTION,
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    log_level: str = typer.Option("info", help="uvicorn log level (warning hides the access log)."),
) -> None:
    """Serve the web pages and the REST API (/api, OpenAPI at /docs); read-only unless api_token is set.

    Example:
        ZHIKU_API_TOKEN=secret zhiku serve --db zhiku-demo.db --port 8000
    """
    import uvicorn

    from ..web.app import create_app

    settings = settings_from(db, config)
    mode = "read-only" if not settings.api_token else "write API enabled (token set)"
    console_err.print(f"zhiku serve: {settings.db_url} on http://{host}:{port} ({mode})", highlight=False)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, server_header=False)
