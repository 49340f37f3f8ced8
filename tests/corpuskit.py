"""Apply a corpus case (tests/corpus/<group>/<case>/) to the small valid site of sitekit."""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from povej.content import digest
from povej.problems import Problems
from povej.source import read_source
from sitekit import make_site

CORPUS = Path(__file__).parent / "corpus"
OPTIONS = {"strict", "delete", "append", "symlinks"}


@dataclass(frozen=True)
class Case:
    """One case: files that replace or add to the small site, what to change besides, and the expected lines."""

    folder: Path
    strict: bool = False
    delete: tuple[str, ...] = ()
    append: dict[str, dict[str, Any]] = field(default_factory=dict)
    symlinks: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def expected(self) -> list[str]:
        return (self.folder / "expected.txt").read_text(encoding="utf-8").splitlines()


def cases(group: str) -> list[Case]:
    return [load_case(folder) for folder in sorted((CORPUS / group).iterdir()) if folder.is_dir()]


def load_case(folder: Path) -> Case:
    spec_file = folder / "case.yml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) if spec_file.exists() else {}
    unknown = set(spec) - OPTIONS
    assert not unknown, f"{spec_file}: unknown option(s) {sorted(unknown)}; the options are {sorted(OPTIONS)}"
    return Case(folder, bool(spec.get("strict")), tuple(spec.get("delete", ())), spec.get("append", {}),
                spec.get("symlinks", {}))


def apply_case(case: Case, root: Path) -> Path:
    """Write the small site under root/content, then the case on top of it; return the content folder."""
    content = make_site(root)
    stamped = []
    for source in sorted((case.folder / "content").rglob("*")):
        if source.is_file():
            target = root / source.relative_to(case.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            stamped.append(target)
    for name, how in case.append.items():
        with (root / name).open("a", encoding="utf-8", newline="") as handle:
            handle.write(how["text"] * how["times"])
    for name in case.delete:
        path = root / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for name, target in case.symlinks.items():
        (root / name).symlink_to(target)
    for path in stamped:
        _stamp(path)
    return content


def _stamp(path: Path) -> None:
    """Replace '{hash}' with the version of the sl.md beside it, as `povej stamp` would write it."""
    data = path.read_bytes()
    if b"{hash}" not in data:
        return
    source = read_source(path.parent / "sl.md", Problems(root=path.parent))
    path.write_bytes(data.replace(b"{hash}", (digest(source) if source else "none").encode()))


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root with the hash of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}
