"""The site's data files: languages, bands, topics and campaigns (site.yml) and help contacts (contacts.yml)."""
from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .names import SLUG
from .problems import Problems
from .source import DATA_FILE, line_of, load_yaml, read_text

T = TypeVar("T")
BAND_IDS = ("4-6", "6-9", "9-12", "12-15", "15-18")
BAND_FIELDS = ("title", "slug", "stage", "summary", "learners")
CONTACT_FIELDS = ("name", "hours", "note")
CONTACT_GROUPS = ("now", "report", "worried")
LANGUAGE_PAGES = ("glossary", "search", "lessons", "news")
# Pages every band has in each language, at /<lang>/<band>/<slug>/ beside its lessons.
BAND_PAGES = ("curriculum", "handouts")
# Folders at the root of every site, beside the language folders.
SITE_KEYS = ("languages", "bands", "topics", "campaigns")
LANGUAGE_KEYS = ("code", "name", "source", "slugs", "quick_exit", "locale")
SITE_FOLDERS = ("static", "media", "downloads", "missing")
PHONE = re.compile(r"^[0-9]{2,4}(?: [0-9]{1,4}){0,4}$")
WEB_ADDRESS = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(?:/[^\s<>\"'\\]*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    source: bool
    slugs: dict[str, str]
    quick_exit: str
    locale: str  # for dates and plurals: 'en_GB' writes 23 November 2026


@dataclass(frozen=True)
class Band:
    id: str
    campaign: str
    labels: dict[str, dict[str, str]]

    def label(self, lang: str, name: str) -> str:
        return self.labels[lang][name]


@dataclass(frozen=True)
class Term:
    """A vocabulary entry (a topic or a campaign) with a label per language."""

    id: str
    labels: dict[str, str]
    url: str = ""


@dataclass(frozen=True)
class Contact:
    id: str
    group: str
    number: str
    url: str
    labels: dict[str, dict[str, str]]
    source: str


@dataclass(frozen=True)
class Change:
    """One entry of the "what's new" page."""

    date: dt.date
    texts: dict[str, str]
    links: tuple[str, ...]
    line: int | None = None  # in changes.yml, for messages


@dataclass(frozen=True)
class SiteConfig:
    languages: tuple[Language, ...]
    bands: tuple[Band, ...]
    topics: tuple[Term, ...]
    campaigns: tuple[Term, ...]
    contacts: tuple[Contact, ...]
    contacts_checked: dt.date
    changes: tuple[Change, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def source_language(self) -> str:
        return next(lang.code for lang in self.languages if lang.source)

    def language(self, lang: str) -> Language:
        return _find(self.languages, lambda x: x.code == lang, lang)

    def slug(self, lang: str, page: str) -> str:
        """The address of a built-in page (glossary, search, lessons, news) in a language."""
        return self.language(lang).slugs[page]

    def band(self, band_id: str) -> Band:
        return _find(self.bands, lambda b: b.id == band_id, band_id)

    def has_band(self, band_id: str) -> bool:
        return any(b.id == band_id for b in self.bands)

    def topic(self, topic_id: str) -> Term:
        return _find(self.topics, lambda t: t.id == topic_id, topic_id)

    def campaign(self, campaign_id: str) -> Term:
        return _find(self.campaigns, lambda c: c.id == campaign_id, campaign_id)


def _find(items: tuple[T, ...], match: Callable[[T], bool], name: str) -> T:
    # A LookupError, not StopIteration: a StopIteration raised inside a Jinja template ends the page silently.
    for item in items:
        if match(item):
            return item
    raise LookupError(f"no entry {name!r}")


def load_site_config(content: Path, problems: Problems) -> SiteConfig | None:
    """Read site.yml and contacts.yml, checking that every label exists in every language."""
    site = _read_yaml(content / "site.yml", problems)
    contacts = _read_yaml(content / "contacts.yml", problems)
    changes = _read_yaml(content / "changes.yml", problems)
    if site is None or contacts is None or changes is None:
        return None
    before = len(problems.errors)
    path = content / "site.yml"
    for data, name, allowed in ((site, "site.yml", SITE_KEYS), (contacts, "contacts.yml", ("last_checked", "contacts")),
                                (changes, "changes.yml", ("changes",))):
        _known_keys(data, allowed, "the file", content / name, problems)
    languages = _languages(site.get("languages"), path, problems)
    codes = tuple(lang.code for lang in languages)
    config = SiteConfig(
        languages=languages,
        bands=tuple(_band(b, codes, path, problems) for b in _entries(site, "bands", path, problems)),
        topics=tuple(_term(t, codes, path, problems) for t in _entries(site, "topics", path, problems)),
        campaigns=tuple(_term(c, codes, path, problems) for c in _entries(site, "campaigns", path, problems)),
        contacts=_contacts(contacts, codes, content / "contacts.yml", problems),
        contacts_checked=_checked(contacts, content / "contacts.yml", problems),
        changes=_changes(changes, codes, content / "changes.yml", problems),
    )
    _check_bands(config, path, problems)
    _check_addresses(config, path, problems)
    return config if len(problems.errors) == before else None


def _read_yaml(path: Path, problems: Problems) -> dict[str, Any] | None:
    if not os.path.lexists(path):
        problems.add(path, None, "this file is missing. Restore it from the repository.")
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    loaded = load_yaml(text, path, problems, DATA_FILE)  # front matter's loader: no aliases, real dates
    if loaded is None:
        return None
    data = loaded[0]
    if not isinstance(data, dict):
        problems.add(path, 1, "must be a mapping of 'key: value' lines.")
        return None
    return data


def _known_keys(entry: dict[str, Any], allowed: tuple[str, ...], where: str, path: Path,
                problems: Problems) -> None:
    """A misspelt key ('nuber:') would be read as a missing one, in silence: name it, as front matter does."""
    for key in entry:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else f" Allowed keys: {', '.join(allowed)}."
            problems.add(path, line_of(entry), f"{where} has the unknown key {key!r}.{hint}")


def _entries(data: dict[str, Any], key: str, path: Path, problems: Problems) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.add(path, None, f"{key!r} must be a list of entries, each starting with '- id: …'.")
        return []
    return value


def _languages(value: Any, path: Path, problems: Problems) -> tuple[Language, ...]:
    if not isinstance(value, list) or not value:
        problems.add(path, None, "'languages' must list at least one language with 'code' and 'name'.")
        return ()
    for v in value:
        if isinstance(v, dict):
            _known_keys(v, LANGUAGE_KEYS, f"language {v.get('code')!r}", path, problems)
    languages = tuple(Language(str(v.get("code", "")), str(v.get("name", "")), bool(v.get("source")),
                               dict(v.get("slugs") or {}), str(v.get("quick_exit", "")),
                               str(v.get("locale") or v.get("code", "")))
                      for v in value if isinstance(v, dict))
    codes = [lang.code for lang in languages]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.add(path, None, f"the language {code!r} is listed twice. Keep one entry per language.")
    if sum(lang.source for lang in languages) != 1:
        problems.add(path, None, "exactly one language must be marked 'source: true'.")
    for lang in languages:
        slugs_ok = all(SLUG.match(str(lang.slugs.get(page, ""))) for page in LANGUAGE_PAGES + BAND_PAGES)
        if not SLUG.match(lang.code) or not lang.name or not slugs_ok:
            problems.add(path, None, f"language {lang.code!r} needs a lowercase 'code', a 'name' and 'slugs' for "
                         f"{', '.join(LANGUAGE_PAGES + BAND_PAGES)} (the addresses of those pages, e.g. "
                         "'glossary: glossary').")
        if not WEB_ADDRESS.match(lang.quick_exit):
            problems.add(path, None, f"language {lang.code!r} needs 'quick_exit': the https:// address of a "
                         "neutral site that the quick exit button opens (e.g. a weather page).")
    return languages


def _labels(entry: dict[str, Any], codes: tuple[str, ...], fields: tuple[str, ...], where: str,
            path: Path, problems: Problems) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for code in codes:
        value = entry.get(code)
        if not isinstance(value, dict) or any(not isinstance(value.get(f), str) for f in fields):
            problems.add(path, line_of(entry), f"{where} has no complete {code!r} entry: it needs {', '.join(fields)}.")
            continue
        labels[code] = {f: value[f] for f in fields}
    return labels


def _band(entry: dict[str, Any], codes: tuple[str, ...], path: Path, problems: Problems) -> Band:
    _known_keys(entry, ("id", "campaign", *codes), f"band {entry.get('id')!r}", path, problems)
    band = Band(str(entry.get("id")), str(entry.get("campaign", "")),
                _labels(entry, codes, BAND_FIELDS, f"band {entry.get('id')!r}", path, problems))
    for code, labels in band.labels.items():
        if not SLUG.match(labels["slug"]):
            problems.add(path, line_of(entry), f"band {band.id!r} has the {code} slug {labels['slug']!r}; "
                         "use lowercase letters, digits and hyphens.")
    return band


def _term(entry: dict[str, Any], codes: tuple[str, ...], path: Path, problems: Problems) -> Term:
    _known_keys(entry, ("id", "url", *codes), repr(entry.get("id")), path, problems)
    labels = {}
    for code in codes:
        if not isinstance(entry.get(code), str):
            problems.add(path, line_of(entry), f"{entry.get('id')!r} has no {code!r} label. Add '{code}: …'.")
        else:
            labels[code] = entry[code]
    url = str(entry.get("url") or "")
    if url and not WEB_ADDRESS.match(url):
        problems.add(path, line_of(entry), f"{entry.get('id')!r}: 'url' must be a web address starting with https://, "
                     f"got {url[:60]!r}.")
    return Term(str(entry.get("id")), labels, url)


def _check_bands(config: SiteConfig, path: Path, problems: Problems) -> None:
    ids = tuple(b.id for b in config.bands)
    if ids != BAND_IDS:
        problems.add(path, None, f"'bands' must be {', '.join(BAND_IDS)} in that order, got {', '.join(ids)}.")
    campaigns = {c.id for c in config.campaigns}
    for band in config.bands:
        if band.campaign not in campaigns:
            problems.add(path, None, f"band {band.id!r} names the unknown campaign {band.campaign!r}.")


def _check_addresses(config: SiteConfig, path: Path, problems: Problems) -> None:
    """Two things at one address would leave one of them unreachable, in silence."""
    roots = {lang.code: f"language {lang.code!r}" for lang in config.languages}
    for name in SITE_FOLDERS:
        if name in roots:
            problems.add(path, None, f"the language code {name!r} is the name of a folder the site uses "
                         f"itself ({', '.join(SITE_FOLDERS)}). Use the language's ISO code.")
    for lang in config.languages:
        taken: dict[str, str] = dict.fromkeys(("missing",), "the site's own folder")
        named = [(b.labels.get(lang.code, {}).get("slug", ""), f"band {b.id!r}") for b in config.bands]
        named += [(lang.slugs.get(page, ""), f"the {page} page") for page in LANGUAGE_PAGES]
        for slug, what in named:
            if slug in taken:
                problems.add(path, None, f"the {lang.code} address {slug!r} of {what} is already that of "
                             f"{taken[slug]}. Give each its own slug.")
            taken.setdefault(slug, what)


def _contacts(data: dict[str, Any], codes: tuple[str, ...], path: Path, problems: Problems) -> tuple[Contact, ...]:
    contacts = []
    for entry in _entries(data, "contacts", path, problems):
        where = f"contact {entry.get('id')!r}"
        _known_keys(entry, ("id", "number", "url", "group", "source", *codes), where, path, problems)
        number, url = str(entry.get("number") or ""), str(entry.get("url") or "")
        if bool(number) == bool(url):
            problems.add(path, line_of(entry), f"{where} needs exactly one of 'number' and 'url'.")
        if number and not PHONE.match(number):
            problems.add(path, line_of(entry), f"{where}: 'number' must be a phone number of digits in groups, "
                         f"as FACTS.md writes it (e.g. '116 111'), got {number!r}.")
        if url and not WEB_ADDRESS.match(url):
            problems.add(path, line_of(entry), f"{where}: 'url' must be a web address starting with https://, "
                         f"got {url[:60]!r}.")
        if entry.get("group") not in CONTACT_GROUPS:
            problems.add(path, line_of(entry), f"{where}: 'group' must be one of {', '.join(CONTACT_GROUPS)}.")
        if not str(entry.get("source", "")).startswith("https://"):
            problems.add(path, line_of(entry), f"{where} needs a 'source' address starting with https://.")
        contacts.append(Contact(str(entry.get("id")), str(entry.get("group")), number, url,
                                _labels(entry, codes, CONTACT_FIELDS, where, path, problems),
                                str(entry.get("source"))))
    return tuple(contacts)


def _checked(data: dict[str, Any], path: Path, problems: Problems) -> dt.date:
    value = data.get("last_checked")
    if isinstance(value, dt.date):
        return value
    problems.add(path, None, f"'last_checked' must be a date written YYYY-MM-DD, got {value!r}.")
    return dt.date(1970, 1, 1)


def _changes(data: dict[str, Any], codes: tuple[str, ...], path: Path, problems: Problems) -> tuple[Change, ...]:
    changes = []
    for number, entry in enumerate(_entries(data, "changes", path, problems), start=1):
        _known_keys(entry, ("date", "links", *codes), f"change {number}", path, problems)
        texts = {code: entry.get(code) for code in codes}
        links = entry.get("links") or []
        if not isinstance(entry.get("date"), dt.date) or not all(isinstance(t, str) for t in texts.values()):
            problems.add(path, line_of(entry), f"change {number} needs a 'date' (YYYY-MM-DD) and a text for each of "
                         f"{', '.join(codes)}.")
            continue
        if not isinstance(links, list) or not all(isinstance(link, str) and ":" in link for link in links):
            problems.add(path, line_of(entry), f"change {number}: 'links' must be a list like [lesson:key, page:help].")
            continue
        changes.append(Change(entry["date"], {c: str(t) for c, t in texts.items()}, tuple(links), line_of(entry)))
    return tuple(sorted(changes, key=lambda c: c.date, reverse=True))
