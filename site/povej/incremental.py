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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .addresses import Addresses
from .content import Catalog, Entry
from .rendercache import pictures_digest

Values = dict[str, str]


def site_digest(catalog: Catalog, environment: str) -> str:
    """Everything about the site except the text of its entries, and the code and options it is built with."""
    # Translation statuses are left out: pages never show them (povej check and the warnings do).
    summary: list[Any] = [environment, repr(catalog.config), sorted(catalog.excluded),
                          sorted(catalog.term_uses.items())]
    for (kind, key), versions in sorted(catalog.items.items()):
        for lang, entry in sorted(versions.items()):
            rendered = entry.rendered
            summary.append([kind, key, lang, entry.band, entry.path.name, entry.meta,
                            [(h.level, h.id, h.text, h.minutes) for h in rendered.headings],
                            [(link.kind, link.key, link.fragment) for link in rendered.links], rendered.pictures])
    return _hash(json.dumps(summary, sort_keys=True, default=str))


class PageKeys:
    """The key of each page of one site, from its endpoint and values; None for a page always rendered."""

    def __init__(self, catalog: Catalog, site: str) -> None:
        self.catalog = catalog
        self.site = site
        self.addresses = Addresses(catalog)
        self.config = catalog.config

    def key(self, endpoint: str, values: Values) -> str | None:
        entries = self._shown(endpoint, values)
        if entries is None:
            return None
        # An entry's digest hashes its body and front matter; the code that renders it is in the site digest.
        return _hash(self.site + "".join(sorted(f"\0{e.path}\0{e.digest}" for e in entries)))

    def _shown(self, endpoint: str, values: Values) -> Iterable[Entry] | None:
        """The entries whose text the page shows (beyond what the site digest covers)."""
        lang = values.get("lang_code", "")
        shown: dict[str, Callable[[], Iterable[Entry] | None]] = {
            "site.root": list, "site.home": list, "site.not_found_page": list, "site.missing": list,
            "site.elsewhere": list,
            "site.by_slug": lambda: self._by_slug(lang, values["slug"]),
            "site.lesson": lambda: self._lesson(lang, values["band_slug"], values["lesson_slug"]),
            "classroom.lesson_view": lambda: self._lesson(lang, values["band_slug"], values["lesson_slug"]),
            "classroom.lesson_source": lambda: self._lesson(lang, values["band_slug"], values["lesson_slug"]),
            "classroom.letter_text": lambda: self._item("page", "letter-to-parents"),
            "classroom.search_index": lambda: [e for v in self.catalog.items.values() for e in v.values()],
        }
        return shown[endpoint]() if endpoint in shown else None  # media, stylesheets: always rendered

    def _by_slug(self, lang: str, slug: str) -> Iterable[Entry] | None:
        target = self.addresses.by_slug.get((lang, slug))
        if target is None:
            return None
        if target.kind in ("guide", "page"):
            return self._item(target.kind, target.key)
        if target.kind == "glossary":
            return [e for (kind, _), v in self.catalog.items.items() if kind == "term" for e in v.values()]
        return []  # band, search, filters, what's new: lists, made of what the site digest covers

    def _lesson(self, lang: str, band_slug: str, lesson_slug: str) -> Iterable[Entry] | None:
        if band_slug == self.config.slug(lang, "lessons"):
            return []  # a filter page: a list
        key = self.addresses.by_lesson_slug.get((lang, band_slug, lesson_slug))
        return None if key is None else self._item("lesson", key)

    def _item(self, kind: str, key: str) -> list[Entry]:
        """Every language of the item (the bilingual sheet shows two) and the disclosure cards."""
        return [*self.catalog.items.get((kind, key), {}).values(),
                *(e for (k, _), v in sorted(self.catalog.items.items()) if k == "partial" for e in v.values())]


def band_key(site: str, band_catalog: Catalog) -> str:
    """The key of one band's download: the site digest and the text of every entry in it."""
    entries = sorted(f"{e.path}\0{e.digest}" for v in band_catalog.items.values() for e in v.values())
    # A picture's bytes are in no entry's digest: an edited picture must reach the band's download too.
    # The languages of an item share its folder: each folder's pictures are read once.
    folders = sorted({str(e.path.parent) for v in band_catalog.items.values() for e in v.values()})
    pictures = [f"{folder}\0{pictures_digest(Path(folder)).hex()}" for folder in folders]
    return _hash(site + "band-download" + "\0".join(entries + pictures))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
