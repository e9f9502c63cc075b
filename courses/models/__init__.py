from courses.models.learning import Enrolment, LessonCompletion, Reflection
from courses.models.pages import CourseIndexPage, CoursePage, LessonPage, ModulePage

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "Reflection",
]
