"""In the classroom and at home, in real Chromium from file://: print, projector, search, filters, quick exit, ZIPs."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from qa import links

pytestmark = pytest.mark.browser
NAVIGATION = ("Poišči učno uro", "Find a lesson", "Preskoči na vsebino", "Skip to content", "Hiter izhod",
              "Quick exit")


def pdf_of(page: object, url: str) -> PdfReader:
    page.goto(url)  # type: ignore[attr-defined]
    return PdfReader(io.BytesIO(page.pdf(format="A4")))  # type: ignore[attr-defined]


def text_of(pdf: PdfReader) -> str:
    return "\n".join(p.extract_text() for p in pdf.pages)


def lesson_dirs(site: Path, lang: str) -> list[Path]:
    return sorted(p.parent for p in (site / lang).glob("*/*/index.html")
                  if (p.parent / "handout").is_dir())


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_handouts_home_sheets_and_cards_print_alone_on_one_a4_page(real_site: Path, page: object, lang: str) -> None:
    lessons = lesson_dirs(real_site, lang)
    assert len(lessons) >= 13
    for lesson in lessons:
        for view in ("handout", "at-home", "bilingual", "cards"):
            if view == "cards" and not (lesson / view).is_dir():
                continue  # only lessons that hand out cards have them
            pdf = pdf_of(page, (lesson / view / "index.html").as_uri())
            where = f"{lesson.relative_to(real_site)}/{view}"
            assert len(pdf.pages) == 1, f"{where} prints on {len(pdf.pages)} pages"
            assert not any(word in text_of(pdf) for word in NAVIGATION), f"{where} prints navigation"


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_lesson_prints_as_a_plan_without_navigation(real_site: Path, page: object, lang: str) -> None:
    lesson = lesson_dirs(real_site, lang)[0]
    pdf = pdf_of(page, (lesson / "index.html").as_uri())
    text = text_of(pdf)
    assert 2 <= len(pdf.pages) <= 7, "the plan links its sheets rather than printing them again"
    assert not any(word in text for word in NAVIGATION)
    assert ("Ključno sporočilo" if lang == "sl" else "Key message") in text
    assert "113" in text, "the help contacts print with the plan"


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_year_plans_and_the_staff_brief_print_on_one_a4_page_with_the_help_contacts(real_site: Path, page: object,
                                                                                   lang: str) -> None:
    pages = sorted({*real_site.glob(f"{lang}/*-nacrt-*/index.html"), *real_site.glob(f"{lang}/year-plan-*/index.html"),
                    *real_site.glob(f"{lang}/navodilo-za-zaposlene/index.html"),
                    *real_site.glob(f"{lang}/staff-brief/index.html")})
    assert len(pages) == 6
    for path in pages:
        pdf = pdf_of(page, path.as_uri())
        assert len(pdf.pages) == 1 and "113" in text_of(pdf), f"{path.relative_to(real_site)}"


def test_a_sheet_has_a_print_button_that_does_not_print(real_site: Path, page: object) -> None:
    sheet = real_site / "en" / "ages-12-15" / "fake-nudes" / "at-home" / "index.html"
    page.goto(sheet.as_uri())  # type: ignore[attr-defined]
    button = page.locator("button[data-print]")  # type: ignore[attr-defined]
    assert button.is_visible() and button.inner_text() == "Print"
    assert "Print\n" not in text_of(pdf_of(page, sheet.as_uri())), "the button does not print"


def test_the_bilingual_sheet_is_one_column_on_a_phone_and_two_on_paper(real_site: Path, browser: object) -> None:
    sheet = (real_site / "sl" / "6-9-let" / "skrivnosti-ki-jih-povemo" / "bilingual" / "index.html").as_uri()
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(sheet)
    columns = "getComputedStyle(document.querySelector('.bilingual')).gridTemplateColumns.split(' ').length"
    assert page.evaluate(columns) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.emulate_media(media="print")
    assert page.evaluate(columns) == 2
    context.close()


def test_a_bands_handouts_print_in_one_go_each_on_its_own_page(real_site: Path, page: object) -> None:
    pdf = pdf_of(page, (real_site / "en" / "ages-9-12" / "handouts" / "index.html").as_uri())
    assert len(pdf.pages) == 5 and not any(word in text_of(pdf) for word in NAVIGATION)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_every_slide_fits_the_screen_in_type_read_from_the_back(real_site: Path, browser: object, width: int,
                                                                height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    page = context.new_page()
    smallest = []
    for projector in sorted(real_site.glob("*/*/*/projector/index.html")):
        page.goto(projector.as_uri())
        assert page.evaluate("location.hash") == "", "the first load writes no #slide-1"
        for _ in range(page.locator(".slide").count()):
            size, overflows, scrolls = page.evaluate("""() => {
                const s = [...document.querySelectorAll('.slide')].find(e => !e.hidden);
                return [parseFloat(getComputedStyle(s).fontSize), s.scrollHeight > s.clientHeight + 1,
                        document.documentElement.scrollHeight > innerHeight + 1]; }""")
            assert not overflows and not scrolls, f"{projector}: a slide does not fit {width}×{height}"
            smallest.append(size)
            page.keyboard.press("PageDown")  # what a clicker sends
    assert min(smallest) >= 24, f"the smallest slide type is {min(smallest)} px"
    context.close()


def test_projector_has_buttons_a_pausable_timer_and_moves_focus(real_site: Path, page: object) -> None:
    lesson = lesson_dirs(real_site, "en")[0]
    page.goto((lesson / "projector" / "index.html").as_uri())  # type: ignore[attr-defined]
    timer = page.locator(".slide:visible [role=timer]")  # type: ignore[attr-defined]
    assert timer.get_attribute("aria-label") == "Time left"
    page.keyboard.press("p")  # type: ignore[attr-defined]
    paused = timer.inner_text()
    page.wait_for_timeout(1300)  # type: ignore[attr-defined]
    assert timer.inner_text() == paused, "P pauses the countdown"
    assert page.locator("[data-pause]").get_attribute("aria-pressed") == "true"  # type: ignore[attr-defined]
    page.locator("[data-move='1']").click()  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.id") == "slide-2-title"  # type: ignore[attr-defined]
    assert page.evaluate("location.hash") == "#slide-2"  # type: ignore[attr-defined]
    page.locator("[data-move='-1']").click()  # type: ignore[attr-defined]
    page.evaluate("""() => { const s = [...document.querySelectorAll('.slide')].find(e => !e.hidden);
                             s.setAttribute('data-seconds', '1'); }""")  # type: ignore[attr-defined]
    page.keyboard.press("r")  # type: ignore[attr-defined]
    page.locator(".slide:visible .timer-done").wait_for(timeout=4000)  # type: ignore[attr-defined]
    assert page.locator(".slide:visible .timer-done").inner_text() == "Time is up"  # type: ignore[attr-defined]


def test_a_discussion_shares_its_minutes_evenly_between_its_questions(real_site: Path) -> None:
    html = (real_site / "en" / "ages-12-15" / "sextortion" / "projector" / "index.html").read_text(encoding="utf-8")
    seconds = re.findall(r'data-seconds="(\d+)" data-step="\d+">\s*<h2[^>]*>'
                         r"Discussion questions", html)
    assert seconds == ["75"] * 4, seconds  # five minutes, four questions


def test_bilingual_sheet_has_both_languages(real_site: Path, page: object) -> None:
    lesson = lesson_dirs(real_site, "sl")[0]
    page.goto((lesson / "bilingual" / "index.html").as_uri())  # type: ignore[attr-defined]
    assert page.locator(".bilingual article[lang=sl]").count() == 1  # type: ignore[attr-defined]
    assert page.locator(".bilingual article[lang=en]").count() == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_projector_moves_with_keys_and_times_each_step(real_site: Path, page: object, lang: str) -> None:
    lesson = lesson_dirs(real_site, lang)[0]
    page.goto((lesson / "index.html").as_uri())  # type: ignore[attr-defined]
    page.locator(".lesson-tools a[href^=projector]").click()  # type: ignore[attr-defined]
    slides = page.locator(".slide")  # type: ignore[attr-defined]
    count = slides.count()
    assert count >= 5

    def visible() -> int:
        return next(i for i in range(count) if slides.nth(i).is_visible())

    assert visible() == 0
    assert page.locator(".slide:visible .timer").inner_text() in ("5:00", "4:59", "4:58")  # type: ignore
    for key, expected in (("ArrowRight", 1), ("Space", 2), ("PageDown", 3), ("ArrowLeft", 2), ("PageUp", 1),
                          ("End", count - 1), ("Home", 0)):
        page.keyboard.press(key)  # type: ignore[attr-defined]
        assert visible() == expected, key
    page.keyboard.press("End")  # type: ignore[attr-defined]
    font = page.locator(".slide-key .key").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")  # type: ignore
    assert font >= 40, "the key message is legible from the back of a classroom"


@pytest.mark.parametrize(("lang", "query", "expected"), [
    ("sl", "skrivnost", "skrivnosti"), ("sl", "zaupas", "zaupa"), ("sl", "ZAUPAŠ", "zaupa"),
    ("en", "secret", "secret"), ("en", "trusted", "trust"),
])
def test_search_works_offline_with_and_without_diacritics(real_site: Path, page: object, lang: str, query: str,
                                                          expected: str) -> None:
    page.goto((real_site / lang / "index.html").as_uri())  # type: ignore[attr-defined]
    page.fill("#search-q", query)  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
    results = page.locator(".search-results li")  # type: ignore[attr-defined]
    results.first.wait_for()
    texts = results.all_inner_texts()
    assert len(texts) >= 1 and all(expected in t.lower() for t in texts[:1]), texts[:3]
    lesson = next(t for t in texts if "min" in t)  # lessons show band and duration
    assert "·" in lesson


def test_search_says_how_many_marks_matches_and_reaches_every_result(real_site: Path, page: object) -> None:
    page.goto((real_site / "sl" / "iskanje" / "index.html").as_uri() + "?q=zaupa")  # type: ignore[attr-defined]
    status = page.locator(".search-status[role=status]")  # type: ignore[attr-defined]
    status.filter(has_text="zadet").wait_for()
    count = int(status.inner_text().split()[0])
    items = page.locator(".search-results > li")  # type: ignore[attr-defined]
    assert count > 20 and items.count() == 20, "20 at a time, and the count says how many there are"
    assert page.locator(".search-results[aria-live]").count() == 0  # type: ignore[attr-defined]
    first = items.first.inner_text().lower()
    assert "učna ura" in first and "zaupa" in first, "a lesson that shows the word comes first"
    assert page.locator(".search-results li:first-child mark").count() >= 1  # type: ignore[attr-defined]
    more = page.locator(".search-more")  # type: ignore[attr-defined]
    while more.is_visible():
        more.click()
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    assert items.count() == count, "every result is reachable"
    page.fill("#search-q", "zzqx")  # type: ignore[attr-defined]
    page.locator(".search-status", has_text="Ni zadetkov").wait_for()  # type: ignore[attr-defined]


def test_filters_combine_with_javascript_and_never_lead_to_nothing(real_site: Path, page: object) -> None:
    page.goto((real_site / "en" / "lessons" / "index.html").as_uri())  # type: ignore[attr-defined]
    status = page.locator(".combine-status")  # type: ignore[attr-defined]
    everything = int(status.inner_text().split()[0])
    page.select_option("#combine-band", "9-12")  # type: ignore[attr-defined]
    in_band = int(status.inner_text().split()[0])
    topic = page.evaluate("[...document.querySelectorAll('#combine-topic option')]"  # type: ignore[attr-defined]
                          ".find(o => o.value && !o.disabled).value")
    page.select_option("#combine-topic", topic)  # type: ignore[attr-defined]
    both = int(status.inner_text().split()[0])
    shown = page.locator(".combine-results > li:visible")  # type: ignore[attr-defined]
    assert everything > in_band >= both >= 1 and shown.count() == both
    assert all("School years 4–6" in text for text in shown.all_inner_texts()[:both])
    assert page.locator("#combine-topic option:disabled").count() >= 1, "a topic with no 9–12 lesson is not offered"


def test_lesson_topics_link_to_their_filter_and_the_language_switch_keeps_the_part(real_site: Path,
                                                                                   page: object) -> None:
    lesson = real_site / "en" / "ages-9-12" / "not-who-they-say" / "index.html"
    page.goto(lesson.as_uri() + "#activity")  # type: ignore[attr-defined]
    page.locator(".languages a").click()  # type: ignore[attr-defined]
    assert page.url.endswith("/sl/9-12-let/ni-vsak-za-kogar-se-izdaja/index.html#activity")  # type: ignore
    page.locator(".facts a.tag").first.click()  # type: ignore[attr-defined]
    assert "/ucne-ure/topic-" in page.url and page.locator(".lesson-list li").count() >= 1  # type: ignore


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_home_says_where_to_start_and_guides_open_with_their_contents(real_site: Path, page: object,
                                                                       lang: str) -> None:
    page.goto((real_site / lang / "index.html").as_uri())  # type: ignore[attr-defined]
    start = page.locator(".start")  # type: ignore[attr-defined]
    assert start.locator("a").count() >= 8, "the teachers' guide, the letter, every parents' guide, help"
    start.locator("a").first.click()
    contents = page.locator("nav.contents a")  # type: ignore[attr-defined]
    assert contents.count() >= 5
    contents.first.click()
    assert page.url.endswith("#disclosure-title")  # type: ignore[attr-defined]
    assert page.evaluate("document.getElementById('disclosure-title').getBoundingClientRect().top") < 200  # type: ignore


def test_filters_work_without_javascript(real_site: Path, browser: object) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto((real_site / "en" / "index.html").as_uri())
    page.locator(".main-nav a", has_text="Find a lesson").click()
    page.locator(".filters a", has_text="up to 30 minutes").click()
    durations = page.locator(".lesson-list .meta").all_inner_texts()
    assert durations and all("Preschool" in d for d in durations), durations
    page.locator(".filters a", has_text="Secrets").click()
    assert page.locator(".lesson-list h3").count() >= 3
    page.locator(".filters a", has_text="For parents").click()
    assert page.locator(".lesson-list h3").count() == 5
    context.close()


@pytest.mark.parametrize("trigger", ["button", "shift"])
def test_quick_exit_leaves_no_history_entry(real_site: Path, page: object, trigger: str) -> None:
    page.route("https://www.arso.gov.si/**",  # type: ignore[attr-defined]
               lambda route: route.fulfill(body="<title>Vreme</title>", content_type="text/html"))
    page.goto((real_site / "sl" / "index.html").as_uri())  # type: ignore[attr-defined]
    page.locator(".band-card a").first.click()  # type: ignore[attr-defined]
    band_url = page.url  # type: ignore[attr-defined]
    before = page.evaluate("history.length")  # type: ignore[attr-defined]
    page.mouse.wheel(0, 3000)  # type: ignore[attr-defined]
    assert page.locator(".quick-exit").is_visible()  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        if trigger == "button":
            page.locator(".quick-exit").click()  # type: ignore[attr-defined]
        else:
            for _ in range(3):
                page.keyboard.press("Shift")  # type: ignore[attr-defined]
    assert page.url == "https://www.arso.gov.si/"  # type: ignore[attr-defined]
    assert page.evaluate("history.length") == before  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    assert page.url != band_url  # type: ignore[attr-defined]


def test_quick_exit_ignores_shift_used_while_typing_and_says_how_many_presses_are_left(real_site: Path,
                                                                                      page: object) -> None:
    """GOV.UK's rule: only a Shift pressed on its own counts; a capital letter or Shift+Space does not."""
    page.goto((real_site / "sl" / "index.html").as_uri())  # type: ignore[attr-defined]
    search = page.locator(".search-box input")  # type: ignore[attr-defined]
    search.click()
    search.type("Zala Jaka Ela")  # four capitals, each with Shift held
    page.keyboard.press("Shift+Space")  # type: ignore[attr-defined]
    page.keyboard.press("Shift+Space")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert page.url.endswith("/sl/index.html")  # type: ignore[attr-defined]
    page.keyboard.press("Shift")  # type: ignore[attr-defined]
    status = page.locator("[data-quick-exit-status]")  # type: ignore[attr-defined]
    assert status.text_content() == "Shift: za izhod pritisnite še dvakrat."
    assert page.locator(".quick-exit-dots span.on").count() == 1  # type: ignore[attr-defined]
    page.keyboard.press("a")  # type: ignore[attr-defined]  # any other key starts again
    assert page.locator(".quick-exit-dots span.on").count() == 0  # type: ignore[attr-defined]
    page.keyboard.press("Shift")  # type: ignore[attr-defined]
    page.keyboard.press("Shift")  # type: ignore[attr-defined]
    assert status.text_content() == "Shift: za izhod pritisnite še enkrat."
    assert page.url.endswith("/sl/index.html")  # type: ignore[attr-defined]


