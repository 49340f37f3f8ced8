"""The parts of the lesson format that teachers asked for: teaching order, cards to cut out, notes for the teacher."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from povej.content import load_catalog
from povej.problems import ContentError
from sitekit import LESSON, PARTIAL, write_pair

KEY = Path("lessons/6-9/secrets-to-tell")
CARDS = {"sl": "## Kartice za izrezovanje {#cards}\n\n- Ana dobi sporočilo.\n- Tim dobi darilo.\n\n## Doma {#at-home}",
         "en": "## Cards to cut out {#cards}\n\n- Ana gets a message.\n- Tim gets a gift.\n\n## At home {#at-home}"}
AT_HOME = {"sl": "## Doma {#at-home}", "en": "## At home {#at-home}"}
SL, EN = textwrap.dedent(LESSON["sl"]), textwrap.dedent(LESSON["en"])


def lesson(sl: str = SL, en: str = EN, **edits: str) -> tuple[str, str]:
    for old, new in edits.items():
        sl, en = sl.replace(old, new), en.replace(old, new)
    return sl, en


def errors(content: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_catalog(content, content.parent)
    return [str(p) for p in error.value.problems if p.severity == "error"]


def second_lesson(content: Path, order_first: int, order_second: int) -> None:
    for folder, order in ((content / KEY, order_first), (content / "lessons/6-9/second", order_second)):
        sl = SL.replace("short_version: 15", f"short_version: 15\norder: {order}")
        en = EN.replace("short_version: 15", f"short_version: 15\norder: {order}")
        if folder.name == "second":
            sl = sl.replace("title: Dobre in slabe skrivnosti", "title: Druga").replace(
                "slug: dobre-in-slabe-skrivnosti", "slug: druga")
            en = en.replace("title: Good and bad secrets", "title: Second").replace(
                "slug: good-and-bad-secrets", "slug: second")
        write_pair(folder, sl, en)


def test_band_lists_lessons_in_teaching_order_with_their_numbers(content: Path, client: FlaskClient) -> None:
    second_lesson(content, 2, 1)
    from povej import create_app

    html = create_app({"POVEJ_CONTENT": content, "TESTING": True}).test_client().get("/en/ages-6-9/").text
    assert html.index("1. <a") < html.index(">Second<") < html.index("2. <a") < html.index(">Good and bad secrets<")


def test_two_lessons_in_the_same_place_of_the_order_are_refused(content: Path) -> None:
    second_lesson(content, 1, 1)
    assert "content/lessons/6-9/secrets-to-tell/sl.md:7: 'order' 1 is already the place of the lesson 'second' in " \
           "band 6-9. Give each lesson of a band its own place." in errors(content)


def test_order_must_be_a_place_not_a_word(content: Path) -> None:
    sl, en = lesson(**{"short_version: 15": "short_version: 15\norder: first"})
    write_pair(content / KEY, sl, en)
    assert errors(content)[-1] == ("content/lessons/6-9/secrets-to-tell/sl.md:7: 'order' must be the lesson's place "
                                  "in its band's teaching order, a whole number from 1 to 99, got 'first'.")


def test_cards_print_on_a_sheet_of_their_own_and_only_where_a_lesson_has_them(content: Path) -> None:
    from povej import create_app

    client = create_app({"POVEJ_CONTENT": content, "TESTING": True}).test_client()
    assert client.get("/en/ages-6-9/good-and-bad-secrets/cards/").status_code == 404
    assert "cards/index.html" not in client.get("/en/ages-6-9/good-and-bad-secrets/").text
    write_pair(content / KEY, *lesson(**{AT_HOME["sl"]: CARDS["sl"], AT_HOME["en"]: CARDS["en"]}))
    client = create_app({"POVEJ_CONTENT": content, "TESTING": True}).test_client()
    sheet = client.get("/en/ages-6-9/good-and-bad-secrets/cards/").text
    assert '<article class="print-sheet print-cards">' in sheet and "<li>Tim gets a gift.</li>" in sheet
    assert "Ana has a" not in sheet  # only the cards, not the rest of the lesson
    assert 'href="cards/index.html"' in client.get("/en/ages-6-9/good-and-bad-secrets/").text


def test_cards_come_right_after_the_handout(content: Path) -> None:
    sl, en = SL, EN
    sl = sl.replace("## Delovni list {#handout}", CARDS["sl"].replace(AT_HOME["sl"], "## Delovni list {#handout}"))
    write_pair(content / KEY, sl, en)
    assert errors(content) == ["content/lessons/6-9/secrets-to-tell/sl.md: the part '{#cards}' must come right "
                               "after '{#handout}' (see docs/content-format.md)."]


def test_notes_for_the_teacher_stay_in_the_lesson_and_off_the_slides(content: Path) -> None:
    from povej import create_app

    sl, en = lesson(**{"A game.": "A game. *(expected: yes)*{: .teacher}\n\nSay: all answers count.\n{: .teacher}"})
    write_pair(content / KEY, sl, en)
    client = create_app({"POVEJ_CONTENT": content, "TESTING": True}).test_client()
    page = client.get("/en/ages-6-9/good-and-bad-secrets/").text
    assert '<em class="teacher">(expected: yes)</em>' in page
    assert '<p class="teacher">Say: all answers count.</p>' in page
    slides = client.get("/en/ages-6-9/good-and-bad-secrets/projector/").text
    assert "A game." in slides and "expected: yes" not in slides and "all answers count" not in slides


def test_parents_guides_show_the_parents_card(content: Path) -> None:
    from povej import create_app

    guide = ("---\ntitle: {title}\nslug: {slug}\nsummary: S.\naudience: parents\nband: 6-9\nreviewed: 2026-11-23\n"
             "{stamp}---\n\n" + "".join(f"## {p} {{{{#{p}}}}}\n\nText.\n\n" for p in (
                 "what-they-meet", "class-words", "conversation-starters", "everyday-moments", "signs", "reacting",
                 "sources")))
    write_pair(content / "guides/parents-6-9", guide.format(title="Za starše", slug="za-starse", stamp=""),
               guide.format(title="For parents", slug="for-parents", stamp="source_hash: {hash}\n"))
    client = create_app({"POVEJ_CONTENT": content, "TESTING": True}).test_client()
    assert "Believe them." in client.get("/en/for-parents/").text
    write_pair(content / "partials/disclosure-parents", PARTIAL["sl"].replace("Verjemite mu.", "Ostanite mirni."),
               PARTIAL["en"].replace("Believe them.", "Stay calm."))
    client = create_app({"POVEJ_CONTENT": content, "TESTING": True}).test_client()
    page = client.get("/en/for-parents/").text
    assert "Stay calm." in page and "Believe them." not in page
    assert "Believe them." in client.get("/en/ages-6-9/good-and-bad-secrets/").text  # lessons keep the staff card
    shutil.rmtree(content / "partials/disclosure-parents")


def test_slovene_dates_take_the_genitive_and_never_break(client: FlaskClient) -> None:
    assert "Nazadnje preverjeno: 23.\u00a0novembra\u00a02026." in client.get("/sl/").text
    assert "Last checked: 23 November 2026." in client.get("/en/").text
