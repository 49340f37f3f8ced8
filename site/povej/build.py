"""Freeze the site into static files, beside the previous build, and swap it in only when complete."""
from __future__ import annotations

import os
import shutil
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from flask import Flask
from flask_frozen import Freezer, MissingURLGeneratorWarning

from . import create_app
from .problems import Problem
from .views import page_urls


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: dict[str, int]
    warnings: tuple[Problem, ...]
    seconds: float


def build_site(content: Path, output: Path, strict: bool = False, base_url: str = "",
               settings: dict[str, Any] | None = None) -> BuildResult:
    """Load everything, freeze into a temporary folder, then replace `output` with it in one rename."""
    started = time.perf_counter()
    app = create_app({"POVEJ_CONTENT": content, "POVEJ_STRICT": strict, "POVEJ_BASE_URL": base_url.rstrip("/"),
                      **(settings or {})})
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _freeze(app, staging)
        if base_url:
            _write_sitemap(staging, base_url.rstrip("/"))
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    catalog = app.config["POVEJ_CATALOG"]
    pages = {lang: sum(1 for _ in (output / lang).rglob("index.html")) for lang in catalog.config.codes}
    return BuildResult(output, pages, catalog.warnings, time.perf_counter() - started)


def _freeze(app: Flask, destination: Path) -> None:
    app.config.update(FREEZER_DESTINATION=str(destination), FREEZER_REMOVE_EXTRA_FILES=False)
    freezer = Freezer(app, with_no_argument_rules=False, log_url_for=False)
    catalog = app.config["POVEJ_CATALOG"]
    freezer.register_generator(lambda: page_urls(catalog))
    with warnings.catch_warnings():
        # Pages without pictures never use the media route; that is expected, not a forgotten generator.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        freezer.freeze()


def _swap(staging: Path, output: Path) -> None:
    """Replace the old build with the new one; the old one stays intact until the new one is complete."""
    retired = output.parent / f".{output.name}.old-{os.getpid()}"
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def _write_sitemap(root: Path, base_url: str) -> None:
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("index.html"))
    urls = "".join(f"<url><loc>{escape(base_url + '/' + p.removesuffix('index.html'))}</loc></url>\n"
                   for p in pages)
    (root / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                                      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                      f"{urls}</urlset>\n", encoding="utf-8")
