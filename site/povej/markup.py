"""Markdown → HTML once per file, checking links, pictures, raw HTML and the section structure."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own name for it)
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .pictures import picture_problem
from .problems import Problems
from .source import Source

LINK_KINDS = ("lesson", "guide", "page", "term", "band")
CONTENT_LINK = re.compile(r"^(?P<kind>[a-z]+):(?P<key>[a-z0-9-]+)(?:#(?P<fragment>[A-Za-z0-9_-]+))?$")
EXTERNAL = ("https://", "http://", "mailto:", "tel:")
PICTURE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:svg|png|jpg|webp)$")
MINUTES = re.compile(r"\((\d+)\s*min\)\s*$")
PLACEHOLDER = "povej-link:"
# Bounds that keep rendering fast and within the stack, far above what any lesson needs.
MAX_NESTING = 12
MAX_BRACKETS = 16
NESTING = re.compile(r"^(?:(?:[-*+]|[0-9]{1,9}[.)])(?:\s+|$)|>\s*)*")
MARKER = re.compile(r"[-*+>]|[0-9]{1,9}[.)]")
CODE_SPAN = re.compile(r"`+[^`]*`+")
ASSET = "povej-asset:"
# What Markdown itself writes; anything else was set with '{: … }' (attr_list), which could add 'onclick'.
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"},
              **{f"h{level}": {"id"} for level in range(1, 7)}}
# Classes a writer may set: '{: .teacher}' marks a note for the teacher only (shown in the lesson and in print,
# never on a projector slide); 'toc' is what the toc extension writes itself.
TEACHER = "teacher"
ALLOWED_CLASSES = {("div", "toc"), ("p", TEACHER), ("em", TEACHER), ("strong", TEACHER)}
TABLE_ALIGN = re.compile(r"^text-align: (left|right|center);$")
ENTITY = re.compile(r"^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
OBFUSCATED = re.compile(re.escape(markdown.util.AMP_SUBSTITUTE) + r"#([0-9]+);")
RAW_TAG = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9-]*)")
NEVER = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base",
         "form", "input", "button", "textarea", "select", "svg", "math"}
SCRIPTED = re.compile(r"\son[a-z]+\s*=|javascript:", re.IGNORECASE)


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
    fragments: list[tuple[str, int | None]] = field(default_factory=list)  # links to '#a-part' of this page

    @property
    def ids(self) -> set[str]:
        return {h.id for h in self.headings}

    @property
    def parts(self) -> set[str]:
        """The ids of the `##` parts (an `###` step may share a part's name)."""
        return {h.id for h in self.headings if h.level == 2}


class _Checker(Treeprocessor):
    """Record headings and links, check pictures, and wrap each `##` part in a <section>."""

    def __init__(self, md: markdown.Markdown, owner: _PovejExtension) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        result, source, problems = self.owner.result, self.owner.source, self.owner.problems
        assert result is not None and source is not None and problems is not None
        for element in root.iter():
            _attributes(element, source, problems)
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
        # <name@example.org> becomes a mailto: link with every letter written as an entity.
        href = OBFUSCATED.sub(lambda m: chr(int(m.group(1))), element.get("href", ""))
        line = source.line_in_body(f"({href}") or source.line_in_body(href)
        if href.startswith("#"):
            result.fragments.append((href[1:], line))
            return
        if href.startswith(EXTERNAL):
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
        elif unsafe := picture_problem(source.path.parent / src):
            problems.add(source.path, line, f"the picture {src!r} {unsafe}.")
        else:
            result.pictures.append(src)
            element.set("src", f"{ASSET}{src}")


def _attributes(element: etree.Element, source: Source, problems: Problems) -> None:
    for name, value in list(element.items()):
        if name in ATTRIBUTES.get(element.tag, ()):
            continue
        if name == "style" and element.tag in ("th", "td") and (align := TABLE_ALIGN.match(value or "")):
            # A table column aligned with ':-:': a class, since the pages allow no inline style (CSP, tests).
            del element.attrib["style"]
            element.set("class", f"align-{align.group(1)}")
            continue
        if name == "class" and (element.tag, value) in ALLOWED_CLASSES:
            continue
        if value is None:  # '{#at home}': a space inside the braces makes a second, empty attribute
            problems.add(source.path, source.line_in_body(f" {name}"), f"the braces hold the stray word {name!r}: "
                         "a part id has no spaces. Join the words with a hyphen, e.g. '{#at-home}'.")
            continue
        needle = f".{value.split()[0]}" if name == "class" and value.split() else name
        line = _line_of_attribute(source, needle, "".join(element.itertext()).strip())
        problems.add(source.path, line, f"the attribute {name!r} is not allowed, got '{name}=\"{value[:40]}\"' "
                     "(set with '{: … }'). Remove it: the only thing to set this way is the id of a part, "
                     "'{#part-id}', or a note for the teacher, '{: .teacher}' under a paragraph or "
                     "'*(answer)*{: .teacher}' inside one.")


def _line_of_attribute(source: Source, needle: str, text: str) -> int | None:
    """The line that sets the attribute: braces at the end of a heading or span share its line with its text."""
    for match in re.finditer(re.escape(needle), source.body):
        start = source.body.rfind("\n", 0, match.start()) + 1
        if text and text[:20] in source.body[start:match.start()]:
            return source.line_at(match.start())
    return source.line_in_body(needle)


def _raw_html(source: Source, stash: list[str], problems: Problems) -> None:
    """Report each piece of raw HTML once, on its own line; entities such as '&nbsp;' are only text."""
    opened: set[str] = set()
    reported: dict[str, int] = {}
    for raw in stash:
        snippet = str(raw).strip()
        if ENTITY.match(snippet):
            _entity(snippet, source, problems)
            continue
        tag = RAW_TAG.match(snippet)
        name = tag.group(2).lower() if tag else ""
        if tag and tag.group(1) and name in opened:
            continue  # the closing tag of an element already reported
        opened.add(name)
        needle = snippet.split("\n")[0][:40]
        line = _raw_line(source, needle, reported.get(needle, 0))
        reported[needle] = reported.get(needle, 0) + 1
        problems.add(source.path, line, _raw_message(snippet, name))


def _entity(snippet: str, source: Source, problems: Problems) -> None:
    """'&#0;', '&#x202E;' and other references to characters no page may hold are refused like the characters."""
    number = snippet[2:-1]
    if not number or snippet[1] != "#":
        return
    code = int(number[1:], 16) if number[0] in "xX" else int(number)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or (code < 0xA0 and code not in (9, 10) and not 32 <= code < 127) \
            or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        problems.add(source.path, source.line_in_body(snippet), f"the character reference {snippet!r} stands for a "
                     "control or invisible character, which no page may contain. Delete it.")


def _raw_line(source: Source, needle: str, skip: int) -> int | None:
    """The line of the (skip+1)-th occurrence of `needle` outside `code spans`, where Markdown left it raw."""
    for match in re.finditer(re.escape(needle), source.body):
        start = source.body.rfind("\n", 0, match.start()) + 1
        if source.body[start:match.start()].count("`") % 2:
            continue
        if skip == 0:
            return source.line_at(match.start())
        skip -= 1
    return None


def _raw_message(snippet: str, name: str) -> str:
    first = snippet if snippet.startswith("<!--") or not name else snippet[: snippet.find(">") + 1 or None]
    shown = repr(first if len(first) <= 60 else first[:59] + "…")
    if snippet.startswith("<!--"):
        return (f"an HTML comment is not allowed, got {shown}. Delete it: a comment would be published "
                "in the page source.")
    if name in NEVER or SCRIPTED.search(snippet):
        return (f"raw HTML is not allowed, got {shown}. Delete it: scripts, frames, forms and embedded objects "
                "never belong in a page.")
    return (f"raw HTML is not allowed, got {shown}. Use Markdown instead (links as [text](lesson:key), emphasis "
            "with *stars*); to show the characters themselves, put them in `backticks`.")


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
        if _too_deep(source, problems):
            return result
        self.extension.result, self.extension.source, self.extension.problems = result, source, problems
        self.md.reset()
        try:
            result.html = self.md.convert(source.body)
        except RecursionError:
            problems.add(source.path, None, "the text is nested too deeply to render (lists or quotes inside one "
                         "another). Use at most a few levels.")
            self.extension.result = self.extension.source = self.extension.problems = None
            return Rendered(html="")
        _raw_html(source, [str(raw) for raw in self.md.htmlStash.rawHtmlBlocks], problems)
        self.extension.result = self.extension.source = self.extension.problems = None
        return result


def _too_deep(source: Source, problems: Problems) -> bool:
    """Refuse what Python-Markdown cannot render in bounded time or stack: deep nesting of lists, quotes and
    brackets (its link pattern backtracks over every '[' of a paragraph, so thousands of them take minutes)."""
    depth = 0
    for number, line in enumerate(source.body.split("\n")):
        if not line.strip():
            depth = 0  # brackets do not reach across paragraphs
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        markers = len(MARKER.findall(NESTING.match(line.lstrip(" \t")).group(0)))  # type: ignore[union-attr]
        if indent // 4 + markers > MAX_NESTING:
            problems.add(source.path, source.body_line + number, f"this line is nested {indent // 4 + markers} "
                         f"levels deep (lists or quotes inside one another); the limit is {MAX_NESTING}. "
                         "Use fewer levels.")
            return True
        for char in CODE_SPAN.sub("", line):
            depth += 1 if char == "[" else -1 if char == "]" and depth else 0
            if depth > MAX_BRACKETS:
                problems.add(source.path, source.body_line + number, f"more than {MAX_BRACKETS} '[' are open at "
                             "once in this paragraph. Close each link's text with ']', or put the brackets in "
                             "`backticks`.")
                return True
    return False


def _slugify(value: str, separator: str) -> str:
    from markdown.extensions.toc import slugify_unicode

    return slugify_unicode(MINUTES.sub("", value), separator)
