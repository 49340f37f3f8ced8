"""A preview server that reloads content and templates on change and shows content errors on the page."""
from __future__ import annotations

import html
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click
from flask import Flask
from werkzeug.serving import run_simple

from . import create_app
from .content import load_catalog
from .fingerprint import REPO_ROOT
from .problems import ContentError, summary_line
from .speed.loading import FileCache

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
LOCAL_NAMES = {"127.0.0.1", "localhost", "[::1]"}


def _signature(*folders: Path) -> frozenset[tuple[str, int, int]]:
    """What every watched file looks like now; an editor may delete or replace a file while we look."""
    found: set[tuple[str, int, int]] = set()
    pending = [str(folder) for folder in folders]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                stat = entry.stat()
            except OSError:
                continue
            found.add((entry.path, stat.st_mtime_ns, stat.st_size))
    return frozenset(found)


class PreviewApp:
    """A WSGI app that rebuilds the Flask app when any watched file changes."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self.lock = threading.Lock()
        self.signature: frozenset[tuple[str, int, int]] = frozenset()
        self.app: Flask | None = None
        self.error: ContentError | None = None
        self.cache = FileCache()

    def current(self) -> Flask | None:
        with self.lock:
            signature = _signature(self.content, TEMPLATES, STATIC)
            if signature != self.signature:
                self.signature = signature
                self._reload()
            return self.app

    def _reload(self) -> None:
        try:
            # Only the files edited since the last load are read again; the rules see the whole catalogue.
            # In one process: a server does not fork (a first load of a large site takes a few seconds longer).
            catalog = load_catalog(self.content, REPO_ROOT if self.content.is_relative_to(REPO_ROOT)
                                   else self.content.parent, cache=self.cache)
            self.app = create_app({"POVEJ_CONTENT": self.content, "POVEJ_CATALOG": catalog,
                                   "TEMPLATES_AUTO_RELOAD": True})
            self.error = None
            warnings = len(self.app.config["POVEJ_CATALOG"].warnings)
            click.echo(f"Content loaded: no errors, {warnings} warnings" + (" ('povej check' lists them)."
                                                                             if warnings else "."))
        except ContentError as error:
            self.app, self.error = None, error
            for problem in error.problems:
                click.echo(str(problem), err=True)
            click.echo(summary_line(error.problems, "Content not loaded") + " Fix the file and save; the preview "
                       "reloads it on the next request.", err=True)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not _local_host(environ.get("HTTP_HOST", "")):
            # A web page elsewhere can point its own name at 127.0.0.1 (DNS rebinding) and read the preview.
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"The preview answers only to 127.0.0.1 and localhost.\n"]
        path = environ.get("PATH_INFO", "")
        if path.endswith("/index.html"):  # pages link to folder/index.html so they also work from disk
            environ["PATH_INFO"] = path[: -len("index.html")]
        app = self.current()
        if app is None:
            return self._error_page(start_response)
        return app(environ, start_response)

    def _error_page(self, start_response: Callable[..., Any]) -> Iterable[bytes]:
        assert self.error is not None
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in self.error.problems)
        page = (f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Content errors</title>'
                f"<h1>The content has {len(self.error.problems)} problem(s)</h1><ul>{items}</ul>"
                "<p>Fix the file and save: this page reloads the content on the next request.</p></html>")
        start_response("500 Content Error", [("Content-Type", "text/html; charset=utf-8")])
        return [page.encode("utf-8")]


def _local_host(host: str) -> bool:
    name = host[: host.rindex("]") + 1] if host.startswith("[") and "]" in host else host.split(":")[0]
    return name.lower() in LOCAL_NAMES


def run_preview(content: Path, port: int) -> None:
    preview = PreviewApp(content)
    preview.current()
    click.echo(f"Preview at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
    run_simple("127.0.0.1", port, preview, use_reloader=False, threaded=True)
