"""Quiz reports in the Wagtail admin, built on Wagtail's report views (CSV and XLSX export)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from courses.quizzes import item_analysis, item_counts
from courses.quizzes.pages import QuizPage
from courses.quizzes.records import QuizAttempt


class QuizReportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("courses.view_quizattempt"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QuizReportIndexView(QuizReportPermissionMixin, ReportView):
    page_title = _("Quiz results")
    header_icon = "tasks"
    index_url_name = "quiz_reports"
    index_results_url_name = "quiz_reports_results"
    results_template_name = "wagtailadmin/generic/listing_results.html"
    paginate_by = 50
    list_export = ["title", "attempts_count", "pass_rate", "mean_score"]
    export_headings = {
        "title": _("Quiz"),
        "attempts_count": _("Attempts"),
        "pass_rate": _("Pass rate (%)"),
        "mean_score": _("Mean score (%)"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Quiz"),
                get_url=lambda quiz: reverse("quiz_item_analysis", args=[quiz.pk]),
            ),
            Column("attempts_count", label=_("Attempts")),
            Column("pass_rate", label=_("Pass rate (%)")),
            Column("mean_score", label=_("Mean score (%)")),
        ]

    def get_queryset(self):
        quizzes = list(QuizPage.objects.filter(mode=QuizPage.Mode.GRADED).order_by("path"))
        # Grouped by quiz before anything is joined, from the index on (quiz, submitted_at,
        # passed, score): no attempt row is read, however many there are.
        figures = {
            row["quiz"]: row
            for row in QuizAttempt.objects.filter(quiz__in=quizzes, submitted_at__isnull=False)
            .values("quiz")
            .annotate(
                count=Count("*"), passed=Count("passed", filter=Q(passed=True)), mean=Avg("score")
            )
            .order_by()
        }
        for quiz in quizzes:
            row = figures.get(quiz.pk, {"count": 0, "passed": 0, "mean": None})
            quiz.attempts_count = row["count"]
            quiz.pass_rate = round(100 * row["passed"] / row["count"], 1) if row["count"] else 0
            quiz.mean_score = round(float(row["mean"]), 1) if row["mean"] is not None else 0
        return quizzes


class QuizItemAnalysisView(QuizReportPermissionMixin, ReportView):
    header_icon = "tasks"
    results_template_name = "wagtailadmin/generic/listing_results.html"
    template_name = "courses/admin/quiz_item_analysis.html"
    paginate_by = None
    list_export = [
        "number",
        "question",
        "kind",
        "answered",
        "share_correct",
        "mean_credit",
        "choice",
        "correct_choice",
        "chosen",
        "share_chosen",
    ]
    export_headings = {
        "number": _("No."),
        "question": _("Question"),
        "kind": _("Type"),
        "answered": _("Answered"),
        "share_correct": _("Share correct (%)"),
        "mean_credit": _("Mean credit (%)"),
        "choice": _("Choice"),
        "correct_choice": _("Correct choice"),
        "chosen": _("Chosen"),
        "share_chosen": _("Share chosen (%)"),
    }

    @cached_property
    def columns(self):
        return [Column(name, label=label) for name, label in self.export_headings.items()]

    @cached_property
    def quiz(self) -> QuizPage:
        return get_object_or_404(QuizPage, pk=self.kwargs["quiz_id"])

    def get_page_title(self):
        return _("Item analysis: %(title)s") % {"title": self.quiz.title}

    def get_index_url(self):
        return reverse("quiz_item_analysis", args=[self.quiz.pk])

    def get_index_results_url(self):
        return reverse("quiz_item_analysis_results", args=[self.quiz.pk])

    @cached_property
    def analysis(self):
        order = [block.id for block in self.quiz.questions]
        return item_counts.count_items(self.quiz).figures(order)

    def get_queryset(self):
        return item_analysis.rows(self.analysis[1])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["summary"] = self.analysis[0]
        context["quiz"] = self.quiz
        return context
