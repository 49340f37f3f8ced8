"""The code a build runs and where it lives: its folders, libraries and hashes.

Shared by the build manifest (has anything changed since the last build?) and the render cache (was this file
rendered by this code before?).
"""
from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

from .pictures import MAX_PICTURE
from .source import read_bounded

PACKAGE = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE.parents[1]
LIBRARIES = ("flask", "flask-babel", "frozen-flask", "jinja2", "markdown", "babel", "pyyaml", "werkzeug",
             "markupsafe")
FORMAT = 1  # of what the render cache keeps
PICTURES = (".svg", ".png", ".jpg", ".webp")


def version_of(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def cache_folder() -> Path:
    """Povej!'s folder in the user's cache ($XDG_CACHE_HOME, by default ~/.cache)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "povej"


def code_version() -> str:
    """A hash of the package's Python files (speed/ included) and the libraries' versions."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(" ".join(version_of(name) for name in LIBRARIES).encode())
    return digest.hexdigest()


def pictures_digest(folder: Path) -> bytes:
    """The names and bytes of the pictures in a content folder."""
    digest = hashlib.sha256()
    try:
        names = sorted(p.name for p in folder.iterdir() if p.suffix in PICTURES)
    except OSError:
        return b""
    for name in names:
        try:
            digest.update(name.encode() + b"\0" + read_bounded(folder / name, MAX_PICTURE) + b"\0")
        except OSError:
            digest.update(name.encode() + b"\0unreadable\0")
    return digest.digest()
