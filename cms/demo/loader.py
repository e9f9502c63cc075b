"""Loads the site's content from `content/`. It creates what is missing and never touches
what exists, so running it twice changes nothing and an editor's later edits are kept.

Pages, snippets and quiz blocks are found by keys derived from stable names in the content
files, not by slug or title, so an editor may rename or move them freely.
"""

from __future__ import annotations

import datetime
import io
import uuid
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from certificates.models import CertificateTemplate
from cms.demo import source
from cms.demo.diagrams import diagram_png
from cms.demo.media import MEDIA_DIR, initials_png, slides_pdf, worksheet_pdf
from cms.demo.source import CONTENT_DIR, LANGUAGES, rich_text
from cms.models import (
    GlossaryPage,
    GlossaryTerm,
    GuestLectureIndexPage,
    GuestLecturePage,
    HomePage,
    LectureModuleLink,
    LectureSpeaker,
    SiteLinks,
    Speaker,
    StandardPage,
)
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    QuizPage,
    QuizProfile,
)

if TYPE_CHECKING:
    from collections.abc import Callable

NAMESPACE = uuid.UUID("6f1f4c38-7e0b-4d59-9a43-1d3c1f3a5e21")
SITE_LANGUAGES = ("fi", "sv", "en")
COURSE_KEY = "course/foresight-basics"
# Site pages under each home, in menu order; the rest are linked from the footer.
SITE_PAGES = (("megatrends", True), ("about", False), ("accessibility", False))


def translation_key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def stable_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


def item(name: str, value: Any) -> dict:
    """A ListBlock item with a stable id: answers are keyed by these ids."""
    return {"type": "item", "value": value, "id": stable_id(name)}


