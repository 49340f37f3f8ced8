"""Which pages a rebuild can take over from the previous build unchanged, because nothing they show changed.

A page's key hashes everything it can show. What every page may show (the navigation, lists of lessons, titles,
slugs, dates, headings, links, the help contacts, the interface catalogues, the templates and the code) goes into
one *site* digest: change any of it and every page is rendered again. What only some pages show (the text of a
lesson, a guide, a page, a glossary term or the disclosure card) goes only into the keys of the pages that show
it. So editing the text of one lesson renders that lesson's pages, the search index of its language and the
ZIPs that hold it; the thousands of other pages are taken over from the previous build as they are.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from ..model import Catalog, Entry
from ..pages import Page


def site_digest(catalog: Catalog, environment: str) -> str:
    """Everything about the site except the text of its entries, and the code and options it is built with."""
    # Translation statuses are left out: pages never show them (povej check and the warnings do).
    summary: list[Any] = [environment, repr(catalog.config),
                          sorted(catalog.term_uses.items())]
    for (kind, key), versions in sorted(catalog.items.items()):
        for lang, entry in sorted(versions.items()):
            rendered = entry.rendered
            summary.append([kind, key, lang, entry.band, entry.path.name, entry.meta,
                            [(h.level, h.id, h.text, h.minutes) for h in rendered.headings],
                            [(link.kind, link.key, link.fragment) for link in rendered.links], rendered.pictures])
    return _hash(json.dumps(summary, sort_keys=True, default=str))


class PageKeys:
    """The key of each page of one site; None for a page rendered on every build."""

    def __init__(self, catalog: Catalog, site: str) -> None:
        self.catalog = catalog
        self.site = site
        self.shared: dict[int, str] = {}  # the key of each list that many pages share (the search pieces)

    def key(self, page: Page) -> str | None:
        if page.type.shows is None:
            return None  # a picture: its bytes are in no entry's digest
        entries = page.type.shows(self.catalog, page.lang, page.key)
        if not isinstance(entries, tuple):
            return self._key(entries)
        # A tuple is a list kept with the catalogue (pages.shared): hash it once, not once per page.
        if id(entries) not in self.shared:
            self.shared[id(entries)] = self._key(entries)
        return self.shared[id(entries)]

    def _key(self, entries: Iterable[Entry]) -> str:
        # An entry's digest hashes its body and front matter; the code that renders it is in the site digest.
        return _hash(self.site + "".join(sorted(f"\0{e.path}\0{e.digest}" for e in entries)))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
