# ruff: noqa: E501  (the Hugo templates below are kept one element per line)
"""Hugo and MkDocs on the same synthetic corpus and machine, for the README's comparison (measured, not quoted).

    .venv/bin/python bench/compare.py [--lessons 1000] [--runs 3] [--no-preview]
    .venv/bin/python bench/run.py --compare          # Povej, Hugo and MkDocs in one table

Converts the corpus of bench/make_corpus.py into a minimal Hugo site and a minimal MkDocs site under /tmp and
times their builds in fresh processes, measured exactly as bench/run.py measures Povej: a cold build (empty
output), a rebuild with nothing changed, a rebuild after editing one lesson, the peak RSS, and (unless
--no-preview) the preview server's edit-to-reload latency (`hugo server`, `mkdocs serve`).

What the minimal sites do, so the comparison is fair about what is and is not done:
- both: every lesson, guide, page and a glossary page, in sl and en; the lesson's front-matter facts and key
  message, the Markdown body with its tables, lists and heading ids, and the disclosure card on every lesson;
  a header with the five bands and a footer; links between pages are checked and made relative.
- Hugo: multilingual site (content/sl, content/en), links by `{{< relref >}}`, band list pages from sections,
  taxonomies/RSS/sitemap off. Hugo renders in parallel on all cores.
- MkDocs: one site with sl/ and en/ folders, links as relative .md paths (MkDocs checks them), the built-in
  `mkdocs` theme, no search plugin, a short nav (homes, bands, glossaries) so that every page does not carry a
  2,000-entry menu. No-change and one-edit rebuilds use `mkdocs build --dirty`, MkDocs' incremental mode.
- neither renders Povej's extra per-lesson views (handout, at-home, bilingual, projector), the search index, the
  ZIP downloads or translation-status checks; compare time per source file as well as per page.

Hugo comes from Debian (`apt-get install hugo`); MkDocs is installed with pip into its own venv,
/tmp/mkdocs-venv (never into .venv). If either cannot be installed the table says so instead of a number.
"""
from __future__ import annotations

import argparse
import json
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    OUT,
    REPO,
    check,
    code_state,
    free_port,
    insert_marker,
    log_step,
    machine,
    page_sizes,
    preview_latency,
    run_timed,
    table,
    write_json,
)

MKDOCS_VENV = Path("/tmp/mkdocs-venv")
LINK = re.compile(r"\]\((lesson|guide|page|term|band):([a-z0-9-]+)(?:#([A-Za-z0-9_-]+))?\)")
LANGS = ("sl", "en")


# --------------------------------------------------------------------------------------------- availability

def ensure_hugo() -> tuple[str | None, str]:
    """The hugo binary and its version, installing Debian's package if needed; (None, why) if impossible."""
    hugo = shutil.which("hugo")
    if hugo is None:
        log_step("Installing Debian's hugo (apt-get install hugo)")
        policy = subprocess.run(["apt-cache", "policy", "hugo"], capture_output=True, text=True).stdout
        if "Candidate: (none)" in policy or "Candidate" not in policy:
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
        done = subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], capture_output=True, text=True)
        hugo = shutil.which("hugo")
        if hugo is None:
            return None, f"Hugo could not be installed (apt-get install hugo: {done.stderr.strip()[-200:]})"
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    return hugo, version


def ensure_mkdocs() -> tuple[Path | None, str]:
    """mkdocs in its own venv under /tmp (never the project's .venv); (None, why) if it cannot be installed."""
    mkdocs = MKDOCS_VENV / "bin" / "mkdocs"
    if not mkdocs.exists():
        log_step(f"Installing MkDocs into {MKDOCS_VENV} (pip install mkdocs)")
        made = subprocess.run([sys.executable, "-m", "venv", "--clear", str(MKDOCS_VENV)], capture_output=True,
                              text=True)
        if made.returncode == 0:
            made = subprocess.run([MKDOCS_VENV / "bin" / "pip", "install", "-q", "mkdocs"], capture_output=True,
                                  text=True)
        if not mkdocs.exists():
            return None, f"MkDocs could not be installed (pip install mkdocs: {made.stderr.strip()[-200:]})"
    version = subprocess.run([mkdocs, "--version"], capture_output=True, text=True).stdout.strip()
    return mkdocs, version


# --------------------------------------------------------------------------------------------- the corpus

