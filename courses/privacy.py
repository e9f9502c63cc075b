"""The courses' personal data in the privacy registry (accounts/privacy.py)."""

from django.utils.translation import gettext_lazy as _

from accounts.privacy import Erase, register

register(
    "courses.Enrolment",
    owners={"user": Erase.DELETE},
    export=("course", "started_at", "completed_at", "plan_done_at", "last_page", "last_visited_at"),
    about=_("The courses you started, where you left off, and when you completed each."),
)
register(
    "courses.LessonCompletion",
    owners={"user": Erase.DELETE},
    export=("lesson", "completed_at"),
    about=_("The lessons you marked complete, and when."),
)
register(
    "courses.Reflection",
    owners={"user": Erase.DELETE},
    export=("lesson", "prompt_id", "text", "updated_at"),
    about=_("Your answers to the lessons' reflection questions."),
)
register(
    "courses.QuizAttempt",
    owners={"user": Erase.DELETE},
    export=(
        "quiz",
        "number",
        "started_at",
        "submitted_at",
        "answers",
        "results",
        "score",
        "passed",
        "profile_result",
    ),
    about=_(
        "Your quiz attempts: your answers, their results and your scores, and the results "
        "of the futurist test."
    ),
)
