"""Quality gates over the real site, freshly built: accessibility, HTML validity, links, privacy, words.

Each gate also runs over a page or file broken on purpose (tests/fixtures/), to prove it would catch the problem.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from povej import REPO_ROOT
from povej.cli import main
from qa import browser as qa_browser
from qa import links, text, vnu
from qa.terms import wording_problems

FIXTURES = Path(__file__).parent / "fixtures"
CONTENT = REPO_ROOT / "content"


def site_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def content_files(lang: str) -> list[Path]:
    return sorted(CONTENT.rglob(f"{lang}.md"))


@pytest.fixture(scope="session")
def audit(real_site: Path) -> list[qa_browser.PageReport]:
    """One pass over every page, in parallel tabs: axe on screen and in print, requests, storage."""
    return qa_browser.audit_site(real_site, site_pages(real_site))


@pytest.mark.browser
def test_every_page_has_no_accessibility_violations(audit: list[qa_browser.PageReport]) -> None:
    assert len(audit) > 20
    found = [f"{r.path}: {v}" for r in audit for v in r.violations if not v.startswith("print: ")]
    assert found == []


@pytest.mark.browser
def test_every_page_keeps_its_contrast_when_printed(audit: list[qa_browser.PageReport]) -> None:
    assert [f"{r.path}: {v}" for r in audit for v in r.violations if v.startswith("print: ")] == []


@pytest.mark.browser
def test_pages_load_nothing_from_outside_and_store_nothing(audit: list[qa_browser.PageReport]) -> None:
    assert [f"{r.path}: {u}" for r in audit for u in r.requests] == []
    assert [f"{r.path}: {s}" for r in audit for s in r.storage] == []


@pytest.mark.browser
def test_axe_catches_missing_alt_text_and_low_contrast() -> None:
    root = FIXTURES / "broken-site"
    [report] = qa_browser.audit_site(root, [root / "index.html"])
    assert any(v.startswith("image-alt") and "picture.svg" in v for v in report.violations), report.violations
    assert any(v.startswith("color-contrast") and ".faint" in v for v in report.violations), report.violations
    assert report.requests == ["https://example.org/tracker.png"]


@pytest.mark.browser
def test_skip_link_and_visible_focus_by_keyboard(real_site: Path, page: object) -> None:
    lesson = next((real_site / "en").glob("ages-6-9/*/index.html"))
    page.goto(lesson.as_uri())  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    focused = page.evaluate("() => [document.activeElement.className, "  # type: ignore[attr-defined]
                            "getComputedStyle(document.activeElement).outlineStyle, "
                            "document.activeElement.getBoundingClientRect().left]")
    assert focused[0] == "skip" and focused[1] != "none" and focused[2] >= 0
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert page.evaluate("() => document.activeElement.id") == "main"  # type: ignore[attr-defined]
    for _ in range(3):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        style = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")  # type: ignore
        assert style != "none", "every focusable element shows where the focus is"


def test_every_page_is_valid_html(real_site: Path) -> None:
    assert vnu.html_errors(real_site) == []


def test_every_link_and_fragment_resolves_from_disk(real_site: Path) -> None:
    assert links.check_site(real_site) == []


def test_link_checker_catches_dead_directory_root_and_external_links() -> None:
    found = links.check_site(FIXTURES / "broken-site")
    assert found == [
        "index.html:9: <img> loads 'https://example.org/tracker.png' from outside the site; every file must be local.",
        "index.html:10: link 'sub/missing.html' points to a file that does not exist.",
        "index.html:10: directory link 'sub/' does not open from file://; link to its index.html.",
        "index.html:10: root-absolute link '/sl/index.html' breaks when the site is opened from a folder; "
        "make it relative.",
        "index.html:11: link 'sub/page.html#nowhere' points to '#nowhere', which is not an id on that page.",
    ]


def test_pages_carry_the_privacy_and_security_policy(real_site: Path) -> None:
    for path in site_pages(real_site):
        html = path.read_text(encoding="utf-8")
        where = path.relative_to(real_site)
        assert "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'" in html, where
        assert '<meta name="referrer" content="no-referrer">' in html, where
        assert not re.search(r"\son[a-z]+=", html), f"{where} has an inline event handler"
        assert not re.search(r"<script(?![^>]*\ssrc=)", html), f"{where} has an inline script"
        assert not re.search(r"\sstyle=", html), f"{where} has an inline style"


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_content_and_interface_are_spelled_right(lang: str) -> None:
    lines = [line for path in content_files(lang) for line in text.content_lines(path)]
    po = REPO_ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    if po.exists():
        lines += list(text.catalogue_lines(po))
    assert len(lines) > 100
    assert text.misspellings(lines, lang) == []


def test_spelling_names_file_line_and_word() -> None:
    lines = list(text.content_lines(FIXTURES / "broken-content" / "sl.md"))
    assert text.misspellings(lines, "sl") == ["tests/fixtures/broken-content/sl.md:8: 'presenečnjih'"]


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_no_banned_or_blaming_wording(lang: str) -> None:
    lines = [line for path in content_files(lang) for line in text.content_lines(path)]
    lines += list(text.catalogue_lines(REPO_ROOT / "translations" / "sl" / "LC_MESSAGES" / "messages.po")) \
        if lang == "sl" else []
    assert wording_problems(lines, lang) == []


def test_wording_check_names_file_and_line() -> None:
    sl = wording_problems(list(text.content_lines(FIXTURES / "broken-content" / "sl.md")), "sl")
    en = wording_problems(list(text.content_lines(FIXTURES / "broken-content" / "en.md")), "en")
    assert [p.split(": ")[0] for p in sl] == ["tests/fixtures/broken-content/sl.md:9"]
    assert [p.split(": ")[0] for p in en] == ["tests/fixtures/broken-content/en.md:9"] * 2
    assert "'child pornography': the term 'child pornography'. Use 'child sexual abuse material'." in en[0]


def test_strict_check_passes_on_the_real_content() -> None:
    result = CliRunner().invoke(main, ["check", "--strict"])
    assert result.exit_code == 0, result.output
