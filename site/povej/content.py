"""Load every content file, validate it, render its Markdown once, and return an immutable catalogue."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .markup import Rendered, Renderer
from .parallel import map_jobs
from .problems import ContentError, Problem, Problems
from .rendercache import RenderCache
from .schema import portable_name, validate
from .siteconfig import SiteConfig, load_site_config
from .source import Source, read_source

KIND_FOLDERS = {"lessons": "lesson", "guides": "guide", "pages": "page", "glossary": "term", "partials": "partial"}
DATA_FILES = {"site.yml", "contacts.yml", "changes.yml"}
PARALLEL_FROM = 200  # files; fewer load faster in one process
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z]+)?$")
PICTURE_SUFFIXES = {".svg", ".png", ".jpg", ".webp"}
# Files that editors and file managers leave beside the content; never part of the site.
LITTER = re.compile(r"^(?:\..*|.*~|#.*#|thumbs\.db|desktop\.ini)$", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One language version of one piece of content."""

    kind: str
    key: str
    lang: str
    band: str
    meta: dict[str, Any]
    rendered: Rendered
    path: Path
    digest: str
    lines: dict[str, int] = field(default_factory=dict)  # the line of each front-matter key

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.meta.get("term"))

    @property
    def slug(self) -> str:
        return str(self.meta.get("slug", self.key))


@dataclass(frozen=True)
class Status:
    """The translation state of one item in one target language."""

    kind: str
    key: str
    lang: str
    state: str  # current | outdated | missing
    path: str


@dataclass(frozen=True)
class Catalog:
    """Everything the site shows, validated; views only read from it."""

    config: SiteConfig
    root: Path
    items: dict[tuple[str, str], dict[str, Entry]]
    statuses: tuple[Status, ...]
    warnings: tuple[Problem, ...] = ()
    term_uses: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    excluded: frozenset[tuple[str, str]] = frozenset()  # items left out of a band's download

    def get(self, kind: str, key: str, lang: str) -> Entry | None:
        return self.items.get((kind, key), {}).get(lang)

    def entries(self, kind: str, lang: str) -> list[Entry]:
        return list(self._sorted.get((kind, lang), ()))

    @functools.cached_property
    def _sorted(self) -> dict[tuple[str, str], tuple[Entry, ...]]:
        """Every kind's entries in one language: youngest band first, lessons in teaching order ('order'), then by key.

        Pages ask for these lists thousands of times.
        """
        found: dict[tuple[str, str], list[Entry]] = {}
        for (kind, _), versions in self.items.items():
            for lang, entry in versions.items():
                found.setdefault((kind, lang), []).append(entry)
        bands = {band.id: i for i, band in enumerate(self.config.bands)}
        def place(e: Entry) -> tuple[int, int, str]:  # a parents' guide names its band in the front matter
            return bands.get(e.band or str(e.meta.get("band", "")), -1), int(e.meta.get("order") or 99), e.key

        return {k: tuple(sorted(v, key=place)) for k, v in found.items()}

    def lessons(self, band: str, lang: str) -> list[Entry]:
        return [e for e in self.entries("lesson", lang) if e.band == band]

    def keys(self, kind: str) -> list[str]:
        return sorted(key for (k, key) in self.items if k == kind)


def digest(source: Source) -> str:
    """A short hash of what a translator translates: the body and the front matter except bookkeeping."""
    meta = {k: v for k, v in source.meta.items() if k not in ("source_hash", "reviewed")}
    text = json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False) + "\n" + source.body.strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


Loaded = tuple[Entry | None, list[Problem]]


@dataclass
class FileCache:
    """What each content file gave the last time it was loaded, so a preview re-reads only what was edited.

    A file counts as unchanged while its size, modification time and inode are; everything a file's result
    depends on besides the file itself (the site's languages and vocabularies) is the `context`.
    """

    context: str = ""
    files: dict[Path, tuple[tuple[int, int, int], Loaded]] = field(default_factory=dict)


def load_catalog(content: Path, repo_root: Path | None = None, strict: bool = False,
                 workers: int = 1, cache: FileCache | None = None) -> Catalog:
    """Read and validate all content; raise ContentError listing every problem (warnings too, if strict).

    `workers` processes share the reading and rendering of the files (the costly part of a large site);
    with a `cache`, files unchanged since the last load are not read again.
    """
    problems = Problems(root=repo_root or content.parent)
    config = load_site_config(content, problems)
    if config is None:
        raise ContentError(problems.items)
    items = _load_items(content, config, problems, workers, cache)
    from .rules import check_catalog

    statuses, term_uses = check_catalog(items, config, problems, content)
    failing = problems.items if strict else problems.errors
    if failing:
        raise ContentError(failing)
    return Catalog(config, content, items, statuses, tuple(problems.warnings), term_uses)


@dataclass(frozen=True)
class _File:
    kind: str
    band: str
    folder: Path
    path: Path


def _load_items(content: Path, config: SiteConfig, problems: Problems, workers: int = 1,
                cache: FileCache | None = None) -> dict[tuple[str, str], dict[str, Entry]]:
    vocabularies = {
        "topics": [t.id for t in config.topics],
        "campaigns": [c.id for c in config.campaigns],
        "bands": [b.id for b in config.bands],
        "audiences": ["parents", "teachers"],
        "terms": _keys(content / "glossary"),
    }
    files = [_File(kind, band, folder, path) for kind, band, folder in _item_folders(content, config, problems)
             for path in _language_files(folder, content, config, problems)]
    load = functools.partial(_load_file, source_language=config.source_language, vocabularies=vocabularies,
                             root=problems.root)
    loaded = _load_files(load, files, workers, cache,
                         json.dumps([config.source_language, vocabularies, str(problems.root)], sort_keys=True))
    items: dict[tuple[str, str], dict[str, Entry]] = {}
    for file, (entry, found) in zip(files, loaded, strict=True):
        problems.items.extend(found)
        if entry is not None:
            items.setdefault((file.kind, file.folder.name), {})[entry.lang] = entry
    return items


