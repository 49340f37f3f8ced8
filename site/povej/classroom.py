"""What teachers and parents use beyond reading: print sheets, projector mode, search, filters, what's new."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any

from flask import Blueprint, Response, abort, g, render_template, request
from markupsafe import Markup

from .addresses import Addresses, relative, resolve_links
from .content import Catalog, Entry
from .problems import Problems
from .source import read_text
from .views import addresses, catalog, page_context

bp = Blueprint("classroom", __name__)

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
# Notes marked '{: .teacher}' (expected answers, keys, what to say): in the lesson and in print, never on a slide.
TEACHER_NOTE = re.compile(r'\s*<(p|em|strong) class="teacher">.*?</\1>', re.S)


@dataclass(frozen=True)
class Slide:
    title: str
    html: Markup
    minutes: int


def sections(entry: Entry) -> dict[str, str]:
    """The HTML of each `##` part of an entry, with links made relative to the current page."""
    html = resolve_links(entry.rendered.html, addresses(), entry.kind, entry.key, entry.lang, request.path)
    return dict(SECTION.findall(html))


def _lesson(band_slug: str, lesson_slug: str) -> Entry:
    key = addresses().by_lesson_slug.get((g.lang, band_slug, lesson_slug))
    entry = catalog().get("lesson", key, g.lang) if key else None
    if entry is None:
        abort(404)
    return entry


@bp.route("/<lang_code>/<band_slug>/<lesson_slug>/<view>/")
def lesson_view(band_slug: str, lesson_slug: str, view: str) -> str:
    """A lesson's handout, take-home part, bilingual take-home sheet or projector slides."""
    if view not in LESSON_VIEWS or g.lang not in catalog().config.codes:
        abort(404)
    entry = _lesson(band_slug, lesson_slug)
    if not has_view(entry, view):
        abort(404)
    context = page_context("lesson", entry.key, view=view)
    context["alternates"] = {code: path + f"{view}/" if "/missing/" not in path else path
                             for code, path in context["alternates"].items()}
    if view == "projector":
        return render_template("projector.html", entry=entry, slides=slides(entry), **context)
    if view == "bilingual":
        versions = [e for code in catalog().config.codes
                    if (e := catalog().get("lesson", entry.key, code)) is not None]
        # Both languages on one page: prefix ids with the language so they stay unique.
        parts = [(e, Markup(re.sub(r'\sid="', f' id="{e.lang}-', sections(e).get("at-home", ""))))
                 for e in versions]
        return render_template("bilingual.html", entry=entry, parts=parts, **context)
    part = Markup(sections(entry).get(view, ""))
    return render_template("print_part.html", entry=entry, part=part, **context)


def has_view(entry: Entry, view: str) -> bool:
    """Whether the lesson has what the view prints (every lesson has the required parts)."""
    return view not in OPTIONAL_VIEWS or OPTIONAL_VIEWS[view] in entry.rendered.parts


@bp.route("/<lang_code>/<band_slug>/<lesson_slug>/<name>.md")
def lesson_source(band_slug: str, lesson_slug: str, name: str) -> Response:
    """The lesson's Markdown, to adapt and share under its licence (CC BY-SA 4.0)."""
    entry = _lesson(band_slug, lesson_slug)
    if name != f"{entry.key}-{entry.lang}":
        abort(404)
    # The text as the site read it (UTF-8, LF, NFC), whatever editor saved the file.
    text = read_text(entry.path, Problems(root=entry.path.parent)) or ""
    return Response(text.encode("utf-8"), mimetype="text/markdown")


@bp.route("/<lang_code>/<slug>/<name>.txt")
def letter_text(slug: str, name: str) -> Response:
    """The letter to parents as plain text, to paste into an e-mail or a word processor and fill in."""
    entry = catalog().get("page", LETTER, g.lang)
    if entry is None or slug != entry.slug or name != entry.slug:
        abort(404)
    return Response(plain_text(sections(entry).get("letter", "")), mimetype="text/plain")


