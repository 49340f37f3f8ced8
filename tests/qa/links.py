"""Check every link of a built site as it would be followed from a folder on disk (file://)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
                   ("iframe", "src"), ("form", "action"), ("img", "srcset")}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str, str]] = []  # line, tag, attribute, value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append((self.getpos()[0], tag, name, value))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def check_site(root: Path) -> list[str]:
    """Every problem as 'file:line: what'; an empty list means every link and fragment resolves on disk."""
    root = root.resolve()
    pages = {p: parse(p) for p in sorted(root.rglob("*.html"))}
    problems = []
    for path, page in pages.items():
        where = path.relative_to(root).as_posix()
        for line, tag, _, value in page.links:
            problem = _check(path, tag, value, root, pages)
            if problem:
                problems.append(f"{where}:{line}: {problem}")
    return problems


def _check(path: Path, tag: str, value: str, root: Path, pages: dict[Path, _Page]) -> str | None:
    parts = urlsplit(value)
    if parts.scheme in EXTERNAL_SCHEMES:
        if tag == "a":
            return None
        return f"<{tag}> loads {value!r} from outside the site; every file must be local."
    if parts.scheme or value.startswith("//"):
        return f"link {value!r} uses the scheme {parts.scheme!r}, which is not allowed."
    if value.startswith("/"):
        return f"root-absolute link {value!r} breaks when the site is opened from a folder; make it relative."
    target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
    if parts.path.endswith("/") or target.is_dir():
        return f"directory link {value!r} does not open from file://; link to its index.html."
    if not target.is_file() or not target.is_relative_to(root.resolve()):
        return f"link {value!r} points to a file that does not exist."
    if parts.fragment and target.suffix == ".html":
        ids = pages[target].ids if target in pages else parse(target).ids
        if unquote(parts.fragment) not in ids:
            return f"link {value!r} points to '#{parts.fragment}', which is not an id on that page."
    return None
