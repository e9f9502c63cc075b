"""Certificate rendering benchmark (not a test).

    uv run python bench/certificates.py [--count 1000] [--skip-worker]

Prints, in one run:
1. milliseconds per certificate for the project's renderer (certificates.rendering);
2. the same for a bare reportlab script drawing the same text, fonts and QR code;
3. the wall time for COUNT certificates through a real Celery worker on Redis, with
   PostgreSQL (a scratch database `foresight_bench` is created and dropped).
Needs PostgreSQL at 127.0.0.1:5432 (user postgres) and Redis at REDIS_URL for part 3.
"""

import argparse
import io
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NAMES = ["Šárka Nguyễn-Øster", "Анна Петрова", "Ελένη Παπαδοπούλου", "Matti Meikäläinen"]
URL = "https://kurssi.example.fi/verify/ABCD-EFGH-JKMN-PQRS/"


def project_renderer(n: int) -> float:
    from certificates.rendering import CertificateData, render_certificate

    start = time.perf_counter()
    for i in range(n):
        render_certificate(
            CertificateData(
                name=NAMES[i % 4],
                course_title="Ennakoinnin perusteet yrittäjille",
                completion_date="27.11.2026",
                course_length="5 h",
                code="ABCD-EFGH-JKMN-PQRS",
                verify_url=URL,
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
    return (time.perf_counter() - start) * 1000 / n


def bare_reportlab(n: int) -> float:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = ROOT / "certificates" / "fonts"
    pdfmetrics.registerFont(TTFont("BareSans", str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("BareSans-Bold", str(fonts / "DejaVuSans-Bold.ttf")))
    start = time.perf_counter()
    for i in range(n):
        out = io.BytesIO()
        pdf = canvas.Canvas(out, pagesize=landscape(A4))
        pdf.setFont("BareSans-Bold", 30)
        pdf.drawCentredString(421, 480, "TODISTUS")
        pdf.drawCentredString(421, 400, NAMES[i % 4])
        pdf.setFont("BareSans", 14)
        pdf.drawCentredString(421, 370, "on suorittanut verkkokurssin")
        pdf.drawCentredString(421, 340, "Ennakoinnin perusteet yrittäjille")
        pdf.drawCentredString(421, 310, "Suoritettu 27.11.2026 · Laajuus 5 h")
        pdf.drawString(100, 100, "Kurssin vastuuhenkilö")
        pdf.drawRightString(650, 120, "ABCD-EFGH-JKMN-PQRS")
        pdf.drawRightString(650, 100, URL)
        widget = QrCodeWidget(URL)
        drawing = Drawing(96, 96)
        drawing.add(widget)
        renderPDF.draw(drawing, pdf, 680, 60)
        pdf.showPage()
        pdf.save()
    return (time.perf_counter() - start) * 1000 / n


def through_worker(count: int) -> float:
    db = "foresight_bench"
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}",
        "REDIS_URL": redis_url,
        "PRIVATE_MEDIA_ROOT": str(ROOT / ".bench-media"),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db}"],
        check=True,
    )
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {db}"], check=True
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    from accounts.models import User
    from certificates.models import Certificate, CourseCertificate
    from certificates.queue import enqueue_render
    from courses.models import CoursePage

    course = CoursePage.objects.filter(locale__language_code="fi").first()
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.com", full_name=NAMES[i % 4]) for i in range(count)
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
            template=CourseCertificate.template_for(course),
        )
        for user in users
    )
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
        time.sleep(3)
        start = time.perf_counter()
        for certificate in certificates:
            enqueue_render(certificate.pk)
        while Certificate.objects.filter(status="ready").count() < count:
            if time.perf_counter() - start > 600:
                raise SystemExit("worker did not finish within 10 minutes")
            time.sleep(0.5)
        return time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db}"],
            check=False,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--single", type=int, default=50, help="renders for parts 1 and 2")
    parser.add_argument("--skip-worker", action="store_true")
    options = parser.parse_args()
    sys.stdout.write(f"project renderer: {project_renderer(options.single):.1f} ms/certificate\n")
    sys.stdout.write(f"bare reportlab:   {bare_reportlab(options.single):.1f} ms/certificate\n")
    if not options.skip_worker:
        seconds = through_worker(options.count)
        sys.stdout.write(
            f"{options.count} certificates through a Celery worker on Redis: {seconds:.1f} s "
            f"({seconds * 1000 / options.count:.1f} ms each)\n"
        )


if __name__ == "__main__":
    main()