def _load_files(load: Callable[[_File], Loaded], files: list[_File], workers: int, cache: FileCache | None,
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


def _load_through_disk(load: Callable[[_File], Loaded], files: list[_File], workers: int, context: str,
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


def _load_file(file: _File, source_language: str, vocabularies: dict[str, list[str]], root: Path) -> Loaded:
    """One language version of one item: read, validate and render it, with the problems found."""
    problems = Problems(root=root)
    source = read_source(file.path, problems)
    if source is None:
        return None, problems.items
    lang = file.path.stem
    meta = validate(source, file.kind, lang != source_language, vocabularies, problems)
    rendered = _renderer().render(source, problems)
    if meta is None:
        return None, problems.items
    entry = Entry(file.kind, file.folder.name, lang, file.band, meta, rendered, file.path, digest(source),
                  source.lines)
    return entry, problems.items


@functools.cache
def _renderer() -> Renderer:
    return Renderer()


def _keys(folder: Path) -> list[str]:
    return [p.name for p in _children(folder) if p.is_dir()] if folder.is_dir() else []


def _children(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not LITTER.match(p.name))


def _item_folders(content: Path, config: SiteConfig, problems: Problems) -> Iterator[tuple[str, str, Path]]:
    """Yield (kind, band, folder) for every content item, reporting stray files and bad names."""
    for child in _children(content):
        if child.name in DATA_FILES:
            continue
        if child.name not in KIND_FOLDERS or not child.is_dir():
            problems.add(child, None, f"unexpected {'folder' if child.is_dir() else 'file'} in content/. "
                         f"Content lives in {', '.join(sorted(KIND_FOLDERS))}; data in "
                         "site.yml, contacts.yml and changes.yml.")
            continue
        kind = KIND_FOLDERS[child.name]
        if kind != "lesson":
            yield from ((kind, "", f) for f in _folders(child, content, problems))
            continue
        bands = {b.id for b in config.bands}
        for band_folder in _folders(child, content, problems):
            if band_folder.name not in bands:
                problems.add(band_folder, None, f"there is no band {band_folder.name!r}. "
                             f"Lessons go in one of: {', '.join(b.id for b in config.bands)}.")
                continue
            yield from (("lesson", band_folder.name, f) for f in _folders(band_folder, content, problems))


def _folders(parent: Path, content: Path, problems: Problems) -> Iterator[Path]:
    for child in _children(parent):
        if not _safe_name(child, content, problems):
            continue
        if child.is_dir():
            yield child
        else:
            problems.add(child, None, f"unexpected file {child.name!r}: put each item in its own folder "
                         f"({parent.name}/<key>/{'<lang>'}.md).")


def _language_files(folder: Path, content: Path, config: SiteConfig, problems: Problems) -> list[Path]:
    files = []
    for child in _children(folder):
        if not _safe_name(child, content, problems):
            continue
        if child.suffix == ".md" and child.stem in config.codes and child.is_file():
            files.append(child)
        elif child.suffix == ".md" and child.stem in config.codes:
            problems.add(child, None, "this is not an ordinary file (a folder, or a link to a file that is "
                         "gone). Replace it with the Markdown file itself.")
        elif child.suffix == ".md":
            problems.add(child, None, f"{child.stem!r} is not a language of the site "
                         f"({', '.join(config.codes)}). Rename the file or add the language to site.yml.")
        elif child.suffix not in PICTURE_SUFFIXES or not child.is_file():
            problems.add(child, None, "unexpected file: an item folder holds <lang>.md files and "
                         "the pictures they use (.svg, .png, .jpg, .webp).")
    return files


def _safe_name(path: Path, content: Path, problems: Problems) -> bool:
    """Names must be portable (a USB stick, Windows, a URL) and links must stay inside content/."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(Path(os.path.realpath(content))):
            problems.add(path, None, "this is a link to a file outside content/. Copy the file into content/ "
                         "instead of linking to it.")
            return False
    if path.name.endswith(".md.txt"):
        problems.add(path, None, f"the name ends in '.txt' after '.md' (some editors add it). Rename it to "
                     f"{path.name.removesuffix('.txt')!r}.")
        return False
    if not NAME.match(path.name):
        problems.add(path, None, f"the name {path.name!r} may only use lowercase letters a–z, digits and "
                     "hyphens (no spaces, capitals or diacritics). Rename it, e.g. "
                     f"{_suggest_name(path.name)!r}.")
        return False
    unportable = portable_name(path.name)
    if unportable:
        problems.add(path, None, f"the name {path.name[:60]!r} {unportable}. Rename it.")
        return False
    return True


def _suggest_name(name: str) -> str:
    import unicodedata

    stem, dot, suffix = name.rpartition(".") if "." in name.strip(".") else (name, "", "")
    ascii_name = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "name"
    suffix = re.sub(r"[^a-z]+", "", suffix.lower())
    return slug + ("." + suffix if dot and suffix else "")
