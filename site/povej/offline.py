"""Downloads for classrooms without internet: the whole site and each band alone, as ZIPs that work unzipped."""
from __future__ import annotations

import dataclasses
import functools
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from .content import Catalog
from .parallel import run_jobs
from .siteconfig import Change

DOWNLOADS = "downloads"
SCRATCH = ".scratch"
# Download links are marked in the templates, so a copy inside a ZIP can drop links to the ZIPs themselves.
DOWNLOAD_BLOCK = re.compile(rb"<!--downloads-->.*?<!--/downloads-->", re.S)
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # the same bytes for the same content, build after build


def only_band(catalog: Catalog, band: str) -> Catalog:
    """The catalogue as one band's download sees it: that band's lessons and guides, and everything shared."""
    def keep(kind: str, key: str) -> bool:
        versions = catalog.items[(kind, key)]
        first = next(iter(versions.values()))
        if kind == "lesson":
            return first.band == band
        if kind == "guide":
            return first.meta.get("band") in (None, band)
        return True

    items = {k: v for k, v in catalog.items.items() if keep(*k)}
    uses = {term: tuple(u for u in used if u in items) for term, used in catalog.term_uses.items()}
    changes = tuple(Change(c.date, c.texts, tuple(t for t in c.links if tuple(t.split(":", 1)) in items))
                    for c in catalog.config.changes)
    config = dataclasses.replace(catalog.config, bands=tuple(b for b in catalog.config.bands if b.id == band),
                                 changes=changes)
    excluded = frozenset([k for k in catalog.items if k not in items]
                         + [("band", b.id) for b in catalog.config.bands if b.id != band])
    return dataclasses.replace(catalog, config=config, items=items, term_uses=uses, excluded=excluded)


def band_sites(app: Flask, site: Path, make_app: Callable[[Catalog], Flask]) -> list[tuple[Flask, Path]]:
    """An app for each band's download, and the scratch folder (inside the staging site) it freezes into."""
    catalog: Catalog = app.config["POVEJ_CATALOG"]
    scratch = site / DOWNLOADS / SCRATCH  # inside the staging folder, so a killed build leaves nothing elsewhere
    return [(make_app(only_band(catalog, band.id)), scratch / band.id) for band in catalog.config.bands]


def write_zips(site: Path, band_folders: list[Path], workers: int) -> None:
    """Write downloads/povej.zip (the whole site) and downloads/povej-<band>.zip, then drop the scratch folders."""
    folder = site / DOWNLOADS
    jobs = [functools.partial(zip_folder, site, folder / "povej.zip", skip=DOWNLOADS)]
    jobs += [functools.partial(zip_folder, band, folder / f"povej-{band.name}.zip") for band in band_folders]
    sizes = [_size(site, skip=DOWNLOADS)] + [_size(band) for band in band_folders]
    run_jobs(jobs, workers, weights=sizes)
    shutil.rmtree(folder / SCRATCH, ignore_errors=True)


def _size(root: Path, skip: str = "") -> float:
    return float(sum(p.stat().st_size for p in root.rglob("*")
                     if p.is_file() and not (skip and p.relative_to(root).parts[0] == skip)))


def zip_folder(root: Path, target: Path, skip: str = "") -> None:
    """A deterministic ZIP of a built site, with download links removed from its pages."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            if skip and name.startswith(skip + "/"):
                continue
            data = path.read_bytes()
            if path.suffix == ".html":
                data = DOWNLOAD_BLOCK.sub(b"", data)
            info = zipfile.ZipInfo(f"povej/{name}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
