"""A translator adds Swedish through the admin's Translate action: a Finnish lesson copies
into the Swedish tree, with the course and module above it, and serves under /sv/."""

from wagtail.models import Locale

from courses.models import LessonPage


def test_a_lesson_copies_into_swedish_with_its_parents(site_content, client):
    lesson = LessonPage.objects.live().filter(locale__language_code="fi").order_by("path")[0]
    swedish = Locale.objects.get(language_code="sv")

    copy = lesson.copy_for_translation(swedish, copy_parents=True)
    copy.title = "Prognos eller framsynthet?"
    copy.save_revision().publish()

    assert copy.url.startswith("/sv/")
    assert copy.get_parent().specific.locale == swedish
    response = client.get(copy.url)
    assert response.status_code == 200
    assert "Prognos eller framsynthet?" in response.content.decode()
    assert [b.block_type for b in copy.body] == [b.block_type for b in lesson.body]
