"""Certificate rendering benchmark (not a test).

    uv run python bench/certificates.py [--count 1000] [--rounds 5] [--single 40] [--skip-worker]

Prints, in one run:
1. milliseconds per certificate for the project's renderer (certificates.rendering);
2. the same for a bare reportlab script drawing the same content: the same texts in the same
   fonts and sizes, the frame, the metadata and the same QR code (level M), with reportlab's
   ordinary calls (drawCentredString, QrCodeWidget);
3. the wall time for COUNT certificates through a real Celery worker (concurrency 2) on
   Redis, with PostgreSQL, counted from the first task enqueued to the last PDF ready.

Parts 1 and 2 alternate in ROUNDS rounds of SINGLE certificates each and report the
medians, so a busy machine slows both alike. Every certificate has its own name, code and
verification URL, as real ones do: no cache can serve one certificate's text to the next.

Part 3 needs PostgreSQL and Redis: DATABASE_URL names a scratch database, whose name must
contain "bench" (it is dropped and created; default
postgres://postgres@127.0.0.1:5432/foresight_bench_certs), and REDIS_URL the broker (default
redis://127.0.0.1:6379/13; only the Celery queue in it is purged). The worker is started and
answering before the certificates are created, so its start-up sweep finds none of them: each
is rendered by its own task, as after a learner's completion. The run then checks that every
certificate has its file, its SHA-256 and exactly one recorded rendering.

The numbers go to bench/results/certificates.md.
"""

import argparse
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NAMES = ["Šárka Nguyễn-Øster", "Анна Петрова", "Ελένη Παπαδοπούλου", "Matti Meikäläinen"]
RESULTS = ROOT / "bench" / "results" / "certificates.md"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/foresight_bench_certs"


def sample(i: int) -> dict[str, str]:
    """The i-th certificate's own texts."""
    code = f"ABCD-EFGH-{i // 10000 % 10000:04d}-{i % 10000:04d}"
    return {
        "name": f"{NAMES[i % 4]} {i}",
        "code": code,
        "verify_url": f"https://kurssi.example.fi/verify/{code}/",
    }


def project_renderer(start: int, n: int) -> float:
    from certificates.rendering import CertificateData, render_certificate

    began = time.perf_counter()
    for i in range(start, start + n):
        render_certificate(
            CertificateData(
                **sample(i),
                course_title="Ennakoinnin perusteet yrittäjille",
                completion_date="27.11.2026",
                course_length="5 h",
                language="fi",
                heading="Todistus",
                statement="on suorittanut verkkokurssin",
                issuer="Kymenlaakso",
                signatory_name="Kurssin vastuuhenkilö",
                signatory_title="Projektipäällikkö",
                labels={
                    "date": "Suoritettu",
                    "length": "Laajuus",
                    "code": "Tunnus",
                    "verify": "Tarkista:",
                },
            )
        )
    return (time.perf_counter() - began) * 1000 / n


