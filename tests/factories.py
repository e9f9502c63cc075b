"""Factories for users and the course tree (HomePage > CourseIndexPage > CoursePage >
ModulePage > LessonPage).

Every page factory has a parent that makes sense for its type, so `LessonPageFactory()` alone
builds a routable tree under the default Site's home page.
"""

import time
import uuid

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.utils import timezone
from wagtail.models import Collection, Page, Site

from accounts.models import User
from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

PASSWORD = "a-long-test-password-42"  # noqa: S105
# The authenticator-app secret of every staff account the factories make (base32).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def totp_code(secret: str = TOTP_SECRET, at: float | None = None) -> str:
    """The code an authenticator app shows now (RFC 6238, 30-second steps)."""
    return format_hotp_value(hotp_value(secret, int((at or time.time()) // 30)))


def enrol_second_factor(user, secret: str = TOTP_SECRET) -> None:
    TOTP.activate(user, secret)


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

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):  # noqa: N805
        """Staff have set up their authenticator app, as the admin requires; pass
        second_factor=False for one who has not yet."""
        if create and obj.is_staff and extracted is not False:
            enrol_second_factor(obj)


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


# Quizzes -------------------------------------------------------------------------------

from courses.models import QuizPage, QuizProfile  # noqa: E402

QUIZ_NAMESPACE = uuid.UUID("0d6f3f55-2b7c-4c55-9d0f-5a3c9a1e7b10")


def quiz_uuid(*parts) -> str:
    """A stable id for a question ("single"), or a choice, item or pair in it ("single", 0),
    so a test knows which id is the correct answer."""
    return str(uuid.uuid5(QUIZ_NAMESPACE, "/".join(str(part) for part in parts)))


def _quiz_item(value, item_id: str) -> dict:
    return {"type": "item", "value": value, "id": item_id}


def _question(block_type: str, key: str, value: dict, explanation: str | None) -> dict:
    return {
        "type": block_type,
        "id": quiz_uuid(key),
        "value": {
            "image": None,
            "image_alt": "",
            "explanation": f"<p>{explanation or f'Selitys {key}.'}</p>",
            **value,
        },
    }


def choice_question(
    key: str = "single",
    choices=(
        ("Väestön ikääntyminen", True, "Palaute oikea valinta."),
        ("Kesän muotiväri", False, "Palaute muotiväri."),
        ("Huomisen pörssikurssi", False, "Palaute pörssikurssi."),
    ),
    *,
    multiple: bool = False,
    prompt: str | None = None,
    explanation: str | None = None,
) -> dict:
    """A single- or multiple-choice question in raw form; choice n has id quiz_uuid(key, n).
    A choice is (text, correct) or (text, correct, feedback)."""
    items = []
    for n, choice in enumerate(choices):
        text, correct, feedback = (*choice, "")[:3]
        items.append(
            _quiz_item({"text": text, "correct": correct, "feedback": feedback}, quiz_uuid(key, n))
        )
    return _question(
        "multiple_choice" if multiple else "single_choice",
        key,
        {"prompt": f"<p>{prompt or f'Kysymys {key}?'}</p>", "choices": items},
        explanation,
    )


def true_false_question(
    key: str = "truefalse",
    correct: str = "false",
    *,
    feedback_true: str = "Palaute tosi.",
    feedback_false: str = "Palaute epätosi.",
    explanation: str | None = None,
) -> dict:
    return _question(
        "true_false",
        key,
        {
            "prompt": f"<p>Väite {key}.</p>",
            "correct_answer": correct,
            "feedback_true": feedback_true,
            "feedback_false": feedback_false,
        },
        explanation,
    )


def ordering_question(
    key: str = "ordering",
    items=("Heikko signaali", "Trendi", "Megatrendi", "Murros"),
    *,
    explanation: str | None = None,
) -> dict:
    """Items in the correct order; item n has id quiz_uuid(key, n)."""
    return _question(
        "ordering",
        key,
        {
            "prompt": f"<p>Järjestä {key}.</p>",
            "items": [_quiz_item(text, quiz_uuid(key, n)) for n, text in enumerate(items)],
        },
        explanation,
    )


def matching_question(
    key: str = "matching",
    pairs=(
        ("Megatrendi", "Laaja, hidas muutoksen kaari"),
        ("Heikko signaali", "Varhainen merkki muutoksesta"),
        ("Villi kortti", "Epätodennäköinen mullistus"),
    ),
    *,
    explanation: str | None = None,
) -> dict:
    """Pairs (term, match); pair n has id quiz_uuid(key, n)."""
    return _question(
        "matching",
        key,
        {
            "prompt": f"<p>Yhdistä {key}.</p>",
            "pairs": [
                _quiz_item({"left": left, "right": right}, quiz_uuid(key, n))
                for n, (left, right) in enumerate(pairs)
            ],
        },
        explanation,
    )


def profile_question(key: str, choices) -> dict:
    """A self-test question; choices are (text, {profile key: points}); choice n has id
    quiz_uuid(key, n)."""
    return {
        "type": "profile",
        "id": quiz_uuid(key),
        "value": {
            "prompt": f"<p>Kysymys {key}?</p>",
            "choices": [
                _quiz_item(
                    {
                        "text": text,
                        "points": [
                            _quiz_item({"profile": profile, "points": points}, quiz_uuid(key, n, p))
                            for p, (profile, points) in enumerate(weights.items())
                        ],
                    },
                    quiz_uuid(key, n),
                )
                for n, (text, weights) in enumerate(choices)
            ],
        },
    }


def graded_questions(prefix: str = "") -> list[dict]:
    """One question of each graded type, keyed prefix + "single", "multiple", "truefalse",
    "ordering" and "matching"."""
    multiple_choices = (
        ("Poliittiset tekijät", True, "Palaute poliittiset."),
        ("Teknologiset tekijät", True, "Palaute teknologiset."),
        ("Tuotteen hinta", False, "Palaute hinta."),
        ("Kilpailijan logo", False, "Palaute logo."),
    )
    return [
        choice_question(f"{prefix}single"),
        choice_question(f"{prefix}multiple", multiple_choices, multiple=True),
        true_false_question(f"{prefix}truefalse"),
        ordering_question(f"{prefix}ordering"),
        matching_question(f"{prefix}matching"),
    ]


class QuizPageFactory(PublishedPageFactory):
    """A published graded quiz in a module, with a live revision (attempts pin it).

    `profiles=[{"key": ..., "name": ..., ...}]` adds self-test profiles before publishing;
    `publish=False` leaves the page without a revision."""

    title = factory.Sequence(lambda n: f"Testi {n}")
    slug = factory.Sequence(lambda n: f"testi-{n}")
    questions = factory.LazyFunction(graded_questions)
    pass_mark = 70
    parent = factory.SubFactory(ModulePageFactory)

    class Meta:
        model = QuizPage

    @classmethod
    def _create(cls, model_class, *args, profiles=(), publish=True, **kwargs):
        if profiles:
            kwargs["profiles"] = [
                QuizProfile(sort_order=number, **{"description": "<p>Kuvaus.</p>", **profile})
                for number, profile in enumerate(profiles)
            ]
        page = super()._create(model_class, *args, **kwargs)
        if publish and page.live:
            page.save_revision().publish()
        return QuizPage.objects.get(pk=page.pk)
