def test_a_lesson_is_numbered_among_the_lessons_not_the_quizzes(client, build_course):
    """ "Lesson 3 of 4" counts lessons only: the module quiz between them is not a lesson."""
    from tests.conftest import fi
    from tests.factories import QuizPageFactory

    built = build_course(lessons=4, modules=2)
    QuizPageFactory(parent=built.modules[0])  # after lessons 1 and 2
    third = built.lessons[2]
    html = client.get(third.url).content.decode()
    assert fi("Lesson %(position)s of %(total)s") % {"position": 3, "total": 4} in html
