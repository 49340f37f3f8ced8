from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from povej import REPO_ROOT
from povej.build import build_site
from povej.catalogues import compile_catalogues
from povej.problems import ContentError
from sitekit import write_pair


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_frozen_pages_carry_their_own_language(content: Path, tmp_path: Path) -> None:
    """Frozen-Flask renders all pages in one app context; a cached locale would leak between them."""
    out = tmp_path / "out"
    result = build_site(content, out)
    # filters that find nothing are left out; every band has its curriculum page and all its handouts
    assert result.pages == {"sl": 33, "en": 33}
    for lang, skip_text in (("sl", "Preskoči na vsebino"), ("en", "Skip to content")):
        pages = list((out / lang).rglob("index.html"))
        assert pages
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in html, page
            assert skip_text in html, f"{page} has the interface of another language"


def test_lesson_switches_to_its_translation(content: Path, tmp_path: Path) -> None:
    build_site(content, tmp_path / "out")
    lesson = tmp_path / "out" / "sl" / "6-9-let" / "dobre-in-slabe-skrivnosti" / "index.html"
    html = lesson.read_text(encoding="utf-8")
    switch = re.search(r'<a href="([^"]+)" hreflang="en"', html)
    assert switch is not None
    assert (lesson.parent / switch.group(1)).resolve() == (
        tmp_path / "out" / "en" / "ages-6-9" / "good-and-bad-secrets" / "index.html")


def test_missing_translation_leads_to_a_clear_page(content: Path, tmp_path: Path) -> None:
    (content / "lessons" / "6-9" / "secrets-to-tell" / "en.md").unlink()
    build_site(content, tmp_path / "out")
    page = tmp_path / "out" / "en" / "missing" / "lesson" / "secrets-to-tell" / "index.html"
    assert "Not translated yet" in page.read_text(encoding="utf-8")


