"""Shared fixtures: scratch content trees, an app over them, and the real site built once per run."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

sys.path.insert(0, str(Path(__file__).parent))

from povej import REPO_ROOT, create_app
from povej.build import build_site
from povej.catalogues import compile_catalogues
from sitekit import make_site


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues() -> None:
    compile_catalogues()


@pytest.fixture(scope="session", autouse=True)
def _own_build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Build manifests (what lets an unchanged build stop early) go to a scratch cache, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A small, valid content tree that tests may break on purpose."""
    return make_site(tmp_path)


@pytest.fixture
def app(content: Path) -> Flask:
    return create_app({"POVEJ_CONTENT": content, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real content/ built once into a temporary folder, as a reader would get it."""
    output = tmp_path_factory.mktemp("real") / "site"
    build_site(REPO_ROOT / "content", output)
    yield output


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--allow-file-access-from-files"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One real Chromium (Debian's) for the whole run; each test opens its own context."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run).")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()
