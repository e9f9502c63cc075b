"""Factories for certificate templates and certificates."""

import datetime

import factory
from wagtail.models import Locale

from certificates.models import Certificate, CertificateTemplate
from tests.factories import CoursePageFactory, UserFactory


class CertificateTemplateFactory(factory.django.DjangoModelFactory):
    """A live Finnish template with a signatory, as an editor would set one up."""

    name = factory.Sequence(lambda n: f"Todistuspohja {n}")
    heading = "Todistus"
    statement = "on suorittanut kurssin"
    issuer = "Kymenlaakson ennakointiverkosto ry"
    signatory_name = "Tuula Tulevaisuus"
    signatory_title = "Toiminnanjohtaja"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = CertificateTemplate


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate as issue_for_completion leaves it for a learner who confirmed a name."""

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CoursePageFactory)
    language = "fi"
    name = factory.SelfAttribute("user.full_name")
    course_title = factory.SelfAttribute("course.title")
    course_length = "1 h"
    completed_on = datetime.date(2026, 3, 14)
    status = Certificate.Status.PENDING

    class Meta:
        model = Certificate
