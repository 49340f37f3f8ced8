"""What a page type declares, once: how to render it, which pages of it exist, where each lives, what it shows.

The views declare their page types beside their render functions (views.py, classroom.py); `registry.py`
collects them. From these declarations alone come the site's URLs (`Addresses`), the pages the freezer writes
(`build.py`) and what an incremental rebuild keys each page on (`incremental.py`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .model import Catalog, Entry, Kind

# (lang, key) of each page of a type; '' for a page of no language (the root, 404) or no key (a home page).
Instances = Callable[[Catalog], Iterable[tuple[str, str]]]
Address = Callable[[Catalog, str, str], str]  # (catalog, lang, key) -> the page's absolute path
Shows = Callable[[Catalog, str, str], Iterable[Entry]]


def shows_nothing(catalog: Catalog, lang: str, key: str) -> Iterable[Entry]:
    """A page made only of what the site digest covers: lists, titles, the interface."""
    return ()


@dataclass(frozen=True)
class PageType:
    """One type of page: a lesson, its handout, a band, the glossary, a picture, …

    `shows` gives the entries whose text a page shows beyond what every page may show (titles, slugs, lists:
    the site digest in incremental.py); None for a page rendered on every build (a picture's bytes).
    A page of an item (`item_kind`) that has no version in a language links to its 'not translated yet' page.
    """

    name: str
    render: Callable[[Page], object]
    instances: Instances
    address: Address
    shows: Shows | None = shows_nothing
    item_kind: Kind | None = None


@dataclass(frozen=True)
class Page:
    """One page of the site."""

    type: PageType
    lang: str
    key: str
    path: str


def every_language(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """One page per language, with no key (a home page, the glossary, the search page)."""
    return ((lang, "") for lang in catalog.config.codes)


def every_band(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """One page per band in each language, keyed by the band's id."""
    return ((lang, band.id) for lang in catalog.config.codes for band in catalog.config.bands)


def each_entry(kind: Kind, keep: Callable[[Entry], bool] = lambda entry: True) -> Instances:
    """One page per language version of each item of a kind (that `keep` keeps)."""
    def instances(catalog: Catalog) -> Iterator[tuple[str, str]]:
        for lang in catalog.config.codes:
            yield from ((lang, entry.key) for entry in catalog.entries(kind, lang) if keep(entry))
    return instances


def item_and_cards(kind: Kind) -> Shows:
    """Every language of the item (the bilingual sheet shows two) and the disclosure cards."""
    def shows(catalog: Catalog, lang: str, key: str) -> list[Entry]:
        return [*catalog.items.get((kind, key), {}).values(), *_cards(catalog)]
    return shows


def every(kind: Kind | None = None) -> Shows:
    """Every language version of every item of a kind (of every kind: None), for a page that shows them all."""
    def shows(catalog: Catalog, lang: str, key: str) -> tuple[Entry, ...]:
        return shared(catalog, f"every-{kind or 'entry'}", lambda: [
            e for (k, _), v in sorted(catalog.items.items()) if kind is None or k == kind for e in v.values()])
    return shows


def _cards(catalog: Catalog) -> tuple[Entry, ...]:
    """The disclosure cards (partials): thousands of pages ask."""
    return tuple(every(Kind.PARTIAL)(catalog, "", ""))


def shared(catalog: Catalog, name: str, entries: Callable[[], Iterable[Entry]]) -> tuple[Entry, ...]:
    """A list of entries that many pages show, made once per catalogue and kept with it.

    Being the same tuple every time, its key is hashed once (speed/incremental.py).
    """
    if name not in catalog.derived:
        catalog.derived[name] = tuple(entries())
    return catalog.derived[name]  # type: ignore[no-any-return]
