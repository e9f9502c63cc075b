"""Certificates name learners: in the admin only staff who may view certificates see them,
through the listing or the snippet chooser, and an export cannot carry a formula into the
course manager's spreadsheet."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission

from core.exports import neutralise
from tests.factories import QuizPageFactory, UserFactory, graded_questions, site_home

CHOOSER = "/admin/snippets/choose/certificates/certificate/"


@pytest.fixture
def certificate(learner, ready_certificate):
    return ready_certificate(learner, name='=HYPERLINK("http://evil.example","Klikkaa")')


def editor(client):
    """Admin access and page editing, no permission on certificates."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def course_manager(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_certificate", "change_certificate"]
        )
    )
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "path",
    [CHOOSER, f"{CHOOSER}results/", f"{CHOOSER}results/?q=Nguyen", "chosen"],
)
def test_the_chooser_refuses_an_editor_without_the_permission(client, certificate, path):
    editor(client)
    url = f"{CHOOSER}chosen/{certificate.pk}/" if path == "chosen" else path

    response = client.get(url)

    # Wagtail answers a permission error with a redirect to the dashboard and a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    body = response.content.decode()
    assert certificate.code not in body
    assert certificate.user.email not in body


def test_the_chooser_serves_a_course_manager(client, certificate):
    course_manager(client)

    response = client.get(f"{CHOOSER}results/")

    assert response.status_code == 200
    assert certificate.code in response.content.decode()


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_csv_export_cell_never_starts_a_formula(client, learner, ready_certificate, start):
    certificate = ready_certificate(learner, name=f"{start}SUM(A1:A9)")
    course_manager(client)

    response = client.get("/admin/snippets/certificates/certificate/?export=csv")

    assert response.status_code == 200
    [row] = [row for row in csv_rows(response)[1:] if certificate.code in row]
    assert f"'{start}SUM(A1:A9)" in row
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in row)


def test_every_formula_start_is_neutralised():
    for start in ["=", "+", "-", "@", "\t", "\r"]:
        assert neutralise(f"{start}1+1") == f"'{start}1+1"
    assert neutralise("Ennakointi = tulevaisuus") == "Ennakointi = tulevaisuus"
    assert neutralise(-5) == -5


def test_the_quiz_report_export_neutralises_titles(db, client):
    QuizPageFactory(parent=site_home(), title="=cmd|' /C calc'!A0", questions=graded_questions())
    manager = UserFactory(is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_quizattempt"])
    )
    client.force_login(manager)

    rows = csv_rows(client.get("/admin/reports/quizzes/?export=csv"))

    assert ["'=cmd|' /C calc'!A0", "0", "0", "0"] in rows


def test_a_quiz_report_for_an_impossible_id_is_not_found(db, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    for path in ["/admin/reports/quizzes/99999999999999999999/", "/admin/reports/quizzes/0/"]:
        assert client.get(path).status_code == 404
