"""Many learners with the histories real ones leave, for measuring the site at scale
(`manage.py scale_data`); never for a live site.

Learner number n is drawn from n alone, so the same number always makes the same learner
and a run only adds the numbers not there yet. A learner takes the course in one language
(mostly the site's default), lesson by lesson in the outline's order, with breaks between
sessions; passes each quiz after zero or more failed attempts (within its limit); and
either finishes (enrolment completed, certificate issued) or stops somewhere on the way,
sometimes with a failed or an open attempt at the quiz they stopped at. Some also read the
course in another language: progress counts by translation key, so that work counts once,
and it is how the demo course, with 18 lessons a language, gets the issue's average of
about 20 lesson completions a learner.

Quiz attempts are real: a few hundred answer sets per quiz are drawn and graded by the quiz
engine once (`QuizPatterns`), and each attempt takes one of them, passing or failing as
its learner's story needs, so item analysis sees answers spread as learners spread them.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.http import QueryDict
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from certificates.codes import ALPHABET, LENGTH, format_code
from certificates.models import Certificate, CourseCertificate
from cms.demo import bulk
from courses.models import CoursePage, Enrolment, LessonCompletion, QuizAttempt
from courses.quizzes import engine

if TYPE_CHECKING:
    from collections.abc import Callable

    from certificates.models import CertificateTemplate
    from courses.models import QuizPage
    from courses.outline import CourseOutline

EMAIL_DOMAIN = "scale.example"

FIRST_NAMES = {
    "fi": "Aino Eino Helmi Ilmari Johanna Jukka Kaisa Kalle Laura Lauri Maija Matti Minna "
    "Mikko Noora Olli Paula Pekka Riikka Sami Sanna Teemu Tiina Ville".split(),
    "sv": "Alva Anders Ebba Erik Freja Gustav Ida Johan Linnea Mats Sara Tor".split(),
    "en": "Alice Ben Chloe Daniel Emma Felix Grace Henry Isla Jack Lucy Oscar".split(),
}
LAST_NAMES = {
    "fi": "Heikkinen Hämäläinen Järvinen Korhonen Koskinen Laine Lehtonen Mäkinen "
    "Nieminen Niemi Salminen Virtanen Väisänen Kärkkäinen Ahonen Turunen".split(),
    "sv": "Lindqvist Holmström Ekman Sjöberg Nyström Wikström Lindholm Forsman".split(),
    "en": "Smith Jones Taylor Brown Wilson Evans Walker Wright Hughes Green".split(),
}

FINISH_SHARE = 0.6  # of learners who complete the course they start
PASS_AT_ONCE = {False: 0.75, True: 0.55}  # a module quiz / the final quiz, per attempt
SESSION_BREAK = 0.25  # chance that a lesson starts a new session, days later
BATCH = {"postgresql": 5000}  # learners a transaction; 1000 elsewhere
ANSWER_SETS = 48  # graded answer sets kept per quiz for passing, and as many for failing


def scaled_learners():
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")


def existing_numbers() -> set[int]:
    """The numbers of the scaled learners there are (the last part of their email's name)."""
    emails = scaled_learners().values_list("email", flat=True).iterator(chunk_size=10_000)
    return {int(email.partition("@")[0].rpartition(".")[2]) for email in emails}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


# Quiz answers, graded once --------------------------------------------------------------


@dataclass(frozen=True)
class AnswerSet:
    """One drawn attempt, answered and graded: the columns an attempt stores."""

    drawn: bulk.Json
    question_data: bulk.Json
    answers: bulk.Json
    results: bulk.Json
    score: Decimal
    passed: bool


def _form_data(spec: dict, value, right: bool, rng: random.Random) -> dict[str, list[str]]:
    """What a learner posts for one drawn question: the right answer, or a wrong one."""
    qid, kind = spec["id"], spec["kind"]
    name = engine.field_name(qid)
    if kind in ("single", "multiple"):
        correct = [child.id for child in value["choices"].bound_blocks if child.value["correct"]]
        wrong = [choice for choice in spec["choices"] if choice not in correct]
        if kind == "single":
            return {name: [correct[0] if right or not wrong else rng.choice(wrong)]}
        picks = set(correct)
        if not right:
            if len(picks) > 1 and (not wrong or rng.random() < 0.5):
                picks.discard(rng.choice(sorted(picks)))  # one right choice missed
            elif wrong:
                picks.add(rng.choice(wrong))  # one wrong choice added
        return {name: sorted(picks)}
    if kind == "truefalse":
        answer = value["correct_answer"]
        return {name: [answer if right else {"true": "false", "false": "true"}[answer]]}
    if kind in ("ordering", "matching"):
        authored = [
            child.id for child in value["items" if kind == "ordering" else "pairs"].bound_blocks
        ]
        targets = authored[:]
        if not right and len(targets) > 1:
            i = rng.randrange(len(targets) - 1)  # two neighbours swapped
            targets[i], targets[i + 1] = targets[i + 1], targets[i]
        if kind == "ordering":
            return {
                engine.field_name(qid, item): [str(targets.index(item) + 1)]
                for item in spec["items"]
            }
        token_of = {pair: token for token, pair in spec["rights"]}
        return {
            engine.field_name(qid, pair): [token_of[targets[authored.index(pair)]]]
            for pair in spec["lefts"]
        }
    raise ValueError(f"scale_data does not know how to answer a {kind!r} question")


class QuizPatterns:
    """Graded answer sets for one quiz, passing and failing; each question has an ease of
    its own, so some are answered right far more often than others."""

    def __init__(self, quiz: QuizPage, rng: random.Random):
        self.quiz = quiz
        self.passing: list[AnswerSet] = []
        self.failing: list[AnswerSet] = []
        questions = quiz.questions
        raw = [dict(item) for item in questions.raw_data]
        blocks = engine.question_map(questions)
        ease = {qid: rng.uniform(0.55, 0.97) for qid in blocks}
        for _try in range(40 * ANSWER_SETS):
            if len(self.passing) >= ANSWER_SETS and len(self.failing) >= ANSWER_SETS:
                break
            drawn = engine.draw(
                questions,
                pool_size=quiz.pool_size,
                shuffle_questions=quiz.shuffle_questions,
                shuffle_choices=quiz.shuffle_choices,
                rng=rng,
            )
            skill = rng.uniform(0.5, 1.2)
            post = QueryDict(mutable=True)
            for spec in drawn:
                right = rng.random() < skill * ease[spec["id"]]
                for name, values in _form_data(spec, blocks[spec["id"]].value, right, rng).items():
                    post.setlist(name, values)
            parsed = engine.parse_answers(post, drawn, questions)
            if not parsed.is_valid:
                raise ValueError(f"scale_data answered {quiz.title!r} invalidly: {parsed.errors}")
            grade = engine.grade(
                questions,
                drawn,
                parsed.answers,
                pass_mark=quiz.pass_mark,
                partial_credit=quiz.partial_credit,
            )
            pool = self.passing if grade.passed else self.failing
            if len(pool) >= ANSWER_SETS:
                continue
            drawn_ids = {spec["id"] for spec in drawn}
            pool.append(
                AnswerSet(
                    drawn=bulk.Json(drawn),
                    question_data=bulk.Json([item for item in raw if item["id"] in drawn_ids]),
                    answers=bulk.Json(parsed.answers),
                    results=bulk.Json(
                        [
                            {
                                "id": r.question_id,
                                "kind": r.kind,
                                "credit": r.credit,
                                "correct": r.correct,
                            }  # fmt: skip
                            for r in grade.results
                        ]
                    ),
                    score=Decimal(str(grade.score)),
                    passed=grade.passed,
                )
            )
        # A quiz nobody can fail (or pass) still gets attempts: from the other pool.
        self.passing = self.passing or self.failing
        self.failing = self.failing or self.passing

    def pick(self, passed: bool, rng: random.Random) -> AnswerSet:
        return rng.choice(self.passing if passed else self.failing)


# The course as learners meet it -----------------------------------------------------------


@dataclass
class Translation:
    page: CoursePage
    outline: CourseOutline
    weight: float
    template: CertificateTemplate | None
    length: str

    @property
    def lessons(self) -> list:
        return [item for item in self.outline.items if not item.is_quiz]


def _length(course: CoursePage) -> str:
    """As a certificate prints the course's length (certificates.issuing does the same)."""
    with translation.override(course.locale.language_code):
        hours = round(course.estimated_duration_minutes / 60, 1)
        return _("%(hours)s h") % {"hours": formats.number_format(hours, decimal_pos=None)}


def course_families() -> list[list[Translation]]:
    """Each live course with its live translations; the site's default language first and
    most taken, as on the Finnish course the demo is modelled on."""
    families: dict = {}
    for course in CoursePage.objects.live().select_related("locale").order_by("path"):
        families.setdefault(course.translation_key, []).append(course)
    result = []
    for courses in families.values():
        courses.sort(key=lambda c: c.locale.language_code != settings.LANGUAGE_CODE)
        linked = CourseCertificate.template_for(courses[0])
        family = []
        for n, course in enumerate(courses):
            outline = course.outline()
            if not outline.items:
                continue
            template = linked.get_translation_or_none(course.locale) if linked else None
            weight = 0.9 if n == 0 else 0.1 / (len(courses) - 1)
            family.append(Translation(course, outline, weight, template or linked, _length(course)))
        if family:
            result.append(family)
    return result


# Learners ------------------------------------------------------------------------------------


@dataclass
class Rows:
    """A batch's rows, the user column holding the learner's place in the batch until
    the accounts exist."""

    users: list[tuple] = field(default_factory=list)
    completions: list[tuple] = field(default_factory=list)
    attempts: list[tuple] = field(default_factory=list)
    enrolments: list[tuple] = field(default_factory=list)
    certificates: list[tuple] = field(default_factory=list)


USER_COLUMNS = (
    "email", "full_name", "preferred_language", "password", "last_login", "is_superuser",
    "is_staff", "is_active", "date_joined",
)  # fmt: skip
COMPLETION_COLUMNS = ("user_id", "lesson_id", "completed_at")
ATTEMPT_COLUMNS = (
    "user_id", "quiz_id", "quiz_key", "anonymous_token", "number", "revision_id", "pass_mark",
    "partial_credit", "drawn", "question_data", "answers", "results", "score", "passed",
    "profile_result", "started_at", "submitted_at",
)  # fmt: skip
ENROLMENT_COLUMNS = (
    "user_id", "course_id", "course_key", "started_at", "completed_at", "last_page_id",
    "last_visited_at",
)  # fmt: skip
CERTIFICATE_COLUMNS = (
    "user_id", "code", "course_id", "course_key", "template_id", "language", "name",
    "course_title", "course_length", "completed_on", "status", "pdf", "pdf_sha256",
    "render_attempts", "last_error", "is_current", "superseded_by_id", "revoked_at",
    "revoke_reason", "created_at", "rendered_at", "notified_at",
)  # fmt: skip


class Story:
    """One learner's history as times in seconds from their first visit, turned into rows
    once its length is known (it must end before now)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.clock = self.start = rng.uniform(60, 3600)
        self.completions: list[tuple[int, float]] = []
        self.attempts: list[tuple[QuizPage, int, AnswerSet | None, float, float | None]] = []
        self.last_page: int | None = None
        self.course: Translation | None = None
        self.completed: float | None = None

    def wait(self, within_session: tuple[float, float] = (120, 900)) -> float:
        if self.rng.random() < SESSION_BREAK:
            self.clock += self.rng.uniform(12 * 3600, 7 * 86400)
        else:
            self.clock += self.rng.uniform(*within_session)
        return self.clock

    def read(self, lesson) -> None:
        self.completions.append((lesson.id, self.wait()))
        self.last_page = lesson.id

    def attempt(self, quiz: QuizPage, answers: AnswerSet | None) -> None:
        started = self.wait((60, 300))
        number = sum(1 for a in self.attempts if a[0].id == quiz.id) + 1
        submitted = None
        if answers is not None:
            self.clock += self.rng.uniform(90, 600)
            submitted = self.clock
        self.attempts.append((quiz, number, answers, started, submitted))
        self.last_page = quiz.id


class ScaleData:
    """Makes learners by number, a batch at a time (`batch`, then `write` in one
    transaction), so an interrupted run leaves whole learners and the next one goes on."""

    def __init__(self, completions_per_learner: float = 20):
        self.families = course_families()
        if not self.families:
            raise ValueError("no live course to learn from: run load_demo_content first")
        pattern_rng = random.Random(13)  # noqa: S311 (made-up learners, made again alike)
        self.patterns = {
            item.id: QuizPatterns(item.page, pattern_rng)
            for family in self.families
            for course in family
            for item in course.outline.items
            if item.is_quiz
        }
        self.revisions = {
            quiz_id: patterns.quiz.live_revision_id for quiz_id, patterns in self.patterns.items()
        }
        self.now = timezone.now()
        self.second_language = self._second_language_share(completions_per_learner)

    def _second_language_share(self, target: float) -> float:
        """How many also read another translation, for `target` completions on average."""
        own = other = 0.0
        for family in self.families:
            for course in family:
                items = course.outline.items
                reached = [
                    sum(1 for item in items[:reach] if not item.is_quiz)
                    for reach in range(1, len(items))
                ] or [len(course.lessons)]
                dropped = sum(reached) / len(reached)
                own += course.weight * (FINISH_SHARE * len(course.lessons))
                own += course.weight * (1 - FINISH_SHARE) * dropped
                others = [c for c in family if c is not course]
                if others:
                    # Finishers read a beginning of another translation; those who stopped
                    # read again some of what they read (see `_learn`).
                    finished = sum((len(c.lessons) + 1) / 2 for c in others) / len(others)
                    other += course.weight * FINISH_SHARE * finished
                    other += course.weight * (1 - FINISH_SHARE) * (dropped + 1) / 2
        own /= len(self.families)
        other /= len(self.families)
        return min(1.0, max(0.0, (target - own) / other)) if other else 0.0

    # One learner --------------------------------------------------------------------------

    def _pass(self, story: Story, item) -> None:
        """Failed attempts, then the one that passes, within the quiz's limit."""
        quiz = item.page
        limit = quiz.max_attempts or 6
        chance = PASS_AT_ONCE[item.module is None]
        failed = 0
        while failed < limit - 1 and story.rng.random() >= chance:
            failed += 1
        for number in range(failed + 1):
            story.attempt(quiz, self.patterns[item.id].pick(number == failed, story.rng))

    def _fail(self, story: Story, item) -> None:
        """Where a learner gave up: one or more failed attempts, sometimes one more begun
        and never sent."""
        quiz = item.page
        limit = quiz.max_attempts or 6
        failed = story.rng.randint(1, limit)
        for _number in range(failed):
            story.attempt(quiz, self.patterns[item.id].pick(False, story.rng))
        if failed < limit and story.rng.random() < 0.3:
            story.attempt(quiz, None)

    def _learn(self, rows: Rows, place: int, n: int) -> None:
        rng = random.Random(n * 7919 + 13)  # noqa: S311 (learner n is always the same)
        family = self.families[n % len(self.families)]
        course = rng.choices(family, weights=[c.weight for c in family])[0]
        story = Story(rng)
        story.course = course
        items = course.outline.items
        finishes = rng.random() < FINISH_SHARE or len(items) == 1
        reach = len(items) if finishes else rng.randint(1, len(items) - 1)
        for item in items[:reach]:
            if item.is_quiz:
                self._pass(story, item)
            else:
                story.read(item.page)
        if finishes:
            story.completed = story.clock
        else:
            stop = items[reach]
            if stop.is_quiz and rng.random() < 0.5:
                self._fail(story, stop)
            elif rng.random() < 0.6:
                story.wait()
                story.last_page = stop.id  # opened, not finished
        others = [c for c in family if c is not course]
        if others and rng.random() < self.second_language:
            other = rng.choice(others)
            if finishes:
                lessons = other.lessons[: rng.randint(1, len(other.lessons))]
            else:
                # Only what they read already, so the other language never finishes a
                # course for somebody who gave up on it.
                read = {item.key for item in items[:reach]}
                lessons = [item for item in other.lessons if item.key in read]
                lessons = lessons[: rng.randint(1, len(lessons))] if lessons else []
            if lessons:
                story.clock += rng.uniform(86400, 30 * 86400)
                for lesson in lessons:
                    story.read(lesson.page)
                story.course = other
        self._rows(rows, place, n, course, story)

    def _rows(self, rows: Rows, place: int, n: int, course: Translation, story: Story) -> None:
        rng = story.rng
        # The whole story ends before now, most learners' well before.
        latest = self.now - timedelta(seconds=story.clock + 3600)
        joined = latest - timedelta(days=rng.uniform(0, 720))
        at: Callable[[float], datetime] = lambda seconds: joined + timedelta(seconds=seconds)  # noqa: E731
        language = course.page.locale.language_code
        names = language if language in FIRST_NAMES else "fi"
        first, last = rng.choice(FIRST_NAMES[names]), rng.choice(LAST_NAMES[names])
        email = f"{_ascii(first)}.{_ascii(last)}.{n}@{EMAIL_DOMAIN}"
        rows.users.append(
            (
                email,
                f"{first} {last}",
                language,
                make_password(None),
                at(story.clock),
                False,
                False,
                True,
                joined,
            )  # fmt: skip
        )
        for lesson_id, seconds in story.completions:
            rows.completions.append((place, lesson_id, at(seconds)))
        for quiz, number, answers, started, submitted in story.attempts:
            rows.attempts.append(
                (
                    place,
                    quiz.id,
                    quiz.translation_key,
                    None,
                    number,
                    self.revisions[quiz.id],
                    quiz.pass_mark,
                    quiz.partial_credit,
                    answers.drawn if answers else bulk.Json([]),
                    answers.question_data if answers else bulk.Json([]),
                    answers.answers if answers else None,
                    answers.results if answers else None,
                    answers.score if answers else None,
                    answers.passed if answers else None,
                    "",
                    at(started),
                    at(submitted) if submitted is not None else None,
                )  # fmt: skip
            )
        completed = at(story.completed) if story.completed is not None else None
        rows.enrolments.append(
            (
                place,
                story.course.page.id,
                course.page.translation_key,
                at(story.start),
                completed,
                story.last_page,
                at(story.clock),
            )  # fmt: skip
        )
        if completed is not None:
            self._certificate(rows, place, course, f"{first} {last}", completed, rng)

    @staticmethod
    def _certificate(rows: Rows, place, course: Translation, name: str, completed, rng) -> None:
        """Most learners confirmed their name and have a certificate; a few never did."""
        confirmed = rng.random() < 0.9
        language = course.template.locale.language_code if course.template else None
        rows.certificates.append(
            (
                place,
                format_code("".join(rng.choice(ALPHABET) for _ in range(LENGTH))),
                course.page.id,
                course.page.translation_key,
                course.template.id if course.template else None,
                language or course.page.locale.language_code,
                name if confirmed else "",
                course.page.title,
                course.length,
                timezone.localdate(completed),
                Certificate.Status.READY if confirmed else Certificate.Status.AWAITING_NAME,
                "",
                "",
                int(confirmed),
                "",
                True,
                None,
                None,
                "",
                completed,
                completed + timedelta(seconds=4) if confirmed else None,
                completed + timedelta(seconds=5) if confirmed else None,
            )  # fmt: skip
        )

    # Batches -----------------------------------------------------------------------------

    def batch(self, numbers: list[int]) -> Rows:
        rows = Rows()
        for place, n in enumerate(numbers):
            self._learn(rows, place, n)
        return rows

    @staticmethod
    def write(rows: Rows) -> None:
        """Writes a batch: the accounts first, then everything that points at them."""
        bulk.write(User, USER_COLUMNS, rows.users)
        emails = [row[0] for row in rows.users]
        ids_by_email = dict(User.objects.filter(email__in=emails).values_list("email", "id"))
        ids = [ids_by_email[email] for email in emails]
        bulk.write(
            EmailAddress,
            ("user_id", "email", "verified", "primary"),
            [(ids[n], email, True, True) for n, email in enumerate(emails)],
        )

        def owned(table: list[tuple]) -> list[tuple]:
            return [(ids[row[0]], *row[1:]) for row in table]

        bulk.write(LessonCompletion, COMPLETION_COLUMNS, owned(rows.completions))
        bulk.write(QuizAttempt, ATTEMPT_COLUMNS, owned(rows.attempts))
        bulk.write(Enrolment, ENROLMENT_COLUMNS, owned(rows.enrolments))
        bulk.write(Certificate, CERTIFICATE_COLUMNS, owned(rows.certificates))
