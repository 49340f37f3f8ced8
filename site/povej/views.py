"""The pages of the site: one view per page type, all reading from the validated catalogue."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, g, render_template, request, send_from_directory
from markupsafe import Markup

from .addresses import ELSEWHERE, Addresses, relative, resolve_links
from .content import Catalog, Entry

bp = Blueprint("site", __name__)
DISCLOSURE_SHORT = '<h3 id="disclosure-short">'
DISCLOSURE_FULL = '<h3 id="disclosure-now">'
# The card for staff (lessons and the teachers' guide) and the parents' own card (their guides).
TEACHERS_CARD = "disclosure"
PARENTS_CARD = "disclosure-parents"


def init_app(app: Flask) -> None:
    from . import classroom

    app.register_blueprint(bp)
    app.register_blueprint(classroom.bp)
    app.context_processor(_common_context)
    app.register_error_handler(404, _not_found)


def catalog() -> Catalog:
    return current_app.config["POVEJ_CATALOG"]  # type: ignore[no-any-return]


def addresses() -> Addresses:
    return current_app.config["POVEJ_ADDRESSES"]  # type: ignore[no-any-return]


def link(target: str) -> str:
    """A relative link from the current page to an absolute site path."""
    return relative(target, request.path)


def _common_context() -> dict[str, Any]:
    lang = g.get("lang") or catalog().config.source_language
    return {
        "lang": lang,
        "config": catalog().config,
        "catalog": catalog(),
        "link": link,
        "page_link": lambda kind, key="": link(addresses().path(kind, key, lang)),
        "static_link": lambda name: link(f"/static/{name}"),
        "base_url": current_app.config["POVEJ_BASE_URL"],
        "downloads": current_app.config["POVEJ_DOWNLOADS"],
        "disclosure_card": disclosure_card,
    }


def _check_language(lang: str) -> None:
    if lang not in catalog().config.codes:
        abort(404)


def _alternates(kind: str, key: str) -> dict[str, str]:
    return {code: addresses().path(kind, key, code) for code in catalog().config.codes}


def body(entry: Entry) -> Markup:
    html = resolve_links(entry.rendered.html, addresses(), entry.kind, entry.key, entry.lang, request.path)
    return Markup(html)


def page_context(kind: str, key: str, **context: Any) -> dict[str, Any]:
    """What every page template needs: where it is, its other languages, and how to render bodies."""
    return {"alternates": _alternates(kind, key), "canonical": addresses().path(kind, key, g.lang), "kind": kind,
            "key": key, "body": body, **context}


def _page(template: str, kind: str, key: str, **context: Any) -> str:
    return render_template(template, **page_context(kind, key, **context))


@bp.route("/")
def root() -> str:
    """The language chooser: Slovene first, then every other language."""
    g.lang = catalog().config.source_language
    return render_template("root.html", alternates=_alternates("home", ""), canonical="/", kind="root", key="")


@bp.route("/<lang_code>/")
def home() -> str:
    _check_language(g.lang)
    return _page("home.html", "home", "")


@bp.route("/<lang_code>/<slug>/")
def by_slug(slug: str) -> str:
    _check_language(g.lang)
    target = addresses().by_slug.get((g.lang, slug))
    if target is None:
        abort(404)
    from . import classroom

    special = {"band": lambda: _band(target.key), "glossary": _glossary, "search": classroom.search_page,
               "lessons": classroom.filters_page, "news": classroom.news_page}
    if target.kind in special:
        return special[target.kind]()
    entry = catalog().get(target.kind, target.key, g.lang)
    assert entry is not None
    card = PARENTS_CARD if entry.meta.get("audience") == "parents" else TEACHERS_CARD
    return _page(f"{target.kind}.html", target.kind, target.key, entry=entry, disclosure=_disclosure(card))


def _band(band_id: str) -> str:
    band = catalog().config.band(band_id)
    lessons = catalog().lessons(band_id, g.lang)
    missing = [k for k in catalog().keys("lesson")
               if catalog().get("lesson", k, g.lang) is None and _band_of(k) == band_id]
    guide = next((e for e in catalog().entries("guide", g.lang) if e.meta.get("band") == band_id), None)
    return _page("band.html", "band", band_id, band=band, lessons=lessons, missing=missing, guide=guide)


def _band_of(key: str) -> str:
    return next(iter(catalog().items[("lesson", key)].values())).band


def _glossary() -> str:
    terms = sorted(catalog().entries("term", g.lang), key=lambda e: e.title.casefold())
    return _page("glossary.html", "glossary", "", terms=terms, uses=catalog().term_uses)


def disclosure_card(entry: Entry, kind: str) -> Markup:
    """The card on what to do when a child tells: short on lessons, in full on guides.

    The partial starts with a short card ('#disclosure-short') whose link leads to the full card in the
    teachers' guide, then the full card ('#disclosure-now' onwards). A partial without both parts is shown whole.
    """
    card = str(body(entry))
    if DISCLOSURE_SHORT not in card or DISCLOSURE_FULL not in card:
        return Markup(card)
    short, full = card.split(DISCLOSURE_FULL, 1)
    if kind == "lesson":
        guide = f'href="{link(addresses().path("guide", "teachers", g.lang))}"'
        # The guide prints the full card under this heading; the content checker only knows the guide's own parts.
        return Markup(short.replace(guide, guide[:-1] + '#disclosure-title"'))
    return Markup(short.split(DISCLOSURE_SHORT, 1)[0] + DISCLOSURE_FULL + full)


def _disclosure(key: str = TEACHERS_CARD) -> Entry | None:
    """The card in the page's language, else in the source language; parents get their own card if there is one."""
    source = catalog().config.source_language
    for card in dict.fromkeys((key, TEACHERS_CARD)):
        entry = catalog().get("partial", card, g.lang) or catalog().get("partial", card, source)
        if entry is not None:
            return entry
    return None


