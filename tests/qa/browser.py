"""Checks that need a real browser: accessibility (axe-core), requests made, storage used."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from povej import REPO_ROOT

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass
class PageReport:
    """What one page did when opened from disk."""

    path: str
    violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    storage: list[str] = field(default_factory=list)


def axe_source() -> str:
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run 'npm ci' (make test does it).")
    return AXE.read_text(encoding="utf-8")


def run_axe(page: Any, source: str, rules: list[str] | None = None) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the open page, one line per offending element."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(source)  # DevTools evaluation: not subject to the page's Content-Security-Policy
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
            for v in result["violations"] for node in v["nodes"]]


def audit_pages(browser: Any, root: Path, pages: list[Path], print_media: bool = False) -> list[PageReport]:
    """Open every page from file:// in one browser context; record axe violations, requests and storage."""
    source = axe_source()
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    site = root.resolve().as_uri() + "/"
    reports = []
    for path in pages:
        requests.clear()
        report = PageReport(path.relative_to(root).as_posix())
        if print_media:
            page.emulate_media(media="print")
        page.goto(path.resolve().as_uri())
        report.violations = run_axe(page, source, ["color-contrast"] if print_media else None)
        report.requests = [url for url in requests if not url.startswith(site)]
        storage = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
        if storage != [0, 0, ""]:
            report.storage.append(f"localStorage {storage[0]}, sessionStorage {storage[1]}, cookie {storage[2]!r}")
        reports.append(report)
    if context.cookies():
        reports.append(PageReport("(browser)", storage=[f"cookies set: {context.cookies()}"]))
    context.close()
    return reports
