"""The web page at `/`: plain HTML, CSS and ES modules from `search_api/static/`, no build step.

The page only talks to this service's own API. Its Content-Security-Policy says so to the
browser too: scripts, styles and requests come from this origin or not at all, so a highlight
fragment that slipped through unescaped could not load or run anything.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",  # revalidate (ETag): a new release shows at once, unchanged files cost a 304
}

router = APIRouter(include_in_schema=False)
_static = StaticFiles(directory=STATIC_DIR)


@router.api_route("/", methods=["GET", "HEAD"])
def page() -> FileResponse:
    """The search-and-ask page; its state (query, filters, page, open article) lives in the URL."""
    return FileResponse(STATIC_DIR / "index.html", headers=HEADERS)


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"])
async def static_file(path: str, request: Request) -> Response:
    """A file of the page; StaticFiles refuses paths that leave the folder and answers 304s."""
    response = await _static.get_response(path, request.scope)
    response.headers.update(HEADERS)
    return response
