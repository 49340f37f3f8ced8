"""Checks across the whole catalogue: translations, slugs, links, and the anatomy of lessons and guides."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .model import Entry, Items, Kind, LessonMeta, Status
from .problems import Problems
from .siteconfig import BAND_PAGES, LANGUAGE_PAGES, SiteConfig

LESSON_PARTS = ("before", "warm-up", "activity", "discussion", "closing", "short-version", "handout",
                "at-home", "sources")
# Optional parts, by the required part they follow: the check for understanding closes the lesson's closing,
# the cards to cut out come right after the handout.
OPTIONAL_LESSON_PARTS = {"check": "closing", "cards": "handout"}
TIMED_PARTS = ("warm-up", "discussion", "closing")
PARENT_GUIDE_PARTS = ("what-they-meet", "class-words", "conversation-starters", "everyday-moments", "signs",
                      "reacting", "sources")
# What the site adds to every page: the help contacts, the disclosure card and the main content.
PAGE_BOXES = {"main", "help-title", "disclosure-title"}
REQUIRED_ITEMS = ((Kind.PAGE, "help"), (Kind.PAGE, "about"), (Kind.PAGE, "privacy"), (Kind.PARTIAL, "disclosure"))


def check_catalog(items: Items, config: SiteConfig, problems: Problems,
                  content: Path) -> tuple[tuple[Status, ...], dict[str, tuple[tuple[str, str], ...]]]:
    """Run every cross-file rule; return translation statuses and where each glossary term is used."""
    statuses = _translations(items, config, problems)
    _unique_slugs(items, config, problems)
    _unique_order(items, config, problems)
    _links(items, config, problems)
    _fragments(items, problems)
    for (kind, _), versions in items.items():
        for entry in versions.values():
            if kind == Kind.LESSON:
                _lesson_anatomy(entry, problems)
            elif kind == Kind.GUIDE:
                _guide_anatomy(entry, problems)
    _help_lists_every_contact(items, config, problems)
    _change_links(items, config, problems, content / "changes.yml")
    for kind, key in REQUIRED_ITEMS:
        if (kind, key) not in items:
            problems.add(f"content/{kind}s/{key}", None, f"the {kind} {key!r} is required by every page of the "
                         "site. Create it (see docs/content-format.md).")
    return statuses, _term_uses(items, config)


def _translations(items: Items, config: SiteConfig, problems: Problems) -> tuple[Status, ...]:
    statuses = []
    for (kind, key), versions in sorted(items.items()):
        source = versions.get(config.source_language)
        any_entry = next(iter(versions.values()))
        folder = any_entry.path.parent
        if source is None:
            if not (folder / f"{config.source_language}.md").exists():
                problems.add(folder, None, f"there is no {config.source_language}.md: every item needs the source "
                             "language first; translations follow it.")
            continue
        for lang in config.codes:
            if lang == config.source_language:
                continue
            path = folder / f"{lang}.md"
            entry = versions.get(lang)
            if entry is None and path.exists():
                continue  # the file has its own errors
            state = _state(entry, source)
            statuses.append(Status(kind, key, lang, state, problems.relative(path)))
            if state == "missing":
                problems.warn(path, None, f"missing translation of {source.path.name}: the {lang} page shows "
                              f"'not translated yet'. Translate it, then run 'povej stamp {problems.relative(path)}'.")
            elif state == "outdated":
                problems.warn(path, None, "outdated translation: the source changed since "
                              f"this was translated. Update it, then run 'povej stamp {problems.relative(path)}'.")
    return tuple(statuses)


def _state(entry: Entry | None, source: Entry) -> str:
    if entry is None:
        return "missing"
    return "current" if entry.meta.source_hash == source.digest else "outdated"


def _change_links(items: Items, config: SiteConfig, problems: Problems, path: Path) -> None:
    """A "what's new" entry links to content by key, like Markdown does: each key must exist."""
    for change in config.changes:
        for target in change.links:
            kind, _, key = target.partition(":")
            exists = config.has_band(key) if kind == "band" else (kind, key) in items
            if not exists:
                problems.add(path, change.line, f"the change of {change.date.isoformat()} "
                             f"links to {target!r}, which does not exist. Write kind:key, e.g. "
                             "'lesson:my-body-is-mine' or 'page:help'.")


def _unique_order(items: Items, config: SiteConfig, problems: Problems) -> None:
    """Two lessons of a band in the same place of the teaching order would be listed in an arbitrary order."""
    seen: dict[tuple[str, str, int], str] = {}
    for (_kind, key), versions in sorted(items.items()):
        for lang, entry in versions.items():
            place = entry.meta.order if isinstance(entry.meta, LessonMeta) else None
            if not isinstance(place, int):
                continue
            other = seen.setdefault((lang, entry.band, place), key)
            if other != key:
                problems.add(entry.path, entry.lines.get("order"), f"'order' {place} is already the place of "
                             f"the lesson {other!r} in band {entry.band}. Give each lesson of a band its own place.")


def _unique_slugs(items: Items, config: SiteConfig, problems: Problems) -> None:
    for lang in config.codes:
        seen: dict[tuple[str, str], str] = {}
        for band in config.bands:
            seen[("", band.label(lang, "slug"))] = f"band {band.id}"
            for page in BAND_PAGES:
                seen[(band.id, config.slug(lang, page))] = f"the {page} page of band {band.id}"
        for page in LANGUAGE_PAGES:
            seen[("", config.slug(lang, page))] = f"the {page} page"
        for (kind, key), versions in sorted(items.items()):
            entry = versions.get(lang)
            if entry is None or kind in (Kind.TERM, Kind.PARTIAL):
                continue
            scope = (entry.band, entry.slug) if kind == Kind.LESSON else ("", entry.slug)
            if scope in seen:
                problems.add(entry.path, entry.lines.get("slug", 1), f"the slug {entry.slug!r} is already used "
                             f"by {seen[scope]}. Choose another slug so every page has its own address.")
            seen[scope] = f"{kind} {key!r}"


def _links(items: Items, config: SiteConfig, problems: Problems) -> None:
    bands = {b.id for b in config.bands}
    for versions in items.values():
        for entry in versions.values():
            for link in entry.rendered.links:
                exists = link.key in bands if link.kind == "band" else (link.kind, link.key) in items
                if not exists:
                    problems.add(entry.path, link.line, _missing_target(link.kind, link.key, items, bands))
                elif link.fragment and link.kind in ("band", "term"):
                    problems.add(entry.path, link.line, f"a {link.kind} link cannot point to a part, got "
                                 f"'{link.kind}:{link.key}#{link.fragment}'. Write '{link.kind}:{link.key}'.")
                elif link.fragment:
                    target = items[(Kind(link.kind), link.key)]
                    ids = (target.get(entry.lang) or next(iter(target.values()))).rendered.ids
                    if link.fragment not in ids:
                        problems.add(entry.path, link.line, f"the {link.kind} {link.key!r} has no part "
                                     f"'#{link.fragment}'. Parts there: {', '.join(sorted(i for i in ids if i))}.")


def _fragments(items: Items, problems: Problems) -> None:
    """A link to '#part' of the same page must find the part (or a box the site adds to every such page)."""
    for versions in items.values():
        for entry in versions.values():
            ids = entry.rendered.ids | PAGE_BOXES
            for fragment, line in entry.rendered.fragments:
                if fragment not in ids:
                    problems.add(entry.path, line, f"this page has no part '#{fragment}'. Parts here: "
                                 f"{', '.join(sorted(i for i in entry.rendered.ids if i))}.")


def _missing_target(kind: str, key: str, items: Items, bands: set[str]) -> str:
    import difflib

    known = sorted(bands) if kind == "band" else sorted(k for (kd, k) in items if kd == kind)
    message = f"the link points to the {kind} {key!r}, which does not exist."
    close = difflib.get_close_matches(key, known, n=1)
    return f"{message} Did you mean '{kind}:{close[0]}'?" if close else f"{message} Check the key."


def _lesson_anatomy(entry: Entry, problems: Problems) -> None:
    _required_parts(entry, LESSON_PARTS, problems)
    _optional_parts(entry, problems)
    rendered = entry.rendered
    h2 = [h for h in rendered.headings if h.level == 2]
    timed = [h for h in h2 if h.id in TIMED_PARTS]
    in_activity = False
    steps = []
    for heading in rendered.headings:
        if heading.level == 2:
            in_activity = heading.id == "activity"
        elif heading.level == 3 and in_activity:
            steps.append(heading)
    for heading in timed + steps:
        if heading.minutes is None:
            problems.add(entry.path, _heading_line(entry, heading.text), f"the heading {heading.text!r} needs its "
                         "time at the end, e.g. '(10 min)'.")
    total = sum(h.minutes or 0 for h in timed + steps)
    if total != entry.lesson.duration and all(h.minutes for h in timed + steps):
        problems.add(entry.path, entry.lines.get("duration", 1), f"the timed parts add up to {total} minutes but "
                     f"'duration' is {entry.lesson.duration}. Make them agree.")
    if not steps and "activity" in rendered.ids:
        problems.add(entry.path, None, "the main activity needs at least one '### step (N min)'.")
    at_home = rendered.section_text.get("at-home", "")
    if "at-home" in rendered.ids and _squash(entry.lesson.key_message) not in _squash(at_home):
        problems.add(entry.path, _heading_line(entry, "{#at-home}"), "the 'At home' part must repeat the key "
                     "message word for word, so children hear the same words at school and at home. Copy "
                     "'key_message' into it.")


def _guide_anatomy(entry: Entry, problems: Problems) -> None:
    if entry.guide.audience == "parents":
        if not entry.guide.band:
            problems.add(entry.path, 1, "a parents' guide needs 'band:' (one of the age bands).")
        _required_parts(entry, PARENT_GUIDE_PARTS, problems)


def _required_parts(entry: Entry, parts: tuple[str, ...], problems: Problems) -> None:
    ids = [h.id for h in entry.rendered.headings if h.level == 2]
    for part in parts:
        if part not in ids:
            problems.add(entry.path, None, f"the required part '{{#{part}}}' is missing. Add a heading "
                         f"'## … {{#{part}}}' (see docs/content-format.md).")
    order = [i for i in ids if i in parts]
    if order != [p for p in parts if p in order]:
        problems.add(entry.path, None, f"the parts are out of order: expected {', '.join(parts)}.")


def _optional_parts(entry: Entry, problems: Problems) -> None:
    ids = [h.id for h in entry.rendered.headings if h.level == 2]
    for part, after in OPTIONAL_LESSON_PARTS.items():
        if part in ids and (ids.index(part) == 0 or ids[ids.index(part) - 1] != after):
            problems.add(entry.path, None, f"the part '{{#{part}}}' must come right after '{{#{after}}}' "
                         "(see docs/content-format.md).")


def _heading_line(entry: Entry, needle: str) -> int | None:
    text = entry.path.read_text(encoding="utf-8", errors="replace")
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


def _squash(text: str) -> str:
    return " ".join(text.replace("»", "").replace("«", "").replace('"', "").split()).lower()


def _term_uses(items: Items, config: SiteConfig) -> dict[str, tuple[tuple[str, str], ...]]:
    uses: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (kind, key), versions in items.items():
        entry = versions.get(config.source_language)
        if entry is None or kind in (Kind.TERM, Kind.PARTIAL):
            continue
        for link in entry.rendered.links:
            if link.kind == "term":
                uses[link.key].add((kind, key))
        for term in entry.meta.keywords if isinstance(entry.meta, LessonMeta) else ():
            uses[term].add((kind, key))
    return {term: tuple(sorted(found)) for term, found in uses.items()}


def _help_lists_every_contact(items: Items, config: SiteConfig, problems: Problems) -> None:
    """The help page is prose, the help block is data (contacts.yml): they must not drift apart."""
    for entry in items.get((Kind.PAGE, "help"), {}).values():
        text = entry.rendered.html.replace("\u00a0", " ")
        for contact in config.contacts:
            shown = contact.number or contact.url.removeprefix("https://").removeprefix("www.")
            if shown not in text:
                problems.add(entry.path, None, f"the help page does not mention {contact.labels[entry.lang]['name']} "
                             f"({shown}), which contacts.yml lists. Add it, or remove it from contacts.yml.")
