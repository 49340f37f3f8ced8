"""What teachers and parents use beyond reading: print sheets, projector mode, search, filters, what's new."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any

from flask import Response, g, render_template, request
from markupsafe import Markup

from .addresses import resolve_links
from .model import Catalog, Entry, Kind
from .pages import Page, PageType, each_entry, every, every_band, every_language, item_and_cards
from .problems import Problems
from .rendering import addresses, catalog, page_context, render
from .source import read_text
from .views import band_page, language_page, lesson_path

LESSON_VIEWS = ("handout", "at-home", "bilingual", "projector", "cards")
# Views only some lessons have: the part they print is optional (docs/content-format.md).
OPTIONAL_VIEWS = {"cards": "cards"}
LETTER = "letter-to-parents"
DURATIONS = (15, 30, 45)
SHORT = 15  # the filter of this length finds the short versions
AUDIENCES = ("children", "parents", "teachers")
SECTION = re.compile(r'<section class="part part-([a-z0-9-]+)">(.*?)</section>', re.S)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)
MINUTES = re.compile(r"\((\d+)\s*min\)")
SLIDE_WORDS = 60  # more on a slide is too small to read from the back of a classroom (at 1280×720)
TAG = re.compile(r"<(/?)([a-z0-9]+)\b[^>]*?(/?)>")
VOID = {"br", "img", "hr", "input", "wbr"}
# Notes marked '{: .teacher}' (expected answers, keys, what to say): in the lesson and in print, never on a slide.
TEACHER_NOTE = re.compile(r'\s*<(p|em|strong) class="teacher">.*?</\1>', re.S)


@dataclass(frozen=True)
class Slide:
    title: str
    html: Markup
    seconds: int  # the countdown for the step: its minutes, shared evenly by the questions of a discussion
    step: int  # slides of one step share its timer


def sections(entry: Entry) -> dict[str, str]:
    """The HTML of each `##` part of an entry, with links made relative to the current page."""
    html = resolve_links(entry.rendered.html, addresses(), entry.kind, entry.key, entry.lang, request.path)
    return dict(SECTION.findall(html))


def _entry(page: Page) -> Entry:
    entry = catalog().get(Kind.LESSON, page.key, page.lang)
    assert entry is not None  # the page exists because the lesson does
    return entry


def _view(view: str) -> Any:
    def render_view(page: Page) -> str:
        """A lesson's handout, take-home part, bilingual take-home sheet, cards or projector slides."""
        entry = _entry(page)
        context = page_context(page, "lesson", view=view)
        if view == "projector":
            return render_template("projector.html", entry=entry, slides=slides(entry), **context)
        if view == "bilingual":
            versions = [e for code in catalog().config.codes
                        if (e := catalog().get(Kind.LESSON, entry.key, code)) is not None]
            # Both languages on one page: prefix ids with the language so they stay unique.
            parts = [(e, Markup(re.sub(r'\sid="', f' id="{e.lang}-', sections(e).get("at-home", ""))))
                     for e in versions]
            return render_template("bilingual.html", entry=entry, parts=parts, **context)
        part = Markup(sections(entry).get(view, ""))
        return render_template("print_part.html", entry=entry, part=part, **context)
    return render_view


def has_view(entry: Entry, view: str) -> bool:
    """Whether the lesson has what the view prints (every lesson has the required parts)."""
    return view not in OPTIONAL_VIEWS or OPTIONAL_VIEWS[view] in entry.rendered.parts


def _source(page: Page) -> Response:
    """The lesson's Markdown, to adapt and share under its licence (CC BY-SA 4.0)."""
    entry = _entry(page)
    # The text as the site read it (UTF-8, LF, NFC), whatever editor saved the file.
    text = read_text(entry.path, Problems(root=entry.path.parent)) or ""
    return Response(text.encode("utf-8"), mimetype="text/markdown")


def _letter_text(page: Page) -> Response:
    """The letter to parents as plain text, to paste into an e-mail or a word processor and fill in."""
    entry = catalog().get(Kind.PAGE, LETTER, page.lang)
    assert entry is not None
    return Response(plain_text(sections(entry).get("letter", "")), mimetype="text/plain")


def _letters(catalog: Catalog) -> Iterator[tuple[str, str]]:
    return ((lang, LETTER) for lang in catalog.config.codes if catalog.get(Kind.PAGE, LETTER, lang) is not None)


