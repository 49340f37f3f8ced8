"""Skip a build when nothing it reads has changed and its output is as the last build left it.

A small JSON file per output folder, in the user's cache folder (`$XDG_CACHE_HOME/povej/builds/`, by default
`~/.cache/povej/builds/`; nothing is added to the site or beside it), records a hash of every input (the
content, the package's code, templates and static files, the translations, the build options and the versions
of the libraries that render) and a listing of the output (each file's path, size and modification time). A
build whose inputs hash the same, into an output that lists the same, would write the same bytes: it stops.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fingerprint import LIBRARIES, PACKAGE, REPO_ROOT, cache_folder, version_of
from .problems import Problem
from .source import read_bounded

VERSION = 2  # of the manifest's format and of what it hashes
HASH_LIMIT = 4 * 1024 * 1024  # bigger than any file the build accepts (content 256 KB, pictures less)


@dataclass(frozen=True)
class Manifest:
    inputs: str  # everything the build read
    output: str  # the listing of what it wrote
    pages: dict[str, int]
    warnings: tuple[Problem, ...]
    environment: str = ""  # the inputs apart from the content
    page_keys: dict[str, list[str]] = field(default_factory=dict)  # url: [file, key] (incremental.py)


@dataclass(frozen=True)
class Check:
    """What a build found before doing anything: its inputs, and what the last build into its output left."""

    inputs: str
    environment: str
    previous: Manifest | None  # the last build's manifest, if the output is as that build left it

    @property
    def up_to_date(self) -> bool:
        return self.previous is not None and self.previous.inputs == self.inputs


def build_config(content: Path, strict: bool = False, base_url: str = "",
                 settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """The app's settings for a build (what the manifest's hash of the options covers)."""
    return {"POVEJ_CONTENT": content, "POVEJ_STRICT": strict, "POVEJ_BASE_URL": base_url.rstrip("/"),
            **(settings or {})}


def check_build(content: Path, output: Path, config: dict[str, Any], force: bool = False) -> Check:
    """Hash the inputs and read the last build's manifest; cheap, and without loading Flask or the content."""
    translations = str(config.get("BABEL_TRANSLATION_DIRECTORIES", REPO_ROOT / "translations"))
    options = {k: v for k, v in config.items() if k != "POVEJ_CONTENT"}
    environment = environment_digest([Path(folder) for folder in translations.split(";")], options)
    inputs = inputs_digest(content.resolve(), environment)
    previous = None if force else read_manifest(output)
    if previous is not None and (not output.is_dir() or previous.output != output_listing(output)):
        previous = None  # someone changed the output since: nothing in it can be trusted
    return Check(inputs, environment, previous)


def manifest_path(output: Path) -> Path:
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:24]
    return cache_folder() / "builds" / f"{name}.json"


def environment_digest(translations: list[Path], options: dict[str, Any]) -> str:
    """A hash of what a build reads besides the content: code, templates, static files, catalogues, options."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"version": VERSION, "python": sys.version, "options": options,
                              "libraries": {name: version_of(name) for name in LIBRARIES}},
                             sort_keys=True, default=str).encode())
    _hash_files(digest, [("package", PACKAGE)] + [("translations", t) for t in translations])
    return digest.hexdigest()


def inputs_digest(content: Path, environment: str) -> str:
    """One hash of everything a build reads; any change to any of it gives another hash."""
    digest = hashlib.sha256(environment.encode())
    _hash_files(digest, [("content", content)])
    return digest.hexdigest()


def _hash_files(digest: Any, roots: list[tuple[str, Path]]) -> None:
    """Hash every name under the roots and what it is, without following links or opening anything but files.

    Folders and links count by name (and target), so a new folder or a changed link is a change; an ordinary
    file counts by its bytes, or by size and time when it is too big to be content; pipes, devices and
    unreadable files by their kind (loading the content reports them, or ignores an editor's leftovers).
    """
    for label, root in roots:
        for name, kind in _tree(root):
            digest.update(f"\0{label}/{name}\0{kind}\0".encode())
            if kind == "file":
                digest.update(_file_bytes(root / name))


def _tree(root: Path) -> list[tuple[str, str]]:
    found, pending = [], [""]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(root / folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            found.append((folder, "unreadable folder"))
            continue
        for entry in entries:
            name = f"{folder}/{entry.name}" if folder else entry.name
            if entry.name == "__pycache__" or entry.name.endswith((".pyc", ".pyo")):
                continue
            found.append((name, _kind(entry)))
            if found[-1][1] == "folder":
                pending.append(name)
    return found


def _kind(entry: os.DirEntry[str]) -> str:
    try:
        if entry.is_symlink():
            return f"link to {Path(entry.path).readlink()}"
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return "unreadable"
    return "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else f"special {stat.S_IFMT(mode)}"


def _file_bytes(path: Path) -> bytes:
    try:
        data = read_bounded(path, HASH_LIMIT)
        if len(data) <= HASH_LIMIT:
            return data
        info = path.stat()
        return f"{info.st_size}\0{info.st_mtime_ns}".encode()  # far over any limit: loading refuses it
    except OSError as exc:
        return f"unreadable {exc.errno}".encode()


def output_listing(output: Path) -> str:
    """A hash of the output's file names, sizes and modification times (cheap: no file is read)."""
    lines = []
    pending = [""]
    while pending:
        folder = pending.pop()
        with os.scandir(output / folder) as entries:
            for entry in entries:
                name = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append(name)
                else:
                    stat = entry.stat(follow_symlinks=False)
                    lines.append(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def read_manifest(output: Path) -> Manifest | None:
    try:
        data = json.loads(manifest_path(output).read_text(encoding="utf-8"))
        return Manifest(data["inputs"], data["output"], dict(data["pages"]),
                        tuple(Problem(*fields) for fields in data["warnings"]), data.get("environment", ""),
                        dict(data.get("page_keys", {})))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or unreadable: the build runs


def write_manifest(output: Path, manifest: Manifest) -> None:
    data = {"inputs": manifest.inputs, "output": output_listing(output), "pages": manifest.pages,
            "warnings": [[w.path, w.line, w.message, w.severity] for w in manifest.warnings],
            "environment": manifest.environment, "page_keys": manifest.page_keys}
    temporary = manifest_path(output).with_suffix(f".{os.getpid()}")
    try:
        temporary.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(manifest_path(output))
    except OSError:
        pass  # no cache folder to write to: the next build simply runs in full


def forget(output: Path) -> None:
    """Before an output is replaced: a build that stops half-way must not look up to date."""
    manifest_path(output).unlink(missing_ok=True)
