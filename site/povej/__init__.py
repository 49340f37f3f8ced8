"""Povej!: a bilingual prevention-education site, built from Markdown into static pages."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fingerprint import REPO_ROOT

if TYPE_CHECKING:  # Flask is imported when an app is made: `povej build` with nothing to do never needs it
    from flask import Flask



@functools.cache
def _shared_bytecode() -> Any:
    """Compiled templates kept in memory for every app of this process (tests and the preview make many)."""
    from jinja2 import BytecodeCache

    class SharedBytecode(BytecodeCache):
        def __init__(self) -> None:
            self.compiled: dict[str, bytes] = {}

        def load_bytecode(self, bucket: Any) -> None:
            if bucket.key in self.compiled:
                bucket.bytecode_from_string(self.compiled[bucket.key])

        def dump_bytecode(self, bucket: Any) -> None:
            self.compiled[bucket.key] = bucket.bytecode_to_string()

    return SharedBytecode()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Assemble the app: load and validate all content first, then register the views."""
    from flask import Flask

    from . import i18n, views
    from .addresses import Addresses
    from .content import load_catalog
    from .offline import download_name
    from .registry import PAGE_TYPES

    app = Flask(__name__)
    app.jinja_options = {**app.jinja_options, "bytecode_cache": _shared_bytecode()}
    app.config.from_mapping(
        POVEJ_CONTENT=REPO_ROOT / "content",
        POVEJ_STRICT=False,
        POVEJ_BASE_URL="",
        POVEJ_DOWNLOADS=True,
        POVEJ_WORKERS=1,  # processes that read and render the content
        BABEL_TRANSLATION_DIRECTORIES=str(REPO_ROOT / "translations"),
        FREEZER_RELATIVE_URLS=True,
        FREEZER_REDIRECT_POLICY="error",
    )
    if test_config:
        app.config.from_mapping(test_config)
    if app.config.get("POVEJ_CATALOG") is None:  # a caller that loaded the content passes its catalogue
        content = Path(app.config["POVEJ_CONTENT"])
        app.config["POVEJ_CATALOG"] = load_catalog(
            content, REPO_ROOT if content.is_relative_to(REPO_ROOT) else content.parent,
            strict=app.config["POVEJ_STRICT"], workers=app.config["POVEJ_WORKERS"])
    catalog = app.config["POVEJ_CATALOG"]
    app.config["POVEJ_ADDRESSES"] = Addresses(catalog, PAGE_TYPES)
    app.config["POVEJ_DOWNLOAD"] = download_name(catalog)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    i18n.init_app(app)
    views.init_app(app)
    return app