PHONE_PAGES = ["index.html", "4-6-let/index.html", "6-9-let/varni-in-nevarni-dotiki/index.html", "slovar/index.html",
               "pomoc/index.html", "vodnik-za-starse-6-9-let/index.html", "../en/ages-12-15/index.html",
               "../en/glossary/index.html", "../en/help/index.html", "../en/ages-15-18/images-and-consent/index.html"]


@pytest.mark.parametrize("width", [320, 390])
def test_nothing_scrolls_sideways_on_a_phone_and_the_menu_opens_without_javascript(real_site: Path, browser: object,
                                                                                   width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    for name in PHONE_PAGES:
        page.goto((real_site / "sl" / name).resolve().as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        header = page.locator(".site-header").bounding_box()
        # Two short rows at most (three at 320 px, where a long language name needs its own), not a screenful
        assert header is not None and header["height"] < 150, f"{name}: the header fills the screen"
        assert not page.locator(".main-nav a").first.is_visible()
        page.locator(".menu > summary").click()
        assert page.locator(".main-nav a").first.is_visible() and page.locator(".search-box input").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: the open menu is too wide"
    context.close()


def test_the_download_unzips_to_a_folder_of_its_own_that_opens_and_links_correctly(real_site: Path, tmp_path: Path,
                                                                                page: object) -> None:
    """One ZIP, the whole site, named after the date of its newest content: two versions never collide."""
    names = [p.name for p in (real_site / "downloads").iterdir()]
    assert len(names) == 1 and re.fullmatch(r"povej-\d{4}-\d{2}-\d{2}\.zip", names[0]), names
    folder = names[0].removesuffix(".zip")
    home = (real_site / "en" / "index.html").read_text(encoding="utf-8")
    assert f'href="../downloads/{folder}.zip"' in home and folder in home
    with zipfile.ZipFile(real_site / "downloads" / names[0]) as archive:
        assert {name.split("/")[0] for name in archive.namelist()} == {folder}
        archive.extractall(tmp_path)
    site = tmp_path / folder
    assert links.check_site(site) == []
    assert "downloads" not in (site / "en" / "index.html").read_text(encoding="utf-8")
    page.goto((site / "index.html").as_uri())  # type: ignore[attr-defined]
    page.locator(".choose-language a").first.click()  # type: ignore[attr-defined]
    page.locator(".band-card a").last.click()  # type: ignore[attr-defined]
    assert page.locator(".lesson-list > li").count() >= 1  # type: ignore[attr-defined]


def test_each_lesson_offers_its_markdown_source(real_site: Path) -> None:
    for lesson in lesson_dirs(real_site, "en"):
        sources = list(lesson.glob("*-en.md"))
        assert len(sources) == 1 and sources[0].read_text(encoding="utf-8").startswith("---\n")