@bp.route("/<lang_code>/<band_slug>/<lesson_slug>/")
def lesson(band_slug: str, lesson_slug: str) -> str:
    _check_language(g.lang)
    if band_slug == catalog().config.slug(g.lang, "lessons"):
        from .classroom import filter_page

        return filter_page(lesson_slug)
    key = addresses().by_lesson_slug.get((g.lang, band_slug, lesson_slug))
    if key is None:
        abort(404)
    entry = catalog().get("lesson", key, g.lang)
    assert entry is not None
    band = catalog().config.band(entry.band)
    return _page("lesson.html", "lesson", key, entry=entry, band=band, disclosure=_disclosure())


@bp.route("/<lang_code>/missing/<kind>/<key>/")
def missing(kind: str, key: str) -> str:
    """Where the language switch lands when a page has not been translated yet."""
    _check_language(g.lang)
    versions = catalog().items.get((kind, key), {})
    if not versions or g.lang in versions:
        abort(404)
    return render_template("missing.html", alternates=_alternates(kind, key), canonical="", kind="missing",
                           key=key, versions=versions, target_kind=kind)


@bp.route("/<lang_code>/missing/elsewhere/")
def elsewhere() -> str:
    """Where links to other bands' pages lead in one band's download: one page, not one per missing page."""
    _check_language(g.lang)
    if not catalog().excluded:
        abort(404)
    alternates = {code: f"/{code}/{ELSEWHERE}/" for code in catalog().config.codes}
    return render_template("missing.html", alternates=alternates, canonical="", kind="missing", key="",
                           versions={}, target_kind="")


@bp.route("/404.html")
def not_found_page() -> str:
    g.lang = catalog().config.source_language
    return render_template("404.html", alternates={}, canonical="", kind="404", key="")


def _not_found(error: Exception) -> tuple[str, int]:
    return not_found_page(), 404


@bp.route("/static/<name>.<any(css, js):kind>")
def minified(name: str, kind: str) -> Any:
    """Our stylesheets and scripts without comments and indentation: every byte counts on a school network.

    (The vendored script is in a folder of its own, minified already, and served as it is.)
    """
    path = Path(current_app.static_folder or "") / f"{name}.{kind}"
    if not path.is_file():
        abort(404)
    minify, mimetype = MINIFIERS[kind]
    return Response(minify(path.read_text(encoding="utf-8")), mimetype=mimetype)


def minify_js(js: str) -> str:
    """Drop comments that stand on lines of their own, indentation and blank lines; line ends stay (ASI)."""
    js = re.sub(r"^\s*/\*.*?\*/[ \t]*$", "", js, flags=re.S | re.M)
    lines = (line.strip() for line in js.split("\n"))
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def minify_css(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};:,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip() + "\n"


MINIFIERS = {"css": (minify_css, "text/css"), "js": (minify_js, "text/javascript")}


@bp.route("/media/<kind>/<key>/<name>")
def media(kind: str, key: str, name: str) -> Any:
    versions = catalog().items.get((kind, key))
    if not versions:
        abort(404)
    folder = next(iter(versions.values())).path.parent
    return send_from_directory(folder, name)


def page_urls(cat: Catalog) -> Iterator[tuple[str, dict[str, str]]]:
    """Every page of the site, for the freezer."""
    yield "site.root", {}
    yield "site.not_found_page", {}
    adr = Addresses(cat)
    for lang in cat.config.codes:
        yield "site.home", {"lang_code": lang}
        for (lang_, slug) in adr.by_slug:
            if lang_ == lang:
                yield "site.by_slug", {"lang_code": lang, "slug": slug}
        for (lang_, band_slug, lesson_slug) in adr.by_lesson_slug:
            if lang_ == lang:
                yield "site.lesson", {"lang_code": lang, "band_slug": band_slug, "lesson_slug": lesson_slug}
        for (kind, key), versions in cat.items.items():
            if lang not in versions and kind not in ("partial", "term"):
                yield "site.missing", {"lang_code": lang, "kind": kind, "key": key}
        if cat.excluded:
            yield "site.elsewhere", {"lang_code": lang}
    for (kind, key), versions in cat.items.items():
        for name in sorted({p for e in versions.values() for p in e.rendered.pictures}):
            yield "site.media", {"kind": kind, "key": key, "name": name}
    from .classroom import classroom_urls

    yield from classroom_urls(cat, adr)
