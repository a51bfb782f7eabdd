"""The web shell: a FastAPI app (REST API under /api, HTML pages) and an MCP server over zhiku.api."""
