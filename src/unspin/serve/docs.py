"""OpenAPI docs pages (/docs, /redoc) served from local files, so they work offline too.

Swagger UI and ReDoc assets come from the `fastapi-offline` package when it is installed; without it the
docs fall back to FastAPI's defaults, which load those assets from a CDN.
"""
from __future__ import annotations

from importlib import util
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs-assets"


def offline_assets_dir() -> Path | None:
    spec = util.find_spec("fastapi_offline")
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").exists() else None


def docs_urls() -> dict:
    """FastAPI constructor arguments: turn the CDN docs off when local assets will replace them."""
    return {"docs_url": None, "redoc_url": None} if offline_assets_dir() else {}


def install_offline_docs(app: FastAPI) -> bool:
    """Add /docs and /redoc backed by local assets; returns False (leaving FastAPI's pages) without them."""
    folder = offline_assets_dir()
    if folder is None:
        return False
    app.mount(ASSETS_URL, StaticFiles(directory=folder), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title=f"{app.title} — API",
                                   swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
                                   swagger_favicon_url=f"{ASSETS_URL}/favicon.png")

    @app.get("/redoc", include_in_schema=False)
    async def redoc():
        return get_redoc_html(openapi_url=app.openapi_url, title=f"{app.title} — API",
                              redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
                              redoc_favicon_url=f"{ASSETS_URL}/favicon.png", with_google_fonts=False)

    return True
