"""Load test (not a test of the suite): `make bench-load`, or `uv run python -m bench.loadtest`.

Many simulated learners at once on PostgreSQL + Redis, as a webinar or a news story sends
them: the site under gunicorn with production settings, a real Celery worker, and Locust
(bench/locustfile.py) driving readers and learners who read the course, sign up (allauth's
form, the confirmation link from the email), mark lessons complete and answer the quizzes,
pausing between requests. Each simulated person records every write the server confirmed;
afterwards every one of them is looked up in the database (or, for a learner who had not
signed up yet, in their session): a write confirmed and not found is a **lost write**.

Prints a table per request type (count, failures, p50, p95, p99, req/s), the errors, the
lost writes and the targets of issue 13, and writes them as markdown to
bench/results/load-latest.md. Exits non-zero when any request failed (a status other than
the expected one, a page in the wrong signed-in state, a timeout, a broken connection) or
a write was lost. Latency targets are reported, met or not, never asserted.

Environment:
- DATABASE_URL (postgres://postgres@127.0.0.1:5432/foresight_bench_load): a PostgreSQL
  database whose name contains "bench"; dropped and created empty first, dropped at the end.
- REDIS_URL (redis://127.0.0.1:6379/10): cache, sessions' cache and Celery broker. The
  cache keys carry a prefix of the run's own and are deleted at the end.
- BENCH_LOAD_USERS (200) simulated people at once; BENCH_LOAD_SECONDS (300) of load;
  BENCH_LOAD_SPAWN_RATE (users / 20) people started per second at the beginning;
  BENCH_LOAD_READERS (0.25) the share of people who only read;
  BENCH_LOAD_PAUSE ("0.3-1.2") seconds a person pauses between two requests;
  BENCH_LOAD_KNOWS (0.8) the chance a learner knows a question's answer (else a guess);
  BENCH_LOAD_TIMEOUT (30) seconds before a request counts as timed out;
  BENCH_LOAD_WORKERS (3) gunicorn sync workers; BENCH_LOAD_CELERY (1) worker concurrency;
  BENCH_LOAD_RESULTS (bench/results/load-latest.md); BENCH_KEEP=1 keeps the scratch
  folder (logs, Locust's output) and the database.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.database import Cache, Database
from bench.pages import environment, load_content
from bench.servers import ROOT, Server, Worker

DATABASE = "postgres://postgres@127.0.0.1:5432/foresight_bench_load"
REDIS = "redis://127.0.0.1:6379/10"
TARGET_P95_MS = 200  # issue 13: p95 ≤ 200 ms for 200 learners
LANGUAGE = "fi"


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name}={raw!r}: a number is needed") from None
    if value < 0:
        raise SystemExit(f"{name}={raw!r}: a number ≥ 0 is needed")
    return value


@dataclass(frozen=True)
class Options:
    users: int
    seconds: int
    spawn_rate: float
    readers: float
    pause: tuple[float, float]
    knows: float
    timeout: float
    workers: int
    concurrency: int
    results: Path
    keep: bool

    @classmethod
    def from_env(cls) -> Options:
        users = max(1, int(_number("BENCH_LOAD_USERS", 200)))
        low, _sep, high = os.environ.get("BENCH_LOAD_PAUSE", "0.3-1.2").partition("-")
        try:
            pause = (float(low), float(high or low))
        except ValueError:
            raise SystemExit("BENCH_LOAD_PAUSE: two numbers like 0.3-1.2") from None
        return cls(
            users=users,
            seconds=max(1, int(_number("BENCH_LOAD_SECONDS", 300))),
            spawn_rate=_number("BENCH_LOAD_SPAWN_RATE", max(1.0, users / 20)),
            readers=min(1.0, _number("BENCH_LOAD_READERS", 0.25)),
            pause=pause,
            knows=min(1.0, _number("BENCH_LOAD_KNOWS", 0.8)),
            timeout=_number("BENCH_LOAD_TIMEOUT", 30),
            workers=max(1, int(_number("BENCH_LOAD_WORKERS", 3))),
            concurrency=max(1, int(_number("BENCH_LOAD_CELERY", 1))),
            results=ROOT / os.environ.get("BENCH_LOAD_RESULTS", "bench/results/load-latest.md"),
            keep=os.environ.get("BENCH_KEEP") == "1",
        )


# The plan the simulated people follow ----------------------------------------------------


def answer_key(quiz) -> dict[str, dict]:
    """Question id → {form field: the right answer}, as a learner who studied knows it:
    choices by value, positions by number, a matching by the text of its right side (the
    options' values are random tokens of each attempt)."""
    from courses.quizzes.questions.base import field_name

    key: dict[str, dict] = {}
    for block in quiz.questions:
        kind, value, qid = getattr(block.block, "kind", ""), block.value, block.id
        if kind in ("single", "multiple"):
            right = [c.id for c in value["choices"].bound_blocks if c.value["correct"]]
            key[qid] = {field_name(qid): right}
        elif kind == "truefalse":
            key[qid] = {field_name(qid): [value["correct_answer"]]}
        elif kind == "ordering":
            key[qid] = {
                field_name(qid, item.id): str(n)
                for n, item in enumerate(value["items"].bound_blocks, start=1)
            }
        elif kind == "matching":
            key[qid] = {
                field_name(qid, pair.id): {"label": pair.value["right"]}
                for pair in value["pairs"].bound_blocks
            }
    return key


def plan(options: Options, host: str, scratch: Path) -> dict:
    """What Locust's people need to know: the course's pages in reading order, the quizzes'
    answer keys, where the mail lands, how to tell a signed-in page."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from cms.models import HomePage
    from courses.models import CoursePage, QuizPage

    def path(page) -> str:
        return urlsplit(page.url).path

    course = CoursePage.objects.live().filter(locale__language_code=LANGUAGE).first()
    if course is None:
        raise SystemExit("no Finnish course: load_demo_content did not load it")
    outline = course.outline()
    modules = {module.id: n for n, module in enumerate(outline.modules)}
    quizzes = QuizPage.objects.in_bulk([item.id for item in outline.items if item.is_quiz])
    home = HomePage.objects.live().filter(locale__language_code=LANGUAGE).first()
    with translation.override(LANGUAGE):
        dashboard = reverse("dashboard")
    readers = round(100 * options.readers)
    return {
        "run": secrets.token_hex(3),
        "host": host,
        "home": path(home),
        "course": path(course),
        "modules": [path(module) for module in outline.modules],
        "items": [
            {
                "kind": "quiz" if item.is_quiz else "lesson",
                "id": item.id,
                "path": path(item.page),
                "module": modules.get(item.module.id, 0) if item.module else 0,
            }
            for item in outline.items
        ],
        "answers": {str(quiz_id): answer_key(quiz) for quiz_id, quiz in quizzes.items()},
        "max_attempts": max((quiz.max_attempts for quiz in quizzes.values()), default=3) or 3,
        "dashboard": dashboard,
        "signup": reverse("account_signup"),
        "logout_marker": f'action="{reverse("account_logout")}"',
        "passed_marker": "result-summary--passed",
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "mail": str(scratch / "mail"),
        "results": str(scratch / "locust-results.json"),
        "weights": {"reader": readers, "learner": 100 - readers},
        "pause": list(options.pause),
        "knows": options.knows,
        "timeout": options.timeout,
    }


# Running Locust ---------------------------------------------------------------------------


def wait_for_worker(site: Server, seconds: float = 90) -> None:
    """Until /healthz/worker sees the Celery worker's heartbeat."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(site.url + "/healthz/worker", timeout=5):  # noqa: S310
                return
        except (urllib.error.HTTPError, OSError):
            time.sleep(1)
    raise SystemExit(f"the Celery worker gave no heartbeat in {seconds:g} s")


def run_locust(options: Options, site: Server, plan_file: Path, scratch: Path) -> dict:
    log = scratch / "locust.log"
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        site.url,
        "--users",
        str(options.users),
        "--spawn-rate",
        f"{options.spawn_rate:g}",
        "--run-time",
        f"{options.seconds}s",
        "--stop-timeout",
        "0",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    sys.stderr.write(
        f"Locust: {options.users} people ({options.readers:.0%} readers) for "
        f"{options.seconds} s, against {site.url}\n"
    )
    with log.open("ab") as out:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env={**os.environ, "BENCH_LOAD_PLAN": str(plan_file)},
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=options.seconds + 300,
            check=False,
        )
    results = Path(json.loads(plan_file.read_text())["results"])
    if not results.exists():
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        raise SystemExit(f"Locust wrote no results (exit {done.returncode}):\n{tail}")
    return json.loads(results.read_text())


