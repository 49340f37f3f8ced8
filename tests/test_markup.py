from __future__ import annotations

import textwrap
from pathlib import Path

from povej.markup import Renderer
from povej.problems import Problems
from povej.source import read_source


def render(tmp_path: Path, body: str) -> tuple[object, list[str]]:
    path = tmp_path / "sl.md"
    path.write_text("---\ntitle: T\n---\n" + textwrap.dedent(body), encoding="utf-8")
    problems = Problems(root=tmp_path)
    source = read_source(path, problems)
    assert source is not None
    return Renderer().render(source, problems), [str(p) for p in problems.items]


def test_content_links_become_placeholders(tmp_path: Path) -> None:
    rendered, problems = render(tmp_path, "[a](lesson:my-body-is-mine#step) [b](term:grooming) [c](#x)\n")
    assert problems == []
    assert 'href="povej-link:lesson:my-body-is-mine#step"' in rendered.html  # type: ignore[attr-defined]
    assert [(k.kind, k.key, k.fragment, k.line) for k in rendered.links] == [  # type: ignore[attr-defined]
        ("lesson", "my-body-is-mine", "step", 4), ("term", "grooming", "", 4)]


def test_rejects_raw_html_and_script_links(tmp_path: Path) -> None:
    _, problems = render(tmp_path, """\
        Text

        <script>alert(1)</script>

        [x](javascript:alert(1)) and <span onclick="x()">y</span>
        """)
    assert problems[0].startswith("sl.md:8: the link target 'javascript:alert(1)' is not allowed")
    assert any(p.startswith("sl.md:6: raw HTML is not allowed, got '<script>") for p in problems)
    assert any("raw HTML is not allowed, got '<span onclick" in p for p in problems)


def test_pictures_need_alt_text_and_a_local_file(tmp_path: Path) -> None:
    (tmp_path / "hand.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    _rendered, problems = render(tmp_path, "![](hand.svg)\n\n![A hand](https://example.org/x.png)\n")
    assert problems[0] == ("sl.md:4: the picture 'hand.svg' has no text alternative. "
                           "Describe it in the brackets: ![what the picture shows](name.svg).")
    assert "External pictures are not allowed" in problems[1]


def test_sections_are_wrapped_and_timed(tmp_path: Path) -> None:
    rendered, _ = render(tmp_path, "## Warm-up (5 min) {#warm-up}\n\nPlay.\n\n## At home {#at-home}\n\nTell.\n")
    assert '<section class="part part-warm-up">' in rendered.html  # type: ignore[attr-defined]
    assert rendered.headings[0].minutes == 5  # type: ignore[attr-defined]
    assert rendered.section_text["at-home"] == "At home Tell."  # type: ignore[attr-defined]


def test_html_in_code_spans_and_entities_are_text(tmp_path: Path) -> None:
    rendered, problems = render(tmp_path, "Never write `<script>` or `<iframe>` here &amp; &nbsp; there.\n")
    assert problems == []
    assert "<code>&lt;script&gt;</code>" in rendered.html  # type: ignore[attr-defined]


def test_raw_html_is_reported_once_on_its_own_line(tmp_path: Path) -> None:
    _, problems = render(tmp_path, """\
        In code: `<b>`.

        Raw: <b>bold</b>, and <iframe src="https://example.org/"></iframe>
        """)
    assert problems == [
        "sl.md:6: raw HTML is not allowed, got '<b>'. Use Markdown instead (links as [text](lesson:key), emphasis "
        "with *stars*); to show the characters themselves, put them in `backticks`.",
        "sl.md:6: raw HTML is not allowed, got '<iframe src=\"https://example.org/\">'. Delete it: scripts, frames, "
        "forms and embedded objects never belong in a page."]


def test_attributes_set_in_braces_are_refused_except_ids(tmp_path: Path) -> None:
    _, problems = render(tmp_path, """\
        ## Warm-up {#warm-up}

        Play.
        {: onclick="steal()" }

        ## At home {#at home}
        """)
    assert problems == [
        "sl.md:7: the attribute 'onclick' is not allowed, got 'onclick=\"steal()\"' (set with '{: … }'). Remove "
        "it: the only thing to set this way is the id of a part, '{#part-id}', or a note for the teacher, "
        "'{: .teacher}' under a paragraph or '*(answer)*{: .teacher}' inside one.",
        "sl.md:9: the braces hold the stray word 'home': a part id has no spaces. Join the words with a hyphen, "
        "e.g. '{#at-home}'."]


def test_notes_for_the_teacher_are_a_class_on_a_paragraph_or_a_span_only(tmp_path: Path) -> None:
    rendered, problems = render(tmp_path, """\
        ## Warm-up {#warm-up}

        Say: every answer is welcome.
        {: .teacher}

        1. »Everyone does it.« *(pressure)*{: .teacher}

        ### A step {: .teacher}
        """)
    assert '<p class="teacher">Say: every answer is welcome.</p>' in rendered.html
    assert '<em class="teacher">(pressure)</em>' in rendered.html
    assert problems == [
        "sl.md:11: the attribute 'class' is not allowed, got 'class=\"teacher\"' (set with '{: … }'). Remove it: "
        "the only thing to set this way is the id of a part, '{#part-id}', or a note for the teacher, "
        "'{: .teacher}' under a paragraph or '*(answer)*{: .teacher}' inside one."]


def test_markdown_of_its_own_is_allowed(tmp_path: Path) -> None:
    rendered, problems = render(tmp_path, """\
        Write to <info@example.org>.

        | a | b |
        |:--|--:|
        | 1 | 2 |

        3. three
        4. four
        """)
    assert problems == []
    assert '<ol start="3">' in rendered.html  # type: ignore[attr-defined]


def test_table_columns_aligned_with_colons_get_a_class_not_an_inline_style(tmp_path: Path) -> None:
    rendered, problems = render(tmp_path, """\
        | key | number |
        |:---|:---:|
        | a | 1 |
        """)
    assert problems == []
    assert 'class="align-center"' in rendered.html and 'class="align-left"' in rendered.html
    assert "style=" not in rendered.html