def plain_text(html: str) -> str:
    """Readable text from our own rendered HTML: paragraphs and list items on lines of their own."""
    html = re.sub(r"<h[1-6][^>]*>.*?</h[1-6]>", "", html, count=1, flags=re.S)
    html = re.sub(r"<li>", "- ", html)
    html = re.sub(r"</(p|li|h[1-6]|ul|ol|blockquote)>", "\n", html)
    text = unescape(re.sub(r"<[^>]+>", "", html))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def slides(entry: Entry) -> list[Slide]:
    """Warm-up, each activity step, each discussion question, the closing and the key message, one per slide."""
    parts = {part: TEACHER_NOTE.sub("", html) for part, html in sections(entry).items()}
    result = [_slide(parts.get("warm-up", ""))]
    steps = re.split(r"(?=<h3)", parts.get("activity", ""))[1:]
    result += [_slide(step) for step in steps]
    discussion = parts.get("discussion", "")
    questions = ITEM.findall(discussion)
    minutes = _minutes(discussion)
    result += [Slide(_heading(discussion), Markup(f"<p>{q}</p>"), minutes // max(1, len(questions)))
               for q in questions]
    result.append(_slide(parts.get("closing", "")))
    result.append(Slide("", Markup(f'<p class="key">{Markup.escape(entry.meta["key_message"])}</p>'), 0))
    return result


def _slide(html: str) -> Slide:
    body = re.sub(r"<h[23][^>]*>.*?</h[23]>", "", html, count=1, flags=re.S)
    return Slide(_heading(html), Markup(body), _minutes(html))


def _heading(html: str) -> str:
    match = re.search(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


def _minutes(html: str) -> int:
    match = MINUTES.search(_heading(html))
    return int(match.group(1)) if match else 0


def search_page() -> str:
    return render_template("search.html", **page_context("search", ""))


@bp.route("/<lang_code>/search-index.js")
def search_index() -> Response:
    """The search documents as a script (a file:// page cannot fetch JSON, but it can load a script)."""
    if g.lang not in catalog().config.codes:
        abort(404)
    search_path = addresses().path("search", "", g.lang)
    documents = list(search_documents(catalog(), addresses(), g.lang, search_path))
    script = "window.POVEJ_SEARCH = " + json.dumps({"lang": g.lang, "documents": documents},
                                                   ensure_ascii=False, sort_keys=True) + ";\n"
    return Response(script, mimetype="text/javascript")


def search_documents(cat: Catalog, adr: Addresses, lang: str, base: str) -> Iterator[dict[str, Any]]:
    for kind in ("lesson", "guide", "term", "page"):
        for entry in cat.entries(kind, lang):
            band = cat.config.band(entry.band).label(lang, "title") if entry.band else ""
            text = " ".join(entry.rendered.section_text.values()) or re.sub(r"<[^>]+>", " ", entry.rendered.html)
            yield {
                "id": f"{kind}:{entry.key}",
                "kind": kind,
                "title": entry.title,
                "summary": str(entry.meta.get("summary") or entry.meta.get("child") or ""),
                "text": " ".join([str(entry.meta.get("key_message", "")), " ".join(text.split())[:3000]]),
                "band": band,
                "duration": int(entry.meta.get("duration") or 0),
                "url": relative(adr.path(kind, entry.key, lang), base),
            }


def facets(cat: Catalog) -> list[tuple[str, str]]:
    """(facet id, group) for every filter page that finds something: bands, topics, durations, audiences.

    A filter that leads to an empty list (a topic no lesson has yet) is a dead end, so it is not offered.
    """
    every = ([(b.id, "band") for b in cat.config.bands] + [(f"topic-{t.id}", "topic") for t in cat.config.topics]
             + [(f"up-to-{d}-min", "duration") for d in DURATIONS] + [(f"for-{a}", "audience") for a in AUDIENCES])
    return [(facet, group) for facet, group in every if matching(cat, cat.config.source_language, facet)]


def matching(cat: Catalog, lang: str, facet: str) -> list[Entry]:
    lessons = cat.entries("lesson", lang)
    guides = cat.entries("guide", lang)
    if facet.startswith("topic-"):
        return [e for e in lessons if facet.removeprefix("topic-") in e.meta["topics"]]
    if facet.startswith("up-to-"):
        limit = int(facet.split("-")[2])
        # No whole lesson takes 15 minutes, but every one has a short version that does: that is what it finds.
        length = "short_version" if limit <= SHORT else "duration"
        return [e for e in lessons if e.meta[length] <= limit]
    if facet == "for-children":
        return lessons
    if facet.startswith("for-"):
        return [e for e in guides if e.meta["audience"] == facet.removeprefix("for-")]
    return [e for e in lessons if e.band == facet] + [e for e in guides if e.meta.get("band") == facet]


def filters_page() -> str:
    return render_template("filters.html", facets=facets(catalog()), selected="", items=None, short=SHORT,
                           **page_context("lessons", ""))


def filter_page(facet: str) -> str:
    """One filter (a band, a topic, a duration or an audience) as a static page: no JavaScript needed."""
    if facet not in dict(facets(catalog())):
        abort(404)
    context = page_context("lessons", "")
    context["alternates"] = {code: path + f"{facet}/" for code, path in context["alternates"].items()}
    return render_template("filters.html", facets=facets(catalog()), selected=facet, short=SHORT,
                           items=matching(catalog(), g.lang, facet), **context)


def news_page() -> str:
    recent = sorted(catalog().entries("lesson", g.lang), key=lambda e: (e.meta["reviewed"], e.key), reverse=True)
    return render_template("news.html", changes=catalog().config.changes, recent=recent[:10],
                           **page_context("news", ""))


def classroom_urls(cat: Catalog, adr: Addresses) -> Iterator[tuple[str, dict[str, str]]]:
    """Every page of this blueprint, for the freezer."""
    for lang in cat.config.codes:
        yield "classroom.search_index", {"lang_code": lang}
        for (lang_, band_slug, lesson_slug) in adr.by_lesson_slug:
            if lang_ == lang:
                key = adr.by_lesson_slug[(lang_, band_slug, lesson_slug)]
                entry = cat.get("lesson", key, lang)
                for view in LESSON_VIEWS:
                    if entry is not None and has_view(entry, view):
                        yield "classroom.lesson_view", {"lang_code": lang, "band_slug": band_slug,
                                                        "lesson_slug": lesson_slug, "view": view}
                yield "classroom.lesson_source", {"lang_code": lang, "band_slug": band_slug,
                                                  "lesson_slug": lesson_slug, "name": f"{key}-{lang}"}
        letter = cat.get("page", LETTER, lang)
        if letter is not None:
            yield "classroom.letter_text", {"lang_code": lang, "slug": letter.slug, "name": letter.slug}
        for facet, _ in facets(cat):
            # Filters share the two-level address pattern of lessons; the lesson view hands them over.
            yield "site.lesson", {"lang_code": lang, "band_slug": cat.config.slug(lang, "lessons"),
                                  "lesson_slug": facet}
