"""A new lesson, not yet saved, renders in the editor's preview without its related lists."""

from django.test import RequestFactory

from cms.templatetags.site_tags import lesson_terms, related_lectures
from courses.models import LessonPage


def test_an_unsaved_lesson_has_no_terms_or_lectures_yet(db):
    lesson = LessonPage(title="Uusi oppitunti", slug="uusi")
    assert lesson_terms({"request": RequestFactory().get("/")}, lesson) == []
    assert related_lectures({"request": RequestFactory().get("/")}, lesson) == []
