"""Interface languages: the locale comes from the URL, never from the browser."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import babel.dates
import flask_babel
from flask import Flask, current_app, g
from flask_babel import Babel


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=_locale)
    app.jinja_env.filters["local_date"] = local_date
    _install_cached_gettext(app)


def current_language() -> str:
    catalog = current_app.config["POVEJ_CATALOG"]
    return str(g.get("lang") or catalog.config.source_language)


def _locale() -> str:
    return current_app.config["POVEJ_CATALOG"].config.language(current_language()).locale  # type: ignore[no-any-return]


def _install_cached_gettext(app: Flask) -> None:
    """Templates look up each language's catalogue once per app, not through Flask-Babel on every string.

    Flask-Babel finds the request's translations anew for every `_()` (a few context lookups each); a site
    of thousands of pages calls it hundreds of thousands of times. The catalogue is chosen by the same
    locale selector, so what a page says is the same.
    """
    loaded: dict[str, Any] = {}
    source_language = app.config["POVEJ_CATALOG"].config.source_language

    def translations() -> Any:
        lang = g.get("lang") or source_language
        found = loaded.get(lang)
        if found is None:
            found = loaded[lang] = flask_babel.get_translations()
        return found

    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )


# Slovene writes a date inside a sentence with the month in the genitive (»23. novembra 2026«), which CLDR's
# long format does not give; the spaces must not break a date across lines.
GENITIVE_MONTHS = {"sl": ("januarja", "februarja", "marca", "aprila", "maja", "junija", "julija", "avgusta",
                          "septembra", "oktobra", "novembra", "decembra")}


def local_date(value: dt.date) -> str:
    """A date as readers of the current language write it in a sentence (sl: 23. novembra 2026)."""
    return _long_date(value, str(flask_babel.get_locale()))


@functools.lru_cache(maxsize=256)
def _long_date(value: dt.date, locale: str) -> str:
    # Every page shows when the help contacts were last checked: format each date once per language.
    months = GENITIVE_MONTHS.get(locale.split("_")[0])
    if months:
        return f"{value.day}.\u00a0{months[value.month - 1]}\u00a0{value.year}"
    return str(babel.dates.format_date(value, format="long", locale=locale))
