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

from . import create_app
from .manifest import Check, Manifest, build_config, check_build, forget, output_listing, read_manifest, write_manifest
from .model import Catalog
from .offline import previous_zip, write_zip
from .problems import Problem
from .speed.incremental import PageKeys, site_digest
from .speed.parallel import FREEZE_PARALLEL_FROM, Job, available_cores, run_jobs

# Every site a build makes carries this file: only a folder with it may be replaced by the next build.
MARK = ".povej-site"
MARK_TEXT = (b"This folder is a site built by Povej!. The next build into it replaces the whole folder:\n"
             b"do not keep anything else here.\n")


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
    reused: int = 0  # pages taken over from the previous build


def build_site(content: Path, output: Path, strict: bool = False, base_url: str = "",
               settings: dict[str, Any] | None = None, workers: int = 0, force: bool = False,
               check: Check | None = None) -> BuildResult:
    """Load everything, freeze into a temporary folder, then replace `output` with it in one rename.

    `workers` processes share the reading and freezing (0: one per available core). Unless `force`: a build
    whose inputs and output are as the last build into `output` left them stops early, and pages whose inputs
    did not change are taken over from the previous build (incremental.py).
    `check` is `check_build`'s answer when the caller already asked it.
    """
    started = time.perf_counter()
    output = output.resolve()
    _check_output(output, Path(content).resolve())
    output.parent.mkdir(parents=True, exist_ok=True)
    _recover(output)  # first, so the previous site is back in place even if this build fails
    config = build_config(content, strict, base_url, settings)
    check = check or check_build(Path(content), output, config, force)
    previous, environment, inputs = check.previous, check.environment, check.inputs
    if previous and check.up_to_date:
        return BuildResult(output, previous.pages, previous.warnings, time.perf_counter() - started, skipped=True)
    if previous and previous.environment != environment:
        previous = None  # other code, templates or options: nothing can be taken over
    # More processes than cores only cost memory and start-up: a mistyped --jobs 200 must not fork 200.
    workers = min(workers or available_cores(), 2 * available_cores())
    phases = {"content": time.perf_counter()}
    app = create_app({**config, "POVEJ_WORKERS": workers})
    catalog: Catalog = app.config["POVEJ_CATALOG"]
    site = site_digest(catalog, environment)
    staging = output.parent / f".{output.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        phases["pages"] = time.perf_counter()
        main, page_keys = _plan(app, staging, PageKeys(catalog, site), previous, output)
        _freeze(main, workers)
        if app.config["POVEJ_DOWNLOADS"]:
            phases["downloads"] = time.perf_counter()
            write_zip(staging, app.config["POVEJ_DOWNLOAD"], previous_zip(output) if previous else None)
        phases["end"] = time.perf_counter()
        (staging / MARK).write_bytes(MARK_TEXT)
        _write_robots(staging, base_url.rstrip("/"))
        if base_url:
            _write_sitemap(staging, base_url.rstrip("/"))
        forget(output)
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pages = {lang: sum(1 for _ in (output / lang).rglob("index.html")) for lang in catalog.config.codes}
    # The listing of the output ("") is taken by write_manifest, from the output as it now is.
    write_manifest(output, Manifest(inputs, "", pages, catalog.warnings, environment, page_keys))
    marks = list(phases.items())
    spent = {name: round(end - start, 2) for (name, start), (_, end) in itertools.pairwise(marks)}
    reused = len(main.reused) if previous else 0
    return BuildResult(output, pages, catalog.warnings, time.perf_counter() - started, phases=spent, reused=reused)


@dataclass
class _Plan:
    """The site to freeze: the pages to render, and the files to take over from the previous build."""

    app: Flask
    destination: Path
    render: list[str]
    reused: list[tuple[Path, Path]]


def _plan(app: Flask, staging: Path, keys: PageKeys, previous: Manifest | None,
          output: Path) -> tuple[_Plan, dict[str, list[str]]]:
    """Split the pages into those to render and those whose key is the one they were built with."""
    plan = _Plan(app, staging, [], [])
    recorded: dict[str, list[str]] = {}
    old = previous.page_keys if previous else {}
    for url, page in app.config["POVEJ_ADDRESSES"].pages.items():
        key = keys.key(page)
        file = url[1:] + ("index.html" if url.endswith("/") else "")
        if key is not None:
            recorded[url] = [file, key]
        if key is not None and old.get(url) == [file, key] and (output / file).is_file():
            plan.reused.append((output / file, staging / file))
        else:
            plan.render.append(url)
    return plan, recorded


def _take_over(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # the old build is deleted after the swap; the new one keeps the file
    except OSError:
        shutil.copy2(source, target)


def _freeze(plan: _Plan, workers: int) -> None:
    """Freeze the site, every worker taking every n-th page and file (one process for a few pages)."""
    shares = workers if len(plan.render) >= FREEZE_PARALLEL_FROM else 1

    def share(index: int) -> Job:
        def job() -> None:
            for source, target in plan.reused[index::shares]:
                _take_over(source, target)
            _freeze_pages(plan.app, plan.destination, plan.render[index::shares], static_files=index == 0)
        return job

    run_jobs([share(index) for index in range(shares)], shares)


def _freeze_pages(app: Flask, destination: Path, pages: list[str], static_files: bool) -> None:
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
    if output.is_dir() and any(output.iterdir()) and not _is_our_site(output):
        raise OutputError(f"the output folder {output} holds files that a Povej! build did not make (a site it "
                          f"makes has a file {MARK}), and a build replaces the whole folder. Choose a new or empty "
                          "folder, or move what you keep there elsewhere first.")


def _is_our_site(folder: Path) -> bool:
    """A folder a build made: it holds the mark file with the mark's own words, or it is exactly as the last
    build into it left it (a site built before the mark existed)."""
    mark = folder / MARK
    try:
        if mark.is_file() and not mark.is_symlink() and mark.read_bytes()[:len(MARK_TEXT)] == MARK_TEXT:
            return True
    except OSError:
        return False
    previous = read_manifest(folder)
    return previous is not None and previous.output == output_listing(folder)


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
