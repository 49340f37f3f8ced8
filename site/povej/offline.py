"""The download for classrooms without internet: the whole site as one ZIP that works unzipped.

It unpacks to a folder named after the site and the date of its newest content (`povej-2026-12-04/`), so two
versions unpacked side by side never mix.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .model import Catalog, PageMeta
from .speed import zipping

DOWNLOADS = "downloads"
# Download links are marked in the templates, so the copy inside the ZIP can drop the link to the ZIP itself.
DOWNLOAD_BLOCK = re.compile(rb"<!--downloads-->.*?<!--/downloads-->", re.S)


def download_name(catalog: Catalog) -> str:
    """The name of the ZIP and of the folder it unpacks to: the site and the date of its newest content."""
    dates = [e.meta.reviewed for v in catalog.items.values() for e in v.values() if isinstance(e.meta, PageMeta)]
    newest = max([*dates, *(change.date for change in catalog.config.changes)], default=None)
    return f"povej-{newest.isoformat()}" if newest else "povej"


def write_zip(site: Path, name: str, previous: Path | None = None) -> None:
    """Write downloads/<name>.zip of the built site, with the download links removed from its pages.

    `previous` is the last build's ZIP (when that build's output is untouched): what did not change is copied
    from it rather than compressed again.
    """
    folder = site / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    zipping.write(folder / f"{name}.zip", _members(site, name), previous)


def previous_zip(output: Path) -> Path | None:
    return next(iter(sorted((output / DOWNLOADS).glob("*.zip"))), None) if (output / DOWNLOADS).is_dir() else None


def _members(site: Path, name: str) -> Iterator[tuple[str, bytes]]:
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        inside = path.relative_to(site).as_posix()
        if inside.startswith(DOWNLOADS + "/"):
            continue
        data = path.read_bytes()
        yield f"{name}/{inside}", DOWNLOAD_BLOCK.sub(b"", data) if path.suffix == ".html" else data