# Counting the writes ----------------------------------------------------------------------


def lost_writes(writes: list[dict]) -> dict[str, list[str]]:
    """Every confirmed write looked up: kind → what was not found."""
    from importlib import import_module

    from allauth.account.models import EmailAddress
    from django.conf import settings

    from accounts.models import User
    from courses.models import LessonCompletion, QuizAttempt

    emails = {w["email"] for w in writes if w["email"]}
    users = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    verified = set(
        EmailAddress.objects.filter(email__in=emails, verified=True).values_list("email", flat=True)
    )
    completions = set(
        LessonCompletion.objects.filter(user__email__in=emails).values_list(
            "user__email", "lesson_id"
        )
    )
    attempt_ids = [w["attempt"] for w in writes if w["kind"] == "attempt"]
    attempts = dict(
        QuizAttempt.objects.filter(pk__in=attempt_ids, submitted_at__isnull=False).values_list(
            "pk", "user__email"
        )
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions: dict[str, dict] = {}

    def in_session(key: str, lesson: int) -> bool:
        if key not in sessions:
            sessions[key] = store(session_key=key).load() if key else {}
        done = (sessions[key].get("learning") or {}).get("done") or {}
        return str(lesson) in done

    lost: dict[str, list[str]] = {"signup": [], "confirmation": [], "completion": [], "attempt": []}
    for write in writes:
        kind, email = write["kind"], write["email"]
        if kind == "signup" and email not in users:
            lost[kind].append(email)
        elif kind == "confirmation" and email not in verified:
            lost[kind].append(email)
        elif kind == "completion":
            # Signed in: a row. Anonymous: in the session, or in the account the session
            # joined when the learner signed up.
            if (email, write["lesson"]) not in completions and (
                write["signed_in"] or not in_session(write["session"], write["lesson"])
            ):
                lost[kind].append(f"lesson {write['lesson']} of {email}")
        elif kind == "attempt":
            if write["attempt"] not in attempts:
                lost[kind].append(f"attempt {write['attempt']} of {email}")
            elif write["signed_in"] and attempts[write["attempt"]] != email:
                lost[kind].append(f"attempt {write['attempt']} is not {email}'s")
    return lost


def course_completions(writes: list[dict]) -> tuple[int, dict[str, int]]:
    """Learners of this run who completed the course, and their certificates by status
    (issued on completion; rendered by the worker once the learner confirms the name)."""
    from django.db.models import Count

    from certificates.models import Certificate
    from courses.models import Enrolment

    emails = {w["email"] for w in writes if w["kind"] == "confirmation"}
    completed = Enrolment.objects.filter(user__email__in=emails, completed_at__isnull=False).count()
    statuses = dict(
        Certificate.objects.filter(user__email__in=emails)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return completed, statuses


# The table ---------------------------------------------------------------------------------


def percentile(times: dict[int, int], share: float) -> float:
    """Locust's histogram (rounded ms → count): the time under which `share` of them fell."""
    total = sum(times.values())
    if not total:
        return 0.0
    seen = 0
    for ms in sorted(times):
        seen += times[ms]
        if seen >= share * total:
            return float(ms)
    return float(max(times))


@dataclass
class Line:
    name: str
    requests: int
    failures: int
    times: dict[int, int]

    def cells(self, seconds: float) -> list[str]:
        return [
            self.name,
            str(self.requests),
            str(self.failures),
            f"{percentile(self.times, 0.50):.0f}",
            f"{percentile(self.times, 0.95):.0f}",
            f"{percentile(self.times, 0.99):.0f}",
            f"{self.requests / seconds:.1f}",
        ]


HEADINGS = ["request", "count", "failures", "p50 ms", "p95 ms", "p99 ms", "req/s"]


def merged(name: str, lines: list[Line]) -> Line:
    times: dict[int, int] = {}
    for line in lines:
        for ms, count in line.times.items():
            times[ms] = times.get(ms, 0) + count
    return Line(name, sum(x.requests for x in lines), sum(x.failures for x in lines), times)


def table_lines(results: dict) -> list[Line]:
    lines = [
        Line(
            f"{entry['name']}",
            entry["requests"],
            entry["failures"],
            {int(ms): count for ms, count in entry["times"].items()},
        )
        for entry in results["entries"]
    ]
    order = [
        "home",
        "course page",
        "module page",
        "lesson, anonymous",
        "lesson, signed in",
        "lesson completion (POST)",
        "quiz page, anonymous",
        "quiz page, signed in",
        "quiz start (POST)",
        "quiz submission (POST)",
        "quiz result",
        "sign-up form",
        "sign-up (POST)",
        "email confirmation page",
        "email confirmation (POST)",
        "dashboard",
    ]
    lines.sort(key=lambda x: (order.index(x.name) if x.name in order else len(order), x.name))
    pages = [x for x in lines if not x.name.endswith("(POST)") and x.name != "confirmation email"]
    posts = [x for x in lines if x.name.endswith("(POST)")]
    lessons = [x for x in lines if x.name.startswith("lesson, ")]
    return [
        *lines,
        merged("all lesson pages", lessons),
        merged("all pages (GET)", pages),
        merged("all forms sent (POST)", posts),
        merged("all requests", lines),
    ]


def text_table(rows: list[list[str]]) -> str:
    table = [HEADINGS, *rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADINGS))]

    def line(cells: list[str]) -> str:
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([cells[0].ljust(widths[0]), *rest])

    return "\n".join([line(HEADINGS), "  ".join("-" * w for w in widths), *map(line, rows)])


def markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|---|" + "---:|" * (len(HEADINGS) - 1)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def describe(options: Options, database: Database) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " with uncommitted changes"
    low, high = options.pause
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit}; {os.cpu_count()} CPUs. "
        f"{database.label}, Redis (cache and broker), a Celery worker "
        f"(concurrency {options.concurrency}); gunicorn with {options.workers} sync workers "
        f"(cms.settings.production). Locust: {options.users} people "
        f"({options.readers:.0%} readers, the others learners), started "
        f"{options.spawn_rate:g} a second, for {options.seconds} s, each pausing "
        f"{low:g}–{high:g} s between requests; a request times out after "
        f"{options.timeout:g} s."
    )


def report(options, database, results, lost, completions, server_errors) -> int:
    seconds = max(1.0, results["stopped"] - results["started"])
    lines = table_lines(results)
    rows = [line.cells(seconds) for line in lines]
    by_name = {line.name: line for line in lines}
    failures = sum(e["count"] for e in results["errors"])
    if not by_name["all requests"].requests:
        failures += 1
        results["errors"].append(
            {"method": "", "name": "the run", "error": "no request was made", "count": 1}
        )
    lost_count = sum(len(items) for items in lost.values())
    writes = results["writes"]
    counted = {kind: sum(1 for w in writes if w["kind"] == kind) for kind in lost}

    def met(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lesson_p95 = percentile(by_name["all lesson pages"].times, 0.95)
    all_p95 = percentile(by_name["all requests"].times, 0.95)
    targets = [
        f"errors: {failures} (target 0): {met(failures == 0)}",
        f"lost writes: {lost_count} of {len(writes)} confirmed (target 0): {met(lost_count == 0)}",
        f"p95 of the lesson pages: {lesson_p95:.0f} ms (target ≤ {TARGET_P95_MS} ms for "
        f"200 learners): {met(lesson_p95 <= TARGET_P95_MS)}",
        f"p95 of all requests: {all_p95:.0f} ms (target ≤ {TARGET_P95_MS} ms): "
        f"{met(all_p95 <= TARGET_P95_MS)}",
    ]
    notes = [
        "Confirmed writes, each looked up after the run: "
        + ", ".join(f"{counted[kind]} {kind}s ({len(lost[kind])} lost)" for kind in lost)
        + ".",
        f"Learners who completed the course: {completions[0]}; their certificates: "
        + (", ".join(f"{n} {status}" for status, n in sorted(completions[1].items())) or "none")
        + ".",
    ]
    notes += [
        f"failure: {e['count']} × {e['method']} {e['name']}: {e['error']}"
        for e in sorted(results["errors"], key=lambda e: -e["count"])
    ]
    notes += [f"lost {kind}: {item}" for kind, items in lost.items() for item in items[:20]]
    notes += server_errors
    heading = describe(options, database) + f" Measured over {seconds:.0f} s."

    sys.stdout.write("\n" + heading + "\n\n" + text_table(rows) + "\n\n")
    sys.stdout.write("".join(f"- {line}\n" for line in targets + notes))
    options.results.parent.mkdir(parents=True, exist_ok=True)
    options.results.write_text(
        "\n".join(
            [
                "# Load test (`make bench-load`)",
                "",
                heading,
                "",
                markdown_table(rows),
                "",
                "Response times in ms from Locust (the time to the whole response, "
                "including the wait for a free gunicorn worker); req/s over the whole run. "
                "A failure is an answer other than the expected status (200 for a page, "
                "302 for a form sent), a page in the wrong signed-in state, a timeout or a "
                "broken connection.",
                "",
                "Targets (issue 13):",
                "",
                *(f"- {line}" for line in targets),
                "",
                *(f"- {line}" for line in notes),
            ]
        )
        + "\n"
    )
    sys.stdout.write(f"\nwritten to {options.results}\n")
    return 1 if failures or lost_count else 0


def server_tracebacks(*processes: Server) -> list[str]:
    found = []
    for process in processes:
        log = process.log_tail(100_000)
        if "Traceback" in log:
            sys.stderr.write(f"\nthe {process.name}'s log:\n{process.log_tail(200)}\n")
            count = log.count("Traceback")
            found.append(f"the {process.name} logged {count} tracebacks (printed by the run)")
    return found


# The run -----------------------------------------------------------------------------------


def _stop_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    options = Options.from_env()
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _stop_on_signal)
    scratch = Path(tempfile.mkdtemp(prefix="foresight-load-"))
    database = Database.choose(os.environ.get("DATABASE_URL") or DATABASE, scratch)
    cache = Cache.choose(os.environ.get("REDIS_URL") or REDIS)
    env = {
        **environment(scratch, database, cache),
        # The learners read their confirmation links from the files of this folder.
        # (django-environ reads the path after "filemail://" without its first slash.)
        "EMAIL_URL": f"filemail:///{scratch / 'mail'}",
    }
    status = 1
    with ExitStack() as cleanup:
        if not options.keep:
            cleanup.callback(shutil.rmtree, scratch, ignore_errors=True)
        sys.stderr.write(f"scratch folder {scratch}; {database.label}, {cache.label}\n")
        database.create()
        if not options.keep:
            cleanup.callback(database.drop)
        cleanup.callback(cache.clear)
        load_content(env, scratch)

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connections

        cleanup.callback(connections.close_all)
        site = Server("site", "cms.wsgi:application", options.workers, env, scratch / "site.log")
        worker = Worker("worker", env, scratch / "worker.log", options.concurrency)
        plan_file = scratch / "plan.json"
        plan_file.write_text(json.dumps(plan(options, f"127.0.0.1:{site.port}", scratch)))
        connections.close_all()
        cleanup.callback(site.stop)
        cleanup.callback(worker.stop)
        worker.start()
        site.start("/healthz")
        wait_for_worker(site)

        results = run_locust(options, site, plan_file, scratch)
        sys.stderr.write("counting the confirmed writes in the database\n")
        lost = lost_writes(results["writes"])
        completions = course_completions(results["writes"])
        status = report(
            options, database, results, lost, completions, server_tracebacks(site, worker)
        )
    raise SystemExit(status)


if __name__ == "__main__":
    main()
