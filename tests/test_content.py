from __future__ import annotations

from pathlib import Path

import pytest

from povej import REPO_ROOT
from povej.content import load_catalog
from povej.model import Kind
from povej.problems import ContentError

LESSON = Path("lessons/6-9/secrets-to-tell")


def problems_of(content: Path, strict: bool = False) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_catalog(content, content.parent, strict=strict)
    return [str(p) for p in error.value.problems]


def test_small_site_loads(content: Path) -> None:
    catalog = load_catalog(content, content.parent)
    assert catalog.get("lesson", "secrets-to-tell", "en").title == "Good and bad secrets"  # type: ignore[union-attr]
    assert {s.state for s in catalog.statuses} == {"current"}
    assert catalog.term_uses["trusted-adult"] == (("lesson", "secrets-to-tell"),)


def test_real_content_loads_without_problems() -> None:
    catalog = load_catalog(REPO_ROOT / "content", REPO_ROOT)
    assert catalog.keys("lesson"), "the real site has lessons"
    assert [str(w) for w in catalog.warnings] == []


def test_every_real_lesson_has_its_place_in_its_bands_teaching_order() -> None:
    catalog = load_catalog(REPO_ROOT / "content", REPO_ROOT)
    for band in catalog.config.bands:
        for lang in catalog.config.codes:
            places = [e.lesson.order for e in catalog.lessons(band.id, lang)]
            assert places == list(range(1, len(places) + 1)), f"{band.id} {lang}: 'order' is {places}"


def test_every_real_lesson_has_a_check_for_understanding_and_curriculum_links() -> None:
    """What a school writes into its plan (#18): the curriculum links, and how the teacher knows it worked."""
    catalog = load_catalog(REPO_ROOT / "content", REPO_ROOT)
    for lang in catalog.config.codes:
        for entry in catalog.entries(Kind.LESSON, lang):
            assert "check" in entry.rendered.parts, f"{entry.path}: no '## … {{#check}}' part"
            assert entry.lesson.curriculum, f"{entry.path}: no 'curriculum:' links"
        for band in catalog.config.bands:
            assert catalog.get(Kind.PAGE, f"year-plan-{band.id}", lang) is not None, f"no year plan for {band.id}"


def test_every_problem_is_reported_together(content: Path) -> None:
    (content / "lessons" / "7-8").mkdir()
    (content / "pages" / "Help Me").mkdir()
    (content / "glossary" / "trusted-adult" / "hostname.svg").symlink_to("/etc/hostname")
    found = problems_of(content)
    assert found == [
        "content/glossary/trusted-adult/hostname.svg: this is a link to a file outside content/. "
        "Copy the file into content/ instead of linking to it.",
        "content/lessons/7-8: there is no band '7-8'. Lessons go in one of: 4-6, 6-9, 9-12, 12-15, 15-18.",
        "content/pages/Help Me: the name 'Help Me' may only use lowercase letters a–z, digits and hyphens "
        "(no spaces, capitals or diacritics). Rename it, e.g. 'help-me'.",
    ]


def test_one_language_only_is_a_warning_and_strict_makes_it_an_error(content: Path) -> None:
    (content / LESSON / "en.md").unlink()
    catalog = load_catalog(content, content.parent)
    assert [s.state for s in catalog.statuses if s.key == "secrets-to-tell"] == ["missing"]
    assert problems_of(content, strict=True) == [
        "content/lessons/6-9/secrets-to-tell/en.md: warning: missing translation of sl.md: the en page shows "
        "'not translated yet'. Translate it, then run 'povej stamp content/lessons/6-9/secrets-to-tell/en.md'."]


def test_an_edited_source_makes_the_translation_outdated(content: Path) -> None:
    sl = content / LESSON / "sl.md"
    sl.write_text(sl.read_text(encoding="utf-8").replace("Igra.", "Igra z žogo."), encoding="utf-8")
    catalog = load_catalog(content, content.parent)
    assert [s.state for s in catalog.statuses if s.key == "secrets-to-tell"] == ["outdated"]


def test_translation_without_source(content: Path) -> None:
    (content / LESSON / "sl.md").unlink()
    assert problems_of(content) == ["content/lessons/6-9/secrets-to-tell: there is no sl.md: every item needs "
                                    "the source language first; translations follow it."]


def test_language_that_is_not_configured(content: Path) -> None:
    (content / LESSON / "hr.md").write_text("---\n", encoding="utf-8")
    assert problems_of(content) == ["content/lessons/6-9/secrets-to-tell/hr.md: 'hr' is not a language of the "
                                    "site (sl, en). Rename the file or add the language to site.yml."]


def test_a_language_file_that_is_a_broken_link(content: Path) -> None:
    english = content / LESSON / "en.md"
    english.unlink()
    english.symlink_to(content / LESSON / "gone.md")
    assert problems_of(content) == ["content/lessons/6-9/secrets-to-tell/en.md: this is not an ordinary file (a "
                                    "folder, or a link to a file that is gone). Replace it with the Markdown file "
                                    "itself."]


def test_problems_with_and_without_a_line_sort_together(content: Path) -> None:
    english = content / LESSON / "en.md"
    text = english.read_text(encoding="utf-8").replace("## Handout {#handout}", "Handout")
    english.write_text(text.replace("(term:trusted-adult)", "(term:trusted)"), encoding="utf-8")
    assert [p.split(": ")[0] for p in problems_of(content)] == ["content/lessons/6-9/secrets-to-tell/en.md",
                                                                "content/lessons/6-9/secrets-to-tell/en.md:32"]


def test_a_second_load_renders_only_the_files_that_changed(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from povej.markup import Renderer
    from povej.speed.rendercache import RenderCache

    rendered: list[str] = []
    original = Renderer.render

    def counting(self: Renderer, source, problems):  # type: ignore[no-untyped-def]
        rendered.append(source.path.relative_to(content).as_posix())
        return original(self, source, problems)

    monkeypatch.setattr(Renderer, "render", counting)
    first = load_catalog(content, content.parent)
    assert len(rendered) == sum(len(v) for v in first.items.values())
    RenderCache._open.clear()  # as a new process would: read back from disk

    rendered.clear()
    assert load_catalog(content, content.parent).items.keys() == first.items.keys()
    assert rendered == []
    lesson = content / LESSON / "en.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("\n\n", "\n\nA new line.\n\n", 1), encoding="utf-8")
    again = load_catalog(content, content.parent)
    assert rendered == [f"{LESSON.as_posix()}/en.md"]
    assert "A new line." in again.get("lesson", "secrets-to-tell", "en").rendered.html  # type: ignore[union-attr]


def test_a_damaged_render_cache_is_ignored(content: Path) -> None:
    from povej.speed.rendercache import RenderCache

    load_catalog(content, content.parent)
    caches = list(RenderCache._open.values())
    RenderCache._open.clear()
    for cache in caches:
        if cache.path.is_file():
            cache.path.write_bytes(b"not a pickle")
    assert load_catalog(content, content.parent).get("lesson", "secrets-to-tell", "en") is not None
