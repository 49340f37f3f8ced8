"""The views through Flask's test client, in both languages: every page the registry declares answers, each
in its own language, and the addresses, the language switch and the 'not translated yet' pages agree."""
from __future__ import annotations

import re
from pathlib import Path

import flask_babel
import pytest
from flask import Flask, g
from flask.testing import FlaskClient

from povej import create_app
from povej.addresses import Addresses
from povej.registry import PAGE_TYPES

LANGUAGES = ("sl", "en")
MIMETYPES = {".js": "text/javascript", ".md": "text/markdown", ".txt": "text/plain", ".svg": "image/svg+xml",
             ".html": "text/html", "/": "text/html"}


def _addresses(app: Flask) -> Addresses:
    return app.config["POVEJ_ADDRESSES"]  # type: ignore[no-any-return]


def test_every_page_type_is_declared_once_and_no_two_pages_share_an_address(app: Flask) -> None:
    names = [page_type.name for page_type in PAGE_TYPES]
    assert len(names) == len(set(names))
    declared = sum(1 for page_type in PAGE_TYPES for _ in page_type.instances(app.config["POVEJ_CATALOG"]))
    assert len(_addresses(app).pages) == declared


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_a_language_answers_in_that_language(app: Flask, client: FlaskClient, lang: str) -> None:
    pages = [page for path, page in _addresses(app).pages.items() if path.startswith(f"/{lang}/")]
    assert {page.type.name for page in pages} >= {
        "home", "band", "curriculum", "lesson", "handout", "at-home", "bilingual", "projector", "page", "glossary",
        "search", "search-meta", "search-words", "search-documents", "lessons", "filter", "news", "lesson-source"}
    for page in pages:
        response = client.get(page.path)
        assert response.status_code == 200, page.path
        suffix = "/" if page.path.endswith("/") else Path(page.path).suffix
        assert response.mimetype == MIMETYPES[suffix], page.path
        if response.mimetype == "text/html":
            assert f'<html lang="{lang}">' in response.get_data(as_text=True), page.path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switch_of_a_lesson_leads_to_the_same_lesson(app: Flask, client: FlaskClient,
                                                                  lang: str) -> None:
    other = next(code for code in LANGUAGES if code != lang)
    here = _addresses(app).path("lesson", "secrets-to-tell", lang)
    there = _addresses(app).path("lesson", "secrets-to-tell", other)
    html = client.get(here).get_data(as_text=True)
    switch = re.search(rf'<a href="([^"]+)" hreflang="{other}"', html)
    assert switch is not None
    assert Path(here, switch.group(1)).resolve().as_posix() == Path(there, "index.html").resolve().as_posix()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_address_gets_the_not_found_page(client: FlaskClient, lang: str) -> None:
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="sl">' in response.get_data(as_text=True)


def test_a_lesson_not_translated_yet_links_to_its_not_translated_page(content: Path) -> None:
    (content / "lessons" / "6-9" / "secrets-to-tell" / "en.md").unlink()
    app = create_app({"POVEJ_CONTENT": content, "TESTING": True})
    missing = _addresses(app).path("lesson", "secrets-to-tell", "en")
    assert missing == "/en/missing/lesson/secrets-to-tell/"
    client = app.test_client()
    page = client.get(missing).get_data(as_text=True)
    assert "Not translated yet" in page and "Dobre in slabe skrivnosti" in page
    assert client.get(_addresses(app).path("handout", "secrets-to-tell", "en")).status_code == 200  # the same page
    assert not any(path.startswith("/en/") and page.type.name == "lesson"
                   for path, page in _addresses(app).pages.items())


# Slovene has four plural forms: 1 (and 101), 2, 3 and 4, everything else.
PLURALS = {1: "1 minuta", 2: "2 minuti", 3: "3 minute", 4: "4 minute", 5: "5 minut", 101: "101 minuta",
           102: "102 minuti", 11: "11 minut"}


@pytest.mark.parametrize(("number", "sl"), PLURALS.items())
def test_plural_forms_in_both_languages(app: Flask, number: int, sl: str) -> None:
    template = app.jinja_env.from_string("{{ ngettext('%(num)d minute', '%(num)d minutes', n) }}")
    said = {}
    for lang in LANGUAGES:
        with app.test_request_context("/"):
            g.lang = lang
            flask_babel.refresh()
            said[lang] = template.render(n=number)
    assert said == {"sl": sl, "en": f"{number} minute{'' if number == 1 else 's'}"}
