"""Build-speed benchmark of Povej! on a synthetic corpus (not part of the test suite).

    .venv/bin/python bench/run.py [--lessons 1000] [--runs 3] [--compare] [--no-preview] [--keep]

Generates N lessons × sl+en with bench/make_corpus.py into a temporary folder, then, in fresh processes of
`povej build --content … --output …`, measures: a cold build (empty output folder), a rebuild with nothing
changed, a rebuild after editing one lesson, pages per second and the peak RSS of the build process; and, with
`povej serve`, how long after saving an edited lesson a reload of that lesson shows the edit. Prints a Markdown
table of medians over --runs runs and writes the raw numbers to bench/out/run-<time>.json (and run-latest.json).
With --compare, Hugo and MkDocs build the same corpus too (bench/compare.py) and get their own columns.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    VENV_BIN,
    check,
    code_state,
    fmt_runs,
    fmt_seconds,
    free_port,
    insert_marker,
    log_step,
    machine,
    median,
    page_sizes,
    povej_command,
    preview_latency,
    run_timed,
    snapshot_code,
    table,
    write_json,
)

TARGETS = {"cold": "≤ 5 × Hugo", "nochange": "< 0.5 s", "edit": "≤ 2 s", "preview": "< 0.5 s"}
RESULTS_SHOWN = 20  # the search page shows this many results, then "Show more results"


def search_load(site: Path) -> dict[str, Any]:
    """The most a search page loads for a two-word query: the page and what it links, the list of pieces, the
    two largest word pieces and the largest document pieces its first 20 results can need (one each, at worst)."""
    worst = 0
    for index in site.glob("*/search-index"):
        page = next(p for p in (index.parent).glob("*/index.html") if b"data-index=" in p.read_bytes())
        html = page.read_bytes()
        static = sum((site / "static" / name).stat().st_size for name in ("style.css", "lists.css", "povej.js",
                                                                         "search.js", "favicon.svg"))
        words = sorted((p.stat().st_size for p in index.glob("t-*.js")), reverse=True)[:2]
        documents = sorted((p.stat().st_size for p in index.glob("d-*.js")), reverse=True)[:RESULTS_SHOWN]
        total = len(html) + static + (index / "meta.js").stat().st_size + sum(words) + sum(documents)
        worst = max(worst, total)
    return {"search_bytes": worst}


def lesson_url(corpus: Path, lesson_file: Path, lang: str) -> str:
    """The site path of a lesson, from site.yml's band slug and the file's own slug."""
    site = yaml.safe_load((corpus / "site.yml").read_text(encoding="utf-8"))
    band_id = lesson_file.parent.parent.name
    band = next(b for b in site["bands"] if str(b["id"]) == band_id)
    text = lesson_file.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---\n"))
    return f"/{lang}/{band[lang]['slug']}/{meta['slug']}/"


def bench_povej(corpus: Path, work: Path, runs: int, preview: bool, code: Path | None) -> dict[str, Any]:
    lesson_file = sorted((corpus / "lessons" / "6-9").iterdir())[0] / "en.md"
    url = lesson_url(corpus, lesson_file, "en")
    povej, env = povej_command(code)
    build = lambda out: [*povej, "build", "--content", corpus, "--output", out]  # noqa: E731
    env = {**(env or {}), "XDG_CACHE_HOME": str(work / "cache")}  # build manifests: not the user's cache
    result: dict[str, Any] = {"tool": "Povej!", "cold": [], "nochange": [], "edit": [], "rss_mb": [],
                              "cold_cpu": [], "nochange_cpu": [], "edit_cpu": [], "pages_only": [],
                              "pages_only_cpu": [], "build_says": [],
                              "lesson_url": url, "edited_file": str(lesson_file)}
    log_step("Povej: imports only (python -c 'import povej.build, povej.cli')")
    result["imports"] = [run_timed([VENV_BIN / "python", "-c", "import povej.build, povej.cli, povej.catalogues"],
                                   env=env).seconds for _ in range(runs)]
    log_step("Povej: povej check (load and validate only)")
    checked = run_timed([*povej, "check", "--content", corpus], env=env)
    check(checked.returncode == 0, f"povej check failed on the corpus:\n{checked.stderr[-3000:]}")
    result["check"] = checked.seconds
    for run in range(runs):
        out = work / f"povej-out-{run}"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(work / "cache", ignore_errors=True)  # cold: no render cache, no manifest
        cold = run_timed(build(out), env=env)
        check(cold.returncode == 0, f"povej build failed:\n{cold.stdout[-2000:]}\n{cold.stderr[-3000:]}")
        result["cold"].append(cold.seconds)
        result["cold_cpu"].append(cold.cpu_seconds)
        result["rss_mb"].append(cold.max_rss_mb)
        result["build_says"].append(cold.stdout.strip().splitlines()[0] if cold.stdout.strip() else "")
        log_step(f"Povej run {run + 1}/{runs}: cold {cold.seconds:.2f} s, {cold.max_rss_mb:.0f} MB: "
                 f"{result['build_says'][-1]}")
        bare = work / f"povej-pages-{run}"
        shutil.rmtree(bare, ignore_errors=True)
        shutil.rmtree(work / "cache", ignore_errors=True)
        pages_only = run_timed([*build(bare), "--no-downloads"], env=env)
        check(pages_only.returncode == 0, f"povej build --no-downloads failed:\n{pages_only.stderr[-3000:]}")
        result["pages_only"].append(pages_only.seconds)
        result["pages_only_cpu"].append(pages_only.cpu_seconds)
        shutil.rmtree(bare, ignore_errors=True)
        warm = run_timed([*build(out), "--force"], env=env)  # re-records the manifest the cache clearing removed
        check(warm.returncode == 0, f"povej build --force failed:\n{warm.stderr[-3000:]}")
        result.setdefault("warm", []).append(warm.seconds)
        result.setdefault("warm_cpu", []).append(warm.cpu_seconds)
        same = run_timed(build(out), env=env)
        check(same.returncode == 0, f"povej rebuild failed:\n{same.stderr[-3000:]}")
        result["nochange"].append(same.seconds)
        result["nochange_cpu"].append(same.cpu_seconds)
        result["rss_mb"].append(same.max_rss_mb)
        marker = f"benchbuildedit{run}"
        original = insert_marker(lesson_file, marker)
        try:
            edited = run_timed(build(out), env=env)
        finally:
            lesson_file.write_text(original, encoding="utf-8")
        check(edited.returncode == 0, f"povej rebuild after an edit failed:\n{edited.stderr[-3000:]}")
        page = out / url.strip("/") / "index.html"
        check(marker in page.read_text(encoding="utf-8"), f"the edit did not reach {page}")
        result["edit"].append(edited.seconds)
        result["edit_cpu"].append(edited.cpu_seconds)
        result["rss_mb"].append(edited.max_rss_mb)
        log_step(f"Povej run {run + 1}/{runs}: no change {same.seconds:.2f} s, one edit {edited.seconds:.2f} s")
    last = work / f"povej-out-{runs - 1}"
    result["sizes"] = page_sizes(last)
    result["pages"] = result["sizes"]["pages"]
    result["files"] = sum(1 for p in last.rglob("*") if p.is_file())
    result.update(search_load(last))
    if preview:
        port = free_port()
        log_step(f"Povej: preview latency (povej serve on 127.0.0.1:{port}, {url})")
        probe = preview_latency([*povej, "serve", "--content", corpus, "--port", str(port)],
                                f"http://127.0.0.1:{port}", url, lesson_file, runs, work / "povej-serve.log",
                                env=env)
        result["preview"] = probe.edit_seconds
        result["preview_start"] = probe.start_seconds
        result["preview_idle"] = probe.idle_request_seconds
        result["preview_error"] = probe.error
        log_step(f"Povej preview: {fmt_runs(probe.edit_seconds or [])} s {probe.error}")
    return result


def rows_for(results: list[dict[str, Any]]) -> list[list[str]]:
    """The measured table: one column per tool, medians with the individual runs."""
    def cell(r: dict[str, Any], key: str) -> str:
        if r.get("error"):
            return r["error"] if key == "cold" else "–"
        values = r.get(key) or []
        if key == "preview" and r.get("preview_error"):
            return f"failed: {r['preview_error'][:60]}"
        return f"{fmt_seconds(median(values))} ({fmt_runs(values)})" if values else "–"

    def pages(r: dict[str, Any]) -> str:
        return f"{r['pages']}" if r.get("pages") else "–"

    def rate(r: dict[str, Any]) -> str:
        cold = median(r.get("cold") or [])
        return f"{r['pages'] / cold:.0f}" if cold and r.get("pages") else "–"

    def cpu(r: dict[str, Any]) -> str:
        values = [median(r.get(f"{k}_cpu") or []) for k in ("cold", "pages_only", "nochange", "edit")]
        return " / ".join(fmt_seconds(v) for v in values) if any(v is not None for v in values) else "–"

    def rss(r: dict[str, Any]) -> str:
        return f"{max(r['rss_mb']):.0f} MB" if r.get("rss_mb") else "–"

    def size(r: dict[str, Any]) -> str:
        s = r.get("sizes") or {}
        if not s.get("pages"):
            return "–"
        return (f"{s['median_bytes'] / 1024:.0f} / {s['max_bytes'] / 1024:.0f} KB, "
                f"{s['over_limit']} over {s['limit_bytes'] // 1024} KB")

    rows = [
        ["HTML pages built", *[pages(r) for r in results], "2,000"],
        ["cold build (empty output)", *[cell(r, "cold") for r in results], TARGETS["cold"]],
        ["cold build without the ZIP downloads", *[cell(r, "pages_only") for r in results], "–"],
        ["rebuild forced, content unchanged (render cache warm)", *[cell(r, "warm") for r in results], "–"],
        ["rebuild, nothing changed", *[cell(r, "nochange") for r in results], TARGETS["nochange"]],
        ["rebuild, one lesson edited", *[cell(r, "edit") for r in results], TARGETS["edit"]],
        ["CPU time (user+sys): cold / without ZIPs / no change / edit", *[cpu(r) for r in results], "–"],
        ["pages per second (cold)", *[rate(r) for r in results], "> 500"],
        ["peak RSS of the build process", *[rss(r) for r in results], "–"],
        ["preview: edit → reload shows it", *[cell(r, "preview") for r in results], TARGETS["preview"]],
        ["preview: reload, nothing changed", *[cell(r, "preview_idle") for r in results], "–"],
        ["preview: start until first page", *[fmt_seconds(r.get("preview_start")) if r.get("preview_start")
                                              else "–" for r in results], "–"],
        ["HTML size median / max", *[size(r) for r in results], "< 30 KB"],
        ["search page with what a two-word query loads, at most",
         *[f"{r['search_bytes'] / 1024:.0f} KB" if r.get("search_bytes") else "–" for r in results], "≤ 500 KB"],
    ]
    povej = next((r for r in results if r["tool"].startswith("Povej!")), None)
    if povej:
        rows.insert(1, ["(Povej) python start + imports", *[cell(r, "imports") if r is povej else "–"
                                                             for r in results], "–"])
        rows.insert(2, ["(Povej) povej check: load + validate", *[fmt_seconds(r.get("check")) if r is povej
                                                                  else "–" for r in results], "–"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=1000, help="lessons per language (default 1000)")
    parser.add_argument("--words", type=int, default=1200, help="approximate words per lesson file")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure; the table shows the median")
    parser.add_argument("--content", type=Path, help="benchmark an existing content folder instead")
    parser.add_argument("--compare", action="store_true", help="also build the corpus with Hugo and MkDocs")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview-server latency")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (corpus and builds)")
    parser.add_argument("--live-code", action="store_true", help="run the working tree's code, not a snapshot")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="povej-bench-"))
    try:
        code = None if args.live_code else snapshot_code(work / "code")
        if code is not None:
            sys.path.insert(0, str(code / "site"))  # the corpus's digests and data files from the same code
            log_step(f"Measuring a snapshot of the code in {code} (site/povej/, translations/, content/*.yml)")
        from make_corpus import make_corpus

        if args.content:
            corpus = work / "content"
            shutil.copytree(args.content, corpus)
        else:
            log_step(f"Writing the corpus: {args.lessons} lessons × 2 languages into {work / 'content'}")
            corpus = make_corpus(work / "content", args.lessons, args.words,
                                 repo=code if code is not None else Path(__file__).resolve().parents[1])
        info = {"machine": machine(), "code": code_state(code), "lessons_per_language": args.lessons,
                "words": args.words, "runs": args.runs, "corpus": str(corpus) if args.keep else "(deleted)"}
        results = [bench_povej(corpus, work, args.runs, not args.no_preview, code)]
        if args.compare:
            from compare import bench_hugo, bench_mkdocs

            results.append(bench_hugo(corpus, work, args.runs, not args.no_preview))
            results.append(bench_mkdocs(corpus, work, args.runs, not args.no_preview))
        rows = rows_for(results)
        path = write_json("run", {**info, "results": results})
        m = info["machine"]
        print()
        print(f"Povej! build benchmark: {args.lessons} lessons × 2 languages (~{args.words} words each), "
              f"median of {args.runs} runs (individual runs in brackets, seconds)")
        print(f"Machine: {m['cpus']} CPUs ({m['cpu']}), Python {m['python']}, load average at start "
              f"{m['load_average_at_start'][0]}, at end {os.getloadavg()[0]:.2f} (other work on the machine "
              "inflates wall times; CPU time is the steadier figure)")
        print()
        print(table(["measure", *[r["tool"] for r in results], "target"], rows))
        for r in results:
            if r.get("note"):
                print(f"\n{r['tool']}: {r['note']}")
        for line in results[0].get("build_says") or []:
            print(f"\nPovej! cold build said: {line}")
        sizes = results[0].get("sizes", {})
        if sizes.get("largest"):
            print("\nLargest Povej pages: " + ", ".join(f"{x['page']} ({x['bytes'] // 1024} KB)"
                                                     for x in sizes["largest"]))
        print(f"\nRaw numbers: {path}")
        if args.keep:
            print(f"Kept: {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
