"""Load every content file, validate it, render its Markdown once, and return an immutable catalogue."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .markup import Renderer
from .model import Catalog, Entry, Items, Kind
from .names import portable_name
from .problems import ContentError, Problems
from .rules import check_catalog
from .schema import validate
from .siteconfig import SiteConfig, load_site_config
from .source import Source, read_source
from .speed.loading import ContentFile, FileCache, Loaded, load_files

KIND_FOLDERS = {"lessons": Kind.LESSON, "guides": Kind.GUIDE, "pages": Kind.PAGE, "glossary": Kind.TERM,
                "partials": Kind.PARTIAL}
DATA_FILES = {"site.yml", "contacts.yml", "changes.yml"}
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z]+)?$")
PICTURE_SUFFIXES = {".svg", ".png", ".jpg", ".webp"}
# Files that editors and file managers leave beside the content; never part of the site.
LITTER = re.compile(r"^(?:\..*|.*~|#.*#|thumbs\.db|desktop\.ini)$", re.IGNORECASE)


def digest(source: Source) -> str:
    """A short hash of what a translator translates: the body and the front matter except bookkeeping."""
    meta = {k: v for k, v in source.meta.items() if k not in ("source_hash", "reviewed")}
    text = json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False) + "\n" + source.body.strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


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
    statuses, term_uses = check_catalog(items, config, problems, content)
    failing = problems.items if strict else problems.errors
    if failing:
        raise ContentError(failing)
    return Catalog(config, content, items, statuses, tuple(problems.warnings), term_uses)


def _load_items(content: Path, config: SiteConfig, problems: Problems, workers: int = 1,
                cache: FileCache | None = None) -> Items:
    vocabularies = {
        "topics": [t.id for t in config.topics],
        "campaigns": [c.id for c in config.campaigns],
        "bands": [b.id for b in config.bands],
        "audiences": ["parents", "teachers"],
        "terms": _keys(content / "glossary"),
    }
    files = [ContentFile(kind, band, folder, path) for kind, band, folder in _item_folders(content, config, problems)
             for path in _language_files(folder, content, config, problems)]
    load = functools.partial(_load_file, source_language=config.source_language, vocabularies=vocabularies,
                             root=problems.root)
    loaded = load_files(load, files, workers, cache,
                         json.dumps([config.source_language, vocabularies, str(problems.root)], sort_keys=True))
    items: Items = {}
    for file, (entry, found) in zip(files, loaded, strict=True):
        problems.items.extend(found)
        if entry is not None:
            items.setdefault((file.kind, file.folder.name), {})[entry.lang] = entry
    return items


def _load_file(file: ContentFile, source_language: str, vocabularies: dict[str, list[str]], root: Path) -> Loaded:
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


def _item_folders(content: Path, config: SiteConfig, problems: Problems) -> Iterator[tuple[Kind, str, Path]]:
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
        if kind != Kind.LESSON:
            yield from ((kind, "", f) for f in _folders(child, content, problems))
            continue
        bands = {b.id for b in config.bands}
        for band_folder in _folders(child, content, problems):
            if band_folder.name not in bands:
                problems.add(band_folder, None, f"there is no band {band_folder.name!r}. "
                             f"Lessons go in one of: {', '.join(b.id for b in config.bands)}.")
                continue
            yield from ((Kind.LESSON, band_folder.name, f) for f in _folders(band_folder, content, problems))


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