def test_failed_build_leaves_previous_output_untouched(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(content, out)
    before = tree_digest(out)
    (content / "pages" / "help" / "sl.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(content, out)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]


def test_builds_are_deterministic(content: Path, tmp_path: Path) -> None:
    build_site(content, tmp_path / "a")
    build_site(content, tmp_path / "b")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_base_url_adds_canonical_links_and_sitemap(content: Path, tmp_path: Path) -> None:
    build_site(content, tmp_path / "out", base_url="https://example.org/povej/")
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/povej/sl/6-9-let/dobre-in-slabe-skrivnosti/</loc>" in sitemap
    html = (tmp_path / "out" / "en" / "help" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/povej/en/help/">' in html
    assert '<link rel="alternate" hreflang="sl" href="https://example.org/povej/sl/pomoc/">' in html


def test_a_third_language_is_configuration_catalogue_and_content(content: Path, tmp_path: Path) -> None:
    """Croatian as a throwaway language: a site.yml entry, a catalogue and content files, no code."""
    site = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
    site["languages"].append({"code": "hr", "name": "Hrvatski", "slugs": {
        "glossary": "pojmovnik", "search": "trazi", "lessons": "lekcije", "news": "novosti", "curriculum": "kurikulum",
        "handouts": "radni-listovi"},
        "quick_exit": "https://www.bbc.co.uk/weather"})
    for band in site["bands"]:
        band["hr"] = {**band["en"], "slug": "dob-" + band["id"]}
    for entry in site["topics"] + site["campaigns"]:
        entry["hr"] = entry["en"]
    (content / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    contacts = yaml.safe_load((content / "contacts.yml").read_text(encoding="utf-8"))
    for contact in contacts["contacts"]:
        contact["hr"] = {"name": "Policija", "hours": "0–24", "note": "Ako je netko u opasnosti."}
    (content / "contacts.yml").write_text(yaml.safe_dump(contacts, allow_unicode=True), encoding="utf-8")
    changes = yaml.safe_load((content / "changes.yml").read_text(encoding="utf-8"))
    for change in changes["changes"]:
        change["hr"] = "Prvo izdanje."
    (content / "changes.yml").write_text(yaml.safe_dump(changes, allow_unicode=True), encoding="utf-8")
    translations = tmp_path / "translations"
    shutil.copytree(REPO_ROOT / "translations", translations)
    po = translations / "hr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Skip to content"\nmsgstr "Preskoči na sadržaj"\n', encoding="utf-8")
    compile_catalogues(translations)
    sl_help = (content / "pages" / "help" / "sl.md").read_text(encoding="utf-8")
    write_pair(content / "pages" / "help", sl_help, None)
    hr = sl_help.replace("slug: pomoc", "slug: pomoc-hr").replace("---\n\n", "source_hash: {hash}\n---\n\n", 1)
    from povej.content import digest
    from povej.problems import Problems
    from povej.source import read_source

    source = read_source(content / "pages" / "help" / "sl.md", Problems(root=content))
    assert source is not None
    (content / "pages" / "help" / "hr.md").write_text(hr.replace("{hash}", digest(source)), encoding="utf-8")

    result = build_site(content, tmp_path / "out",
                        settings={"BABEL_TRANSLATION_DIRECTORIES": str(translations)})
    assert set(result.pages) == {"sl", "en", "hr"}
    html = (tmp_path / "out" / "hr" / "pomoc-hr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="hr">' in html and "Preskoči na sadržaj" in html
    missing = tmp_path / "out" / "hr" / "missing" / "lesson" / "secrets-to-tell" / "index.html"
    assert missing.is_file()


def test_an_unchanged_build_stops_early_and_any_change_rebuilds(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build_site(content, out)
    built = tree_digest(out)
    again = build_site(content, out)
    assert again.skipped and again.pages == first.pages and again.warnings == first.warnings
    assert tree_digest(out) == built

    help_page = content / "pages" / "help" / "en.md"
    help_page.write_text(help_page.read_text(encoding="utf-8").replace("113", "113 ", 1), encoding="utf-8")
    assert not build_site(content, out).skipped, "an edited content file rebuilds"
    assert build_site(content, out).skipped

    assert not build_site(content, out, base_url="https://example.org").skipped, "other options rebuild"
    assert not build_site(content, out).skipped

    (out / "en" / "index.html").unlink()
    assert not build_site(content, out).skipped, "an output changed by hand is rebuilt"
    assert (out / "en" / "index.html").is_file()
    assert not build_site(content, out, force=True).skipped


def test_a_failed_build_is_not_taken_for_an_up_to_date_one(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(content, out)
    good = (content / "pages" / "help" / "sl.md").read_text(encoding="utf-8")
    (content / "pages" / "help" / "sl.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(content, out)
    with pytest.raises(ContentError):
        build_site(content, out)
    (content / "pages" / "help" / "sl.md").write_text(good, encoding="utf-8")
    assert build_site(content, out).skipped, "back to the content of the last good build"


EDITS = {
    "a lesson's text": ("lessons/6-9/secrets-to-tell/en.md", "Pair work.", "Work in pairs, then share."),
    "the Slovene source of a lesson": ("lessons/6-9/secrets-to-tell/sl.md", "\n## ", "\nNov odstavek.\n\n## "),
    "a glossary term's text": ("glossary/trusted-adult/en.md", "An adult.", "An adult you can talk to."),
    "the disclosure card": ("partials/disclosure/en.md", "Believe them.", "Believe them. Stay calm."),
    "a lesson's title": ("lessons/6-9/secrets-to-tell/en.md", "title: Good and bad secrets",
                         "title: Good secrets and bad secrets"),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_rebuild_after_an_edit_is_byte_identical_to_a_full_build(content: Path, tmp_path: Path,
                                                                  edit: str) -> None:
    """Pages whose inputs did not change are taken over from the last build: never a stale page."""
    out, full = tmp_path / "out", tmp_path / "full"
    first = build_site(content, out)
    assert first.reused == 0
    file, old, new = EDITS[edit]
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    again = build_site(content, out)
    build_site(content, full, force=True)
    assert tree_digest(out) == tree_digest(full)
    if edit == "a lesson's title":
        assert again.reused == 0, "a title shows on lists and menus: every page is rendered again"
    else:
        files = sum(1 for p in out.rglob("*") if p.is_file())
        assert 0 < again.reused < files, "only the pages that show the edit are rendered"
