"""Where a cold build of the synthetic corpus spends its time (cProfile), for the lead engineer.

    .venv/bin/python bench/profile_build.py [--lessons 1000] [--content DIR] [--top 30]

1. Without the profiler: one cold `build_site` in this process, with Flask's request dispatch timed per
   endpoint (how many pages of each kind, and what rendering them costs), and the phases of the build
   (load + validate, freeze, what comes after the freeze).
2. With cProfile: the same cold build; the profile is saved to /tmp/povej-build.prof (open it with
   `python -m pstats` or snakeviz) and the top functions are printed by own time and by cumulative time,
   plus the cumulative time of the pipeline's own functions in site/povej/.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import code_state, log_step, machine, snapshot_code, table, write_json

PROFILE = Path("/tmp/povej-build.prof")
# Functions whose cumulative time tells the story of a build (matched on file suffix and function name).
MILESTONES = [
    ("povej/__init__.py", "create_app"), ("povej/content.py", "load_catalog"), ("povej/content.py", "_load_items"),
    ("povej/source.py", "read_source"), ("povej/source.py", "_parse_yaml"), ("povej/schema.py", "validate"),
    ("povej/markup.py", "render"), ("povej/rules.py", "check_catalog"), ("povej/rules.py", "_heading_line"),
    ("povej/addresses.py", "__init__"), ("povej/build.py", "_freeze"), ("flask_frozen/__init__.py", "_build_one"),
    ("flask/templating.py", "render_template"), ("povej/addresses.py", "resolve_links"),
    ("povej/addresses.py", "relative"), ("povej/addresses.py", "path"), ("povej/rendering.py", "body"),
    ("povej/classroom.py", "sections"), ("povej/offline.py", "write_zip"),
    ("povej/build.py", "_swap"),
    ("povej/build.py", "_write_sitemap"), ("flask_babel/__init__.py", "refresh"),
    ("jinja2/ext.py", "_gettext_alias"), ("povej/catalogues.py", "compile_catalogues"),
]


def timed_build(content: Path, output: Path) -> dict[str, Any]:
    """One cold build with the time of every request, grouped by endpoint; no profiler."""
    from flask import Flask, request

    from povej import build as build_module
    from povej import content as content_module

    per_endpoint: dict[str, list[float]] = defaultdict(list)
    original_dispatch = Flask.full_dispatch_request
    original_load = content_module.load_catalog
    original_freeze = getattr(build_module, "_freeze", None)
    phases: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)

    def dispatch(self: Flask) -> Any:
        started = time.perf_counter()
        try:
            return original_dispatch(self)
        finally:
            per_endpoint[str(request.endpoint)].append(time.perf_counter() - started)

    def load(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original_load(*args, **kwargs)
        finally:
            phases["load_catalog (read, validate, render Markdown, cross-checks)"] += time.perf_counter() - started

    def freeze(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original_freeze(*args, **kwargs)  # type: ignore[misc]
        finally:
            counts["_freeze"] += 1
            phases["_freeze (all Frozen-Flask runs)"] += time.perf_counter() - started

    Flask.full_dispatch_request = dispatch  # type: ignore[method-assign]
    content_module.load_catalog = load  # type: ignore[assignment]
    if original_freeze is not None:
        build_module._freeze = freeze
    started = time.perf_counter()
    try:
        # One process, so every request is timed here; no caches, so the build is cold.
        result = build_module.build_site(content, output, workers=1, force=True)
    finally:
        Flask.full_dispatch_request = original_dispatch  # type: ignore[method-assign]
        content_module.load_catalog = original_load  # type: ignore[assignment]
        if original_freeze is not None:
            build_module._freeze = original_freeze
    total = time.perf_counter() - started
    request_total = sum(sum(v) for v in per_endpoint.values())
    return {"total": total, "pages": result.pages, "freeze_runs": counts["_freeze"], "phases": dict(phases),
            "requests_total": request_total,
            "endpoints": {k: {"count": len(v), "total": sum(v), "mean_ms": 1000 * sum(v) / len(v)}
                          for k, v in sorted(per_endpoint.items(), key=lambda kv: -sum(kv[1]))}}


def profiled_build(content: Path, output: Path, top: int) -> dict[str, Any]:
    from povej.build import build_site

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    build_site(content, output, workers=1, force=True)  # one process: the profiler sees all the work
    profiler.disable()
    wall = time.perf_counter() - started
    profiler.dump_stats(PROFILE)
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]

    def rows(sort: str, limit: int) -> list[dict[str, Any]]:
        found = []
        for (file, line, name), (_, nc, tt, ct, _) in sorted(
                stats.stats.items(), key=lambda kv: -kv[1][2 if sort == "tottime" else 3]):  # type: ignore[attr-defined]
            found.append({"function": f"{_short(file)}:{line}({name})", "calls": nc, "own_s": round(tt, 3),
                          "cumulative_s": round(ct, 3), "share": round(100 * (tt if sort == "tottime" else ct)
                                                                        / total, 1)})
            if len(found) >= limit:
                break
        return found

    milestones = []
    for suffix, name in MILESTONES:
        for (file, _, function), (_, nc, _, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
            if function == name and file.endswith(suffix):
                milestones.append({"function": f"{suffix}({name})", "calls": nc, "cumulative_s": round(ct, 3),
                                   "share": round(100 * ct / total, 1)})
    own_povej = [r for r in rows("tottime", 100000) if "povej/" in r["function"]][:top]
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(40)
    return {"wall_with_profiler": wall, "profiled_total": total, "by_own_time": rows("tottime", top),
            "by_cumulative": rows("cumulative", top), "milestones": milestones, "povej_own": own_povej,
            "pstats_text": buffer.getvalue()}


def _short(file: str) -> str:
    for marker in ("site-packages/", "/site/", "lib/python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1200)
    parser.add_argument("--content", type=Path, help="profile an existing content folder instead")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="povej-profile-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # the build's render cache and manifests: cold, and not ours
    try:
        code = snapshot_code(work / "code")  # one version of the code, whatever others edit meanwhile
        sys.path.insert(0, str(code / "site"))
        from make_corpus import make_corpus

        from povej.catalogues import compile_catalogues

        compile_catalogues()
        corpus = args.content or make_corpus(work / "content", args.lessons, args.words, repo=code)
        log_step("Cold build with per-endpoint timing (no profiler)")
        timing = timed_build(corpus, work / "out-timed")
        log_step(f"… {timing['total']:.1f} s. Cold build under cProfile")
        shutil.rmtree(work / "out-timed", ignore_errors=True)
        shutil.rmtree(work / "cache", ignore_errors=True)  # the render cache of the timed build: start cold again
        profile = profiled_build(corpus, work / "out-profiled", args.top)
        path = write_json("profile", {"machine": machine(), "code": code_state(code), "lessons_per_language":
                                      args.lessons, "timing": timing, "profile": {k: v for k, v in profile.items()
                                                                                 if k != "pstats_text"}})
        pages = sum(timing["pages"].values())
        print(f"\nCold build of {args.lessons} lessons × 2 languages: {timing['total']:.2f} s without the profiler, "
              f"{pages} pages counted by build_site, {timing['freeze_runs']} Frozen-Flask runs.\n")
        phase_rows = [[name, f"{secs:.2f} s", f"{100 * secs / timing['total']:.0f}%"]
                      for name, secs in timing["phases"].items()]
        phase_rows.append(["requests (views + templates), all freeze runs", f"{timing['requests_total']:.2f} s",
                           f"{100 * timing['requests_total'] / timing['total']:.0f}%"])
        print(table(["phase", "time", "share"], phase_rows))
        print()
        print(table(["endpoint", "pages", "total", "mean per page"],
                    [[k, str(v["count"]), f"{v['total']:.2f} s", f"{v['mean_ms']:.1f} ms"]
                     for k, v in timing["endpoints"].items()]))
        print(f"\nUnder cProfile: {profile['profiled_total']:.1f} s (profiler overhead inflates pure-Python "
              f"code); saved to {PROFILE}\n")
        print("Milestones (cumulative time, % of the profiled total):")
        print(table(["function", "calls", "cumulative", "share"],
                    [[m["function"], str(m["calls"]), f"{m['cumulative_s']:.2f} s", f"{m['share']}%"]
                     for m in profile["milestones"]]))
        print("\nTop functions by own time:")
        print(table(["function", "calls", "own", "cumulative", "share"],
                    [[r["function"], str(r["calls"]), f"{r['own_s']:.2f} s", f"{r['cumulative_s']:.2f} s",
                      f"{r['share']}%"] for r in profile["by_own_time"]]))
        print("\nsite/povej/ functions by own time:")
        print(table(["function", "calls", "own", "cumulative"],
                    [[r["function"], str(r["calls"]), f"{r['own_s']:.2f} s", f"{r['cumulative_s']:.2f} s"]
                     for r in profile["povej_own"]]))
        print(f"\nRaw numbers: {path}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
