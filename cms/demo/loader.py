"""Loads the demo content. It creates what is missing and never touches what exists,
so running it twice changes nothing and an editor's later edits are kept.

Pages are found by a translation key derived from a stable name, not by slug or title,
so an editor may rename or move them freely.
"""

import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from certificates.models import CertificateTemplate
from cms.demo import content
from cms.demo.media import MEDIA_DIR, futures_cone_png, worksheet_pdf
from cms.models import HomePage
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    QuizPage,
    QuizProfile,
)

NAMESPACE = uuid.UUID("6f1f4c38-7e0b-4d59-9a43-1d3c1f3a5e21")
LANGUAGES = ("fi", "en")


def translation_key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


class DemoLoader:
    def __init__(self, log=lambda message: None):
        self.log = log
        self.created = 0

    @transaction.atomic
    def run(self) -> int:
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fi", "sv", "en")
        }
        self.media = self._media()
        homes = self._homes()
        for language in LANGUAGES:
            self._course(homes[language], language)
        return self.created

    # Media ---------------------------------------------------------------------------

    def _image(self, title: str, filename: str, data: bytes):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, file=ImageFile(io.BytesIO(data), name=filename))
            image.save()
            self.created += 1
            self.log(f"image: {title}")
        return image

    def _document(self, title: str, filename: str, data: bytes):
        Document = get_document_model()
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file.save(filename, ContentFile(data), save=False)
            document.save()
            self.created += 1
            self.log(f"document: {title}")
        return document

    def _media(self) -> dict:
        return {
            "image": self._image(
                "Tulevaisuuskartio – futures cone", "futures-cone.png", futures_cone_png()
            ),
            "worksheet": self._document(
                "Aikajänteet – time horizons worksheet", "time-horizons.pdf", worksheet_pdf()
            ),
            "video": self._document(
                "Kurssin esittely – course introduction (video)",
                "course-intro.webm",
                (MEDIA_DIR / "demo-intro.webm").read_bytes(),
            ),
            "captions": {
                language: self._document(
                    f"Kurssin esittely – captions ({language})",
                    f"course-intro.{language}.vtt",
                    (MEDIA_DIR / f"demo-intro.{language}.vtt").read_bytes(),
                )
                for language in LANGUAGES
            },
        }

    # Pages ---------------------------------------------------------------------------

    def _ensure(self, parent: Page, name: str, language: str, page: Page) -> Page:
        key = translation_key(name)
        locale = self.locales[language]
        existing = Page.objects.filter(translation_key=key, locale=locale).first()
        if existing is not None:
            return existing.specific
        page.translation_key = key
        page.locale = locale
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        self.log(f"page ({language}): {page.title}")
        return page

    def _homes(self) -> dict[str, HomePage]:
        root = Page.get_first_root_node()
        homes = {}
        for language in ("fi", "sv", "en"):
            text = content.HOME[language]
            homes[language] = self._ensure(
                root,
                "home",
                language,
                HomePage(title=text["title"], slug=f"home-{language}", intro=text["intro"]),
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=homes["fi"], is_default_site=True)
        elif not isinstance(site.root_page.specific, HomePage):
            welcome = site.root_page
            site.root_page = homes["fi"]
            site.save()
            # Wagtail's installation page is replaced once; anything else is left alone.
            if type(welcome.specific) is Page and welcome.get_children_count() == 0:
                welcome.delete()
        return homes

    def _certificate_template(self, language: str) -> CertificateTemplate:
        key = translation_key("certificate-template")
        locale = self.locales[language]
        template = CertificateTemplate.objects.filter(translation_key=key, locale=locale).first()
        if template is None:
            text = content.CERTIFICATE_TEMPLATE
            template = CertificateTemplate.objects.create(
                translation_key=key,
                locale=locale,
                live=True,
                **{field: values[language] for field, values in text.items()},
            )
            self.created += 1
            self.log(f"certificate template ({language})")
        return template

    def _course(self, home: HomePage, language: str) -> None:
        index_text = content.COURSE_INDEX
        index = self._ensure(
            home,
            "course-index",
            language,
            CourseIndexPage(
                title=index_text["title"][language],
                slug=index_text["slug"][language],
                intro=index_text["intro"][language],
            ),
        )
        text = content.COURSE
        course = self._ensure(
            index,
            "demo-course",
            language,
            CoursePage(
                title=text["title"][language],
                slug=text["slug"][language],
                summary=text["summary"][language],
                learning_outcomes=[
                    {"type": "outcome", "value": outcome} for outcome in text["outcomes"][language]
                ],
                estimated_duration_minutes=text["minutes"],
                cover_image=self.media["image"],
                certificate_template=self._certificate_template(language),
            ),
        )
        modules = []
        for module_number, module_text in enumerate(content.MODULES, start=1):
            module = self._ensure(
                course,
                f"demo-module-{module_number}",
                language,
                ModulePage(
                    title=module_text["title"][language],
                    slug=module_text["slug"][language],
                    intro=module_text["intro"][language],
                ),
            )
            modules.append(module)
            for lesson_number, lesson_text in enumerate(module_text["lessons"], start=1):
                self._ensure(
                    module,
                    f"demo-lesson-{module_number}-{lesson_number}",
                    language,
                    LessonPage(
                        title=lesson_text["title"][language],
                        slug=lesson_text["slug"][language],
                        estimated_minutes=lesson_text["minutes"],
                        body=self._body(
                            lesson_text["body"][language],
                            language,
                            f"{module_number}-{lesson_number}",
                        ),
                    ),
                )
        self._module_quiz(modules, language)
        self._futurist_test(course, modules, language)

    def _module_quiz(self, modules: list[ModulePage], language: str) -> None:
        text = content.MODULE_QUIZ
        questions = []
        for index, question in enumerate(text["questions"][language]):
            key = f"quiz-{language}-{index}"
            kind, prompt = question[0], f"<p>{question[1]}</p>"
            value: dict = {
                "prompt": prompt,
                "image": None,
                "image_alt": "",
                "explanation": f"<p>{question[-1]}</p>",
            }
            if kind in ("single_choice", "multiple_choice"):
                value["choices"] = [
                    self._item(f"{key}-{n}", {"text": t, "correct": c, "feedback": f})
                    for n, (t, c, f) in enumerate(question[2])
                ]
            elif kind == "true_false":
                value.update(correct_answer=question[2], feedback_true="", feedback_false="")
            elif kind == "ordering":
                value["items"] = [self._item(f"{key}-{n}", t) for n, t in enumerate(question[2])]
            questions.append({"type": kind, "value": value, "id": self._id(key)})
        self._ensure(
            modules[text["module"]],
            "demo-module-quiz-1",
            language,
            QuizPage(
                title=text["title"][language],
                slug=text["slug"][language],
                intro=text["intro"][language],
                questions=questions,
                pass_mark=75,
                max_attempts=3,
                shuffle_choices=True,
                reveal_answers=QuizPage.Reveal.AFTER_LAST_ATTEMPT,
            ),
        )

    def _futurist_test(self, course: CoursePage, modules: list[ModulePage], language: str):
        text = content.FUTURIST_TEST
        questions = []
        for index, (prompt, choices) in enumerate(text["questions"][language]):
            key = f"futurist-{language}-{index}"
            questions.append(
                {
                    "type": "profile",
                    "id": self._id(key),
                    "value": {
                        "prompt": f"<p>{prompt}</p>",
                        "choices": [
                            self._item(
                                f"{key}-{n}",
                                {
                                    "text": choice,
                                    "points": [
                                        self._item(
                                            f"{key}-{n}-{profile}",
                                            {"profile": profile, "points": points},
                                        )
                                        for profile, points in weights.items()
                                    ],
                                },
                            )
                            for n, (choice, weights) in enumerate(choices)
                        ],
                    },
                }
            )
        profiles = [
            QuizProfile(
                key=key,
                name=name[language],
                description=f"<p>{about[language]}</p>",
                tips=f"<p>{tips[language]}</p>",
                recommended_module=modules[module],
            )
            for key, module, name, about, tips in text["profiles"]
        ]
        self._ensure(
            course,
            "demo-futurist-test",
            language,
            QuizPage(
                title=text["title"][language],
                slug=text["slug"][language],
                intro=text["intro"][language],
                mode=QuizPage.Mode.PROFILE,
                required=False,
                questions=questions,
                profiles=profiles,
            ),
        )

    @staticmethod
    def _id(name: str) -> str:
        return str(uuid.uuid5(NAMESPACE, name))

    def _item(self, name: str, value) -> dict:
        """A ListBlock item with a stable id: answers are keyed by these ids."""
        return {"type": "item", "value": value, "id": self._id(name)}

    def _body(self, blocks: list, language: str, key: str) -> list[dict]:
        body = []
        for index, (block_type, value) in enumerate(blocks):
            if value == "@image":
                value = {
                    "image": self.media["image"].id,
                    "alt_text": content.MEDIA_TEXT["image_alt"][language],
                    "caption": content.MEDIA_TEXT["image_caption"][language],
                }
            elif value == "@video":
                value = {
                    "title": content.MEDIA_TEXT["video_title"][language],
                    "video_url": "",
                    "video_file": self.media["video"].id,
                    "captions": self.media["captions"][language].id,
                    "transcript": content.MEDIA_TEXT["transcript"][language],
                }
            elif block_type == "document":
                value = {**value, "document": self.media["worksheet"].id}
            # Stable block ids: reflection answers are keyed by them.
            block_id = str(uuid.uuid5(NAMESPACE, f"{key}-{language}-{index}"))
            body.append({"type": block_type, "value": value, "id": block_id})
        return body