def _letter_path(catalog: Catalog, lang: str, key: str) -> str:
    entry = catalog.get(Kind.PAGE, key, lang)
    assert entry is not None
    return f"/{lang}/{entry.slug}/{entry.slug}.txt"


def plain_text(html: str) -> str:
    """Readable text from our own rendered HTML: paragraphs and list items on lines of their own."""
    html = re.sub(r"<h[1-6][^>]*>.*?</h[1-6]>", "", html, count=1, flags=re.S)
    html = re.sub(r"<li>", "- ", html)
    html = re.sub(r"</(p|li|h[1-6]|ul|ol|blockquote)>", "\n", html)
    text = unescape(re.sub(r"<[^>]+>", "", html))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def slides(entry: Entry) -> list[Slide]:
    """Warm-up, each activity step, each discussion question, the closing and the key message, one per slide.

    A step too long to read from the back of a classroom goes on several slides (the same step: the same timer).
    """
    parts = {part: TEACHER_NOTE.sub("", html) for part, html in sections(entry).items()}
    steps = [parts.get("warm-up", ""), *re.split(r"(?=<h3)", parts.get("activity", ""))[1:]]
    result = [slide for number, step in enumerate(steps) for slide in _slides(step, number)]
    discussion = parts.get("discussion", "")
    questions = ITEM.findall(discussion)
    minutes = _minutes(discussion)
    result += [Slide(_heading(discussion), Markup(f"<p>{q}</p>"), minutes * 60 // max(1, len(questions)),
                     len(steps) + number) for number, q in enumerate(questions)]
    result += _slides(parts.get("closing", ""), len(steps) + len(questions))
    result.append(Slide("", Markup(f'<p class="key">{Markup.escape(entry.lesson.key_message)}</p>'), 0, -1))
    return result


def _slides(html: str, step: int) -> list[Slide]:
    body = re.sub(r"<h[23][^>]*>.*?</h[23]>", "", html, count=1, flags=re.S)
    title, seconds = _heading(html), _minutes(html) * 60
    pieces = _pieces(_blocks(body))
    if len(pieces) == 1:
        return [Slide(title, Markup(body), seconds, step)]
    return [Slide(f"{title} ({n}/{len(pieces)})", Markup("".join(piece)), seconds, step)
            for n, piece in enumerate(pieces, start=1)]


def _pieces(blocks: list[str]) -> list[list[str]]:
    """Blocks in groups of at most SLIDE_WORDS words; a long list or quoted story is split between its items."""
    pieces: list[list[str]] = [[]]
    words = 0
    for block in (part for whole in blocks for part in _split_container(whole)):
        count = _words(block)
        if pieces[-1] and words + count > SLIDE_WORDS:
            pieces.append([])
            words = 0
        pieces[-1].append(block)
        words += count
    return pieces


def _split_container(block: str) -> list[str]:
    match = re.match(r"<(ul|ol|blockquote)>(.*)</\1>$", block, re.S)
    if not match or _words(block) <= SLIDE_WORDS:
        return [block]
    tag, done = match.group(1), 0
    groups: list[list[str]] = [[]]
    for item in _blocks(match.group(2)):
        if groups[-1] and sum(map(_words, groups[-1])) + _words(item) > SLIDE_WORDS:
            groups.append([])
        groups[-1].append(item)
    parts = []
    for group in groups:
        start = f' start="{done + 1}"' if tag == "ol" and done else ""
        parts.append(f"<{tag}{start}>{''.join(group)}</{tag}>")
        done += len(group)
    return parts


def _words(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())


def _blocks(html: str) -> list[str]:
    """The top-level elements of a piece of our own rendered HTML."""
    blocks, depth, start = [], 0, 0
    for match in TAG.finditer(html):
        closing, name, empty = match.groups()
        if name in VOID or empty:
            continue
        if not closing:
            start = match.start() if depth == 0 else start
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                blocks.append(html[start:match.end()])
    return blocks


