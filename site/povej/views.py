"""The pages of the site that read content: one page type per kind of page, all from the validated catalogue.

Each page type is declared once, beside its render function (pages.py says what a declaration holds); the
classroom's page types (print sheets, projector, search, filters) are in classroom.py.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flask_babel
from flask import Blueprint, Flask, Response, abort, current_app, g, render_template, send_from_directory
from markupsafe import Markup

from .model import Catalog, Entry, GuideMeta, Kind
from .pages import Page, PageType, each_entry, every, every_band, every_language, item_and_cards
from .rendering import addresses, body, catalog, link, render

bp = Blueprint("site", __name__)
DISCLOSURE_SHORT = '<h3 id="disclosure-short">'
DISCLOSURE_FULL = '<h3 id="disclosure-now">'
# The card for staff (lessons and the teachers' guide) and the parents' own card (their guides).
TEACHERS_CARD = "disclosure"
PARENTS_CARD = "disclosure-parents"
YEAR_PLAN = "year-plan-"  # the page 'year-plan-<band>' is the band's year plan


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(_common_context)
    app.register_error_handler(404, _not_found)


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
        "download": current_app.config["POVEJ_DOWNLOAD"],
        "disclosure_card": disclosure_card,
    }


@bp.route("/", defaults={"path": ""})
@bp.route("/<path:path>")
def page(path: str) -> Any:
    """Every page of the site, found by its path in the site map the page types make."""
    found = addresses().pages.get("/" + path)
    if found is None:
        abort(404)
    # Frozen-Flask renders every page inside one app context, so `g` and Flask-Babel's cached locale
    # survive from one page to the next: set both afresh on every request.
    g.lang = found.lang or catalog().config.source_language
    flask_babel.refresh()
    return found.type.render(found)


def _no_language(catalog: Catalog) -> list[tuple[str, str]]:
    return [("", "")]


def _root(page: Page) -> str:
    """The language chooser: Slovene first, then every other language."""
    homes = {code: addresses().path("home", "", code) for code in catalog().config.codes}
    return render_template("root.html", alternates=homes, canonical="/", kind="root", key="")


def _home(page: Page) -> str:
    return render("home.html", page)


def _band(page: Page) -> str:
    band = catalog().config.band(page.key)
    lessons = catalog().lessons(band.id, g.lang)
    missing = [k for k in catalog().keys(Kind.LESSON)
               if catalog().get(Kind.LESSON, k, g.lang) is None and _band_of(k) == band.id]
    guide = next((e for e in catalog().entries(Kind.GUIDE, g.lang) if e.guide.band == band.id), None)
    plan = catalog().get(Kind.PAGE, f"{YEAR_PLAN}{band.id}", g.lang)
    return render("band.html", page, band=band, lessons=lessons, missing=missing, guide=guide, plan=plan)


def _curriculum(page: Page) -> str:
    """Where the band's lessons meet the curriculum, lesson by lesson in teaching order: for a school's plan."""
    band = catalog().config.band(page.key)
    return render("curriculum.html", page, band=band, lessons=catalog().lessons(band.id, g.lang),
                  plan=catalog().get(Kind.PAGE, f"{YEAR_PLAN}{band.id}", g.lang))


def _band_of(key: str) -> str:
    return next(iter(catalog().items[(Kind.LESSON, key)].values())).band


def _glossary(page: Page) -> str:
    terms = sorted(catalog().entries(Kind.TERM, g.lang), key=lambda e: e.title.casefold())
    return render("glossary.html", page, terms=terms, uses=catalog().term_uses)


def _entry(page: Page, kind: Kind) -> Entry:
    entry = catalog().get(kind, page.key, page.lang)
    assert entry is not None  # the page exists because the entry does
    return entry


def _lesson(page: Page) -> str:
    entry = _entry(page, Kind.LESSON)
    band = catalog().config.band(entry.band)
    return render("lesson.html", page, entry=entry, band=band, disclosure=_disclosure(), plan=_plan(entry))


# The parts printed on sheets of their own: the lesson plan names them and links their sheet (which is what a
# teacher prints), so the plan stays short on screen and on paper.
SHEETS = {"handout": "Print the handout", "cards": "Print the cards to cut out", "at-home": "Print the part for home"}
SHEET_PART = re.compile(r'<section class="part part-(handout|cards|at-home)">\s*(<h2[^>]*>.*?</h2>).*?</section>', re.S)


def _plan(entry: Entry) -> Markup:
    def stub(match: re.Match[str]) -> str:
        part, heading = match.groups()
        label = Markup.escape(flask_babel.gettext(SHEETS[part]))
        return f'<section class="part part-{part}">{heading}<p><a href="{part}/index.html">{label}</a></p></section>'

    return Markup(SHEET_PART.sub(stub, str(body(entry))))


def _text_page(page: Page) -> str:
    """A guide or a page: its body, and the card on what to do when a child tells (the parents' own on theirs)."""
    entry = _entry(page, Kind(page.type.name))
    parents = isinstance(entry.meta, GuideMeta) and entry.meta.audience == "parents"
    return render(f"{page.type.name}.html", page, entry=entry,
                  disclosure=_disclosure(PARENTS_CARD if parents else TEACHERS_CARD))


def disclosure_card(entry: Entry, kind: str) -> Markup:
    """The card on what to do when a child tells: short on lessons, in full on guides.

    The partial starts with a short card ('#disclosure-short') whose link leads to the full card in the
    teachers' guide, then the full card ('#disclosure-now' onwards). A partial without both parts is shown whole.
    """
    card = str(body(entry))
    if DISCLOSURE_SHORT not in card or DISCLOSURE_FULL not in card:
        return Markup(card)
    short, full = card.split(DISCLOSURE_FULL, 1)
    if kind == Kind.LESSON:
        guide = f'href="{link(addresses().path(Kind.GUIDE, "teachers", g.lang))}"'
        # The guide prints the full card under this heading; the content checker only knows the guide's own parts.
        return Markup(short.replace(guide, guide[:-1] + '#disclosure-title"'))
    return Markup(short.split(DISCLOSURE_SHORT, 1)[0] + DISCLOSURE_FULL + full)


def _disclosure(key: str = TEACHERS_CARD) -> Entry | None:
    """The card in the page's language, else in the source language; parents get their own card if there is one."""
    source = catalog().config.source_language
    for card in dict.fromkeys((key, TEACHERS_CARD)):
        entry = catalog().get(Kind.PARTIAL, card, g.lang) or catalog().get(Kind.PARTIAL, card, source)
        if entry is not None:
            return entry
    return None


def _untranslated(catalog: Catalog) -> Iterator[tuple[str, str]]:
    for lang in catalog.config.codes:
        for (kind, key), versions in catalog.items.items():
            if lang not in versions and kind not in (Kind.PARTIAL, Kind.TERM):
                yield lang, f"{kind}/{key}"


def _missing(page: Page) -> str:
    """Where the language switch lands when a page has not been translated yet."""
    kind, _, key = page.key.partition("/")
    versions = catalog().items[(Kind(kind), key)]
    others = {code: addresses().path(kind, key, code) for code in catalog().config.codes}
    return render_template("missing.html", alternates=others, canonical="", kind="missing", key=key,
                           versions=versions, target_kind=kind)


def not_found_page(page: Page | None = None) -> str:
    g.lang = catalog().config.source_language
    return render_template("404.html", alternates={}, canonical="", kind="404", key="")


def _not_found(error: Exception) -> tuple[str, int]:
    return not_found_page(), 404


def _pictures(catalog: Catalog) -> Iterator[tuple[str, str]]:
    for (kind, key), versions in catalog.items.items():
        for name in sorted({p for e in versions.values() for p in e.rendered.pictures}):
            yield "", f"{kind}/{key}/{name}"


def _media(page: Page) -> Any:
    kind, key, name = page.key.split("/")
    folder = next(iter(catalog().items[(Kind(kind), key)].values())).path.parent
    return send_from_directory(folder, name)


def lesson_path(catalog: Catalog, lang: str, key: str) -> str:
    entry = catalog.get(Kind.LESSON, key, lang)
    assert entry is not None
    return f"/{lang}/{catalog.config.band(entry.band).label(lang, 'slug')}/{entry.slug}/"


def _slug_path(kind: Kind) -> Any:
    def address(catalog: Catalog, lang: str, key: str) -> str:
        entry = catalog.get(kind, key, lang)
        assert entry is not None
        return f"/{lang}/{entry.slug}/"
    return address


def band_page(name: str) -> Any:
    """The address of a page every band has (its curriculum links, its handouts), beside its lessons."""
    return lambda c, lang, key: f"/{lang}/{c.config.band(key).label(lang, 'slug')}/{c.config.slug(lang, name)}/"


def language_page(name: str) -> Any:
    """The address of a built-in page of each language (glossary, search, lessons, news), from site.yml."""
    return lambda catalog, lang, key: f"/{lang}/{catalog.config.slug(lang, name)}/"


PAGE_TYPES = (
    PageType("root", _root, _no_language, lambda c, lang, key: "/"),
    PageType("404", not_found_page, _no_language, lambda c, lang, key: "/404.html"),
    PageType("home", _home, every_language, lambda c, lang, key: f"/{lang}/"),
    PageType("band", _band, every_band, lambda c, lang, key: f"/{lang}/{c.config.band(key).label(lang, 'slug')}/"),
    PageType("curriculum", _curriculum, every_band, band_page("curriculum")),
    PageType("lesson", _lesson, each_entry(Kind.LESSON), lesson_path, item_and_cards(Kind.LESSON), Kind.LESSON),
    PageType("guide", _text_page, each_entry(Kind.GUIDE), _slug_path(Kind.GUIDE), item_and_cards(Kind.GUIDE),
             Kind.GUIDE),
    PageType("page", _text_page, each_entry(Kind.PAGE), _slug_path(Kind.PAGE), item_and_cards(Kind.PAGE),
             Kind.PAGE),
    PageType("glossary", _glossary, every_language, language_page("glossary"), every(Kind.TERM)),
    PageType("missing", _missing, _untranslated, lambda c, lang, key: f"/{lang}/missing/{key}/"),
    PageType("media", _media, _pictures, lambda c, lang, key: f"/media/{key}", None),
)


@bp.route("/static/<name>.<any(css, js):kind>")
def minified(name: str, kind: str) -> Any:
    """Our stylesheets and scripts without comments and indentation: every byte counts on a school network."""
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
