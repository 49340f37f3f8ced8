"""The `povej` command: build, serve, check, new and stamp. Thin wrappers over plain functions."""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import click

from .fingerprint import REPO_ROOT
from .problems import ContentError, Problem, summary_line
from .speed.parallel import available_cores

CONTENT = REPO_ROOT / "content"
PHASES = {"content": "reading content", "pages": "pages", "downloads": "zipping"}  # band downloads: in pages
OUTPUT = REPO_ROOT / "build"
BASE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?$")
MAX_JOBS = 64

content_option = click.option("--content", "content", type=click.Path(path_type=Path), default=CONTENT,
                              show_default=True, help="The content folder.")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings (missing or outdated "
                             "translations, untranslated interface text) as errors.")


@click.group()
def main() -> None:
    """Povej!: build the bilingual prevention-education site from Markdown."""


@main.command()
@content_option
@click.option("--output", type=click.Path(path_type=Path), default=OUTPUT, show_default=True)
@strict_option
@click.option("--base-url", default="", callback=lambda _c, _p, value: _base_url(value),
              help="Where the site will be published, for canonical links and sitemap.xml "
              "(e.g. https://example.org/povej).")
@click.option("--force", is_flag=True, help="Build even if nothing changed since the last build into OUTPUT.")
@click.option("--no-downloads", is_flag=True, help="Leave out the ZIP downloads (a quicker build to check pages).")
@click.option("--jobs", type=click.IntRange(min=0, max=MAX_JOBS), default=0, show_default=True,
              help="Processes to build with (0: one per available processor core).")
def build(content: Path, output: Path, strict: bool, base_url: str, force: bool, no_downloads: bool,
          jobs: int) -> None:
    """Build the static site into OUTPUT; the previous build stays until the new one is complete.

    When the content, the templates, the code and the options are exactly those of the last build into
    OUTPUT, and OUTPUT has not been touched since, the build says so and stops (use --force to rebuild).
    """
    from .manifest import build_config, check_build

    started = time.perf_counter()
    settings = {"POVEJ_DOWNLOADS": False} if no_downloads else None
    # First the cheap question, before Flask or the content is loaded: has anything changed?
    found = check_build(content, output.resolve(), build_config(content, strict, base_url, settings), force)
    if found.up_to_date and found.previous is not None:
        _say_up_to_date(output.resolve(), found.previous.pages, found.previous.warnings,
                        time.perf_counter() - started)
        return
    from .build import OutputError, build_site
    from .catalogues import catalogue_problems, compile_catalogues

    # If the interface catalogues changed, they are hashed again.
    check = None if compile_catalogues() else found
    interface = catalogue_problems() if strict else []
    if interface:  # report them with the content's problems, so one run shows everything
        _fail_on(interface + _content_problems(content), "Build stopped")
    try:
        result = build_site(content, output, strict=strict, base_url=base_url, workers=jobs, force=force,
                            settings=settings, check=check)
    except ContentError as error:
        _fail_on(error.problems, "Build stopped")
    except OutputError as error:
        click.echo(f"Build stopped: {error}", err=True)
        sys.exit(1)
    if result.skipped:
        _say_up_to_date(result.output, result.pages, result.warnings, result.seconds)
        return
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    pages = ", ".join(f"{count} {lang}" for lang, count in result.pages.items())
    phases = ", ".join(f"{PHASES[name]} {seconds:.1f} s" for name, seconds in result.phases.items())
    if result.reused:
        phases += f"; {result.reused} unchanged files kept from the last build"
    click.echo(f"Built {sum(result.pages.values())} pages ({pages}), {len(result.warnings)} warnings, "
               f"in {result.seconds:.1f} s ({phases}).")
    _say_where(result.output)


def _base_url(value: str) -> str:
    """Only an http(s) address of a site: it is written into every page, the sitemap and robots.txt."""
    if value and not BASE_URL.match(value):
        raise click.BadParameter(f"must be the web address the site will have, such as https://example.org/povej "
                                 f"(letters, digits, '.', '-', '_', '~' and '/' only), got {value[:60]!r}.")
    return value


def _say_up_to_date(output: Path, pages: dict[str, int], warnings: tuple[Problem, ...], seconds: float) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)
    counts = ", ".join(f"{count} {lang}" for lang, count in pages.items())
    click.echo(f"Up to date: nothing changed since the last build ({sum(pages.values())} pages: {counts}; "
               f"{len(warnings)} warnings), checked in {seconds:.1f} s. Use --force to build anyway.")
    _say_where(output)


def _say_where(output: Path) -> None:
    click.echo(f"Open {output / 'index.html'} in a browser, or copy {output} to any web host.")


@main.command()
@content_option
@strict_option
def check(content: Path, strict: bool) -> None:
    """Validate all content and report the translation status of every page and of the interface."""
    from .catalogues import catalogue_problems, catalogue_status
    from .content import load_catalog

    try:
        catalog = load_catalog(content, REPO_ROOT if content.resolve().is_relative_to(REPO_ROOT) else None,
                               workers=available_cores())
    except ContentError as error:
        _fail_on(error.problems, "Check failed")
    for status in catalog.statuses:
        click.echo(f"{status.state:9} {status.lang}  {status.kind:8} {status.key}  ({status.path})")
    for line in catalogue_status():
        click.echo(line)
    problems = list(catalog.warnings) + catalogue_problems()
    for problem in problems:
        click.echo(str(problem), err=True)
    if strict and problems:
        _fail_on(problems, "Check failed")
    click.echo(f"Content is valid: {len(catalog.items)} items, {len(problems)} warnings.")


@main.command()
@content_option
@click.argument("band")
@click.argument("key")
def new(content: Path, band: str, key: str) -> None:
    """Scaffold a lesson pair in every language: content/lessons/BAND/KEY/<lang>.md."""
    from .scaffold import new_lesson

    try:
        paths = new_lesson(content, band, key)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    for path in paths:
        click.echo(f"Created {path}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def stamp(paths: tuple[Path, ...]) -> None:
    """Record that each translation now follows the current version of its source."""
    from .scaffold import stamp_translation

    for path in paths:
        try:
            click.echo(stamp_translation(path))
        except ValueError as error:
            raise click.ClickException(str(error)) from None


@main.command()
@content_option
@click.option("--port", default=5000, show_default=True)
def serve(content: Path, port: int) -> None:
    """Preview the site; edits to content and templates show on the next reload, errors on the page."""
    from .preview import run_preview

    run_preview(content, port)


def _content_problems(content: Path) -> list[Problem]:
    from .content import load_catalog

    try:
        load_catalog(content, REPO_ROOT if content.resolve().is_relative_to(REPO_ROOT) else None, strict=True,
                     workers=available_cores())
    except ContentError as error:
        return error.problems
    return []


def _fail_on(problems: list[Problem], verb: str) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(summary_line(problems, verb), err=True)
    sys.exit(1)
