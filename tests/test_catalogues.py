from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po

from povej import REPO_ROOT
from povej.catalogues import catalogue_problems, catalogue_status


def test_slovene_interface_is_complete_with_four_plural_forms() -> None:
    with (REPO_ROOT / "translations" / "sl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals == 4
    lesson = catalog.get(("%(num)d lesson", "%(num)d lessons"))
    assert lesson is not None and lesson.string == ("%(num)d učna ura", "%(num)d učni uri",
                                                    "%(num)d učne ure", "%(num)d učnih ur")
    assert catalogue_problems() == []


def test_untranslated_and_fuzzy_strings_are_reported(tmp_path: Path) -> None:
    shutil.copytree(REPO_ROOT / "translations", tmp_path / "translations")
    po = tmp_path / "translations" / "sl" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "Preskoči na vsebino"', 'msgstr ""')
    text = text.replace('msgid "Privacy"', '#, fuzzy\nmsgid "Privacy"')
    po.write_text(text, encoding="utf-8")
    problems = [str(p) for p in catalogue_problems(tmp_path / "translations")]
    assert any("fuzzy translation of 'Privacy'" in p for p in problems)
    assert "translations/sl/LC_MESSAGES/messages.po: warning: untranslated interface text 'Skip to content'. " \
           "Add its msgstr." in problems
    assert catalogue_status(tmp_path / "translations")[0].endswith("translated, 1 fuzzy")


def test_every_template_string_is_in_the_catalogue() -> None:
    """The .pot must be regenerated (make messages) whenever a template gains a string."""
    from babel.messages.extract import extract_from_dir

    found = {m[2] if isinstance(m[2], str) else m[2][0]
             for m in extract_from_dir(str(REPO_ROOT / "site" / "povej"),
                                       method_map=[("**.py", "python"), ("templates/**.html", "jinja2")])}
    with (REPO_ROOT / "translations" / "sl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert found - known == set()
