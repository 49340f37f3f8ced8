"""The model every other module reads: the kinds of content, their front matter, entries and the catalogue."""
from __future__ import annotations

import datetime as dt
import enum
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .markup import Rendered
from .problems import Problem
from .siteconfig import SiteConfig


class Kind(enum.StrEnum):
    """A kind of content, by the folder it lives in (docs/content-format.md). A Kind equals its name as text."""

    LESSON = "lesson"
    GUIDE = "guide"
    PAGE = "page"
    TERM = "term"
    PARTIAL = "partial"


@dataclass(frozen=True, kw_only=True)
class PageMeta:
    """The front matter of a page (help, about, a letter); lessons and guides have these keys too."""

    title: str
    slug: str
    summary: str
    reviewed: dt.date
    source_hash: str = ""


@dataclass(frozen=True, kw_only=True)
class LessonMeta(PageMeta):
    duration: int
    short_version: int
    topics: tuple[str, ...]
    campaign: str
    objectives: tuple[str, ...]
    key_message: str
    materials: tuple[str, ...]
    order: int | None = None
    keywords: tuple[str, ...] = ()
    curriculum: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class GuideMeta(PageMeta):
    audience: str  # parents | teachers
    band: str = ""  # a parents' guide is for one band


@dataclass(frozen=True, kw_only=True)
class TermMeta:
    term: str
    child: str  # the explanation for children
    source_hash: str = ""


@dataclass(frozen=True, kw_only=True)
class PartialMeta:
    title: str
    source_hash: str = ""


Meta = LessonMeta | GuideMeta | PageMeta | TermMeta | PartialMeta
META: dict[Kind, type[Meta]] = {Kind.LESSON: LessonMeta, Kind.GUIDE: GuideMeta, Kind.PAGE: PageMeta,
                                Kind.TERM: TermMeta, Kind.PARTIAL: PartialMeta}


@dataclass(frozen=True)
class Entry:
    """One language version of one piece of content."""

    kind: Kind
    key: str
    lang: str
    band: str  # a lesson's band (its folder); a parents' guide names its band in `meta.band`
    meta: Meta
    rendered: Rendered
    path: Path
    digest: str
    lines: dict[str, int] = field(default_factory=dict)  # the line of each front-matter key

    @property
    def title(self) -> str:
        return self.meta.term if isinstance(self.meta, TermMeta) else self.meta.title

    @property
    def slug(self) -> str:
        return self.meta.slug if isinstance(self.meta, PageMeta) else self.key

    @property
    def lesson(self) -> LessonMeta:
        """The front matter of a lesson (only lessons have one)."""
        if not isinstance(self.meta, LessonMeta):
            raise TypeError(f"{self.kind} {self.key} is not a lesson")
        return self.meta

    @property
    def guide(self) -> GuideMeta:
        if not isinstance(self.meta, GuideMeta):
            raise TypeError(f"{self.kind} {self.key} is not a guide")
        return self.meta

    @property
    def for_band(self) -> str:
        """The band a lesson is in or a parents' guide is for; '' for everything else."""
        return self.band or (self.meta.band if isinstance(self.meta, GuideMeta) else "")


@dataclass(frozen=True)
class Status:
    """The translation state of one item in one target language."""

    kind: Kind
    key: str
    lang: str
    state: str  # current | outdated | missing
    path: str


Items = dict[tuple[Kind, str], dict[str, Entry]]


@dataclass(frozen=True)
class Catalog:
    """Everything the site shows, validated; views only read from it."""

    config: SiteConfig
    root: Path
    items: Items
    statuses: tuple[Status, ...]
    warnings: tuple[Problem, ...] = ()
    term_uses: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # What other modules compute from the catalogue once and keep with it (the search index of each language).
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def get(self, kind: Kind, key: str, lang: str) -> Entry | None:
        return self.items.get((kind, key), {}).get(lang)

    def entries(self, kind: Kind, lang: str) -> list[Entry]:
        return list(self._sorted.get((kind, lang), ()))

    @functools.cached_property
    def _sorted(self) -> dict[tuple[Kind, str], tuple[Entry, ...]]:
        """Every kind's entries in one language: youngest band first, lessons in teaching order ('order'), then by key.

        Pages ask for these lists thousands of times.
        """
        found: dict[tuple[Kind, str], list[Entry]] = {}
        for (kind, _), versions in self.items.items():
            for lang, entry in versions.items():
                found.setdefault((kind, lang), []).append(entry)
        bands = {band.id: i for i, band in enumerate(self.config.bands)}

        def place(e: Entry) -> tuple[int, int, str]:
            order = e.meta.order if isinstance(e.meta, LessonMeta) else None
            return bands.get(e.for_band, -1), order or 99, e.key

        return {k: tuple(sorted(v, key=place)) for k, v in found.items()}

    def lessons(self, band: str, lang: str) -> list[Entry]:
        return [e for e in self.entries(Kind.LESSON, lang) if e.band == band]

    def keys(self, kind: Kind) -> list[str]:
        return sorted(key for (k, key) in self.items if k == kind)
