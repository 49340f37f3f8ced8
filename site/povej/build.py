"""Freeze the site into static files, beside the previous build, and swap it in only when complete."""
from __future__ import annotations

import itertools
import os
import shutil
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from flask import Flask
from flask_frozen import Freezer, MissingURLGeneratorWarning

from . import REPO_ROOT, create_app
from .content import Catalog
from .manifest import forget, inputs_digest, output_listing, read_manifest, write_manifest
from .offline import band_sites, write_zips
from .parallel import Job, available_cores, run_jobs
from .problems import Problem
from .views import page_urls


class OutputError(Exception):
    """The output folder is one that a build must not replace."""


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: dict[str, int]
    warnings: tuple[Problem, ...]
    seconds: float
    skipped: bool = False  # nothing had changed since the last build into `output`
    phases: dict[str, float] = field(default_factory=dict)  # seconds spent reading content, on pages, on ZIPs


def build_site(content: Path, output: Path, strict: bool = False, base_url: str = "",
               settings: dict[str, Any] | None = None, workers: int = 0, force: bool = False) -> BuildResult:
    """Load everything, freeze into a temporary folder, then replace `output` with it in one rename.

    `workers` processes share the reading, freezing and zipping (0: one per available core). Unless
    `force`, a build whose inputs and output are as the last build into `output` left them stops early.
    """
    started = time.perf_counter()
    output = output.resolve()
    _check_output(output, Path(content).resolve())
    output.parent.mkdir(parents=True, exist_ok=True)
    _recover(output)  # first, so the previous site is back in place even if this build fails
    config = {"POVEJ_CONTENT": content, "POVEJ_STRICT": strict, "POVEJ_BASE_URL": base_url.rstrip("/"),
              **(settings or {})}
    inputs = _inputs(config)
    previous = None if force else read_manifest(output)
    if previous and previous.inputs == inputs and output.is_dir() and previous.output == output_listing(output):
        return BuildResult(output, previous.pages, previous.warnings, time.perf_counter() - started, skipped=True)
    workers = workers or available_cores()
    phases = {"content": time.perf_counter()}
    app = create_app({**config, "POVEJ_WORKERS": workers})
    staging = output.parent / f".{output.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        phases["pages"] = time.perf_counter()
        sites = [(app, staging)]
        if app.config["POVEJ_DOWNLOADS"]:
            sites += band_sites(app, staging, lambda catalog: create_app(_download_settings(app, catalog)))
        _freeze(sites, workers)
        if app.config["POVEJ_DOWNLOADS"]:
            phases["downloads"] = time.perf_counter()
            write_zips(staging, [band for _, band in sites[1:]], workers)
        phases["end"] = time.perf_counter()
        _write_robots(staging, base_url.rstrip("/"))
        if base_url:
            _write_sitemap(staging, base_url.rstrip("/"))
        forget(output)
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    catalog = app.config["POVEJ_CATALOG"]
    pages = {lang: sum(1 for _ in (output / lang).rglob("index.html")) for lang in catalog.config.codes}
    write_manifest(output, inputs, pages, catalog.warnings)
    marks = list(phases.items())
    spent = {name: round(end - start, 2) for (name, start), (_, end) in itertools.pairwise(marks)}
    return BuildResult(output, pages, catalog.warnings, time.perf_counter() - started, phases=spent)


def _inputs(config: dict[str, Any]) -> str:
    """The hash of what this build would read: content, code, translations and options."""
    translations = str(config.get("BABEL_TRANSLATION_DIRECTORIES", REPO_ROOT / "translations"))
    options = {k: v for k, v in config.items() if k != "POVEJ_CONTENT"}
    return inputs_digest(Path(config["POVEJ_CONTENT"]).resolve(),
                         [Path(folder) for folder in translations.split(";")], options)


def _download_settings(app: Flask, catalog: Catalog) -> dict[str, Any]:
    keep = ("POVEJ_CONTENT", "BABEL_TRANSLATION_DIRECTORIES")
    return {**{k: app.config[k] for k in keep}, "POVEJ_CATALOG": catalog, "POVEJ_DOWNLOADS": False}


def _freeze(sites: list[tuple[Flask, Path]], workers: int) -> None:
    """Freeze every site (the main one and each band's download), every worker taking every n-th page."""
    urls = [list(page_urls(app.config["POVEJ_CATALOG"])) for app, _ in sites]

    def share(index: int) -> Job:
        def job() -> None:
            for (app, destination), pages in zip(sites, urls, strict=True):
                _freeze_pages(app, destination, pages[index::workers], static_files=index == 0)
        return job

    run_jobs([share(index) for index in range(workers)], workers)


def _freeze_pages(app: Flask, destination: Path, pages: list[tuple[str, dict[str, str]]],
                  static_files: bool) -> None:
    app.config.update(FREEZER_DESTINATION=str(destination), FREEZER_REMOVE_EXTRA_FILES=False)
    freezer = Freezer(app, with_static_files=static_files, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(lambda: pages)
    with warnings.catch_warnings():
        # Each worker freezes a share of the pages, so it never sees some endpoints; that is expected.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        freezer.freeze()


def _swap(staging: Path, output: Path) -> None:
    """Replace the old build with the new one; the old one stays intact until the new one is complete.

    A build killed between the two renames leaves the old site as `.<output>.old-<pid>`; `_recover` puts it back.
    """
    retired = output.parent / f".{output.name}.old-{os.getpid()}"
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def _check_output(output: Path, content: Path) -> None:
    """A build replaces the whole output folder, so refuse one that holds anything but a previous build."""
    if output == content or output.is_relative_to(content) or content.is_relative_to(output):
        raise OutputError(f"the output folder {output} would replace the content in {content}. "
                          "Choose a folder outside it, e.g. build/.")
    if output.exists() and not output.is_dir():
        raise OutputError(f"the output {output} is a file, not a folder. Choose another output folder.")
    if output.is_dir() and any(output.iterdir()) and not (output / "index.html").is_file():
        raise OutputError(f"the output folder {output} holds files that are not a built site (it has no "
                          "index.html), and a build replaces the whole folder. Choose a new or empty folder.")


def _recover(output: Path) -> None:
    """Clear what interrupted builds left beside the output, putting back a site retired by an unfinished swap."""
    prefix = f".{output.name}."
    for leftover in sorted(output.parent.iterdir()):
        state, _, pid = leftover.name.removeprefix(prefix).partition("-")
        if not leftover.name.startswith(prefix) or state not in ("building", "old") or not pid.isdigit():
            continue
        if _running(int(pid)):
            continue  # another build is writing there right now
        if state == "old" and not output.exists():
            leftover.rename(output)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_robots(root: Path, base_url: str) -> None:
    """Every page may be indexed; with a base URL, search engines also get the sitemap's address."""
    sitemap = f"Sitemap: {base_url}/sitemap.xml\n" if base_url else ""
    (root / "robots.txt").write_text(f"User-agent: *\nAllow: /\n{sitemap}", encoding="utf-8")


def _write_sitemap(root: Path, base_url: str) -> None:
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("index.html"))
    urls = "".join(f"<url><loc>{escape(base_url + '/' + p.removesuffix('index.html'))}</loc></url>\n"
                   for p in pages)
    (root / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                                      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                      f"{urls}</urlset>\n", encoding="utf-8")
