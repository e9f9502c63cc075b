from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.quizzes.reports import QuizItemAnalysisView, QuizReportIndexView


@hooks.register("register_admin_urls")
def register_quiz_report_urls():
    return [
        path("reports/quizzes/", QuizReportIndexView.as_view(), name="quiz_reports"),
        path(
            "reports/quizzes/results/",
            QuizReportIndexView.as_view(results_only=True),
            name="quiz_reports_results",
        ),
        path(
            "reports/quizzes/<id:quiz_id>/",
            QuizItemAnalysisView.as_view(),
            name="quiz_item_analysis",
        ),
        path(
            "reports/quizzes/<id:quiz_id>/results/",
            QuizItemAnalysisView.as_view(results_only=True),
            name="quiz_item_analysis_results",
        ),
    ]


class QuizReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.view_quizattempt")


@hooks.register("register_reports_menu_item")
def register_quiz_reports_menu_item():
    return QuizReportsMenuItem(
        _("Quiz results"), reverse("quiz_reports"), icon_name="tasks", order=700
    )
