"""Page benchmark (not a test): `make bench`, or `uv run python -m bench.pages`.

Prepares a database with the course content and some learners, serves the site with
production settings under gunicorn beside a bare Django view (the floor, bench/floor.py)
served the same way, checks every page once, counts each page's queries, then drives the
floor and each page in turn with wrk, round after round, and prints the table (also
written as markdown to bench/results/latest.md). README, "Performance", says more.

Environment: BENCH_SECONDS (5) per run, BENCH_ROUNDS (3), BENCH_THREADS (2) and
BENCH_CONNECTIONS (10) for wrk, BENCH_WORKERS (3) gunicorn workers, BENCH_WARMUP (2)
seconds per page before the rounds, BENCH_TIMEOUT (10) seconds before wrk gives up on a
request, BENCH_POOL (100 × BENCH_SECONDS) fresh learners' rows per run of a POST page,
BENCH_PAGES (all) comma-separated parts of page names to run, BENCH_RESULTS
(bench/results/latest.md), BENCH_KEEP=1 keeps the scratch folder and database,
BENCH_SHOW_QUERIES=1 prints each page's SQL.
DATABASE_URL (PostgreSQL, a database named *bench*) and REDIS_URL switch from SQLite and
the database cache.
BENCH_LEARNERS (none) first makes that many learners with realistic histories
(`manage.py scale_data`: about 20 lesson completions each, quiz attempts, certificates), so
the pages are measured against a full database: 1000, or 100000 on PostgreSQL. The table
then goes to bench/results/latest-<N>-learners.md unless BENCH_RESULTS says otherwise, and
the run also times the item analysis of the most attempted quiz.
"""

from __future__ import annotations

import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bench import report
from bench.database import Cache, Database
from bench.load import Request, Run, fetch, run_wrk
from bench.servers import ROOT, Server

if TYPE_CHECKING:
    from bench.journeys import Page, Rows


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name}={raw!r}: a number is needed") from None
    if value <= 0:
        raise SystemExit(f"{name}={raw!r}: a positive number is needed")
    return value


@dataclass(frozen=True)
class Options:
    seconds: float
    rounds: int
    threads: int
    connections: int
    workers: int
    warmup: float
    timeout: float
    pool: int
    only: list[str]
    results: Path
    keep: bool
    learners: int

    @classmethod
    def from_env(cls) -> Options:
        seconds = _number("BENCH_SECONDS", 5)
        learners = int(_number("BENCH_LEARNERS", 0)) if os.environ.get("BENCH_LEARNERS") else 0
        default_results = "bench/results/" + (
            f"latest-{learners}-learners.md" if learners else "latest.md"
        )
        return cls(
            seconds=seconds,
            rounds=int(_number("BENCH_ROUNDS", 3)),
            threads=int(_number("BENCH_THREADS", 2)),
            connections=int(_number("BENCH_CONNECTIONS", 10)),
            workers=int(_number("BENCH_WORKERS", 3)),
            warmup=_number("BENCH_WARMUP", 2),
            timeout=_number("BENCH_TIMEOUT", 10),
            pool=int(_number("BENCH_POOL", 100 * seconds)),
            only=[part.strip() for part in os.environ.get("BENCH_PAGES", "").split(",") if part],
            results=ROOT / os.environ.get("BENCH_RESULTS", default_results),
            keep=os.environ.get("BENCH_KEEP") == "1",
            learners=learners,
        )


# The site ------------------------------------------------------------------------------


