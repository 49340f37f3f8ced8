"""What every view needs while it renders a page: the catalogue, the addresses, links and the page context."""
from __future__ import annotations

from typing import Any

from flask import current_app, render_template, request
from markupsafe import Markup

from .addresses import Addresses, relative, resolve_links
from .model import Catalog, Entry
from .pages import Page


def catalog() -> Catalog:
    return current_app.config["POVEJ_CATALOG"]  # type: ignore[no-any-return]


def addresses() -> Addresses:
    return current_app.config["POVEJ_ADDRESSES"]  # type: ignore[no-any-return]


def link(target: str) -> str:
    """A relative link from the current page to an absolute site path."""
    return relative(target, request.path)


def body(entry: Entry) -> Markup:
    return Markup(resolve_links(entry.rendered.html, addresses(), entry.kind, entry.key, entry.lang, request.path))


def alternates(page: Page) -> dict[str, str]:
    """The page in every language (its 'not translated yet' page where it has no version)."""
    return {code: addresses().path(page.type.name, page.key, code) for code in catalog().config.codes}


def page_context(page: Page, kind: str = "", **context: Any) -> dict[str, Any]:
    """What every page template needs: where it is, its other languages, and how to render bodies.

    `kind` is what the templates style the page by (a lesson's handout is a page of kind 'lesson').
    """
    return {"alternates": alternates(page), "canonical": page.path, "kind": kind or page.type.name,
            "key": page.key, "body": body, **context}


def render(template: str, page: Page, kind: str = "", **context: Any) -> str:
    return render_template(template, **page_context(page, kind, **context))
