"""Rendered content kept between builds: a file whose bytes did not change is not parsed or rendered again.

One pickle per content folder and code version, in the user's cache folder (`~/.cache/povej/render/`), maps
the hash of each file's path and bytes to what loading it gave (the entry and its problems). The hash also
covers the code that reads and renders (this package's Python files and the libraries' versions) and
everything else a file's result depends on (the site's languages and vocabularies), so a stale result can
never be used: any change gives other keys.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from ..fingerprint import cache_folder, code_version, pictures_digest
from ..source import MAX_BYTES, read_bounded


class RenderCache:
    """What each file gave when last loaded, by the hash of its path and bytes."""

    _open: dict[str, RenderCache] = {}  # noqa: RUF012 (one per context and process, read from disk once)

    @classmethod
    def for_context(cls, context: str) -> RenderCache:
        if context not in cls._open:
            cls._open[context] = cls(context)
        return cls._open[context]

    def __init__(self, context: str) -> None:
        name = hashlib.sha256((context + code_version()).encode()).hexdigest()[:24]
        self.path = cache_folder() / "render" / f"{name}.pickle"
        self.results: dict[str, Any] = self._read()
        self.changed = False

    def key(self, path: Path) -> str:
        try:
            data = read_bounded(path, MAX_BYTES)
        except OSError:
            return ""  # gone, unreadable or not a file: loading it reports why
        # What a file renders to depends on the pictures beside it too (a deleted or unsafe one is a problem).
        return hashlib.sha256(str(path).encode() + b"\0" + data + pictures_digest(path.parent)).hexdigest()

    def get(self, key: str) -> Any:
        return self.results.get(key) if key else None

    def put(self, key: str, result: Any) -> None:
        if key:
            self.results[key] = result
            self.changed = True

    def save(self, keep: set[str]) -> None:
        """Write the results of the files loaded this time (and only those) back to disk."""
        if not self.changed and keep == set(self.results):
            return
        self.results = {k: v for k, v in self.results.items() if k in keep}
        temporary = self.path.with_suffix(f".{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pickle.dumps(self.results, pickle.HIGHEST_PROTOCOL))
            temporary.replace(self.path)
        except OSError:
            temporary.unlink(missing_ok=True)  # no cache folder to write to: the next build renders in full
        self.changed = False

    def _read(self) -> dict[str, Any]:
        try:
            data = pickle.loads(self.path.read_bytes())  # our own file, in the user's own cache folder
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}
