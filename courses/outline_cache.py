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


def clear() -> None:
    content_cache.bump()
