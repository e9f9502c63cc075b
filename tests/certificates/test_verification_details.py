"""An employer who mistypes a code is helped to retype it; a program gets JSON either way;
a printed link opened without a language preference speaks the certificate's language."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from tests.certificates.conftest import as_seen, verify_url


@pytest.fixture
def certificate(learner, ready_certificate):
    return ready_certificate(learner, name="Aino Oppija")


@pytest.mark.usefixtures("limiter_clock")
class TestNotFound:
    def test_an_unknown_code_offers_to_type_it_again(self, client, certificate):
        response = client.get(verify_url("7K3M-9QXV-A2BC-DEFG"), HTTP_ACCEPT_LANGUAGE="fi")

        assert response.status_code == 404
        page = response.content.decode()
        assert as_seen("No certificate has this code") in page
        assert "7K3M-9QXV-A2BC-DEFG" in page
        assert f'action="{reverse("verify_lookup")}"' in page
        assert 'name="code"' in page

    def test_a_malformed_code_gets_the_same_help(self, client, db):
        response = client.get("/verify/not-a-code/", HTTP_ACCEPT_LANGUAGE="fi")
        assert response.status_code == 404
        assert as_seen("No certificate has this code") in response.content.decode()

    @pytest.mark.parametrize("code", ["7K3M-9QXV-A2BC-DEFG", "nonsense"])
    def test_the_json_answer_is_json(self, client, db, code):
        response = client.get(f"/verify/{code}.json")

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"] == "not found"

    def test_a_retyped_code_in_any_form_opens_the_certificate(self, client, certificate):
        typed = certificate.code.replace("-", " ").lower()

        response = client.get(reverse("verify_lookup"), {"code": typed})

        assert response.status_code == 302
        assert response["Location"] == verify_url(certificate.code)

    def test_a_retyped_code_that_cannot_be_one_says_why(self, client, db):
        response = client.get(reverse("verify_lookup"), {"code": "12"}, HTTP_ACCEPT_LANGUAGE="fi")

        assert response.status_code == 400
        assert (
            as_seen("That is not a certificate code: check it has sixteen letters and digits.")
            in response.content.decode()
        )

    def test_the_form_alone(self, client, db):
        assert client.get(reverse("verify_lookup")).status_code == 200


@pytest.mark.usefixtures("limiter_clock")
class TestLanguage:
    @pytest.fixture
    def english(self, certificate):
        Certificate.objects.filter(pk=certificate.pk).update(language="en")
        return certificate

    def test_no_preference_reads_the_certificates_language(self, client, english):
        response = client.get(verify_url(english.code))

        assert response.status_code == 200
        assert '<html lang="en"' in response.content.decode()
        assert as_seen("Valid certificate", language="en") in response.content.decode()

    def test_a_visitors_preference_wins(self, client, english):
        response = client.get(verify_url(english.code), HTTP_ACCEPT_LANGUAGE="fi")

        assert '<html lang="fi"' in response.content.decode()
