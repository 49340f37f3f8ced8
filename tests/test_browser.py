"""The real site, frozen, opened from disk (file://) in real Chromium, as a teacher with a USB stick would."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_opens_from_disk_with_styles(real_site: Path, page: object) -> None:
    page.goto((real_site / "index.html").as_uri())  # type: ignore[attr-defined]
    links = page.locator(".choose-language a")  # type: ignore[attr-defined]
    assert links.all_inner_texts() == ["Slovenščina", "English"]
    links.first.click()
    assert page.url.endswith("/sl/index.html")  # type: ignore[attr-defined]
    assert page.locator("html").get_attribute("lang") == "sl"  # type: ignore[attr-defined]
    assert page.locator("a.skip").inner_text() == "Preskoči na vsebino"  # type: ignore[attr-defined]
    weight = page.locator(".brand").evaluate("e => getComputedStyle(e).fontWeight")  # type: ignore[attr-defined]
    assert weight == "700", "the stylesheet did not load from file://"


def test_language_switch_on_a_lesson_lands_on_its_translation(real_site: Path, page: object) -> None:
    lesson = next((real_site / "sl").glob("6-9-let/*/index.html"))
    page.goto(lesson.as_uri())  # type: ignore[attr-defined]
    title_sl = page.locator("h1").inner_text()  # type: ignore[attr-defined]
    assert page.locator("main").get_by_text("Ključno sporočilo").count() >= 1  # type: ignore[attr-defined]
    page.locator(".languages a[hreflang=en]").click()  # type: ignore[attr-defined]
    assert "/en/ages-6-9/" in page.url  # type: ignore[attr-defined]
    assert page.locator("html").get_attribute("lang") == "en"  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() != title_sl  # type: ignore[attr-defined]
    page.locator(".languages a[hreflang=sl]").click()  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == title_sl  # type: ignore[attr-defined]


def test_every_band_page_lists_its_lessons(real_site: Path, page: object) -> None:
    for lang in ("sl", "en"):
        page.goto((real_site / lang / "index.html").as_uri())  # type: ignore[attr-defined]
        bands = page.locator(".band-card h3 a")  # type: ignore[attr-defined]
        assert bands.count() == 5
        for index in range(5):
            page.goto((real_site / lang / "index.html").as_uri())  # type: ignore[attr-defined]
            page.locator(".band-card h3 a").nth(index).click()  # type: ignore[attr-defined]
            assert page.locator(".lesson-list > li").count() >= 1  # type: ignore[attr-defined]