def read(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    meta.pop("source_hash", None)
    return meta, body


class Corpus:
    """The synthetic content, read once: items by (kind, key) with their band and per-language files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = yaml.safe_load((root / "site.yml").read_text(encoding="utf-8"))
        self.lessons = {p.name: p.parent.name for p in sorted(root.glob("lessons/*/*")) if p.is_dir()}
        self.guides = sorted(p.name for p in (root / "guides").iterdir())
        self.pages = sorted(p.name for p in (root / "pages").iterdir())
        self.terms = sorted(p.name for p in (root / "glossary").iterdir())

    def band_title(self, band: str, lang: str) -> str:
        return next(b[lang]["title"] for b in self.site["bands"] if str(b["id"]) == band)

    def files(self) -> list[tuple[str, str, str, Path]]:
        """(kind, key, band, folder) of every lesson, guide and page."""
        found = [("lesson", key, band, self.root / "lessons" / band / key) for key, band in self.lessons.items()]
        found += [("guide", key, "", self.root / "guides" / key) for key in self.guides]
        found += [("page", key, "", self.root / "pages" / key) for key in self.pages]
        return found


def _front(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


# --------------------------------------------------------------------------------------------- Hugo

HUGO_CONFIG = """\
baseURL = "/"
title = "Povej!"
defaultContentLanguage = "sl"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
relativeURLs = true
enableGitInfo = false
[languages.sl]
contentDir = "content/sl"
languageName = "Slovenščina"
weight = 1
[languages.en]
contentDir = "content/en"
languageName = "English"
weight = 2
[markup.goldmark.parser.attribute]
title = true
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · Povej!</title>
<meta name="description" content="{{ .Params.summary }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .RelPermalink }}">
{{ end }}<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<a class="skip" href="#main">Skip</a>
<header class="site-header">
  <a class="brand" href="{{ .Site.Home.RelPermalink }}">Povej!</a>
  <nav class="languages"><ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
  <nav class="main-nav"><ul>
  {{ with .Site.GetPage "/lessons" }}{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
  {{ with .Site.GetPage "/glossary" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
  {{ with .Site.GetPage "/pages/help" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
  </ul></nav>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer">
  {{ with .Site.GetPage "/pages/about" }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} ·
  {{ with .Site.GetPage "/pages/privacy" }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</footer>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Params.summary }}</p>
{{ with .Params.duration }}<dl class="facts"><dt>Duration</dt><dd>{{ . }} min ({{ $.Params.short_version }} min)</dd>
<dt>Topics</dt><dd>{{ range $.Params.topics }}<span class="tag">{{ . }}</span>{{ end }}</dd>
<dt>Reviewed</dt><dd>{{ $.Params.reviewed }}</dd></dl>
<section class="key-message"><h2>Key message</h2><p>{{ $.Params.key_message }}</p></section>
<section><h2>Objectives</h2><ul>{{ range $.Params.objectives }}<li>{{ . }}</li>{{ end }}</ul></section>
<section><h2>Materials</h2><ul>{{ range $.Params.materials }}<li>{{ . }}</li>{{ end }}</ul></section>{{ end }}
<div class="lesson-body">{{ .Content }}</div>
{{ if eq .Section "lessons" }}{{ with .Site.GetPage "/partials/disclosure" }}<aside class="disclosure"><h2>{{ .Title }}</h2>{{ .Content }}</aside>{{ end }}{{ end }}
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="lesson-list">
{{ range .Pages }}<li><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p>{{ .Params.summary }}</p>
<p class="meta">{{ .Params.duration }} min</p></li>
{{ end }}
</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>Povej!</h1>
<ul class="cards">
{{ with .Site.GetPage "/lessons" }}{{ range .Sections }}<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p>{{ len .Pages }}</p></li>{{ end }}{{ end }}
</ul>
{{ end }}
""",
}


def make_hugo(corpus: Corpus, site: Path) -> dict[str, Path]:
    """Write the Hugo site; return the en content file of each lesson key (for edits)."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "static").mkdir(parents=True)
    (site / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    style = REPO / "site" / "povej" / "static" / "style.css"
    if style.exists():
        shutil.copy(style, site / "static" / "style.css")

    def target(kind: str, key: str) -> str:
        return {"lesson": lambda: f"/lessons/{corpus.lessons.get(key, '')}/{key}.md",
                "guide": lambda: f"/guides/{key}.md", "page": lambda: f"/pages/{key}.md",
                "band": lambda: f"/lessons/{key}/_index.md", "term": lambda: "/glossary.md"}[kind]()

    def links(body: str) -> str:
        def replace(m: re.Match[str]) -> str:
            kind, key, fragment = m.groups()
            fragment = key if kind == "term" else fragment
            return f']({{{{< relref "{target(kind, key)}{"#" + fragment if fragment else ""}" >}}}})'
        return LINK.sub(replace, body)

    lesson_files: dict[str, Path] = {}
    for lang in LANGS:
        root = site / "content" / lang
        home = {"title": "Povej!"}
        (root / "lessons").mkdir(parents=True)
        (root / "_index.md").write_text(_front(home), encoding="utf-8")
        (root / "lessons" / "_index.md").write_text(_front({"title": "Lessons"}), encoding="utf-8")
        for band in sorted(set(corpus.lessons.values())):
            (root / "lessons" / band).mkdir(parents=True, exist_ok=True)
            (root / "lessons" / band / "_index.md").write_text(
                _front({"title": corpus.band_title(band, lang), "weight": list(corpus.lessons.values()).index(band)}),
                encoding="utf-8")
        for kind, key, band, folder in corpus.files():
            meta, body = read(folder / f"{lang}.md")
            meta["translationKey"] = f"{kind}-{key}"
            path = root / {"lesson": f"lessons/{band}", "guide": "guides", "page": "pages"}[kind] / f"{key}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_front(meta) + links(body), encoding="utf-8")
            if kind == "lesson" and lang == "en":
                lesson_files[key] = path
        glossary = [_front({"title": "Slovar" if lang == "sl" else "Glossary", "translationKey": "glossary"})]
        for key in corpus.terms:
            meta, body = read(corpus.root / "glossary" / key / f"{lang}.md")
            glossary.append(f"## {meta['term']} {{#{key}}}\n\n**{meta['child']}**\n\n{links(body)}\n")
        (root / "glossary.md").write_text("\n".join(glossary), encoding="utf-8")
        meta, body = read(corpus.root / "partials" / "disclosure" / f"{lang}.md")
        (root / "partials").mkdir()
        meta["_build"] = {"render": "never", "list": "never"}
        (root / "partials" / "disclosure.md").write_text(_front(meta) + body, encoding="utf-8")
    return lesson_files


# --------------------------------------------------------------------------------------------- MkDocs

def make_mkdocs(corpus: Corpus, project: Path, site_dir: Path) -> dict[str, Path]:
    """Write the MkDocs project (mkdocs.yml + docs/); return the docs file of each en lesson key."""
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    docs.mkdir(parents=True)

    def where(kind: str, key: str, lang: str) -> str:
        return {"lesson": lambda: f"{lang}/lessons/{corpus.lessons.get(key, '')}/{key}.md",
                "guide": lambda: f"{lang}/guides/{key}.md", "page": lambda: f"{lang}/pages/{key}.md",
                "band": lambda: f"{lang}/lessons/{key}/index.md", "term": lambda: f"{lang}/glossary.md"}[kind]()

    def links(body: str, current: str, lang: str) -> str:
        def replace(m: re.Match[str]) -> str:
            kind, key, fragment = m.groups()
            fragment = key if kind == "term" else fragment
            rel = posixpath.relpath(where(kind, key, lang), posixpath.dirname(current))
            return f"]({rel}{'#' + fragment if fragment else ''})"
        return LINK.sub(replace, body)

    lesson_files: dict[str, Path] = {}
    nav: list[Any] = []
    for lang in LANGS:
        disclosure_meta, disclosure = read(corpus.root / "partials" / "disclosure" / f"{lang}.md")
        band_entries: dict[str, list[str]] = {}
        for kind, key, band, folder in corpus.files():
            meta, body = read(folder / f"{lang}.md")
            current = where(kind, key, lang)
            text = f"# {meta['title']}\n\n{meta['summary']}\n\n"
            if kind == "lesson":
                text += (f"**{meta['duration']} min** ({meta['short_version']} min) · {', '.join(meta['topics'])}"
                         f"\n\n## Key message\n\n{meta['key_message']}\n\n## Objectives\n\n"
                         + "".join(f"- {o}\n" for o in meta["objectives"]) + "\n## Materials\n\n"
                         + "".join(f"- {o}\n" for o in meta["materials"]) + "\n")
                band_entries.setdefault(band, []).append(f"- [{meta['title']}]({key}.md): {meta['summary']}")
            text += links(body, current, lang)
            if kind == "lesson":
                text += f"\n\n## {disclosure_meta['title']}\n\n{disclosure}"
            path = docs / current
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_front({"title": meta["title"]}) + text, encoding="utf-8")
            if kind == "lesson" and lang == "en":
                lesson_files[key] = path
        bands_nav = []
        for band, entries in sorted(band_entries.items()):
            title = corpus.band_title(band, lang)
            (docs / lang / "lessons" / band / "index.md").write_text(f"# {title}\n\n" + "\n".join(entries) + "\n",
                                                                     encoding="utf-8")
            bands_nav.append({title: f"{lang}/lessons/{band}/index.md"})
        glossary = ["# " + ("Slovar" if lang == "sl" else "Glossary") + "\n"]
        for key in corpus.terms:
            meta, body = read(corpus.root / "glossary" / key / f"{lang}.md")
            glossary.append(f"## {meta['term']} {{#{key}}}\n\n**{meta['child']}**\n\n"
                            f"{links(body, f'{lang}/glossary.md', lang)}\n")
        (docs / lang / "glossary.md").write_text("\n".join(glossary), encoding="utf-8")
        (docs / lang / "index.md").write_text("# Povej!\n\n" + "\n".join(
            f"- [{next(iter(b))}](lessons/{band}/index.md)" for band, b in zip(sorted(band_entries), bands_nav, strict=True))
            + "\n", encoding="utf-8")
        nav.append({("Slovenščina" if lang == "sl" else "English"): [f"{lang}/index.md", *bands_nav,
                                                                     f"{lang}/glossary.md"]})
    config = {"site_name": "Povej!", "docs_dir": "docs", "site_dir": str(site_dir), "use_directory_urls": True,
              "theme": {"name": "mkdocs"}, "plugins": [], "nav": nav,
              "markdown_extensions": ["toc", "attr_list", "tables", "sane_lists"]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    return lesson_files


# --------------------------------------------------------------------------------------------- timing

def _first_lesson(corpus: Corpus) -> str:
    return next(key for key, band in sorted(corpus.lessons.items()) if band == "6-9")


def _find_marker(root: Path, marker: str) -> Path | None:
    for path in root.rglob("*.html"):
        if marker in path.read_text(encoding="utf-8", errors="replace"):
            return path
    return None


def _measure(tool: str, version: str, cold_cmd: list[Any], again_cmd: list[Any], out: Path,
             lesson_file: Path, runs: int, cwd: Path | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"tool": tool, "version": version, "cold": [], "nochange": [], "edit": [],
                              "rss_mb": [], "cold_cpu": [], "nochange_cpu": [], "edit_cpu": []}
    for run in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        cold = run_timed(cold_cmd, cwd=cwd)
        check(cold.returncode == 0, f"{tool} build failed:\n{cold.stdout[-2000:]}\n{cold.stderr[-3000:]}")
        same = run_timed(again_cmd, cwd=cwd)
        check(same.returncode == 0, f"{tool} rebuild failed:\n{same.stderr[-3000:]}")
        marker = f"benchbuildedit{run}"
        original = insert_marker(lesson_file, marker)
        try:
            edited = run_timed(again_cmd, cwd=cwd)
        finally:
            lesson_file.write_text(original, encoding="utf-8")
        check(edited.returncode == 0, f"{tool} rebuild after an edit failed:\n{edited.stderr[-3000:]}")
        result["edited_page"] = str(_find_marker(out, marker))
        check(result["edited_page"] != "None", f"{tool}: the edit did not reach the output")
        for key, timed in (("cold", cold), ("nochange", same), ("edit", edited)):
            result[key].append(timed.seconds)
            result[f"{key}_cpu"].append(timed.cpu_seconds)
            result["rss_mb"].append(timed.max_rss_mb)
        log_step(f"{tool} run {run + 1}/{runs}: cold {cold.seconds:.2f} s, no change {same.seconds:.2f} s, "
                 f"one edit {edited.seconds:.2f} s, {max(cold.max_rss_mb, edited.max_rss_mb):.0f} MB")
    shutil.rmtree(out, ignore_errors=True)
    cold = run_timed(cold_cmd, cwd=cwd)  # a clean tree for the page count (--dirty leaves nothing extra)
    result["sizes"] = page_sizes(out)
    result["pages"] = result["sizes"]["pages"]
    return result


def bench_hugo(content: Path, work: Path, runs: int, preview: bool) -> dict[str, Any]:
    hugo, version = ensure_hugo()
    if hugo is None:
        return {"tool": "Hugo", "error": version}
    corpus = Corpus(content)
    site, out = work / "hugo-site", work / "hugo-public"
    log_step(f"Hugo ({version.split()[1] if ' ' in version else version}): writing {site}")
    lessons = make_hugo(corpus, site)
    key = _first_lesson(corpus)
    lesson_file = lessons[key]
    command = [hugo, "--source", site, "--destination", out, "--quiet"]
    result = _measure("Hugo", version, command, command, out, lesson_file, runs)
    result["note"] = ("Hugo renders 1 page per lesson (no handout/at-home/bilingual/projector views, no "
                      "ZIP downloads); rebuilds are full builds (Hugo has no incremental CLI build).")
    if preview:
        edited = Path(result["edited_page"]).relative_to(out).as_posix()
        url = "/" + edited.removesuffix("index.html")
        port = free_port()
        log_step(f"Hugo: preview latency (hugo server on 127.0.0.1:{port}, {url})")
        probe = preview_latency([hugo, "server", "--source", site, "--port", str(port), "--bind", "127.0.0.1",
                                 "--disableLiveReload", "--baseURL", "http://127.0.0.1/"],
                                f"http://127.0.0.1:{port}", url, lesson_file, runs, work / "hugo-serve.log")
        result.update(preview=probe.edit_seconds, preview_start=probe.start_seconds,
                      preview_idle=probe.idle_request_seconds, preview_error=probe.error)
    return result


def bench_mkdocs(content: Path, work: Path, runs: int, preview: bool) -> dict[str, Any]:
    mkdocs, version = ensure_mkdocs()
    if mkdocs is None:
        return {"tool": "MkDocs", "error": version}
    corpus = Corpus(content)
    project, out = work / "mkdocs-project", work / "mkdocs-site"
    log_step(f"MkDocs ({version.split(' from ')[0]}): writing {project}")
    lessons = make_mkdocs(corpus, project, out)
    lesson_file = lessons[_first_lesson(corpus)]
    config = project / "mkdocs.yml"
    result = _measure("MkDocs", version, [mkdocs, "build", "-q", "-f", config],
                      [mkdocs, "build", "-q", "--dirty", "-f", config], out, lesson_file, runs)
    result["note"] = ("MkDocs renders 1 page per lesson, with the built-in 'mkdocs' theme and no search "
                      "plugin; the no-change and one-edit rebuilds use `mkdocs build --dirty`.")
    if preview:
        edited = Path(result["edited_page"]).relative_to(out).as_posix()
        url = "/" + edited.removesuffix("index.html")
        port = free_port()
        log_step(f"MkDocs: preview latency (mkdocs serve on 127.0.0.1:{port}, {url})")
        probe = preview_latency([mkdocs, "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
                                f"http://127.0.0.1:{port}", url, lesson_file, runs, work / "mkdocs-serve.log")
        result.update(preview=probe.edit_seconds, preview_start=probe.start_seconds,
                      preview_idle=probe.idle_request_seconds, preview_error=probe.error)
    return result


def main() -> None:
    from make_corpus import make_corpus
    from run import rows_for

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=1000, help="lessons per language (default 1000)")
    parser.add_argument("--words", type=int, default=1200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-preview", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="povej-compare-"))
    try:
        log_step(f"Writing the corpus: {args.lessons} lessons × 2 languages into {work / 'content'}")
        corpus = make_corpus(work / "content", args.lessons, args.words)
        results = [bench_hugo(corpus, work, args.runs, not args.no_preview),
                   bench_mkdocs(corpus, work, args.runs, not args.no_preview)]
        latest = OUT / "run-latest.json"
        if latest.exists():
            previous = json.loads(latest.read_text(encoding="utf-8"))
            if previous.get("lessons_per_language") == args.lessons:
                povej = next(r for r in previous["results"] if r["tool"].startswith("Povej!"))
                povej["tool"] = f"Povej! ({previous['machine']['when']})"
                results.insert(0, povej)
        path = write_json("compare", {"machine": machine(), "code": code_state(), "lessons_per_language":
                                      args.lessons, "runs": args.runs, "results": results})
        print()
        print(f"Same corpus ({args.lessons} lessons × 2 languages), same machine, median of {args.runs} runs")
        print(table(["measure", *[r["tool"] for r in results], "target"], rows_for(results)))
        for r in results:
            if r.get("note"):
                print(f"\n{r['tool']}: {r['note']}")
        print(f"\nRaw numbers: {path}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
