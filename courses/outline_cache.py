"""The course outline's ingredients, cached per course (all its translations at once).

What is cached: the live translations of the course, their live modules and their live
learning items, as page objects with light fields only (never bodies), under the content
generation of core/content_cache.py: any change to any page (a save, publish, unpublish,
move or delete, scheduled publishing included) starts a new generation, so the next
request reads the tree afresh. With the cache down every read misses and the outline is
read from the database, as before.
"""

from __future__ import annotations

from core import content_cache


def get(course_key):
    return content_cache.get("course-outline", course_key)


def put(course_key, parts) -> None:
    content_cache.put(parts, "course-outline", course_key)


def live_courses(read) -> dict:
    """Every live course by page id (`read()` when not cached): shared, read-only."""
    return content_cache.get_or_set(lambda: read() or False, "live-courses") or {}


def live_public(model, page_id: int, **filters):
    """The live page of `model` with this id (and `filters`) that anyone may read, its
    course primed, from the content cache while the content is unchanged (a publish,
    unpublish, move or new view restriction shows at once); None if there is none. Shared
    by the requests of this process: read it, never change it."""

    def read():
        page = model.objects.live().public().filter(id=page_id, **filters).first()
        if page is None:
            return False  # "no such page", cached as such until the content changes
        prime = getattr(page, "prime_route_cache", None)
        if prime is not None:
            prime()
        return page

    where = (f"{name}={value}" for name, value in sorted(filters.items()))
    parts = ("live-public", model._meta.label_lower, page_id, *where)
    return content_cache.get_or_set(read, *parts) or None


def url_of(page, request) -> str:
    """The page's address as this request sees it, from the cached site and site root
    paths (Wagtail would read both again)."""
    content_cache.site_for(request)
    return page.get_url(request)


def clear() -> None:
    content_cache.bump()
