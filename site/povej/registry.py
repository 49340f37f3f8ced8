"""Every page type of the site, in one list: adding a page type is its declaration (and its template)."""
from __future__ import annotations

from . import classroom, search, views
from .pages import PageType

PAGE_TYPES: tuple[PageType, ...] = (*views.PAGE_TYPES, *classroom.PAGE_TYPES, *search.PAGE_TYPES)
