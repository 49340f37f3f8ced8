"""The page-weight budget, on the real site as built: a lesson page with everything it loads (HTML, stylesheets,
scripts, icons, fonts, images) stays under 30 KB uncompressed, on a school network or a phone on a slow line.

Also: no web font heavier than the page's own HTML, every <img> with its width and height, and images only as
small SVG or as compressed raster (PNG, JPEG, WebP) that fits the budget.

The checker is a plain HTML/CSS walk over the files on disk, resolved the way a browser resolves them from
file://; it runs once over a page broken on purpose (test_the_checker_catches_…), so a checker that stops
finding things fails.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

BUDGET = 30 * 1024  # bytes, uncompressed, the page and everything it loads
SVG_LIMIT = 10 * 1024
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}
RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
LOADING_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "manifest", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]+)\1""")
FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.S)


class _Loads(HTMLParser):
    """What an HTML page asks the browser to load, plus its <img> tags (for width and height)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body_class = ""
        self.urls: list[tuple[str, str]] = []  # (what, url)
        self.images: list[dict[str, str | None]] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "body":
            self.body_class = a.get("class") or ""
        elif tag == "link" and a.get("href") and LOADING_RELS & set((a.get("rel") or "").lower().split()):
            self.urls.append((f"link rel={a.get('rel')}", a["href"] or ""))
        elif tag == "script" and a.get("src"):
            self.urls.append(("script", a["src"] or ""))
        elif tag in ("img", "source", "input", "video", "audio", "iframe", "embed", "object"):
            if tag == "img":
                self.images.append(a)
            for name in ("src", "data", "poster"):
                if a.get(name) and not (tag == "input" and a.get("type") != "image"):
                    self.urls.append((tag, a[name] or ""))
            for candidate in (a.get("srcset") or "").split(","):
                if candidate.strip():
                    self.urls.append((f"{tag} srcset", candidate.split()[0]))
        elif tag == "style":
            self._in_style = True
        if a.get("style"):
            self.inline_css.append(a["style"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_css.append(data)


@dataclass
class Weight:
    page: Path
    html: int
    files: dict[Path, int] = field(default_factory=dict)  # every file the page loads, once, with its size
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.html + sum(self.files.values())

    def breakdown(self, root: Path) -> str:
        parts = [f"html {self.html}"] + [f"{_name(p, root)} {n}" for p, n in sorted(self.files.items())]
        return ", ".join(parts)


def _name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _resolve(url: str, base: Path, what: str, weight: Weight) -> Path | None:
    url = url.strip()
    parts = urlsplit(url)
    if url.startswith("data:") or (not parts.path and parts.fragment):
        return None  # counted in the file that holds it, or a fragment of the same file
    if parts.scheme or url.startswith(("/", "//")):
        weight.problems.append(f"{what} {url!r} is not a relative link to a file of the site")
        return None
    target = (base.parent / unquote(parts.path)).resolve()
    if not target.is_file():
        weight.problems.append(f"{what} {url!r} points to a file that does not exist")
        return None
    return target


def _css(path: Path, text: str, weight: Weight) -> None:
    """Follow @import and url() in a stylesheet (or inline CSS, with path = the page)."""
    fonts = {m.group(2) for face in FONT_FACE.findall(text) for m in CSS_URL.finditer(face)}
    seen: list[tuple[str, str]] = [("css @import", m.group(2)) for m in CSS_IMPORT.finditer(text)]
    seen += [("css @font-face" if m.group(2) in fonts else "css url()", m.group(2)) for m in CSS_URL.finditer(text)]
    for what, url in seen:
        target = _resolve(url, path, f"{_name(path, path.parent)}: {what}", weight)
        if target is not None:
            _load(target, weight, font=what == "css @font-face")


def _load(target: Path, weight: Weight, font: bool = False) -> None:
    if target in weight.files:
        return
    weight.files[target] = target.stat().st_size
    suffix = target.suffix.lower()
    if suffix == ".css":
        _css(target, target.read_text(encoding="utf-8"), weight)
    elif (font or suffix in FONT_SUFFIXES) and weight.files[target] >= weight.html:
        weight.problems.append(f"the web font {target.name} ({weight.files[target]} bytes) is heavier than the "
                               f"page's HTML ({weight.html} bytes)")


def measure(page: Path) -> Weight:
    """The page's HTML plus every file it loads (each once), with what is wrong with them."""
    html = page.read_text(encoding="utf-8")
    weight = Weight(page, page.stat().st_size)
    parsed = _Loads()
    parsed.feed(html)
    for what, url in parsed.urls:
        target = _resolve(url, page, what, weight)
        if target is not None:
            _load(target, weight)
    for css in parsed.inline_css:
        _css(page, css, weight)
    for img in parsed.images:
        if not img.get("width") or not img.get("height"):
            weight.problems.append(f"<img src={img.get('src')!r}> needs both width and height")
    for target, size in weight.files.items():
        suffix = target.suffix.lower()
        if suffix == ".svg" and size >= SVG_LIMIT:
            weight.problems.append(f"the SVG {target.name} is {size} bytes; keep SVGs under {SVG_LIMIT}")
        elif suffix not in {".svg", ".css", ".js", *FONT_SUFFIXES, *RASTER_SUFFIXES}:
            weight.problems.append(f"{target.name}: pictures only as SVG or as PNG, JPEG or WebP")
    return weight


