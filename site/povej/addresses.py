"""Where every page lives: the site map the page types make, the path of any page, and links between pages."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .markup import ASSET, PLACEHOLDER
from .model import Catalog, Kind
from .pages import Page, PageType

LINK = re.compile(rf'(href|src)="({PLACEHOLDER}|{ASSET})([^"]*)"')
MISSING = "missing"  # the page type that stands for a page not translated yet
GLOSSARY = "glossary"  # a term is a part of the glossary page
MEDIA = "media"


class Addresses:
    """Every page of the site by its path, made once from the page types; every link is made from these."""

    def __init__(self, catalog: Catalog, types: Iterable[PageType]) -> None:
        self.catalog = catalog
        self.types = {page_type.name: page_type for page_type in types}
        self.pages: dict[str, Page] = {}
        for page_type in self.types.values():
            for lang, key in page_type.instances(catalog):
                path = page_type.address(catalog, lang, key)
                self.pages[path] = Page(page_type, lang, key, path)

    def path(self, kind: str, key: str, lang: str) -> str:
        """The absolute path of a page, or of its 'not translated yet' page when it has no version in `lang`."""
        if kind == Kind.TERM:
            return f"{self.path(GLOSSARY, '', lang)}#{key}"
        page_type = self.types[kind]
        item = page_type.item_kind
        if item is not None and self.catalog.get(item, key, lang) is None:
            return self.types[MISSING].address(self.catalog, lang, f"{item}/{key}")
        return page_type.address(self.catalog, lang, key)

    def media_path(self, kind: str, key: str, name: str) -> str:
        return self.types[MEDIA].address(self.catalog, "", f"{kind}/{key}/{name}")


def relative(target: str, current: str) -> str:
    """A link from the page at `current` to `target` that works from a folder on disk (file://)."""
    path, hash_mark, fragment = target.partition("#")
    if path.endswith("/"):
        path += "index.html"
    base = current if current.endswith("/") else current.rpartition("/")[0] + "/"
    folder, _, name = path.rpartition("/")
    return _relative_folder(folder + "/", base) + name + hash_mark + fragment


@functools.lru_cache(maxsize=65536)
def _relative_folder(target: str, base: str) -> str:
    """'../' up to the folders both share, then down to `target`; both are absolute and end in '/'.

    The same as posixpath.relpath for the normalised paths the site makes, without its cost on every link.
    """
    down, up = target.split("/")[1:-1], base.split("/")[1:-1]
    shared = 0
    for a, b in zip(down, up, strict=False):
        if a != b:
            break
        shared += 1
    return "../" * (len(up) - shared) + "".join(part + "/" for part in down[shared:])


def resolve_links(html: str, addresses: Addresses, kind: str, key: str, lang: str, current: str) -> str:
    """Replace the placeholders left by the Markdown renderer with relative links for this page."""
    def replace(match: re.Match[str]) -> str:
        attribute, scheme, value = match.groups()
        if scheme == ASSET:
            return f'{attribute}="{relative(addresses.media_path(kind, key, value), current)}"'
        target_kind, _, rest = value.partition(":")
        target_key, _hash_mark, fragment = rest.partition("#")
        path = addresses.path(target_kind, target_key, lang)
        if fragment and "#" not in path:
            path += "#" + fragment
        return f'{attribute}="{relative(path, current)}"'

    return LINK.sub(replace, html)
