import datetime
from zoneinfo import ZoneInfo

import factory

from events.models import EventIndexPage, EventPage, Organisation
from tests.factories import PublishedPageFactory, site_home

HELSINKI = ZoneInfo("Europe/Helsinki")


def helsinki(*parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=HELSINKI)


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kymenlaakson organisaatio {n}")
    short_name = factory.Sequence(lambda n: f"KO{n}")

    class Meta:
        model = Organisation


class EventIndexPageFactory(PublishedPageFactory):
    title = "Tapahtumat"
    slug = factory.Sequence(lambda n: f"tapahtumat-{n}")
    parent = factory.LazyFunction(site_home)

    class Meta:
        model = EventIndexPage


class EventPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Tulevaisuusverstas {n}")
    slug = factory.Sequence(lambda n: f"verstas-{n}")
    parent = factory.SubFactory(EventIndexPageFactory)
    kind = "future-workshop"
    start = factory.LazyFunction(
        lambda: (datetime.datetime.now(HELSINKI) + datetime.timedelta(days=30)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    place = "Xamk, Kasarminmäki, Kouvola"
    summary = "Yhteinen tulevaisuusverstas yrittäjille."
    capacity = 20

    class Meta:
        model = EventPage
