"""Povej!: a bilingual prevention-education site, built from Markdown into static pages."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

REPO_ROOT = Path(__file__).resolve().parents[2]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Assemble the app: load and validate all content first, then register the views."""
    from . import i18n, views
    from .addresses import Addresses
    from .content import load_catalog

    app = Flask(__name__)
    app.config.from_mapping(
        POVEJ_CONTENT=REPO_ROOT / "content",
        POVEJ_STRICT=False,
        POVEJ_BASE_URL="",
        POVEJ_DOWNLOADS=True,
        BABEL_TRANSLATION_DIRECTORIES=str(REPO_ROOT / "translations"),
        FREEZER_RELATIVE_URLS=True,
        FREEZER_REDIRECT_POLICY="error",
    )
    if test_config:
        app.config.from_mapping(test_config)
    if app.config.get("POVEJ_CATALOG") is None:  # a build of one band's download passes its own catalogue
        content = Path(app.config["POVEJ_CONTENT"])
        app.config["POVEJ_CATALOG"] = load_catalog(
            content, REPO_ROOT if content.is_relative_to(REPO_ROOT) else content.parent,
            strict=app.config["POVEJ_STRICT"])
    catalog = app.config["POVEJ_CATALOG"]
    app.config["POVEJ_ADDRESSES"] = Addresses(catalog)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    i18n.init_app(app)
    views.init_app(app)
    return app
