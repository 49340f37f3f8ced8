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


def audit_site(root: Path, pages: list[Path], workers: int = 3) -> list[PageReport]:
    """Every page, screen and print, in parallel tabs of one Chromium: axe, contrast in print, requests, storage.

    Runs the async Playwright API in a thread of its own, so it can share a test session with the sync fixtures.
    """
    import asyncio
    import threading

    results: list[PageReport] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.extend(asyncio.run(_audit(root, pages, workers)))
        except BaseException as error:  # re-raised in the calling thread
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return sorted(results, key=lambda r: r.path)


async def _audit(root: Path, pages: list[Path], workers: int) -> list[PageReport]:
    import asyncio

    from playwright.async_api import async_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS

    source = axe_source()
    site = root.resolve().as_uri() + "/"
    queue: asyncio.Queue[Path] = asyncio.Queue()
    for path in pages:
        queue.put_nowait(path)
    reports: list[PageReport] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await browser.new_context()

        async def worker() -> None:
            page = await context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            while not queue.empty():
                path = queue.get_nowait()
                requests.clear()
                report = PageReport(path.relative_to(root).as_posix())
                await page.emulate_media(media="screen")
                await page.goto(path.resolve().as_uri())
                await page.evaluate(source)
                report.violations = await _axe(page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}})
                await page.emulate_media(media="print")
                report.violations += [f"print: {v}" for v in await _axe(
                    page, {"runOnly": {"type": "rule", "values": ["color-contrast"]}})]
                report.requests = [url for url in requests if not url.startswith(site)]
                storage = await page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
                if storage != [0, 0, ""]:
                    report.storage.append(f"localStorage {storage[0]}, sessionStorage {storage[1]}, "
                                          f"cookie {storage[2]!r}")
                reports.append(report)
            await page.close()

        await asyncio.gather(*(worker() for _ in range(workers)))
        cookies = await context.cookies()
        if cookies:
            reports.append(PageReport("(browser)", storage=[f"cookies set: {cookies}"]))
        await browser.close()
    return reports


async def _axe(page: Any, options: dict[str, Any]) -> list[str]:
    result = await page.evaluate("options => axe.run(document, options)", {**options, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
            for v in result["violations"] for node in v["nodes"]]
