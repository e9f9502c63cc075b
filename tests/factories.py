"""Factories for users and the course tree (HomePage > CourseIndexPage > CoursePage >
ModulePage > LessonPage).

Every page factory has a parent that makes sense for its type, so `LessonPageFactory()` alone
builds a routable tree under the default Site's home page.
"""

import uuid

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.utils import timezone
from wagtail.models import Collection, Page, Site

from accounts.models import User
from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

PASSWORD = "a-long-test-password-42"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    """A learner who can log in: allauth needs a verified primary EmailAddress row."""

    email = factory.Sequence(lambda n: f"learner{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Learner {n}")
    preferred_language = "fi"
    password = PASSWORD

    class Meta:
        model = User
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def site_home() -> HomePage:
    """The default Site's HomePage, made (and set as the Site root) on first use."""
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    if isinstance(root, HomePage):
        return root
    home = HomePageFactory(parent=Page.get_first_root_node())
    site.root_page = home
    site.save()
    return home


def lesson_body(paragraphs: int = 1, reflections: int = 1) -> list[dict]:
    """A lesson body in StreamField's raw form; block ids are fixed here because
    reflections are keyed by them."""
    body = [
        {"type": "paragraph", "value": f"<p>Paragraph {n}.</p>", "id": str(uuid.uuid4())}
        for n in range(1, paragraphs + 1)
    ]
    body += [
        {
            "type": "reflection",
            "value": {"prompt": f"Question {n}?", "hint": "A few sentences."},
            "id": str(uuid.uuid4()),
        }
        for n in range(1, reflections + 1)
    ]
    return body


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A live page with publication dates set, as after a normal publish."""

    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        abstract = True


class HomePageFactory(PublishedPageFactory):
    title = "Etusivu"
    slug = factory.Sequence(lambda n: f"etusivu-{n}")
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class CourseIndexPageFactory(PublishedPageFactory):
    title = "Kurssit"
    slug = factory.Sequence(lambda n: f"kurssit-{n}")
    parent = factory.LazyFunction(site_home)

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Kurssi {n}")
    slug = factory.Sequence(lambda n: f"kurssi-{n}")
    summary = "Ennakoinnin perusteet yrittäjille."
    parent = factory.SubFactory(CourseIndexPageFactory)

    class Meta:
        model = CoursePage


class ModulePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Moduuli {n}")
    slug = factory.Sequence(lambda n: f"moduuli-{n}")
    parent = factory.SubFactory(CoursePageFactory)

    class Meta:
        model = ModulePage


class LessonPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Oppitunti {n}")
    slug = factory.Sequence(lambda n: f"oppitunti-{n}")
    body = factory.LazyFunction(lesson_body)
    required = True
    parent = factory.SubFactory(ModulePageFactory)

    class Meta:
        model = LessonPage


def root_collection() -> Collection:
    return Collection.get_first_root_node()


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(root_collection)


class DocumentFactory(wagtail_factories.DocumentFactory):
    collection = factory.LazyFunction(root_collection)
    file = factory.django.FileField(filename="worksheet.pdf", data=b"%PDF-1.4 test")
