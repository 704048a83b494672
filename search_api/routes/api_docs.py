"""The API's own description: `/openapi.json` and the interactive docs at `/docs`, served from here.

FastAPI's default docs page loads Swagger UI from a CDN and starts it with an inline script. Here
the Swagger UI files come from the installed `fastapi-offline` package (no other host is ever
asked) and the page is started by a file of our own, so its Content-Security-Policy allows scripts
from this origin only. Both the schema and the page are reads: they need a key when
`NEWSDESK_REQUIRE_KEY_FOR_READS` is set, like every other read.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from newsdesk.search_api.http.security import ReadAccess

SWAGGER_FILES = Path(fastapi_offline.__file__).resolve().parent / "static"
SERVED_FILES = frozenset({"swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"})
DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
DOCS_HEADERS = {
    "Content-Security-Policy": DOCS_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(include_in_schema=False)


@router.get("/openapi.json", dependencies=[ReadAccess])
def openapi_schema(request: Request) -> JSONResponse:
    schema: dict[str, Any] = request.app.openapi()
    return JSONResponse(schema)


@router.get("/docs", dependencies=[ReadAccess])
def docs_page(request: Request) -> HTMLResponse:
    root = html.escape(request.scope.get("root_path", ""), quote=True)
    page = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{html.escape(request.app.title)} API</title>
  <link rel="icon" href="{root}/docs/files/favicon.png">
  <link rel="stylesheet" href="{root}/docs/files/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui" data-openapi="{root}/openapi.json"></div>
  <script src="{root}/docs/files/swagger-ui-bundle.js"></script>
  <script src="{root}/static/api-docs/start.js"></script>
</body>
</html>
"""
    return HTMLResponse(page, headers=DOCS_HEADERS)


@router.get("/docs/files/{name}")
def swagger_file(name: str) -> FileResponse:
    """Swagger UI's own files (public code, so open to all), by name from a fixed list."""
    if name not in SERVED_FILES:
        raise HTTPException(404, "no such file")
    return FileResponse(SWAGGER_FILES / name, headers={**DOCS_HEADERS, "Cache-Control": "no-cache"})
