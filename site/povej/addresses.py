"""Where every page lives: the path of each item in each language, and the reverse lookup by slug."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .content import Catalog
from .markup import ASSET, PLACEHOLDER
from .siteconfig import LANGUAGE_PAGES

# One page per language stands for every page left out of a band's download.
ELSEWHERE = "missing/elsewhere"
LINK = re.compile(rf'(href|src)="({PLACEHOLDER}|{ASSET})([^"]*)"')


@dataclass(frozen=True)
class Target:
    kind: str  # band | lesson | guide | page | home | one of LANGUAGE_PAGES
    key: str


class Addresses:
    """Computes page paths once; every link on the site is made from these."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.by_slug: dict[tuple[str, str], Target] = {}
        self.by_lesson_slug: dict[tuple[str, str, str], str] = {}
        for lang in catalog.config.codes:
            self._index(lang)

    def _index(self, lang: str) -> None:
        config = self.catalog.config
        for band in config.bands:
            self.by_slug[(lang, band.label(lang, "slug"))] = Target("band", band.id)
        for page in LANGUAGE_PAGES:
            self.by_slug[(lang, config.slug(lang, page))] = Target(page, "")
        for kind in ("guide", "page"):
            for entry in self.catalog.entries(kind, lang):
                self.by_slug[(lang, entry.slug)] = Target(kind, entry.key)
        for entry in self.catalog.entries("lesson", lang):
            band_slug = config.band(entry.band).label(lang, "slug")
            self.by_lesson_slug[(lang, band_slug, entry.slug)] = entry.key

    def path(self, kind: str, key: str, lang: str) -> str:
        """The absolute path of a page, or of its 'not translated yet' page when it has no version in `lang`."""
        config = self.catalog.config
        if kind == "home":
            return f"/{lang}/"
        if (kind, key) in self.catalog.excluded:  # another band's page, left out of this band's download
            return f"/{lang}/{ELSEWHERE}/"
        if kind == "band":
            return f"/{lang}/{config.band(key).label(lang, 'slug')}/"
        if kind == "term":
            return f"/{lang}/{config.slug(lang, 'glossary')}/#{key}"
        if kind in LANGUAGE_PAGES:
            return f"/{lang}/{config.slug(lang, kind)}/"
        entry = self.catalog.get(kind, key, lang)
        if entry is None:
            return f"/{lang}/missing/{kind}/{key}/"
        if kind == "lesson":
            return f"/{lang}/{config.band(entry.band).label(lang, 'slug')}/{entry.slug}/"
        return f"/{lang}/{entry.slug}/"

    def media_path(self, kind: str, key: str, name: str) -> str:
        return f"/media/{kind}/{key}/{name}"


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
