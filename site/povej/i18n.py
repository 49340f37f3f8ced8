"""Interface languages: the locale comes from the URL, never from the browser."""
from __future__ import annotations

import datetime as dt

import flask_babel
from flask import Flask, current_app, g
from flask_babel import Babel


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=_locale)
    app.url_value_preprocessor(_take_language)
    app.jinja_env.filters["local_date"] = local_date


def current_language() -> str:
    catalog = current_app.config["POVEJ_CATALOG"]
    return str(g.get("lang") or catalog.config.source_language)


def _locale() -> str:
    return current_app.config["POVEJ_CATALOG"].config.language(current_language()).locale  # type: ignore[no-any-return]


def _take_language(endpoint: str | None, values: dict[str, object] | None) -> None:
    # Frozen-Flask renders every page inside one app context, so `g` and Flask-Babel's cached locale
    # survive from one page to the next: set both afresh on every request.
    g.lang = (values or {}).pop("lang_code", None)
    flask_babel.refresh()


def local_date(value: dt.date) -> str:
    """A date as readers of the current language write it (sl: 23. november 2026)."""
    return str(flask_babel.format_date(value, format="long"))
