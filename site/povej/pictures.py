"""Pictures in a content folder are hostile input too: check what they are before the site copies them."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813
from pathlib import Path

from .source import read_bounded

MAX_PICTURE = 512 * 1024
SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".webp": (b"RIFF",)}
# What an SVG opened at its own address could run or load: scripts, frames, events, links and styles that reach out.
SVG_NEVER = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler", "listener",
             "set", "animate", "animatemotion", "animatetransform", "discard"}
OUTSIDE = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import|javascript:|data:", re.IGNORECASE)


def picture_problem(path: Path) -> str | None:
    """Why the picture cannot go into the site, or None."""
    try:
        data = read_bounded(path, MAX_PICTURE)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc}); it must be an ordinary file"
    if len(data) > MAX_PICTURE:
        return f"is larger than {MAX_PICTURE // 1024} KB. Save it smaller (a line drawing in SVG is a few KB)"
    if path.suffix == ".svg":
        return _svg_problem(data)
    if not data.startswith(SIGNATURES[path.suffix]) or (path.suffix == ".webp" and data[8:12] != b"WEBP"):
        return f"is not a {path.suffix[1:].upper()} picture (its bytes say otherwise). Save it again as one"
    return None


def _svg_problem(data: bytes) -> str | None:
    text = data.decode("utf-8", errors="replace")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return "declares a DOCTYPE or entities, which an SVG picture does not need. Remove them"
    try:
        root = etree.fromstring(data)
    except etree.ParseError as exc:
        return f"is not valid SVG ({exc}). Save it again from the drawing program"
    if _name(root.tag) != "svg":
        return "is not an SVG picture (it does not start with <svg>)"
    for element in root.iter():
        name = _name(element.tag)
        if name in SVG_NEVER:
            return f"contains <{name}>, which could run or load something when the picture is opened. Remove it"
        if name == "style" and OUTSIDE.search(element.text or ""):
            return "has a style that loads something from elsewhere. Remove it"
        for attribute, value in element.items():
            attribute = _name(attribute)
            if attribute.startswith("on"):
                return f"has the event handler '{attribute}', which would run when the picture is opened. Remove it"
            if attribute == "href" and not value.startswith("#"):
                return f"links to {value[:40]!r}; a picture may only refer to its own parts ('#id'). Remove it"
            if OUTSIDE.search(value) and attribute not in ("d", "points"):
                return f"has '{attribute}' that loads something from elsewhere. Remove it"
    return None


def _name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()