def environment(scratch: Path, database: Database, cache: Cache) -> dict[str, str]:
    """Production settings (bench.settings is cms.settings.production with the static
    files collected into the scratch folder), with what production needs from outside."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "WAGTAILADMIN_BASE_URL": "https://kurssi.example.fi",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "https://kurssi.example.fi",
        "DATABASE_URL": database.url,
        "REDIS_URL": cache.redis_url,
        "CACHE_KEY_PREFIX": cache.prefix,
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private-media"),
        "BENCH_STATIC_ROOT": str(scratch / "static"),
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
    }


# SQLite serves a site of a few thousand learners; a benchmark of more is PostgreSQL's.
SQLITE_LEARNERS = 10_000


def load_content(env: dict[str, str], scratch: Path, learners: int = 0) -> None:
    """Migrations, the course and site content, static files: as a deployment does; then
    the scaled learners, when asked for. Without Redis, so the content loader's publishing
    runs its tasks eagerly instead of queueing them for a worker that is not there."""
    quiet = {**env, "REDIS_URL": ""}
    log = scratch / "prepare.log"
    commands = [["migrate", "--noinput"], ["load_demo_content"], ["collectstatic", "--noinput"]]
    if learners:
        commands.append(["scale_data", f"--learners={learners}"])
    for command in commands:
        sys.stderr.write(f"  manage.py {' '.join(command)}\n")
        with log.open("ab") as out:
            done = subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=quiet,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if done.returncode:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
            raise SystemExit(f"manage.py {command[0]} failed:\n{tail}")
        if command[0] == "scale_data":
            sys.stderr.write("  " + log.read_text(errors="replace").splitlines()[-1] + "\n")


# Measuring -----------------------------------------------------------------------------


def wrk(server: Server, request: Request, rows: Rows | None, seconds: float, options, scratch):
    return run_wrk(
        server.url,
        request,
        rows,
        seconds=seconds,
        threads=options.threads,
        connections=options.connections,
        timeout=options.timeout,
        scratch=scratch,
    )


def pool_size(options: Options, page: Page, seen: dict[str, float]) -> int:
    """Enough rows for the run: the pool setting, or half as much again as the best rate
    seen so far would use."""
    return max(options.pool, int(seen.get(page.name, 0) * options.seconds * 1.5) + 100)


def measure(options, app: Server, floor: Server, todo: list[Page], rows, scratch) -> list[Run]:
    floor_request = Request("GET", "/")
    seen: dict[str, float] = {}

    def page_rows(page: Page) -> Rows | None:
        return page.rows(pool_size(options, page, seen)) if page.rows else None

    sys.stderr.write(f"warming up ({options.warmup:g} s a page)\n")
    wrk(floor, floor_request, None, options.warmup, options, scratch)
    for page in todo:
        run = wrk(app, page.request, page_rows(page), options.warmup, options, scratch)
        seen[page.name] = run.rate
    floors: list[Run] = []
    for number in range(1, options.rounds + 1):
        for page in todo:
            prepared = page_rows(page)
            floor_run = wrk(floor, floor_request, None, options.seconds, options, scratch)
            run = wrk(app, page.request, prepared, options.seconds, options, scratch)
            seen[page.name] = max(seen.get(page.name, 0), run.rate)
            floors.append(floor_run)
            rows[page.name].runs.append(run)
            rows[page.name].floors.append(floor_run)
            sys.stderr.write(
                f"round {number}/{options.rounds}  {page.name}: {run.rate:.0f} req/s "
                f"(floor {floor_run.rate:.0f}){'  ' + run.failure if run.failure else ''}\n"
            )
    return floors


# The run -------------------------------------------------------------------------------


def describe(options: Options, database: Database, cache: Cache) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    scaled = f", {options.learners:,} learners (scale_data)" if options.learners else ""
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " with uncommitted changes"
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit}; {cpu}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}. "
        f"{database.label}, {cache.label}{scaled}; gunicorn with {options.workers} sync workers "
        f"(cms.settings.production); wrk {options.threads} threads × "
        f"{options.connections} connections, {options.rounds} rounds × {options.seconds:g} s "
        f"a page, each right after a {options.seconds:g} s run of the floor."
    )


def write_results(options: Options, heading: str, table: str, notes: list[str]) -> None:
    options.results.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Page benchmark (`make bench`)",
        "",
        heading,
        "",
        table,
        "",
        "Queries: one request through Django's test client against the same database and "
        "cache, after one warm-up request. req/s, p50 and p99: medians over the rounds. "
        "Share of the floor: the page's req/s over the floor's in the run just before it.",
    ]
    if notes:
        lines += ["", *(f"- {note}" for note in notes)]
    options.results.write_text("\n".join(lines) + "\n")


def _stop_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    options = Options.from_env()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it, or apt-get install wrk")
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _stop_on_signal)
    scratch = Path(tempfile.mkdtemp(prefix="foresight-bench-"))
    database = Database.choose(os.environ.get("DATABASE_URL", ""), scratch)
    if options.learners > SQLITE_LEARNERS and not database.maintenance:
        raise SystemExit(
            f"BENCH_LEARNERS={options.learners}: more than {SQLITE_LEARNERS:,} learners are "
            "measured on PostgreSQL (set DATABASE_URL=postgres://…/foresight_bench…)"
        )
    cache = Cache.choose(os.environ.get("REDIS_URL", ""))
    env = environment(scratch, database, cache)
    with ExitStack() as cleanup:
        if not options.keep:
            cleanup.callback(shutil.rmtree, scratch, ignore_errors=True)
        sys.stderr.write(f"scratch folder {scratch}; {database.label}, {cache.label}\n")
        database.create()
        if not options.keep:
            cleanup.callback(database.drop)
        cleanup.callback(cache.clear)
        load_content(env, scratch, options.learners)

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        # Only now: these read the settings and the models.
        from django.db import connections

        from bench import journeys, learners

        cleanup.callback(connections.close_all)
        workers = options.workers
        app = Server("site", "cms.wsgi:application", workers, env, scratch / "site.log")
        floor = Server("floor", "bench.floor:application", workers, env, scratch / "floor.log")
        host = f"127.0.0.1:{app.port}"
        sys.stderr.write("preparing the learners\n")
        site = learners.prepare(host)
        todo = journeys.catalogue(site)
        if options.only:
            todo = [page for page in todo if any(part in page.name for part in options.only)]
        cleanup.callback(app.stop)
        cleanup.callback(floor.stop)
        app.start("/healthz")
        floor.start("/")

        rows = {page.name: report.Row(page.name, expect=page.expect) for page in todo}
        for page in todo:
            journeys.check_page(app.url, page, rows[page.name])
            journeys.count_queries(host, page, rows[page.name])
        if errors := [row for row in rows.values() if row.error]:
            sys.stderr.write("".join(f"  {row.name}: {row.error}\n" for row in errors))
        floors = measure(
            options, app, floor, [p for p in todo if not rows[p.name].error], rows, scratch
        )
        size = len(fetch(floor.url, Request("GET", "/"), None).body)
        table_rows = [
            report.floor_row(f"floor: bare Django view, {size / 1024:.0f} KB", floors),
            *rows.values(),
        ]
        notes = report.notes(table_rows)
        if options.learners:
            notes.append(learners.time_item_analysis())
        notes.append(
            "Response sizes: "
            + ", ".join(f"{row.name} {row.size / 1024:.0f} KB" for row in rows.values())
        )
        for server in (app, floor):
            if "Traceback" in (log := server.log_tail(10_000)):
                sys.stderr.write(f"the {server.name} server's log:\n{log}\n")
                notes.append(f"the {server.name} server logged errors (printed by the run)")
        heading = describe(options, database, cache)
        sys.stdout.write("\n" + heading + "\n\n" + report.text_table(table_rows) + "\n")
        sys.stdout.write("".join(f"\n- {note}" for note in notes) + "\n")
        write_results(options, heading, report.markdown_table(table_rows), notes)
        sys.stdout.write(f"\nwritten to {options.results}\n")


if __name__ == "__main__":
    main()
