from courses.models.learning import Enrolment, LessonCompletion, Reflection
from courses.models.pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.models.quiz import ProfileResultCount, QuizAttempt, QuizPage, QuizProfile

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
]
