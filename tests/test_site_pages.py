"""What every page of the real site carries: the help contacts, the disclosure card on lessons and guides,
and the way to the teachers' pack, glossary, help, about and privacy pages within two clicks."""
from __future__ import annotations

import re
from pathlib import Path

from povej import REPO_ROOT
from povej.content import load_catalog
from qa.links import parse


def pages(site: Path, lang: str) -> list[Path]:
    return [p for p in (site / lang).rglob("index.html") if "/missing/" not in p.as_posix()]


def test_every_lesson_and_guide_shows_the_disclosure_card_and_help(real_site: Path) -> None:
    catalog = load_catalog(REPO_ROOT / "content", REPO_ROOT)
    titles = {lang: catalog.get("partial", "disclosure", lang).title for lang in ("sl", "en")}  # type: ignore
    parents = {lang: catalog.get("partial", "disclosure-parents", lang).title for lang in ("sl", "en")}  # type: ignore
    parents_guides = {(e.lang, e.slug) for lang in ("sl", "en") for e in catalog.entries("guide", lang)
                      if e.guide.audience == "parents"}
    lesson_pages = [p for lang in ("sl", "en") for p in pages(real_site, lang) if (p.parent / "projector").is_dir()]
    guide_pages = [p for lang in ("sl", "en") for p in pages(real_site, lang)
                   if '<article class="guide">' in p.read_text(encoding="utf-8")]
    assert len(lesson_pages) == 2 * len(catalog.keys("lesson"))
    assert len(guide_pages) == 2 * len(catalog.keys("guide"))
    for page in lesson_pages + guide_pages:
        html = page.read_text(encoding="utf-8")
        lang = page.relative_to(real_site).parts[0]
        # Parents' guides show the parents' own card; lessons and the teachers' guide the staff card.
        card = parents if (lang, page.parent.name) in parents_guides else titles
        assert f'<h2 id="disclosure-title">{card[lang]}</h2>' in html, page
        assert 'href="tel:113"' in html and 'href="tel:116111"' in html, page


def test_help_contacts_and_last_checked_date_on_every_page(real_site: Path) -> None:
    # Slovene: the month in the genitive, with no-break spaces so the date never splits across lines.
    for lang, checked in (("sl", "Nazadnje preverjeno: 23.\u00a0novembra\u00a02026"),
                          ("en", "Last checked: 23 November 2026")):
        for page in pages(real_site, lang):
            html = page.read_text(encoding="utf-8")
            assert 'class="help-block"' in html and checked in html, page


def test_teachers_pack_glossary_help_about_privacy_within_two_clicks(real_site: Path) -> None:
    targets = {"sl": ["vodnik-za-ucitelje", "slovar", "pomoc", "o-projektu", "zasebnost", "pismo-starsem"],
               "en": ["guide-for-teachers", "glossary", "help", "about", "privacy", "letter-to-parents"]}
    for lang, wanted in targets.items():
        for page in pages(real_site, lang):
            one = {(page.parent / href).resolve() for _, tag, _, href in parse(page).links
                   if tag == "a" and not re.match(r"^[a-z]+:", href)}
            two = set(one)
            for linked in [p for p in one if p.suffix == ".html" and p.is_file()]:
                if linked.parent.name in wanted:
                    two |= {(linked.parent / h).resolve() for _, t, _, h in parse(linked).links
                            if t == "a" and not re.match(r"^[a-z]+:", h)}
            reached = {p.parent.name for p in two}
            assert set(wanted) <= reached, f"{page}: not within two clicks: {set(wanted) - reached}"


def test_no_filter_leads_to_an_empty_list_and_short_versions_count(real_site: Path) -> None:
    for lang, lessons in (("sl", "ucne-ure"), ("en", "lessons")):
        pages = sorted((real_site / lang / lessons).glob("*/index.html"))
        assert len(pages) >= 20
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert '<ul class="lesson-list">\n</ul>' not in html and "<h3>" in html, f"{page} finds nothing"
        quick = (real_site / lang / lessons / "up-to-15-min" / "index.html").read_text(encoding="utf-8")
        assert quick.count("<h3>") == len(list((real_site / lang).glob("*/*/projector"))), "every short version fits"
        assert "(short version)" in quick or "(krajša različica)" in quick
