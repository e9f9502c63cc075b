"""The certificate PDF: what a learner, an employer's PDF reader and a phone camera see."""

import io

import pytest
from django.utils import formats, timezone, translation
from pypdf import PdfReader
from wagtail.models import Locale

from certificates.models import CourseCertificate
from certificates.rendering import CertificateData, render_certificate
from tests.certificates.conftest import pdf_bytes, pdf_text, qr_payloads
from tests.factories import CourseIndexPageFactory

NAMES = ["Šárka Nguyễn-Øster", "Анна Петрова", "Ελένη Παπαδοπούλου"]
A4_LANDSCAPE = (842, 595)  # points
CODE = "7K3M-9QXV-A2BC-DEFG"
VERIFY = f"https://kurssi.example.fi/verify/{CODE}/"


def certificate_data(**overrides) -> CertificateData:
    fields = {
        "name": "Šárka Nguyễn-Øster",
        "course_title": "Ennakoinnin perusteet yrittäjille",
        "completion_date": "14.3.2026",
        "course_length": "5 h",
        "code": CODE,
        "verify_url": VERIFY,
        "language": "fi",
        "heading": "Todistus",
        "statement": "on suorittanut kurssin",
        "issuer": "Kymenlaakson ennakointiverkosto ry",
        "signatory_name": "Tuula Tulevaisuus",
        "signatory_title": "Toiminnanjohtaja",
        "labels": {
            "date": "Suoritettu",
            "length": "Laajuus",
            "code": "Todistuksen tunniste",
            "verify": "Tarkista aitous:",
        },
    }
    return CertificateData(**{**fields, **overrides})


