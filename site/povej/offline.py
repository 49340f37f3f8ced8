"""The download for classrooms without internet: the whole site as one ZIP that works unzipped.

It unpacks to a folder named after the site and the date of its newest content (`povej-2026-12-04/`), so two
versions unpacked side by side never mix.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .model import Catalog, PageMeta

DOWNLOADS = "downloads"
# Download links are marked in the templates, so the copy inside the ZIP can drop the link to the ZIP itself.
DOWNLOAD_BLOCK = re.compile(rb"<!--downloads-->.*?<!--/downloads-->", re.S)
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # the same bytes for the same content, build after build


def download_name(catalog: Catalog) -> str:
    """The name of the ZIP and of the folder it unpacks to: the site and the date of its newest content."""
    dates = [e.meta.reviewed for v in catalog.items.values() for e in v.values() if isinstance(e.meta, PageMeta)]
    newest = max([*dates, *(change.date for change in catalog.config.changes)], default=None)
    return f"povej-{newest.isoformat()}" if newest else "povej"


def write_zip(site: Path, name: str) -> None:
    """Write downloads/<name>.zip: a deterministic ZIP of the built site, with the download links removed."""
    folder = site / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / f"{name}.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            inside = path.relative_to(site).as_posix()
            if inside.startswith(DOWNLOADS + "/"):
                continue
            data = path.read_bytes()
            if path.suffix == ".html":
                data = DOWNLOAD_BLOCK.sub(b"", data)
            info = zipfile.ZipInfo(f"{name}/{inside}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