class DemoLoader:
    def __init__(self, log: Callable[[str], None] = lambda message: None):
        self.log = log
        self.created = 0
        self._images: dict[str, Any] = {}
        self._documents: dict[str, Any] = {}

    @transaction.atomic
    def run(self) -> int:
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in SITE_LANGUAGES
        }
        homes, new_homes = self._homes()
        site_pages: dict[str, dict[str, Page]] = {}
        for language in LANGUAGES:
            home = homes[language]
            sections = source.read_yaml(CONTENT_DIR / "pages" / f"sections.{language}.yaml")
            course, futurist_test, modules, lessons = self._course(home, language, sections)
            lectures = self._lectures(home, language, modules, sections["lectures"])
            glossary = self._glossary(home, language, lessons, sections["glossary"])
            site_pages[language] = self._site_pages(home, language)
            if home.pk in new_homes:
                featured = {
                    "course": course,
                    "futurist-test": futurist_test,
                    "lectures": lectures,
                    "glossary": glossary,
                    "megatrends": site_pages[language]["megatrends"],
                }
                self._feature(home, featured, sections["home_cards"])
        self._site_links(site_pages["fi"])
        return self.created

    # Media ---------------------------------------------------------------------------

    def image(self, title: str, filename: str, make: Callable[[], bytes]):
        if title not in self._images:
            Image = get_image_model()
            image = Image.objects.filter(title=title).first()
            if image is None:
                image = Image(title=title, file=ImageFile(io.BytesIO(make()), name=filename))
                image.save()
                self._made(f"image: {title}")
            self._images[title] = image
        return self._images[title]

    def document(self, title: str, filename: str, make: Callable[[], bytes]):
        if title not in self._documents:
            Document = get_document_model()
            document = Document.objects.filter(title=title).first()
            if document is None:
                document = Document(title=title)
                document.file.save(filename, ContentFile(make()), save=False)
                document.save()
                self._made(f"document: {title}")
            self._documents[title] = document
        return self._documents[title]

    def diagram(self, name: str, language: str):
        return self.image(
            f"{name} ({language})", f"{name}-{language}.png", lambda: diagram_png(name, language)
        )

    def placeholder_video(self):
        return self.document(
            "Paikkamerkkivideo – placeholder video",
            "placeholder-video.webm",
            (MEDIA_DIR / "placeholder-video.webm").read_bytes,
        )

    def captions(self, name: str, language: str, path):
        return self.document(
            f"Tekstitys – captions: {name} ({language})", f"{name}.{language}.vtt", path.read_bytes
        )

    # Pages ---------------------------------------------------------------------------

    def _made(self, what: str) -> None:
        self.created += 1
        self.log(what)

    def _existing(self, name: str, language: str) -> Page | None:
        page = Page.objects.filter(
            translation_key=translation_key(name), locale=self.locales[language]
        ).first()
        return page.specific if page is not None else None

    def _ensure(self, parent: Page, name: str, language: str, make: Callable[[], Page]) -> Page:
        existing = self._existing(name, language)
        if existing is not None:
            return existing
        page = make()
        page.translation_key = translation_key(name)
        page.locale = self.locales[language]
        parent.add_child(instance=page)
        page.save_revision().publish()
        self._made(f"page ({language}): {page.title}")
        return page

    def _homes(self) -> tuple[dict[str, HomePage], set[int]]:
        root = Page.get_first_root_node()
        homes, new = {}, set()
        for language in SITE_LANGUAGES:
            if self._existing("home", language) is None:
                text = source.read_text_document(CONTENT_DIR / "pages" / f"home.{language}.md")
                home = self._ensure(
                    root,
                    "home",
                    language,
                    lambda text=text, language=language: HomePage(
                        title=text.meta["title"],
                        slug=f"home-{language}",
                        intro=rich_text(text.meta.get("intro", "")),
                        body=self._body(text.blocks, language, f"home/{language}"),
                    ),
                )
                new.add(home.pk)
            homes[language] = self._existing("home", language)
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
        return homes, new

    def _feature(self, home: HomePage, pages: dict[str, Page], cards: list[dict]) -> None:
        home.featured = [
            {
                "type": "card",
                "value": {
                    "page": pages[card["page"]].pk,
                    "title": card["title"],
                    "text": card["text"],
                },
                "id": stable_id(f"home/{home.locale.language_code}/{card['page']}"),
            }
            for card in cards
        ]
        home.save_revision().publish()

    def _site_links(self, pages: dict[str, Page]) -> None:
        site = Site.objects.get(is_default_site=True)
        links = SiteLinks.for_site(site)
        if links.about_page_id is None and links.accessibility_statement_id is None:
            links.about_page = pages["about"]
            links.accessibility_statement = pages["accessibility"]
            links.feedback_email = links.feedback_email or "saavutettavuus@ennakointi.example.fi"
            links.save()

    def _site_pages(self, home: HomePage, language: str) -> dict[str, Page]:
        pages = {}
        for name, in_menu in SITE_PAGES:
            text = source.read_text_document(CONTENT_DIR / "pages" / f"{name}.{language}.md")
            pages[name] = self._ensure(
                home,
                f"page/{name}",
                language,
                lambda text=text, name=name, in_menu=in_menu: StandardPage(
                    title=text.meta["title"],
                    slug=text.meta["slug"],
                    intro=rich_text(text.meta.get("intro", "")),
                    search_description=text.meta.get("description", ""),
                    show_in_menus=in_menu,
                    body=self._body(text.blocks, language, f"page/{name}"),
                ),
            )
        return pages

    def _body(self, blocks: list[tuple[str, Any]], language: str, key: str) -> list[dict]:
        body = []
        for index, (block_type, value) in enumerate(blocks):
            if block_type == "image":
                value = {
                    "image": self.diagram(value["media"], language).pk,
                    "alt_text": value["alt_text"],
                    "caption": value["caption"],
                }
            elif block_type == "video":
                path = CONTENT_DIR / "course" / "captions" / f"{value['media']}.{language}.vtt"
                value = {
                    "title": value["title"],
                    "video_url": "",
                    "video_file": self.placeholder_video().pk,
                    "captions": self.captions(value["media"], language, path).pk,
                    "transcript": value["transcript"],
                }
            elif block_type == "document":
                document = self.document(
                    value["media"], f"{value['media']}.pdf", MEDIA_MAKERS[value["media"]]
                )
                value = {**value, "document": document.pk}
                del value["media"]
            # Stable block ids: reflection answers are keyed by them.
            body.append({"type": block_type, "value": value, "id": stable_id(f"{key}/{index}")})
        return body

    # The course ----------------------------------------------------------------------

    def _certificate_template(self, language: str) -> CertificateTemplate:
        key = translation_key("certificate-template")
        locale = self.locales[language]
        template = CertificateTemplate.objects.filter(translation_key=key, locale=locale).first()
        if template is None:
            texts = source.read_yaml(CONTENT_DIR / "certificate-template.yaml")[language]
            template = CertificateTemplate.objects.create(
                translation_key=key, locale=locale, live=True, **texts
            )
            self._made(f"certificate template ({language})")
        return template

    def _course(self, home: HomePage, language: str, sections: dict):
        course_dir = CONTENT_DIR / "course"
        index_text = sections["courses"]
        index = self._ensure(
            home,
            "course-index",
            language,
            lambda: CourseIndexPage(
                title=index_text["title"],
                slug=index_text["slug"],
                intro=rich_text(index_text["intro"]),
                show_in_menus=True,
            ),
        )
        text = source.read_yaml(course_dir / f"course.{language}.yaml")
        course = self._ensure(
            index,
            COURSE_KEY,
            language,
            lambda: CoursePage(
                title=text["title"],
                slug=text["slug"],
                summary=text["summary"],
                search_description=text["summary"],
                learning_outcomes=[
                    {"type": "outcome", "value": outcome} for outcome in text["outcomes"]
                ],
                estimated_duration_minutes=text["minutes"],
                cover_image=self.diagram("futures-cone", language),
                certificate_template=self._certificate_template(language),
            ),
        )
        modules, lessons = {}, {}
        futurist_text = source.read_yaml(course_dir / f"futurist-test.{language}.yaml")
        module_list = source.course_modules(course_dir)
        # The futurist test comes first: its result points to the module to start from.
        futurist_test = self._ensure(
            course,
            f"{COURSE_KEY}/futurist-test",
            language,
            lambda: self._futurist_test(futurist_text, language),
        )
        for module_source in module_list:
            module_text = module_source.text[language]
            module = self._ensure(
                course,
                f"{COURSE_KEY}/{module_source.key}",
                language,
                lambda module_text=module_text: ModulePage(
                    title=module_text["title"],
                    slug=module_text["slug"],
                    intro=rich_text(module_text["intro"]),
                ),
            )
            modules[module_source.key] = module
            for lesson_source in module_source.lessons:
                lesson_text = lesson_source.text[language]
                lessons[lesson_source.key] = self._ensure(
                    module,
                    f"{COURSE_KEY}/{lesson_source.key}",
                    language,
                    lambda lesson_text=lesson_text, key=lesson_source.key: LessonPage(
                        title=lesson_text.meta["title"],
                        slug=lesson_text.meta["slug"],
                        estimated_minutes=lesson_text.meta["minutes"],
                        body=self._body(lesson_text.blocks, language, key),
                    ),
                )
            if module_source.quiz:
                quiz_key = f"{COURSE_KEY}/{module_source.key}/quiz"
                quiz_text = module_source.quiz[language]
                self._ensure(
                    module,
                    quiz_key,
                    language,
                    lambda quiz_key=quiz_key, quiz_text=quiz_text: self._quiz(
                        quiz_key, quiz_text, language
                    ),
                )
        final_key = f"{COURSE_KEY}/final-quiz"
        final_text = source.read_yaml(course_dir / f"final-quiz.{language}.yaml")
        self._ensure(
            course, final_key, language, lambda: self._quiz(final_key, final_text, language)
        )
        self._link_profiles(futurist_test, futurist_text, modules, module_list)
        return course, futurist_test, modules, lessons

    def _quiz(self, key: str, text: dict, language: str) -> QuizPage:
        return QuizPage(
            title=text["title"],
            slug=text["slug"],
            intro=rich_text(text.get("intro", "")),
            questions=[self._question(f"{key}/{language}", q) for q in text["questions"]],
            pass_mark=text.get("pass_mark", 75),
            max_attempts=text.get("max_attempts", 3),
            shuffle_choices=True,
            reveal_answers=QuizPage.Reveal.AFTER_LAST_ATTEMPT
            if text.get("max_attempts", 3)
            else QuizPage.Reveal.AFTER_PASS,
        )

    def _question(self, quiz_key: str, question: dict) -> dict:
        key = f"{quiz_key}/{question['key']}"
        kind = question["type"]
        value: dict[str, Any] = {
            "prompt": rich_text(question["prompt"]),
            "image": None,
            "image_alt": "",
            "explanation": rich_text(question["explanation"]),
        }
        if kind in ("single_choice", "multiple_choice"):
            value["choices"] = [
                item(
                    f"{key}/{n}",
                    {
                        "text": choice["text"],
                        "correct": bool(choice.get("correct")),
                        "feedback": choice.get("feedback", ""),
                    },
                )
                for n, choice in enumerate(question["choices"])
            ]
        elif kind == "true_false":
            value.update(
                correct_answer="true" if question["answer"] else "false",
                feedback_true=question.get("feedback_true", ""),
                feedback_false=question.get("feedback_false", ""),
            )
        elif kind == "ordering":
            value["items"] = [item(f"{key}/{n}", text) for n, text in enumerate(question["items"])]
        elif kind == "matching":
            value["pairs"] = [
                item(f"{key}/{n}", {"left": pair["left"], "right": pair["right"]})
                for n, pair in enumerate(question["pairs"])
            ]
        else:
            raise source.ContentError(f"{key}: unknown question type ‘{kind}’")
        return {"type": kind, "value": value, "id": stable_id(key)}

    def _futurist_test(self, text: dict, language: str) -> QuizPage:
        key = f"{COURSE_KEY}/futurist-test/{language}"
        questions = [
            {
                "type": "profile",
                "id": stable_id(f"{key}/{question['key']}"),
                "value": {
                    "prompt": rich_text(question["prompt"]),
                    "choices": [
                        item(
                            f"{key}/{question['key']}/{n}",
                            {
                                "text": choice["text"],
                                "points": [
                                    item(
                                        f"{key}/{question['key']}/{n}/{profile}",
                                        {"profile": profile, "points": points},
                                    )
                                    for profile, points in choice["points"].items()
                                ],
                            },
                        )
                        for n, choice in enumerate(question["choices"])
                    ],
                },
            }
            for question in text["questions"]
        ]
        return QuizPage(
            title=text["title"],
            slug=text["slug"],
            intro=rich_text(text["intro"]),
            search_description=text.get("description", ""),
            mode=QuizPage.Mode.PROFILE,
            required=False,
            questions=questions,
            profiles=[
                QuizProfile(
                    key=profile["key"],
                    name=profile["name"],
                    description=rich_text(profile["description"]),
                    tips=rich_text(profile["tips"]),
                )
                for profile in text["profiles"]
            ],
        )

    def _link_profiles(self, test: QuizPage, text: dict, modules: dict, module_list) -> None:
        """Profiles point to modules, which exist only after the test: link them once."""
        by_number = {number: modules[m.key] for number, m in enumerate(module_list, start=1)}
        changed = False
        for profile in test.profiles.all():
            wanted = next((p for p in text["profiles"] if p["key"] == profile.key), None)
            if profile.recommended_module_id is None and wanted and wanted.get("module"):
                profile.recommended_module = by_number[wanted["module"]]
                profile.save(update_fields=["recommended_module"])
                changed = True
        if changed:
            self.log(f"futurist test profiles linked to modules ({test.locale.language_code})")

    # Glossary ------------------------------------------------------------------------

    def _glossary(self, home, language, lessons: dict[str, LessonPage], page_text: dict) -> Page:
        terms = source.read_yaml(CONTENT_DIR / f"glossary.{language}.yaml")
        page = self._ensure(
            home,
            "glossary",
            language,
            lambda: GlossaryPage(
                title=page_text["title"],
                slug=page_text["slug"],
                intro=rich_text(page_text.get("intro", "")),
                search_description=page_text.get("description", ""),
                show_in_menus=True,
            ),
        )
        locale = self.locales[language]
        for term in terms:
            key = translation_key(f"glossary/{term['key']}")
            if GlossaryTerm.objects.filter(translation_key=key, locale=locale).exists():
                continue
            GlossaryTerm.objects.create(
                translation_key=key,
                locale=locale,
                term=term["term"],
                anchor=term["key"],
                definition=rich_text(term["definition"]),
                introduced_in=lessons[term["lesson"]],
            )
            self._made(f"glossary term ({language}): {term['term']}")
        return page

    # Lectures ------------------------------------------------------------------------

    def _speakers(self, language: str) -> dict[str, Speaker]:
        locale = self.locales[language]
        speakers = {}
        for entry in source.read_yaml(CONTENT_DIR / "lectures" / "speakers.yaml"):
            key = translation_key(f"speaker/{entry['key']}")
            speaker = Speaker.objects.filter(translation_key=key, locale=locale).first()
            if speaker is None:
                speaker = Speaker.objects.create(
                    translation_key=key,
                    locale=locale,
                    name=entry["name"],
                    title=entry["title"][language],
                    organisation=entry["organisation"][language],
                    photo=self.image(
                        f"Puhuja – speaker: {entry['name']}",
                        f"speaker-{entry['key']}.png",
                        lambda entry=entry: initials_png(entry["name"]),
                    ),
                )
                self._made(f"speaker ({language}): {speaker.name}")
            speakers[entry["key"]] = speaker
        return speakers

    def _lectures(self, home, language, modules: dict[str, ModulePage], index_text) -> Page:
        folder = CONTENT_DIR / "lectures"
        index = self._ensure(
            home,
            "lectures",
            language,
            lambda: GuestLectureIndexPage(
                title=index_text["title"],
                slug=index_text["slug"],
                intro=rich_text(index_text["intro"]),
                search_description=index_text.get("description", ""),
                show_in_menus=True,
            ),
        )
        speakers = self._speakers(language)
        for path in sorted(folder.glob(f"*.{language}.md")):
            name = path.name.split(".", 1)[0]
            self._ensure(
                index,
                f"lecture/{name}",
                language,
                lambda path=path, name=name: self._lecture(
                    name, source.read_text_document(path), language, speakers, modules
                ),
            )
        return index

    def _lecture(self, name, text, language, speakers, modules) -> GuestLecturePage:
        meta = text.meta
        title = meta["title"]
        slides = self.document(
            f"{title} – {'diat' if language == 'fi' else 'slides'}",
            f"{name}-slides-{language}.pdf",
            lambda: slides_pdf(title, meta["slides"], language),
        )
        captions = self.captions(
            name, language, CONTENT_DIR / "lectures" / "captions" / f"{name}.{language}.vtt"
        )
        page = GuestLecturePage(
            title=title,
            slug=meta["slug"],
            kind=meta["kind"],
            date=meta["date"]
            if isinstance(meta["date"], datetime.date)
            else datetime.date.fromisoformat(meta["date"]),
            event=meta.get("event", ""),
            summary="".join(value for kind, value in text.blocks if kind == "paragraph"),
            search_description=meta.get("description", ""),
            video=[
                {
                    "type": "video",
                    "value": {
                        "title": meta["video_title"],
                        "video_url": "",
                        "video_file": self.placeholder_video().pk,
                        "captions": captions.pk,
                        "transcript": rich_text(meta["transcript"]),
                    },
                    "id": stable_id(f"lecture/{name}/{language}/video"),
                }
            ],
            slides=slides,
        )
        page.tags.add(*meta.get("themes", []))
        page.speakers = [LectureSpeaker(speaker=speakers[key]) for key in meta["speakers"]]
        page.module_links = [
            LectureModuleLink(module=modules[key]) for key in meta.get("modules", [])
        ]
        return page


MEDIA_MAKERS: dict[str, Callable[[], bytes]] = {"time-horizons-worksheet": worksheet_pdf}
