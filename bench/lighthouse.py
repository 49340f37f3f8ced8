"""Lighthouse scores of the built site: home, a band, a lesson and the glossary, in both languages.

    .venv/bin/python bench/lighthouse.py [--content DIR] [--preset mobile|desktop]

Installs the `lighthouse` npm package into bench/node_modules (from bench/package-lock.json) if it is not there,
builds the site with `povej build` into a temporary folder, serves it with `python -m http.server --bind
127.0.0.1` on a free port and runs Lighthouse with Debian's Chromium (CHROME_PATH=/usr/bin/chromium, headless)
against the 8 pages. Prints the four scores per page (performance, accessibility, best practices, SEO; the
target is 100 everywhere) with the HTML size of each page, and the title of every audit that keeps a score
below 100. Writes the scores to bench/out/lighthouse-<time>.json.

If the real content/ does not build (others may be in the middle of writing it), it falls back to a small
synthetic corpus (bench/make_corpus.py, 5 lessons per band) and then to the tests' scratch site
(tests/sitekit.py), and says which site was audited.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, POVEJ, REPO, VENV_BIN, code_state, free_port, log_step, machine, table, wait_for, write_json

CHROME = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    log_step("Installing lighthouse into bench/node_modules (npm ci --prefix bench)")
    command = ["npm", "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund"]
    if not (BENCH / "package-lock.json").exists():
        command = ["npm", "install", "--prefix", str(BENCH), "lighthouse", "--no-audit", "--no-fund"]
    subprocess.run(command, check=True)


def build(content: Path, output: Path, base_url: str = "") -> subprocess.CompletedProcess[str]:
    extra = ["--base-url", base_url] if base_url else []
    return subprocess.run([POVEJ, "build", "--content", content, "--output", output, *extra], capture_output=True,
                          text=True)


def build_some_site(work: Path, content: Path | None, base_url: str) -> tuple[Path, Path, str]:
    """(content, built site, description): the real content if it builds, else a fallback."""
    candidates: list[tuple[str, Any]] = []
    if content:
        candidates.append((f"the content folder {content}", lambda: content))
    else:
        candidates.append(("the real site (content/)", lambda: REPO / "content"))

        def corpus() -> Path:
            from make_corpus import make_corpus
            return make_corpus(work / "corpus", lessons=25)

        def scratch() -> Path:
            sys.path.insert(0, str(REPO / "tests"))
            from sitekit import make_site  # type: ignore[import-not-found]
            return Path(make_site(work / "scratch"))

        candidates += [("the synthetic benchmark corpus (bench/make_corpus.py, 25 lessons × 2 languages)", corpus),
                       ("the tests' scratch site (tests/sitekit.py make_site)", scratch)]
    for description, make in candidates:
        try:
            folder = make()
        except Exception as error:
            log_step(f"Could not prepare {description}: {error}")
            continue
        site = work / "site"
        shutil.rmtree(site, ignore_errors=True)
        done = build(folder, site, base_url)
        if done.returncode == 0:
            return folder, site, description
        log_step(f"povej build failed on {description}:\n" + "\n".join(done.stderr.strip().splitlines()[-8:]))
    raise SystemExit("No site could be built; nothing to audit.")


def pages_to_audit(content: Path, site: Path) -> list[tuple[str, str]]:
    """(label, URL path) of home, a band, a lesson and the glossary in every language."""
    config = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
    languages = [lang["code"] for lang in config["languages"]]
    lessons = sorted(p for p in (content / "lessons").glob("*/*/") if all((p / f"{c}.md").exists()
                                                                           for c in languages))
    pages = []
    for lang in languages:
        language = next(x for x in config["languages"] if x["code"] == lang)
        glossary = language.get("glossary_slug") or language.get("slugs", {}).get("glossary", "glossary")
        pages.append((f"{lang} home", f"/{lang}/"))
        if lessons:
            band_id = lessons[0].parent.name
            band = next(b for b in config["bands"] if str(b["id"]) == band_id)
            text = (lessons[0] / f"{lang}.md").read_text(encoding="utf-8")
            slug = yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---\n"))["slug"]
            pages.append((f"{lang} band {band_id}", f"/{lang}/{band[lang]['slug']}/"))
            pages.append((f"{lang} lesson {lessons[0].name}", f"/{lang}/{band[lang]['slug']}/{slug}/"))
        pages.append((f"{lang} glossary", f"/{lang}/{glossary}/"))
    return [(label, path) for label, path in pages if (site / path.strip("/") / "index.html").exists()]


def audit(url: str, report: Path, preset: str) -> dict[str, Any]:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME},
                          timeout=300)
    if done.returncode != 0 or not report.exists():
        return {"error": (done.stderr.strip().splitlines() or ["lighthouse failed"])[-1]}
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: data["categories"][c]["score"] for c in CATEGORIES if c in data["categories"]}
    failing: dict[str, list[str]] = {}
    advice: dict[str, list[str]] = {}
    for category in CATEGORIES:
        for ref in data["categories"].get(category, {}).get("auditRefs", []):
            item = data["audits"][ref["id"]]
            mode = item.get("scoreDisplayMode")
            if mode in ("manual", "informative", "notApplicable"):
                continue
            if item.get("score") is None and mode != "error":
                continue
            if mode == "error" or item["score"] < 1:
                value = f" ({item['displayValue']})" if item.get("displayValue") else ""
                text = f"{item['title']}{value} [{ref['id']}]{_details(item)}"
                # Weight-0 audits (Lighthouse's "insights" and diagnostics) do not change the score.
                bucket = failing if ref.get("weight", 0) > 0 or mode == "error" else advice
                bucket.setdefault(category, []).append(text)
    metrics = {k: data["audits"][k].get("displayValue", "") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index") if k in data["audits"]}
    return {"scores": scores, "failing": failing, "advice": advice, "metrics": metrics,
            "runtime_error": (data.get("runtimeError") or {}).get("message", ""),
            "warnings": data.get("runWarnings", [])}


def _details(item: dict[str, Any]) -> str:
    """What a failing audit found, briefly: the first items of its details table."""
    found = []
    rows = (item.get("details") or {}).get("items", [])
    for row in rows[:3] if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        parts = []
        for key in ("description", "message", "url", "source", "node", "line", "content"):
            value = row.get(key)
            if isinstance(value, dict):
                value = value.get("snippet") or value.get("url") or value.get("nodeLabel")
            if value not in (None, ""):
                parts.append(f"{key}={str(value)[:140]}")
        if parts:
            found.append("; ".join(parts))
    if item.get("explanation"):
        found.insert(0, str(item["explanation"])[:200])
    return (": " + " | ".join(found)) if found else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, help="audit the site built from this content folder")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile",
                        help="Lighthouse's form factor and throttling (default: mobile, as PageSpeed does)")
    parser.add_argument("--no-base-url", action="store_true",
                        help="build without --base-url (the USB-stick build: relative hreflang links, no "
                             "canonical); by default the build is the deployed one, --base-url http://127.0.0.1:PORT")
    args = parser.parse_args()
    if not Path(CHROME).exists():
        raise SystemExit(f"{CHROME} is missing: apt-get install chromium")
    ensure_lighthouse()
    work = Path(tempfile.mkdtemp(prefix="povej-lighthouse-"))
    server = None
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        content, site, description = build_some_site(work, args.content, "" if args.no_base_url else base)
        description += ", built " + ("without --base-url" if args.no_base_url else f"with --base-url {base}")
        log_step(f"Auditing {description}")
        server_log = (work / "server.log").open("wb")
        server = subprocess.Popen([VENV_BIN / "python", "-m", "http.server", "--bind", "127.0.0.1",
                                   "--directory", site, str(port)], stdout=server_log, stderr=server_log)
        wait_for(base + "/", 30, server)
        results = []
        for label, path in pages_to_audit(content, site):
            log_step(f"lighthouse {base}{path}")
            result = audit(base + path, work / f"report-{len(results)}.json", args.preset)
            size = (site / path.strip("/") / "index.html").stat().st_size
            results.append({"page": label, "path": path, "html_bytes": size, **result})
        rows = []
        for r in results:
            scores = r.get("scores", {})
            rows.append([r["page"], r["path"], *[("–" if scores.get(c) is None else f"{round(100 * scores[c])}")
                                                 for c in CATEGORIES], f"{r['html_bytes'] / 1024:.1f} KB"])
        path = write_json("lighthouse", {"machine": machine(), "code": code_state(), "site": description,
                                         "preset": args.preset, "results": results})
        print(f"\nLighthouse {subprocess.run([LIGHTHOUSE, '--version'], capture_output=True, text=True).stdout.strip()}"
              f" ({args.preset}), Chromium {CHROME}, site: {description}\n")
        print(table(["page", "path", "performance", "accessibility", "best practices", "SEO", "HTML"], rows))
        below = [r for r in results if r.get("failing") or r.get("error") or r.get("runtime_error")]
        if below:
            print("\nAudits keeping a score below 100 (weighted audits only; the others are in the JSON):")
            for r in below:
                if r.get("error") or r.get("runtime_error"):
                    print(f"- {r['page']}: lighthouse error: {r.get('error') or r.get('runtime_error')}")
                for category, titles in r.get("failing", {}).items():
                    for title in titles:
                        print(f"- {r['page']} · {category}: {title}")
        else:
            print("\nEvery page scores 100 in all four categories.")
        server_log.flush()
        missing = sorted({line.split('"')[1] for line in (work / "server.log").read_text(errors="replace")
                          .splitlines() if '" 404 ' in line and line.count('"') >= 2})
        if missing:
            print("\nRequests the static server answered with 404: " + ", ".join(missing))
        print(f"\nRaw numbers: {path}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
