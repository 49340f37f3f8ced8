"""Markdown → HTML once per file, checking links, pictures, raw HTML and the section structure."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own name for it)
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .problems import Problems
from .source import Source

LINK_KINDS = ("lesson", "guide", "page", "term", "band")
CONTENT_LINK = re.compile(r"^(?P<kind>[a-z]+):(?P<key>[a-z0-9-]+)(?:#(?P<fragment>[A-Za-z0-9_-]+))?$")
EXTERNAL = ("https://", "http://", "mailto:", "tel:")
PICTURE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:svg|png|jpg|webp)$")
MINUTES = re.compile(r"\((\d+)\s*min\)\s*$")
PLACEHOLDER = "povej-link:"
ASSET = "povej-asset:"


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str
    minutes: int | None


@dataclass(frozen=True)
class Link:
    kind: str
    key: str
    fragment: str
    line: int | None


@dataclass
class Rendered:
    """The HTML of one body, with placeholders where links depend on the page's language and location."""

    html: str
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    pictures: list[str] = field(default_factory=list)
    section_text: dict[str, str] = field(default_factory=dict)

    @property
    def ids(self) -> set[str]:
        return {h.id for h in self.headings}


class _Checker(Treeprocessor):
    """Record headings and links, check pictures, and wrap each `##` part in a <section>."""

    def __init__(self, md: markdown.Markdown, owner: _PovejExtension) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        result, source, problems = self.owner.result, self.owner.source, self.owner.problems
        assert result is not None and source is not None and problems is not None
        for element in root.iter():
            if element.tag == "a":
                self._link(element, result, source, problems)
            elif element.tag == "img":
                self._picture(element, result, source, problems)
            elif element.tag in ("h2", "h3", "h4"):
                text = "".join(element.itertext()).strip()
                match = MINUTES.search(text)
                result.headings.append(Heading(int(element.tag[1]), element.get("id", ""), text,
                                               int(match.group(1)) if match else None))
        _wrap_sections(root, result)

    def _link(self, element: etree.Element, result: Rendered, source: Source, problems: Problems) -> None:
        href = element.get("href", "")
        line = source.line_in_body(f"({href}") or source.line_in_body(href)
        if href.startswith("#") or href.startswith(EXTERNAL):
            return
        match = CONTENT_LINK.match(href)
        if match and match["kind"] in LINK_KINDS:
            result.links.append(Link(match["kind"], match["key"], match["fragment"] or "", line))
            element.set("href", f"{PLACEHOLDER}{href}")
            return
        problems.add(source.path, line, f"the link target {href!r} is not allowed. Link to content by key "
                     "('lesson:my-body-is-mine', 'term:trusted-adult', 'page:help'), to a '#part' of this page, "
                     "or to an https:// address.")
        element.set("href", "#")

    def _picture(self, element: etree.Element, result: Rendered, source: Source, problems: Problems) -> None:
        src = element.get("src", "")
        line = source.line_in_body(f"({src}")
        if not element.get("alt", "").strip():
            problems.add(source.path, line, f"the picture {src!r} has no text alternative. "
                         "Describe it in the brackets: ![what the picture shows](name.svg).")
        if not PICTURE.match(src):
            problems.add(source.path, line, f"the picture {src!r} must be a file in the same folder named with "
                         "lowercase letters, digits and hyphens, ending in .svg, .png, .jpg or .webp. "
                         "External pictures are not allowed.")
        elif not (source.path.parent / src).is_file():
            problems.add(source.path, line, f"the picture {src!r} does not exist in {source.path.parent.name}/. "
                         "Add the file or fix the name.")
        else:
            result.pictures.append(src)
            element.set("src", f"{ASSET}{src}")


def _wrap_sections(root: etree.Element, result: Rendered) -> None:
    """Group each h2 with what follows it, so print and projector styles can address a part."""
    children = list(root)
    if not any(c.tag == "h2" for c in children):
        return
    for child in children:
        root.remove(child)
    current = root
    for child in children:
        if child.tag == "h2":
            part = child.get("id", "")
            current = etree.SubElement(root, "section", {"class": f"part part-{part}"})
            result.section_text[part] = ""
        current.append(child)
    for section in root.iter("section"):
        part = section.get("class", "").split("part-")[-1]
        result.section_text[part] = " ".join(" ".join(section.itertext()).split())


class _PovejExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.result: Rendered | None = None
        self.source: Source | None = None
        self.problems: Problems | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_Checker(md, self), "povej-checker", 4)


class Renderer:
    """One Markdown instance, reset between files (cheaper than a new instance per page)."""

    def __init__(self) -> None:
        self.extension = _PovejExtension()
        self.md = markdown.Markdown(
            extensions=["toc", "attr_list", "tables", "sane_lists", self.extension],
            extension_configs={"toc": {"slugify": _slugify}},
            output_format="html",
        )

    def render(self, source: Source, problems: Problems) -> Rendered:
        result = Rendered(html="")
        self.extension.result, self.extension.source, self.extension.problems = result, source, problems
        self.md.reset()
        result.html = self.md.convert(source.body)
        for raw in self.md.htmlStash.rawHtmlBlocks:
            snippet = str(raw).strip()
            problems.add(source.path, source.line_in_body(snippet[:40]),
                         f"raw HTML is not allowed, got {snippet[:50]!r}. Use Markdown instead "
                         "(links as [text](lesson:key), emphasis with *stars*).")
        self.extension.result = self.extension.source = self.extension.problems = None
        return result


def _slugify(value: str, separator: str) -> str:
    from markdown.extensions.toc import slugify_unicode

    return slugify_unicode(MINUTES.sub("", value), separator)