def _body_classes(page: Path) -> set[str]:
    parsed = _Loads()
    parsed.feed(page.read_text(encoding="utf-8"))
    return set(parsed.body_class.split())


def lesson_pages(site: Path) -> tuple[list[Path], list[Path]]:
    """(lesson pages, their other views: handout, home sheet, bilingual sheet, projector), both languages."""
    lessons, views = [], []
    for lang in ("sl", "en"):
        for page in sorted((site / lang).rglob("index.html")):
            classes = _body_classes(page)
            if "page-lesson" in classes:
                (views if any(c.startswith("page-view-") for c in classes) else lessons).append(page)
    return lessons, views


def report(weights: list[Weight], root: Path) -> str:
    lines = [f"{'page':<58} {'total':>7} {'html':>6}  loads"]
    for w in sorted(weights, key=lambda w: -w.total):
        mark = " OVER" if w.total >= BUDGET else ""
        lines.append(f"{_name(w.page, root):<58} {w.total:>7} {w.html:>6}  {w.breakdown(root)}{mark}")
    return "\n".join(lines)


def _check(pages: list[Path], root: Path, capsys: pytest.CaptureFixture[str] | None = None) -> None:
    weights = [measure(p) for p in pages]
    if capsys is not None:
        with capsys.disabled():
            print(f"\nLesson pages with everything they load (budget {BUDGET} bytes):\n{report(weights, root)}")
    over = [w for w in weights if w.total >= BUDGET]
    problems = [f"{_name(w.page, root)}: {p}" for w in weights for p in w.problems]
    if over or problems:
        pytest.fail(f"{len(over)} of {len(weights)} pages are over the budget of {BUDGET} bytes (HTML plus "
                    f"everything it loads, uncompressed), {len(problems)} other problems:\n"
                    f"{report(weights, root)}\n" + "\n".join(problems), pytrace=False)


def test_every_lesson_page_with_everything_it_loads_is_under_30_kb(real_site: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    lessons, _ = lesson_pages(real_site)
    assert len(lessons) >= 26, "expected every lesson in both languages"
    _check(lessons, real_site, capsys)


def test_every_handout_home_sheet_and_projector_view_is_under_30_kb(real_site: Path) -> None:
    _, views = lesson_pages(real_site)
    assert len(views) >= 4 * 26, "expected four views of every lesson in both languages"
    _check(views, real_site)


def test_the_checker_catches_a_heavy_font_an_unsized_image_and_a_heavy_page(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "big.woff2").write_bytes(b"\0" * 4000)
    (tmp_path / "pic.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'>" + " " * SVG_LIMIT + "</svg>")
    (tmp_path / "photo.png").write_bytes(b"\0" * BUDGET)
    (tmp_path / "anim.gif").write_bytes(b"GIF89a")
    (tmp_path / "base.css").write_text("p{color:#000}")
    (tmp_path / "style.css").write_text("@import 'base.css';\n@font-face{font-family:X;src:url(fonts/big.woff2)}"
                                        "body{background:url('photo.png')}")
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><html><head><link rel="stylesheet" href="style.css"></head>'
                    '<body class="page-lesson"><img src="pic.svg" alt="" width="10">'
                    '<img src="photo.png" alt="" width="10" height="10"><script src="missing.js"></script>'
                    '<img src="anim.gif" alt="" width="1" height="1">'
                    "</body></html>")
    weight = measure(page)
    assert {p.name for p in weight.files} == {"style.css", "base.css", "big.woff2", "pic.svg", "photo.png", "anim.gif"}
    assert weight.total == sum(f.stat().st_size for f in tmp_path.rglob("*") if f.is_file())
    assert weight.total >= BUDGET
    found = "\n".join(weight.problems)
    assert "web font big.woff2" in found
    assert "<img src='pic.svg'> needs both width and height" in found
    assert "the SVG pic.svg" in found
    assert "'missing.js' points to a file that does not exist" in found
    assert "anim.gif: pictures only as SVG or as PNG, JPEG or WebP" in found
    assert "photo.png" not in found  # a compressed raster picture is allowed; it counts towards the budget
