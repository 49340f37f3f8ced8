"""Reading the content fast: files unchanged since the last load are not read or rendered again, and a large
site is read by several processes.

Nothing here changes what a file gives: `content._load_file` reads it; this module only decides whether it must.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Entry, Kind
from ..problems import Problem
from .parallel import map_jobs
from .rendercache import RenderCache


@dataclass(frozen=True)
class ContentFile:
    """A content file to load, and where it is in the tree."""

    kind: Kind
    band: str
    folder: Path
    path: Path


# Files: fewer load faster in one process (bench/README.md has the measurements).
PARALLEL_FROM = 200

Loaded = tuple[Entry | None, list[Problem]]


@dataclass
class FileCache:
    """What each content file gave the last time it was loaded, so a preview re-reads only what was edited.

    A file counts as unchanged while its size, modification time and inode are; everything a file's result
    depends on besides the file itself (the site's languages and vocabularies) is the `context`.
    """

    context: str = ""
    files: dict[Path, tuple[tuple[int, int, int], Loaded]] = field(default_factory=dict)


def load_files(load: Callable[[ContentFile], Loaded], files: list[ContentFile], workers: int, cache: FileCache | None,
                context: str) -> list[Loaded]:
    """What each file gives; files unchanged since they were last loaded are not read or rendered again.

    A preview's `cache` skips files whose size, mtime and inode are unchanged; every other file is looked
    up by the hash of its bytes in the render cache on disk, and only what is in neither is rendered.
    """
    if cache is None:
        return _load_through_disk(load, files, workers, context, persist=True)
    if cache.context != context:
        cache.context, cache.files = context, {}
    stamps = {file.path: _stamp(file.path) for file in files}
    stale = [file for file in files if file.path not in cache.files or cache.files[file.path][0] != stamps[file.path]]
    # An edit in the preview is kept in memory; writing the whole disk cache for it would cost more than it saves.
    results = _load_through_disk(load, stale, workers, context, persist=len(stale) > 1)
    for file, result in zip(stale, results, strict=True):
        cache.files[file.path] = (stamps[file.path], result)
    cache.files = {file.path: cache.files[file.path] for file in files}  # forget deleted files
    return [cache.files[file.path][1] for file in files]


def _load_through_disk(load: Callable[[ContentFile], Loaded], files: list[ContentFile], workers: int, context: str,
                       persist: bool) -> list[Loaded]:
    disk = RenderCache.for_context(context)
    keys = [disk.key(file.path) for file in files]
    results: list[Loaded | None] = [disk.get(key) for key in keys]
    missing = [index for index, result in enumerate(results) if result is None]
    # Forking costs more than it saves on a small site.
    rendered = map_jobs(load, [files[i] for i in missing], workers if len(missing) >= PARALLEL_FROM else 1)
    for index, result in zip(missing, rendered, strict=True):
        results[index] = result
        disk.put(keys[index], result)
    if persist:
        disk.save(set(keys))
    return [result for result in results if result is not None]


def _stamp(path: Path) -> tuple[int, int, int]:
    try:
        stat = path.stat()
    except OSError:  # an editor replacing the file right now: load it, and let reading it say what is wrong
        return -1, -1, -1
    return stat.st_mtime_ns, stat.st_size, stat.st_ino
