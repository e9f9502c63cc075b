"""The pages `make bench` measures: for each, the request wrk sends (with the rows that make
every POST a fresh learner's), the status it must answer and what else proves it right; and
the two ways each is looked at before the load: once through gunicorn, and once in this
process to count its queries. Needs Django set up (bench.pages does that first)."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench import learners, report
from bench.load import Answer, Request, fetch, fill
from courses.models import LessonCompletion, QuizAttempt

Rows = list[tuple[str, ...]]


@dataclass
class Page:
    name: str
    request: Request
    expect: int = 200
    rows: Callable[[int], Rows] | None = None  # fresh rows for a run of n requests
    check: Callable[[Answer, tuple[str, ...] | None], str] | None = None  # '' when right


def catalogue(site: learners.Site) -> list[Page]:
    """The pages in the order of the table, each with its request and its check."""
    logout = f'action="{reverse("account_logout")}"'.encode()
    session_cookie = settings.SESSION_COOKIE_NAME
    csrf = f"{settings.CSRF_COOKIE_NAME}={site.csrf.cookie}"

    def cookie(session: str) -> dict[str, str]:
        return {"Cookie": f"{session_cookie}={session}; {csrf}"}

    def signed_in(answer: Answer, row) -> str:
        return "" if logout in answer.body else "the page is not signed in"

    def anonymous(answer: Answer, row) -> str:
        return "" if logout not in answer.body else "the page is signed in"

    def kept_session(answer: Answer, row) -> str:
        if f"{session_cookie}=" in (answer.headers.get("Set-Cookie") or ""):
            return "the visitor's session was not accepted (a new one was set)"
        return anonymous(answer, row)

    def quiz_form(answer: Answer, row) -> str:
        if b'name="attempt"' not in answer.body:
            return "no open attempt on the page"
        return signed_in(answer, row)

    def submitted(answer: Answer, row) -> str:
        attempt = QuizAttempt.objects.get(pk=row[2])
        if not (attempt.submitted_at and attempt.passed):
            return "the attempt was not submitted and passed"
        return ""

    def completed(answer: Answer, row) -> str:
        if not LessonCompletion.objects.filter(user_id=row[2], lesson_id=row[3]).exists():
            return "the lesson was not marked complete for the learner"
        return ""

    def shows_code(answer: Answer, row) -> str:
        return "" if site.certificate_code.encode() in answer.body else "no certificate code"

    def found(answer: Answer, row) -> str:
        return "" if b'class="search-result"' in answer.body else "no search results"

    post = {"Content-Type": "application/x-www-form-urlencoded"}
    quiz_submit = learners.url("quiz_submit", quiz_id=site.submit_quiz_id)
    return [
        Page("home", Request("GET", site.home), check=anonymous),
        Page("course page", Request("GET", site.course), check=anonymous),
        Page("module page", Request("GET", site.module), check=anonymous),
        Page("lesson, anonymous first visit", Request("GET", site.lesson), check=anonymous),
        Page(
            "lesson, anonymous with progress",
            Request("GET", site.lesson, cookie(site.visitor_session)),
            check=kept_session,
        ),
        Page(
            "lesson, signed in mid-course",
            Request("GET", site.lesson, cookie(site.learner_session)),
            check=signed_in,
        ),
        Page(
            "quiz page, signed in (open attempt)",
            Request("GET", site.quiz, cookie(site.learner_session)),
            check=quiz_form,
        ),
        Page(
            "quiz submission (POST)",
            Request("POST", quiz_submit, {**cookie("{1}"), **post}, "{2}"),
            expect=302,
            rows=lambda n: learners.quiz_submission_rows(site, n),
            check=submitted,
        ),
        Page(
            "lesson completion (POST)",
            Request("POST", "{2}", {**cookie("{1}"), **post}, learners.completion_body(site)),
            expect=302,
            rows=lambda n: learners.lesson_completion_rows(site, n),
            check=completed,
        ),
        Page(
            "dashboard, signed in",
            Request("GET", site.dashboard, cookie(site.learner_session)),
            check=signed_in,
        ),
        Page(
            "certificate verification",
            # Every verifier is somebody else behind the proxy: 30 lookups a minute each.
            Request("GET", site.verify, {"X-Forwarded-For": "{1}"}),
            rows=lambda n: [
                (f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{n % 250 + 1}",)
                for n in range(n)
            ],
            check=shows_code,
        ),
        Page("search", Request("GET", site.search), check=found),
    ]


# Looking at a page once ---------------------------------------------------------------


def check_page(base: str, page: Page, row: report.Row) -> None:
    """One request through gunicorn: the expected status, and the page's own check."""
    sample = page.rows(1)[0] if page.rows else None
    answer = fetch(base, page.request, sample)
    row.size = len(answer.body)
    if answer.status != page.expect:
        row.error = f"answered {answer.status}, not {page.expect}"
    elif page.check and (problem := page.check(answer, sample)):
        row.error = problem


def count_queries(host: str, page: Page, row: report.Row) -> None:
    """The page's queries in this process, through Django's test client against the same
    database and cache: warmed once, then counted."""
    samples = page.rows(2) if page.rows else [None, None]
    for sample in samples:
        request = page.request
        client = Client(HTTP_HOST=host)
        headers = {name: fill(value, sample) for name, value in request.headers.items()}
        content_type = headers.pop("Content-Type", "application/octet-stream")
        with CaptureQueriesContext(connection) as queries:
            response = client.generic(
                request.method,
                fill(request.path, sample),
                data=fill(request.body, sample),
                content_type=content_type,
                headers=headers,
            )
        if response.status_code != page.expect and not row.error:
            row.error = f"answered {response.status_code} in process, not {page.expect}"
    row.queries = len(queries.captured_queries)
    if os.environ.get("BENCH_SHOW_QUERIES") == "1":
        sys.stderr.write(f"{page.name}: {row.queries} queries\n")
        sys.stderr.write("".join(f"  {q['sql'][:160]}\n" for q in queries.captured_queries))
