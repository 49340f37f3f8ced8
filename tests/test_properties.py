"""Property-based tests: random input never crashes the loader; it either loads or reports a problem."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from povej.addresses import Addresses, relative, resolve_links
from povej.content import NAME, _suggest_name, load_catalog
from povej.markup import CONTENT_LINK, EXTERNAL, LINK_KINDS, PLACEHOLDER, Renderer
from povej.problems import ContentError, Problems
from povej.registry import PAGE_TYPES
from povej.schema import SLUG, _slug
from povej.source import read_source
from sitekit import make_site

# Derandomized: the same examples every run, so CI never fails on a draw that a local run did not see.
QUICK = settings(max_examples=200, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])
# Pieces of YAML and Markdown that people get wrong, so random input reaches the interesting paths.
TOKENS = ["---", "\n", " ", "  ", "\t", ":", ": ", "- ", "-\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
          "!!timestamp ", "? ", "|", ">", "#", "'", '"', "\\", "title", "slug", "2026-13-45", "2026-11-23", "113",
          "yes", "null", "~", "č", "\u0301", "\ufeff", "\r\n", "\r", "\x00", "<script>", "`", "](lesson:x)", "%"]
soup = st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=40).map("".join)
keys = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
# PyYAML itself does not round-trip control characters and Unicode line breaks (NEL, U+2028): leave them out here.
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30)
values = (texts | st.integers(-10**6, 10**6) | st.booleans() | st.dates(dt.date(1900, 1, 1))
          | st.lists(texts, max_size=3))


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def read(scratch: Path, data: bytes) -> tuple[object, list[str]]:
    path = scratch / "sl.md"
    path.write_bytes(data)
    problems = Problems(root=scratch)
    return read_source(path, problems), [str(p) for p in problems.items]


@QUICK
@given(text=st.text() | soup)
def test_any_text_loads_or_is_reported(scratch: Path, text: str) -> None:
    for data in (text, "---\n" + text + "\n---\nBody\n"):
        source, problems = read(scratch, data.encode("utf-8", "surrogatepass"))
        assert source is not None or problems
        assert all(p.startswith("sl.md") for p in problems)


@QUICK
@given(data=st.binary())
def test_any_bytes_load_or_are_reported(scratch: Path, data: bytes) -> None:
    source, problems = read(scratch, b"---\n" + data)
    assert source is not None or problems


@QUICK
@given(meta=st.dictionaries(keys, values, min_size=1, max_size=8))
def test_front_matter_round_trips_with_the_line_of_each_key(scratch: Path, meta: dict[str, object]) -> None:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\nBody\n"
    source, problems = read(scratch, text.encode("utf-8", "surrogatepass"))
    if source is None:  # text YAML cannot hold (a lone surrogate, a control character) is reported
        assert problems
        return
    assert source.meta == nfc(meta)  # type: ignore[attr-defined]
    lines = text.split("\n")
    for key in meta:
        assert lines[source.line_of(key) - 1].lstrip("'\"").startswith(key)  # type: ignore[attr-defined]


def nfc(value: object) -> object:
    """What the reader makes of a value: text in composed Unicode form (NFC), as every editor's 'č' becomes."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("small"))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(insert=soup, where=st.floats(0, 1))
def test_a_random_edit_never_crashes_the_whole_loader(small_site: Path, insert: str, where: float) -> None:
    page = small_site / "lessons" / "6-9" / "secrets-to-tell" / "en.md"
    original = page.read_bytes()
    at = int(len(original) * where)
    try:
        page.write_bytes(original[:at] + insert.encode("utf-8", "surrogatepass") + original[at:])
        try:
            load_catalog(small_site, small_site.parent)
        except ContentError as error:
            assert error.problems
            assert all(str(p).startswith("content/") for p in error.problems)
    finally:
        page.write_bytes(original)


@QUICK
@given(name=st.text(min_size=1))
def test_a_suggested_name_is_always_a_valid_name(name: str) -> None:
    assert NAME.match(_suggest_name(name))


@QUICK
@given(value=st.text() | st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True))
def test_slugs_are_exactly_lowercase_words_joined_by_single_hyphens(value: str) -> None:
    words = value.split("-")
    expected = all(w and all(c in "abcdefghijklmnopqrstuvwxyz0123456789" for c in w) for w in words)
    assert bool(SLUG.match(value)) == expected
    assert (_slug(value, ()) is None) == expected
    if "." not in value:  # a file name may also have an extension
        assert bool(NAME.match(value)) == expected


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(name, value or "") for name, value in attrs]


hrefs = (st.text(max_size=30)
         | st.builds("{}:{}{}".format, st.sampled_from([*LINK_KINDS, "javascript", "JavaScript", "data", "vbscript",
                                                        "file", "https", "mailto", "lesson "]),
                     st.text(max_size=15), st.sampled_from(["", "#part", "#", "#a b"])))


@QUICK
@given(href=hrefs, title=st.text(max_size=10))
def test_a_link_is_kept_rewritten_or_reported_never_passed_through(scratch: Path, href: str, title: str) -> None:
    path = scratch / "sl.md"
    path.write_text(f"---\ntitle: T\n---\n[a]({href}) [b][r] <{href}>\n\n[r]: {href} \"{title}\"\n",
                    encoding="utf-8", errors="surrogatepass")
    problems = Problems(root=scratch)
    source = read_source(path, problems)
    if source is None:
        return
    rendered = Renderer().render(source, problems)
    parser = _Attributes()
    parser.feed(rendered.html)
    raw_html_reported = any("raw HTML is not allowed" in str(p) for p in problems.items)
    for name, value in parser.found:
        # A rejected Markdown link becomes href="#"; only raw HTML reaches the page as written, and stops the build.
        content_link = value.startswith(PLACEHOLDER) and CONTENT_LINK.match(value.removeprefix(PLACEHOLDER))
        if name.startswith("on") or name in ("href", "src", "style"):
            safe = name == "href" and (value.startswith(("#", *EXTERNAL)) or bool(content_link))
            assert safe or raw_html_reported, (name, value)


@pytest.fixture(scope="module")
def addresses(small_site: Path) -> Addresses:
    return Addresses(load_catalog(small_site, small_site.parent), PAGE_TYPES)


def _targets(addresses: Addresses) -> list[tuple[str, str]]:
    catalog = addresses.catalog
    return [*[(kind, key) for (kind, key) in catalog.items if kind != "partial"],
            *[("band", band.id) for band in catalog.config.bands]]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.data())
def test_a_rewritten_link_leads_from_any_page_to_its_target(addresses: Addresses, data: st.DataObject) -> None:
    lang = data.draw(st.sampled_from(addresses.catalog.config.codes))
    kind, key = data.draw(st.sampled_from(_targets(addresses)))
    fragment = data.draw(st.sampled_from(["", "#police", "#sources"]))
    current = data.draw(st.sampled_from(sorted({addresses.path(k, v, code).partition("#")[0]
                                                for k, v in _targets(addresses)
                                                for code in addresses.catalog.config.codes})))
    html = f'<a href="{PLACEHOLDER}{kind}:{key}{fragment}">x</a>'
    written = re.search(r'href="([^"]*)"', resolve_links(html, addresses, "page", "help", lang, current))
    assert written is not None
    link, _, _ = written.group(1).partition("#")
    target, _, _ = addresses.path(kind, key, lang).partition("#")
    assert posixpath.normpath(posixpath.join(current, link)) == posixpath.normpath(target + "index.html")
    assert relative(target, current) == link