def page_size(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


class TestRenderer:
    """The pure renderer, from plain data."""

    @pytest.mark.parametrize("name", NAMES)
    def test_the_name_comes_out_of_the_pdf_with_its_exact_characters(self, name):
        text = pdf_text(render_certificate(certificate_data(name=name)))

        assert name in text
        assert CODE in text
        assert "Ennakoinnin perusteet yrittäjille" in text

    def test_the_pdf_describes_itself_for_readers_and_search(self):
        reader = PdfReader(io.BytesIO(render_certificate(certificate_data(language="sv"))))

        assert "Ennakoinnin perusteet yrittäjille" in reader.metadata.title
        assert "Šárka Nguyễn-Øster" in reader.metadata.title
        assert reader.metadata.author == "Kymenlaakson ennakointiverkosto ry"
        assert reader.metadata.subject == "Ennakoinnin perusteet yrittäjille"
        assert reader.trailer["/Root"]["/Lang"] == "sv"

    def test_the_page_is_a4_landscape(self):
        data = render_certificate(certificate_data())

        assert len(PdfReader(io.BytesIO(data)).pages) == 1
        assert page_size(data) == A4_LANDSCAPE

    def test_the_qr_code_leads_to_the_verification_page(self):
        assert qr_payloads(render_certificate(certificate_data())) == [VERIFY]

    def test_the_longest_name_the_form_accepts_fits_inside_the_border(self):
        """Names are accepted up to 200 characters; such a name must still be printed whole
        inside the certificate's frame, not run off the page."""
        import pypdfium2

        words = "Maximiliana-Aurora Ängelholm-Wrede af Ekenstam "
        name = (words * 5)[:200].strip()
        data = render_certificate(certificate_data(name=name))

        document = pypdfium2.PdfDocument(data)
        try:
            page = document[0]
            frame = 14 * 72 / 25.4  # the inner border, 14 mm from the edge
            inside = page.get_textpage().get_text_bounded(
                left=frame, right=page.get_width() - frame
            )
        finally:
            document.close()
        # Compared without whitespace, so a name wrapped onto two lines counts as printed.
        # pdfium reports a hyphen that ends a line as \x02.
        printed = "".join(inside.replace("\x02", "-").split())
        fits = "".join(name.split()) in printed
        assert fits, f"the {len(name)}-character name runs past the frame: {inside[:160]!r}"


class TestIssuedCertificate:
    """A learner's certificate rendered by issuing.render from the course and template."""

    @pytest.mark.parametrize("name", NAMES)
    def test_the_learner_name_and_code_are_printed_exactly(self, learner, ready_certificate, name):
        certificate = ready_certificate(learner, name=name)

        text = pdf_text(pdf_bytes(certificate))
        assert name in text
        assert certificate.code in text
        assert certificate.course_title in text
        assert "Kymenlaakson ennakointiverkosto ry" in text
        assert "Tuula Tulevaisuus" in text

    def test_metadata_language_and_page(self, learner, ready_certificate, certified_course):
        certificate = ready_certificate(learner, name="Анна Петрова")
        data = pdf_bytes(certificate)
        reader = PdfReader(io.BytesIO(data))

        assert reader.metadata.title == (
            f"Todistus: {certified_course.course.title} – Анна Петрова"
        )
        assert reader.metadata.author == "Kymenlaakson ennakointiverkosto ry"
        assert reader.metadata.subject == certified_course.course.title
        assert reader.trailer["/Root"]["/Lang"] == certified_course.course.locale.language_code
        assert page_size(data) == A4_LANDSCAPE

    def test_the_qr_code_is_the_public_verification_url(self, learner, ready_certificate):
        certificate = ready_certificate(learner)

        payloads = qr_payloads(pdf_bytes(certificate))
        assert payloads == [f"http://testserver/verify/{certificate.code}/"]

    def test_a_course_in_english_gets_the_english_template_and_language(
        self, learner, certificate_template, build_course, ready_certificate
    ):
        english, _ = Locale.objects.get_or_create(language_code="en")
        template = certificate_template.copy_for_translation(english)
        template.heading = "Certificate"
        template.statement = "has completed the course"
        template.save()
        index = CourseIndexPageFactory(locale=english, title="Courses")
        built = build_course(
            lessons=1,
            modules=1,
            parent=index,
            locale=english,
            title="Foresight for entrepreneurs",
        )
        CourseCertificate.objects.create(course=built.course, template=certificate_template)
        learner.full_name = "Ελένη Παπαδοπούλου"
        learner.save()

        certificate = ready_certificate(learner, built)

        data = pdf_bytes(certificate)
        reader = PdfReader(io.BytesIO(data))
        assert certificate.language == "en"
        assert reader.trailer["/Root"]["/Lang"] == "en"
        text = pdf_text(data)
        assert "CERTIFICATE" in text
        assert "has completed the course" in text
        with translation.override("en"):
            date = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        assert date in text
        assert "Ελένη Παπαδοπούλου" in text


def test_the_editor_preview_of_a_template_is_a_pdf(rf, certificate_template):
    response = certificate_template.serve_preview(rf.get("/"), "")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert "Kymenlaakson ennakointiverkosto ry" in text
    assert "TODISTUS" in text


def test_the_editor_preview_shows_the_template_logo_and_signature(rf, certificate_template):
    from tests.factories import ImageFactory

    certificate_template.logo = ImageFactory(file__color="navy")
    certificate_template.signature = ImageFactory(file__color="black")
    certificate_template.save()

    response = certificate_template.serve_preview(rf.get("/"), "")

    assert response.content.startswith(b"%PDF-")
    images = PdfReader(io.BytesIO(response.content)).pages[0].images
    assert len(images) == 2


def test_the_editor_preview_works_through_the_admin(client, certificate_template):
    """The editor's "Preview" button in the snippet editor."""
    from django.urls import reverse

    from tests.factories import UserFactory

    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    url = reverse(
        "wagtailsnippets_certificates_certificatetemplate:preview_on_edit",
        args=[certificate_template.pk],
    )
    form = {
        "name": certificate_template.name,
        "heading": "Osallistumistodistus",
        "statement": certificate_template.statement,
        "issuer": certificate_template.issuer,
        "signatory_name": "",
        "signatory_title": "",
        "accent_colour": "#aa3300",
    }
    assert client.post(url, form).json()["is_valid"] is True

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert "OSALLISTUMISTODISTUS" in pdf_text(response.content)
