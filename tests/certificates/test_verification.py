"""Public verification: an employer types the code from a CV or scans the QR code."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, translation

from certificates import issuing
from tests.certificates.conftest import as_seen, issue, pdf_bytes, verify_url

MB = 1024 * 1024


@pytest.fixture
def certificate(learner, ready_certificate):
    return ready_certificate(learner, name="Ελένη Παπαδοπούλου")


def fi_date(day) -> str:
    with translation.override("fi"):
        return formats.date_format(day, "DATE_FORMAT")


class TestVerdicts:
    def test_a_valid_certificate(self, client, certificate, certificate_template):
        response = client.get(verify_url(certificate.code))

        assert response.status_code == 200
        page = response.content.decode()
        assert as_seen("Valid certificate") in page
        assert "Ελένη Παπαδοπούλου" in page
        assert certificate.course_title in page
        assert fi_date(certificate.completed_on) in page
        assert certificate_template.issuer in page
        assert certificate.pdf_sha256 in page

        data = client.get(verify_url(certificate.code, json=True)).json()
        assert data == {
            "code": certificate.code,
            "status": "valid",
            "name": "Ελένη Παπαδοπούλου",
            "course": certificate.course_title,
            "completed_on": certificate.completed_on.isoformat(),
            "issuer": certificate_template.issuer,
            "pdf_sha256": certificate.pdf_sha256,
            "earlier_pdf_sha256": [],
        }

    def test_a_revoked_certificate_shows_when_and_why(self, client, certificate):
        issuing.revoke(certificate, "Suoritus tehtiin toisen tunnuksilla.")
        certificate.refresh_from_db()

        page = client.get(verify_url(certificate.code)).content.decode()
        assert as_seen("This certificate has been revoked") in page
        assert as_seen("Valid certificate") not in page
        assert (
            as_seen(
                "Revoked on %(date)s. Reason: %(reason)s",
                date=fi_date(translation_date(certificate.revoked_at)),
                reason="Suoritus tehtiin toisen tunnuksilla.",
            )
            in page
        )

        data = client.get(verify_url(certificate.code, json=True)).json()
        assert data["status"] == "revoked"
        assert data["revoke_reason"] == "Suoritus tehtiin toisen tunnuksilla."
        assert data["revoked_at"] == certificate.revoked_at.isoformat()

    def test_a_superseded_certificate_points_to_the_new_one(
        self, client, certificate, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            new = issuing.reissue(certificate, "Eleni Papadopoulou")

        page = client.get(verify_url(certificate.code)).content.decode()
        assert as_seen("This certificate has been replaced by a newer one") in page
        assert as_seen("Superseded by") in page
        assert f'href="{verify_url(new.code)}"' in page
        assert as_seen("Valid certificate") not in page

        data = client.get(verify_url(certificate.code, json=True)).json()
        assert data["status"] == "superseded"
        assert data["superseded_by"] == new.code

        new_data = client.get(verify_url(new.code, json=True)).json()
        assert new_data["status"] == "valid"
        assert new_data["name"] == "Eleni Papadopoulou"

    def test_a_certificate_still_being_prepared_is_not_called_valid(
        self, client, learner, certified_course
    ):

        certificate = issue(learner, certified_course)

        page = client.get(verify_url(certificate.code)).content.decode()
        assert as_seen("Valid certificate") not in page
        assert client.get(verify_url(certificate.code, json=True)).json()["status"] == "pending"

    @pytest.mark.parametrize("json", [False, True], ids=["html", "json"])
    @pytest.mark.parametrize(
        "code", ["0000-0000-0000-0000", "7K3M-9QXV-A2BC", "7K3M-9QXV-A2BC-DEFU", "x" * 100]
    )
    def test_unknown_and_malformed_codes_are_not_found(self, client, certificate, code, json):
        response = client.get(verify_url(code, json=json), follow=True)

        assert response.status_code == 404
        assert "Ελένη Παπαδοπούλου" not in response.content.decode()

    def test_a_code_typed_in_lowercase_leads_to_the_certificate(self, client, certificate):
        typed = certificate.code.lower().replace("-", " ")

        response = client.get(verify_url(typed), follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == verify_url(certificate.code)
        assert response.context["certificate"] == certificate

        data = client.get(verify_url(certificate.code.lower(), json=True)).json()
        assert data["code"] == certificate.code


def translation_date(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date()


class TestUploadedCopy:
    """The verification page compares an uploaded PDF byte for byte with the issued one."""

    def upload(self, client, certificate, content: bytes, name="todistus.pdf"):
        file = SimpleUploadedFile(name, content, content_type="application/pdf")
        return client.post(verify_url(certificate.code), {"pdf": file})

    def test_the_issued_pdf_is_identical(self, client, certificate):
        response = self.upload(client, certificate, pdf_bytes(certificate))

        assert response.status_code == 200
        page = response.content.decode()
        assert as_seen("The file is identical to the issued certificate.") in page

    def test_a_changed_pdf_is_not_identical(self, client, certificate):
        original = pdf_bytes(certificate)
        changed = original.replace(b"/Producer", b"/Producex", 1)
        assert changed != original

        response = self.upload(client, certificate, changed)

        assert response.status_code == 200
        page = response.content.decode()
        assert (
            as_seen(
                "The file is NOT the issued certificate: it has been changed or it belongs "
                "to another certificate."
            )
            in page
        )
        assert as_seen("The file is identical to the issued certificate.") not in page

    def test_another_certificates_pdf_is_not_identical(
        self, client, certificate, ready_certificate, other_course
    ):
        other = ready_certificate(certificate.user, other_course)

        response = self.upload(client, certificate, pdf_bytes(other))

        assert (
            as_seen("The file is identical to the issued certificate.")
            not in response.content.decode()
        )

    def test_a_file_that_is_not_a_pdf_gets_a_clear_message(self, client, certificate):
        response = self.upload(client, certificate, b"\x89PNG\r\n\x1a\n not a pdf", "todistus.png")

        assert response.status_code == 400
        assert as_seen("That file is not a PDF.") in response.content.decode()

    def test_an_empty_upload_gets_a_clear_message(self, client, certificate):
        response = client.post(verify_url(certificate.code), {})

        assert response.status_code == 400
        assert as_seen("Choose a PDF file to compare.") in response.content.decode()

    def test_a_50_mb_upload_is_refused_without_reading_it(self, client, certificate):
        """A 50 MB multipart body, produced lazily: the test counts how much of it the server
        reads before it answers."""
        body = LazyMultipart(50 * MB)

        response = client.generic("POST", verify_url(certificate.code), **body.environ())

        assert response.status_code == 413
        assert (
            as_seen("What you sent is too large: at most %(limit)s MB can be sent here.", limit=10)
            in response.content.decode()
        )
        assert body.read_bytes == 0, f"the server read {body.read_bytes} bytes"

    def test_a_50_mb_upload_from_the_form_is_refused_before_the_csrf_check_reads_it(
        self, certificate
    ):
        """As a browser sends it, with the CSRF token in the form: the CSRF check would read
        the form (and spool the file to disk); the declared length refuses it first."""
        import tracemalloc

        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.get(verify_url(certificate.code))
        body = LazyMultipart(50 * MB, csrfmiddlewaretoken=client.cookies["csrftoken"].value)

        tracemalloc.start()
        try:
            response = client.generic("POST", verify_url(certificate.code), **body.environ())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

        assert response.status_code == 413
        assert (
            as_seen("What you sent is too large: at most %(limit)s MB can be sent here.", limit=10)
            in response.content.decode()
        )
        assert body.read_bytes == 0, f"the server read {body.read_bytes} bytes"
        assert peak < 10 * MB, f"{peak / MB:.0f} MB held in memory"


class LazyMultipart(io.RawIOBase):
    """A multipart/form-data body with the given text fields and one `size`-byte PDF-looking
    file in the field "pdf", generated as it is read, counting the bytes read."""

    def __init__(self, size: int, **fields: str):
        self.boundary = uuid.uuid4().hex
        self.head = (
            "".join(
                f"--{self.boundary}\r\n"
                f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                for name, value in fields.items()
            ).encode()
            + (
                f"--{self.boundary}\r\n"
                'Content-Disposition: form-data; name="pdf"; filename="huge.pdf"\r\n'
                "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
            ).encode()
        )
        self.tail = f"\r\n--{self.boundary}--\r\n".encode()
        self.size = len(self.head) + size + len(self.tail)
        self.read_bytes = 0

    def __len__(self) -> int:
        return self.size

    def environ(self) -> dict:
        return {
            "CONTENT_TYPE": f"multipart/form-data; boundary={self.boundary}",
            "CONTENT_LENGTH": str(self.size),
            "wsgi.input": self,
        }

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        remaining = self.size - self.read_bytes
        size = remaining if size is None or size < 0 else min(size, remaining)
        out = bytearray()
        position = self.read_bytes
        while len(out) < size:
            if position < len(self.head):
                piece = self.head[position : position + size - len(out)]
            elif position >= self.size - len(self.tail):
                start = position - (self.size - len(self.tail))
                piece = self.tail[start : start + size - len(out)]
            else:
                piece = b"\0" * min(size - len(out), self.size - len(self.tail) - position)
            out += piece
            position += len(piece)
        self.read_bytes = position
        return bytes(out)

    def readline(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else 64 * 1024)


@pytest.mark.usefixtures("limiter_clock")
class TestRateLimit:
    """Codes cannot be guessed by brute force: 30 lookups a minute per address."""

    def test_the_31st_lookup_in_a_minute_is_refused(self, client, certificate):
        for number in range(30):
            url = verify_url(certificate.code, json=number % 2 == 0)
            assert client.get(url).status_code == 200, f"lookup {number + 1}"

        assert client.get(verify_url(certificate.code, json=True)).status_code == 429
        response = client.get(verify_url(certificate.code))
        assert response.status_code == 429
        assert as_seen("Too many attempts") in response.content.decode()

    def test_guesses_count_too(self, client, certificate):
        for number in range(30):
            assert (
                client.get(verify_url(f"0000-0000-0000-{number:04d}", json=True)).status_code == 404
            )

        assert client.get(verify_url(certificate.code, json=True)).status_code == 429

    def test_another_address_is_not_affected(self, client, certificate):
        for _ in range(31):
            client.get(verify_url(certificate.code, json=True), REMOTE_ADDR="203.0.113.7")

        assert (
            client.get(
                verify_url(certificate.code, json=True), REMOTE_ADDR="203.0.113.7"
            ).status_code
            == 429
        )
        assert (
            client.get(
                verify_url(certificate.code, json=True), REMOTE_ADDR="198.51.100.2"
            ).status_code
            == 200
        )

    def test_a_new_minute_allows_lookups_again_with_the_database_cache(
        self, client, certificate, settings, monkeypatch
    ):
        """The deployment without Redis keeps the counts in the database cache. An address
        that used up its 30 lookups may look up again when the minute is over."""
        from django.core.management import call_command

        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "certificates_test_cache",
            }
        }
        call_command("createcachetable", verbosity=0)
        clock = ShiftedClock(monkeypatch)
        clock.start_of_a_minute()

        for _ in range(30):
            assert client.get(verify_url(certificate.code, json=True)).status_code == 200
            clock.advance(1)  # one lookup a second
        assert client.get(verify_url(certificate.code, json=True)).status_code == 429

        clock.advance(31)  # more than a minute after the first lookup
        assert client.get(verify_url(certificate.code, json=True)).status_code == 200


class ShiftedClock:
    """Moves "now" forward for the cache backends and the verification rate limiter."""

    def __init__(self, monkeypatch):
        import datetime
        import time as real_time

        from django.core.cache.backends import base, db

        self.offset = 0.0
        clock = self

        class Time:
            def __getattr__(self, name):
                return getattr(real_time, name)

            def time(self):
                return real_time.time() + clock.offset

        def now():
            return datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=clock.offset)

        from core import ratelimit

        monkeypatch.setattr(base, "time", Time())
        monkeypatch.setattr(db, "tz_now", now)
        monkeypatch.setattr(ratelimit, "time", Time())  # the limiter's one-minute windows
        self._real_time = real_time

    def advance(self, seconds: float) -> None:
        self.offset += seconds

    def start_of_a_minute(self) -> None:
        """Moves to just after the next full minute: the limiter's windows start there."""
        now = self._real_time.time() + self.offset
        self.offset += 60 - now % 60 + 0.1
