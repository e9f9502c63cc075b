"""The course in one language, from `content/course/`: the course index, the course page with
its certificate template, the futurist test, the modules with their lessons and quizzes, and
the final quiz."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from certificates.models import CertificateTemplate, CourseCertificate
from cms.demo import source
from cms.demo.base import translation_key
from cms.demo.body import stream_body
from cms.demo.quiz_pages import futurist_test_page, quiz_page
from cms.demo.source import CONTENT_DIR, rich_text
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

if TYPE_CHECKING:
    from cms.demo.assets import Assets
    from cms.demo.base import LoadRun
    from cms.models import HomePage
    from courses.models import QuizPage

COURSE_KEY = "course/foresight-basics"
COURSE_DIR = CONTENT_DIR / "course"


@dataclass
class CourseTree:
    """What the lectures, glossary and home page link to, by module and lesson key."""

    page: CoursePage
    futurist_test: QuizPage
    modules: dict[str, ModulePage]
    lessons: dict[str, LessonPage]


class CourseLoader:
    def __init__(self, run: LoadRun, assets: Assets):
        self.run = run
        self.assets = assets

    def load(self, home: HomePage, language: str, index_text: dict) -> CourseTree:
        index = self.run.ensure(
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
        text = source.read_yaml(COURSE_DIR / f"course.{language}.yaml")
        made = []

        def make_course() -> CoursePage:
            made.append(True)
            return CoursePage(
                title=text["title"],
                slug=text["slug"],
                summary=text["summary"],
                search_description=text["summary"],
                learning_outcomes=[
                    {"type": "outcome", "value": outcome} for outcome in text["outcomes"]
                ],
                estimated_duration_minutes=text["minutes"],
                cover_image=self.assets.diagram("futures-cone", language),
            )

        course = self.run.ensure(index, COURSE_KEY, language, make_course)
        if made:  # a new course prints its language's certificate template
            CourseCertificate.objects.create(
                course=course, template=self._certificate_template(language)
            )
        modules, lessons = {}, {}
        futurist_text = source.read_yaml(COURSE_DIR / f"futurist-test.{language}.yaml")
        module_list = source.course_modules(COURSE_DIR)
        # The futurist test comes first: its result points to the module to start from.
        futurist_key = f"{COURSE_KEY}/futurist-test"
        futurist_test = self.run.ensure(
            course,
            futurist_key,
            language,
            lambda: futurist_test_page(futurist_key, futurist_text, language),
        )
        for module_source in module_list:
            module_text = module_source.text[language]
            module = self.run.ensure(
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
                lessons[lesson_source.key] = self.run.ensure(
                    module,
                    f"{COURSE_KEY}/{lesson_source.key}",
                    language,
                    lambda lesson_text=lesson_text, key=lesson_source.key: LessonPage(
                        title=lesson_text.meta["title"],
                        slug=lesson_text.meta["slug"],
                        estimated_minutes=lesson_text.meta["minutes"],
                        body=stream_body(self.assets, lesson_text.blocks, language, key),
                    ),
                )
            if module_source.quiz:
                quiz_key = f"{COURSE_KEY}/{module_source.key}/quiz"
                quiz_text = module_source.quiz[language]
                self.run.ensure(
                    module,
                    quiz_key,
                    language,
                    lambda quiz_key=quiz_key, quiz_text=quiz_text: quiz_page(
                        quiz_key, quiz_text, language
                    ),
                )
        final_key = f"{COURSE_KEY}/final-quiz"
        final_text = source.read_yaml(COURSE_DIR / f"final-quiz.{language}.yaml")
        self.run.ensure(
            course, final_key, language, lambda: quiz_page(final_key, final_text, language)
        )
        self._link_profiles(futurist_test, futurist_text, modules, module_list)
        return CourseTree(course, futurist_test, modules, lessons)

    def _certificate_template(self, language: str) -> CertificateTemplate:
        key = translation_key("certificate-template")
        locale = self.run.locales[language]
        template = CertificateTemplate.objects.filter(translation_key=key, locale=locale).first()
        if template is None:
            texts = source.read_yaml(CONTENT_DIR / "certificate-template.yaml")[language]
            template = CertificateTemplate.objects.create(
                translation_key=key, locale=locale, live=True, **texts
            )
            self.run.made(f"certificate template ({language})")
        return template

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
            self.run.log(f"futurist test profiles linked to modules ({test.locale.language_code})")
