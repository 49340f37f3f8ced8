"""Create new lesson files, and stamp translations with the version of the source they follow."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .content import digest
from .names import SLUG
from .problems import Problems
from .siteconfig import BAND_IDS
from .source import MAX_BYTES, read_bounded, read_source

ORDER = re.compile(r"^order: *([0-9]{1,2}) *$", re.M)
HEADINGS = {
    "sl": ("Pred uro", "Uvodna dejavnost", "Glavna dejavnost", "Prvi korak", "Drugi korak", "Pogovor",
           "Zaključek", "Krajša različica", "Delovni list", "Doma", "Viri"),
    "en": ("Before the lesson", "Warm-up", "Main activity", "First step", "Second step", "Discussion questions",
           "Closing", "Short version", "Handout", "At home", "Sources"),
}
TEMPLATE = """---
title: {title}
slug: {key}
summary: {todo}
duration: 45
short_version: 15
order: {order}
topics: [secrets]
campaign: secrets
objectives:
  - {todo}
  - {todo}
key_message: {todo}
keywords: []
materials:
  - {todo}
reviewed: {today}
{stamp}---

## {h[0]} {{#before}}

{todo}

## {h[1]} (5 min) {{#warm-up}}

{todo}

## {h[2]} {{#activity}}

### {h[3]} (15 min)

{todo}

### {h[4]} (10 min)

{todo}

## {h[5]} (10 min) {{#discussion}}

- {todo}

## {h[6]} (5 min) {{#closing}}

{todo}

## {h[7]} (15 min) {{#short-version}}

{todo}

## {h[8]} {{#handout}}

{todo}

## {h[9]} {{#at-home}}

{todo}

## {h[10]} {{#sources}}

- {todo}
"""


def _content_root(path: Path) -> Path:
    for parent in path.resolve().parents:
        if (parent / "site.yml").is_file():
            return parent
    raise ValueError(f"{path} is not inside a content folder (no site.yml above it).")


def _languages(content: Path) -> tuple[str, list[str]]:
    data = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
    codes = [lang["code"] for lang in data["languages"]]
    source = next(lang["code"] for lang in data["languages"] if lang.get("source"))
    return source, codes


def new_lesson(content: Path, band: str, key: str) -> list[Path]:
    """Write a valid lesson skeleton in every language, ready to fill in."""
    if band not in BAND_IDS:
        raise ValueError(f"there is no band {band!r}; use one of {', '.join(BAND_IDS)}.")
    if not SLUG.match(key):
        raise ValueError(f"the key {key!r} may only use lowercase letters a–z, digits and hyphens.")
    folder = content / "lessons" / band / key
    if folder.exists():
        raise ValueError(f"{folder} already exists.")
    order = _next_place(content / "lessons" / band)
    folder.mkdir(parents=True)
    source, codes = _languages(content)
    paths = []
    for code in codes:
        path = folder / f"{code}.md"
        path.write_text(TEMPLATE.format(
            title=key.replace("-", " ").capitalize(), key=key, todo="TODO", today=dt.date.today().isoformat(),
            order=order, stamp="" if code == source else "source_hash: new\n", h=HEADINGS.get(code, HEADINGS["en"])),
            encoding="utf-8")
        paths.append(path)
    return paths


def _next_place(band: Path) -> int:
    """After the band's last lesson in teaching order: the new lesson is listed last until someone moves it."""
    places = []
    for path in band.glob("*/*.md"):
        try:
            text = read_bounded(path, MAX_BYTES).decode("utf-8", errors="replace")
        except OSError:
            continue  # not a file that can be read: `povej check` says so
        places += [int(m.group(1)) for m in ORDER.finditer(text)]
    return max(places, default=0) + 1


def stamp_translation(path: Path) -> str:
    """Set `source_hash` in a translation to the digest of its source file's current version."""
    content = _content_root(path)
    source_lang, _ = _languages(content)
    if path.stem == source_lang:
        raise ValueError(f"{path} is the source language; only translations are stamped.")
    problems = Problems(root=content.parent)
    source = read_source(path.parent / f"{source_lang}.md", problems)
    if source is None:
        raise ValueError("; ".join(str(p) for p in problems.items) or f"no {source_lang}.md beside {path}.")
    value = digest(source)
    # Quoted: a hash of digits only (about 1 stamp in 280) would otherwise be read by YAML as a number.
    line = f'source_hash: "{value}"'
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n---")
    if re.search(r"^source_hash:.*$", head, flags=re.M):
        head = re.sub(r"^source_hash:.*$", line, head, count=1, flags=re.M)
    else:
        head = head.rstrip("\n") + "\n" + line
    path.write_text(head + sep + rest, encoding="utf-8")
    return f"{path}: follows {source.path.name} version {value}"