def _heading(html: str) -> str:
    match = re.search(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


def _minutes(html: str) -> int:
    match = MINUTES.search(_heading(html))
    return int(match.group(1)) if match else 0


def facets(cat: Catalog) -> list[tuple[str, str]]:
    """(facet id, group) for every filter page that finds something: bands, topics, durations, audiences.

    A filter that leads to an empty list (a topic no lesson has yet) is a dead end, so it is not offered.
    """
    every = ([(b.id, "band") for b in cat.config.bands] + [(f"topic-{t.id}", "topic") for t in cat.config.topics]
             + [(f"up-to-{d}-min", "duration") for d in DURATIONS] + [(f"for-{a}", "audience") for a in AUDIENCES])
    return [(facet, group) for facet, group in every if matching(cat, cat.config.source_language, facet)]


def matching(cat: Catalog, lang: str, facet: str) -> list[Entry]:
    lessons = cat.entries(Kind.LESSON, lang)
    guides = cat.entries(Kind.GUIDE, lang)
    if facet.startswith("topic-"):
        return [e for e in lessons if facet.removeprefix("topic-") in e.lesson.topics]
    if facet.startswith("up-to-"):
        limit = int(facet.split("-")[2])
        # No whole lesson takes 15 minutes, but every one has a short version that does: that is what it finds.
        short = limit <= SHORT
        return [e for e in lessons if (e.lesson.short_version if short else e.lesson.duration) <= limit]
    if facet == "for-children":
        return lessons
    if facet.startswith("for-"):
        return [e for e in guides if e.guide.audience == facet.removeprefix("for-")]
    return [e for e in lessons if e.band == facet] + [e for e in guides if e.guide.band == facet]


def _filters(page: Page) -> str:
    """Every filter as a page of its own; with JavaScript, filters of several groups combine (filters.js)."""
    offered = facets(catalog())
    found = {facet: {(e.kind, e.key) for e in matching(catalog(), g.lang, facet)} for facet, _ in offered}
    every = [*catalog().entries(Kind.LESSON, g.lang), *catalog().entries(Kind.GUIDE, g.lang)]
    combined = [(e, " ".join(f for f, _ in offered if (e.kind, e.key) in found[f])) for e in every]
    return render("filters.html", page, facets=offered, selected="", items=None, short=SHORT, combined=combined)


def _filter(page: Page) -> str:
    """One filter (a band, a topic, a duration or an audience) as a static page: no JavaScript needed."""
    return render("filters.html", page, "lessons", facets=facets(catalog()), selected=page.key, short=SHORT,
                  items=matching(catalog(), g.lang, page.key))


def _facets(catalog: Catalog) -> Iterator[tuple[str, str]]:
    return ((lang, facet) for lang in catalog.config.codes for facet, _ in facets(catalog))


def _news(page: Page) -> str:
    recent = sorted(catalog().entries(Kind.LESSON, g.lang), key=lambda e: (e.lesson.reviewed, e.key), reverse=True)
    return render("news.html", page, changes=catalog().config.changes, recent=recent[:10])


def _handouts(page: Page) -> str:
    """Every handout of a band in teaching order, each on a page of its own: one print for the whole class year."""
    band = catalog().config.band(page.key)
    sheets = [(entry, Markup(re.sub(r'\sid="', f' id="{entry.key}-', sections(entry).get("handout", ""))))
              for entry in catalog().lessons(band.id, g.lang)]
    return render_template("handouts.html", band=band, sheets=sheets, **page_context(page, "band", view="handouts"))


def _lesson_path(catalog: Catalog, lang: str, key: str, name: str) -> str:
    """A page inside the lesson's folder (a view, its Markdown)."""
    return lesson_path(catalog, lang, key) + name


def _view_type(view: str) -> PageType:
    return PageType(view, _view(view), each_entry(Kind.LESSON, lambda e: has_view(e, view)),
                    lambda c, lang, key: _lesson_path(c, lang, key, f"{view}/"), item_and_cards(Kind.LESSON),
                    Kind.LESSON)


PAGE_TYPES = (
    *(_view_type(view) for view in LESSON_VIEWS),
    PageType("lesson-source", _source, each_entry(Kind.LESSON),
             lambda c, lang, key: _lesson_path(c, lang, key, f"{key}-{lang}.md"), item_and_cards(Kind.LESSON)),
    PageType("letter-text", _letter_text, _letters, _letter_path, item_and_cards(Kind.PAGE)),
    PageType("lessons", _filters, every_language, language_page("lessons")),
    PageType("filter", _filter, _facets, lambda c, lang, key: f"/{lang}/{c.config.slug(lang, 'lessons')}/{key}/"),
    PageType("news", _news, every_language, language_page("news")),
    PageType("handouts", _handouts, every_band, band_page("handouts"), every(Kind.LESSON)),
)