def bare_reportlab(start: int, n: int) -> float:
    """The same page, with the same fonts, sizes, colours and places, and no typesetting."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = ROOT / "certificates" / "fonts"
    if "BareSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareSans", str(fonts / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("BareSans-Bold", str(fonts / "DejaVuSans-Bold.ttf")))
    ink, muted, accent = HexColor("#1d2327"), HexColor("#4a5560"), HexColor("#0b5563")
    width, height = landscape(A4)
    qr_side, base = 34 * mm, 30 * mm
    began = time.perf_counter()
    for i in range(start, start + n):
        texts = sample(i)
        out = io.BytesIO()
        pdf = canvas.Canvas(out, pagesize=(width, height), lang="fi", invariant=True)
        pdf.setTitle(f"Todistus: Ennakoinnin perusteet yrittäjille – {texts['name']}")
        pdf.setAuthor("Kymenlaakso")
        pdf.setSubject("Ennakoinnin perusteet yrittäjille")
        pdf.setCreator("Ennakoinnin perusteet – foresight course platform")
        pdf.setKeywords([texts["code"]])
        pdf.setStrokeColor(accent)
        pdf.setLineWidth(4 * mm)
        pdf.rect(8 * mm, 8 * mm, width - 16 * mm, height - 16 * mm)
        pdf.setLineWidth(0.6 * mm)
        pdf.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)
        pdf.setFillColor(muted)
        pdf.setFont("BareSans", 11)
        pdf.drawRightString(width - 24 * mm, height - 30 * mm, "Kymenlaakso")
        pdf.setFillColor(accent)
        pdf.setFont("BareSans-Bold", 30)
        pdf.drawCentredString(width / 2, 419.5, "TODISTUS")
        pdf.setFillColor(ink)
        pdf.setFont("BareSans-Bold", 32)
        pdf.drawCentredString(width / 2, 345.6, texts["name"])
        pdf.setFillColor(muted)
        pdf.setFont("BareSans", 14)
        pdf.drawCentredString(width / 2, 305.7, "on suorittanut verkkokurssin")
        pdf.setFillColor(ink)
        pdf.setFont("BareSans-Bold", 20)
        pdf.drawCentredString(width / 2, 266, "Ennakoinnin perusteet yrittäjille")
        pdf.setFillColor(muted)
        pdf.setFont("BareSans", 12)
        pdf.drawCentredString(width / 2, 226.1, "Suoritettu 27.11.2026   ·   Laajuus 5 h")
        pdf.setStrokeColor(muted)
        pdf.setLineWidth(0.3 * mm)
        pdf.line(30 * mm, base + 10 * mm, 110 * mm, base + 10 * mm)
        pdf.setFillColor(ink)
        pdf.setFont("BareSans-Bold", 11)
        pdf.drawString(30 * mm, base + 4 * mm, "Kurssin vastuuhenkilö")
        pdf.setFillColor(muted)
        pdf.setFont("BareSans", 10)
        pdf.drawString(30 * mm, base - 1 * mm, "Projektipäällikkö")
        widget = QrCodeWidget(texts["verify_url"], barLevel="M", barWidth=qr_side)
        widget.barHeight = qr_side
        drawing = Drawing(qr_side, qr_side)
        drawing.add(widget)
        renderPDF.draw(drawing, pdf, width - 30 * mm - qr_side, base - 6 * mm)
        right = width - 34 * mm - qr_side
        pdf.setFillColor(ink)
        pdf.setFont("BareSans", 9)
        pdf.drawRightString(right, base + 18 * mm, "Tunnus")
        pdf.setFont("BareSans-Bold", 13)
        pdf.drawRightString(right, base + 12 * mm, texts["code"])
        pdf.setFont("BareSans", 9)
        pdf.drawRightString(right, base + 4 * mm, "Tarkista:")
        pdf.drawRightString(right, base - 1 * mm, texts["verify_url"])
        pdf.showPage()
        pdf.save()
    return (time.perf_counter() - began) * 1000 / n


def renderers(rounds: int, single: int) -> tuple[float, float]:
    """Median ms per certificate of each, alternating; a warm-up render each first (fonts
    are loaded once a process, in a worker as here)."""
    project_renderer(10**6, 1)
    bare_reportlab(10**6, 1)
    project, bare = [], []
    for index in range(rounds):
        project.append(project_renderer(index * single, single))
        bare.append(bare_reportlab(index * single, single))
    return statistics.median(project), statistics.median(bare)


def _psql(statement: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", statement], check=True)


def through_worker(count: int, database_url: str, redis_url: str) -> float:
    db = urlsplit(database_url).path.lstrip("/")
    if "bench" not in db:
        raise SystemExit(
            f"DATABASE_URL names {db!r}: the benchmark drops its database, so "
            "its name must contain 'bench'"
        )
    media = tempfile.mkdtemp(prefix="bench-certificates-")  # the PDFs; removed at the end
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DJANGO_DEBUG": "0",  # as in production: no query log kept in the worker
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "PRIVATE_MEDIA_ROOT": media,
        "LOG_LEVEL": "WARNING",
    }
    _psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    _psql(f'CREATE DATABASE "{db}"')
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    from accounts.models import User
    from certificates.models import Certificate, CertificateRendering, CourseCertificate
    from certificates.queue import enqueue_render
    from cms.celery import app
    from courses.models import CoursePage

    app.control.purge()  # tasks an earlier, interrupted run left behind
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms",
            "worker",
            "--concurrency=2",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        waited = time.perf_counter()
        while not app.control.ping(timeout=0.5):
            if time.perf_counter() - waited > 60:
                raise SystemExit("the worker did not answer within a minute")
        time.sleep(1)  # its start-up sweep looks for certificates created before it started
        course = CoursePage.objects.filter(locale__language_code="fi").first()
        template = CourseCertificate.template_for(course)
        users = User.objects.bulk_create(
            User(email=f"bench{i}@example.com", full_name=sample(i)["name"]) for i in range(count)
        )
        certificates = Certificate.objects.bulk_create(
            Certificate(
                user=user,
                course=course,
                course_key=course.translation_key,  # bulk_create does not call save()
                language="fi",
                name=user.full_name,
                course_title=course.title,
                course_length="1 h",
                completed_on="2026-11-27",
                template=template,
            )
            for user in users
        )
        start = time.perf_counter()
        for certificate in certificates:
            enqueue_render(certificate.pk)
        while Certificate.objects.filter(status="ready").count() < count:
            if time.perf_counter() - start > 600:
                raise SystemExit("the worker did not finish within 10 minutes")
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        ready = Certificate.objects.filter(status="ready").exclude(pdf="").exclude(pdf_sha256="")
        renderings = CertificateRendering.objects.filter(certificate__in=certificates)
        if ready.count() != count or renderings.count() != count:
            raise SystemExit(
                f"{ready.count()} certificates with a file, {renderings.count()} renderings "
                f"recorded, for {count} certificates"
            )
        return seconds
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        shutil.rmtree(media, ignore_errors=True)
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-qc",
                f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)',
            ],
            check=False,
        )


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--single", type=int, default=40, help="renders a round, parts 1 and 2")
    parser.add_argument("--skip-worker", action="store_true")
    options = parser.parse_args()
    project, bare = renderers(options.rounds, options.single)
    lines = [
        f"project renderer: {project:.1f} ms/certificate",
        f"bare reportlab:   {bare:.1f} ms/certificate",
        f"ratio:            {project / bare:.2f}× (target ≤ 1.3×)",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    if not options.skip_worker:
        seconds = through_worker(
            options.count,
            os.environ.get("DATABASE_URL") or DEFAULT_DATABASE,
            os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13",
        )
        lines.append(
            f"{options.count} certificates through a Celery worker (concurrency 2) on Redis: "
            f"{seconds:.1f} s ({seconds * 1000 / options.count:.1f} ms each; "
            "target 1,000 in ≤ 25 s)"
        )
        sys.stdout.write(lines[-1] + "\n")
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    RESULTS.write_text(
        "# Certificate benchmark (`make bench-certificates`)\n\n"
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {_commit()}; {cpu}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}. Renderers: median of "
        f"{options.rounds} alternating rounds of {options.single} certificates each.\n\n"
        + "".join(f"- {line.strip()}\n" for line in lines)
    )


if __name__ == "__main__":
    main()
