"""The courses app's models, for Django: the course tree's pages (`pages`, and the quiz
pages in `courses.quizzes.pages`) and the learners' records (`learning`, and the quiz
attempts in `courses.quizzes.records`). Code inside the app imports from those modules."""

from courses.models.learning import Enrolment, LessonCompletion, Reflection
from courses.models.pages import CourseIndexPage, CoursePage, LessonPage, ModulePage, course_of
from courses.quizzes.pages import QuizPage, QuizProfile
from courses.quizzes.records import ProfileResultCount, QuizAttempt

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "ProfileResultCount",
    "QuizAttempt",
    "QuizPage",
    "QuizProfile",
    "Reflection",
    "course_of",
]
