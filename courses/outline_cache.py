"""The course outline's ingredients, cached per course (all its translations at once).

What is cached: the live translations of the course, their live modules and their live
learning items, as page objects with light fields only (never bodies). Any change to any
page (a save, publish, unpublish, move or delete, scheduled publishing included) starts a
new generation, at once and again when the change commits, so the next request reads the
tree afresh: a reader can never store what an uncommitted change is about to replace under
the generation that follows it. With the cache down every read misses and the outline is
read from the database, as before.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "course-outline:generation"
CACHE_SECONDS = 60 * 60


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY) or generation
    return generation


def _key(course_key) -> str:
    return f"course-outline:{_generation()}:{course_key}"


def get(course_key):
    return cache.get(_key(course_key))


def put(course_key, parts) -> None:
    cache.set(_key(course_key), parts, CACHE_SECONDS)


def clear() -> None:
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))
