"""Bad input, everywhere (DESIGN.md): whatever a visitor or a script sends to a public form or
query parameter, the answer is a 4xx or a page with a message, never a 500, on SQLite and on
PostgreSQL; and rejected input writes nothing.

Hypothesis drives the test client with what a browser would never send: the operators of
SQLite FTS5 and PostgreSQL tsquery (quotes, brackets, `*`, `^`, NEAR, AND/OR/NOT, `:*`, `<->`),
NUL and control characters, lone surrogates (sent as the raw bytes a script can put on the
wire), bidirectional and zero-width marks, combining characters, huge numbers and very long
strings. Every body and query string is percent-encoded by hand, so what reaches the server is
exactly those bytes.

Each example runs in a savepoint that is rolled back: examples start from the same database,
rate limits never trip, and a database error in one example cannot abort the transaction the
next one runs in on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import unicodedata
from contextlib import contextmanager
from itertools import permutations
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from wagtail.models import Locale

from accounts.models import User
from certificates.codes import normalize
from certificates.models import Certificate
from cms.models import GlossaryTerm
from cms.search import MAX_QUERY_LENGTH
from core.names import has_a_letter, normalise_name
from courses.learners.session import SESSION_KEY
from courses.models import (
    LessonCompletion,
    ProfileResultCount,
    QuizAttempt,
    QuizPage,
    Reflection,
)
from courses.quizzes import engine
from courses.quizzes.attempts import start_attempt
from tests.certificates.factories import CertificateFactory
from tests.conftest import attempt_url, progress_url, quiz_answers, quiz_url
from tests.factories import (
    PASSWORD,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    QuizPageFactory,
    UserFactory,
    profile_question,
    quiz_uuid,
    site_home,
)


def fuzz(examples: int) -> hsettings:
    return hsettings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


# What is sent ---------------------------------------------------------------------------

SEARCH_SYNTAX = [
    '"', '""', '"a', 'a"', '"a b"', "'", "''", "(", ")", "()", "((a", "a)", "*", "a*", "*a",
    "**", "^", "^a", "a^2", "NEAR", "NEAR(", "NEAR(a b)", "NEAR(a b, 2)", "NEAR/2", "AND",
    "OR", "NOT", "and", "or", "not", "a AND", "OR b", "NOT NOT", "-", "--", "-a", "+", "+a",
    ":", "a:", ":a", "title:a", "{a b}", "{", "}", "[", "]", "\\", "%", "_", "&", "|", "!",
    "!a", "<->", "<2>", "a <-> b", ":*", "a:*", "&&", "||", ";", "/*", "*/", "'s", "~", "@@",
    "$", ",", ".", "#", "?", "=", "'; DROP TABLE x; --",
]  # fmt: skip
TROUBLE = [
    "\x00", "\x01", "\x08", "\x1b", "\x1f", "\x7f", "\x85", "\u00a0", "\u00ad", "\u034f",
    "\u0301", "\u0308", "\u20dd", "\u180e", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2066", "\u2067", "\u2069",
    "\u2028", "\u2029", "\u3000", "\ufeff", "\ufffd", "\uffff", "\ud800", "\udbff", "\udc00",
    "\udfff", "\U0001f600", "\U0001f469\u200d\U0001f4bb", "\U000e0001", "\U0010ffff", "ﬁ",
    "ß", "İ", "ǅ", "Å", "\u2010", "\u2014", "\u2212", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u0e01\u0e34", "\u1100\u1161", "\u3164",
]  # fmt: skip
WORDS = ["Kurssi", "oppitunti", "Paragraph", "Question", "ennakointi", "signaali", "termi", "ä"]

CHARS = st.one_of(
    st.characters(),
    st.characters(categories=["Cs"]),
    st.sampled_from([char for char in TROUBLE if len(char) == 1]),
)
PIECES = st.one_of(
    st.sampled_from(SEARCH_SYNTAX),
    st.sampled_from(WORDS),
    st.sampled_from(TROUBLE),
    st.text(CHARS, max_size=6),
)


def nasty_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Any text, and text built of search syntax, words and troublesome characters."""
    return st.one_of(
        st.text(CHARS, max_size=max_size),
        st.lists(PIECES, max_size=10).map(" ".join),
        st.lists(PIECES, max_size=10).map("".join),
    )


def long_text(limit: int) -> st.SearchStrategy[str]:
    """Text around and far over a length limit, sometimes padded with whitespace."""
    return st.builds(
        lambda piece, size, pad: pad + (piece * size)[:size] + pad,
        st.sampled_from(["x", "ä", "a ", " ", "\u200b", '"', "e\u0301", "\U0001f600", "\x00"]),
        st.one_of(st.integers(limit - 3, limit + 3), st.integers(0, 3 * limit)),
        st.sampled_from(["", " ", "\n\t", "\u3000"]),
    )


def text_or_bytes(max_size: int = 60) -> st.SearchStrategy[str | bytes]:
    """Text, or raw bytes that need not be UTF-8 at all."""
    return st.one_of(nasty_text(max_size), st.binary(max_size=max_size))


def mostly(plausible: st.SearchStrategy, odd: st.SearchStrategy) -> st.SearchStrategy:
    """`plausible` in about half of the examples (a nested one_of would be flattened, and
    a valid sign-up or answer sheet drawn rarely)."""
    return st.booleans().flatmap(lambda pick: plausible if pick else odd)


NUMBERS = st.one_of(
    st.integers(-3, 12),
    st.integers(-(2**70), 2**70),
    st.sampled_from([2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30]),
).map(str)
PAGES = st.one_of(
    NUMBERS,
    st.sampled_from(["", "0", "-0", "01", "1.0", "1e3", "last", "NaN", "inf", "٣", "１", " 2"]),
    st.just("9" * 5000),
    nasty_text(10),
)
PATH_IDS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.sampled_from([2**31, 2**63 - 1, 2**63, 2**64, 10**30]).map(str),
    st.just("0" * 40 + "1"),
    st.just("9" * 5000),
)


def wire(value: str | bytes) -> bytes:
    """The bytes sent: UTF-8, with a lone surrogate as the bytes a script can send."""
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def pct(value: str | bytes, safe: str = "") -> str:
    return quote(wire(value), safe=safe)


def received(value: str | bytes) -> str:
    """The text a view reads for what was sent: bytes that are not UTF-8 become U+FFFD."""
    return wire(value).decode("utf-8", "replace")


def encoded(fields: list[tuple[str | bytes, str | bytes]]) -> str:
    return "&".join(f"{pct(name)}={pct(value)}" for name, value in fields)


def post_form(client: Client, url: str, fields: list[tuple[str | bytes, str | bytes]]):
    """A form POST whose body is exactly these fields, percent-encoded byte for byte."""
    return client.post(url, encoded(fields), content_type="application/x-www-form-urlencoded")


def collapsed(value: str | bytes) -> str:
    """A name as the site stores it: one Unicode form (NFC), whitespace collapsed."""
    return normalise_name(received(value))


def has_nul(value: str | bytes) -> bool:
    return "\x00" in received(value)


@contextmanager
def rolled_back():
    """One example, undone afterwards (a savepoint inside the test's transaction)."""
    with transaction.atomic():
        cache.clear()  # a Redis cache is outside the transaction
        mail.outbox = []
        yield
        transaction.set_rollback(True)


def is_local(location: str) -> bool:
    return url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"})


# The site ------------------------------------------------------------------------------


@pytest.fixture
def site(db):
    """A published course (lessons with a reflection prompt, a graded quiz and a self-test)
    and a glossary term in every language, so searches find pages and terms."""
    home = site_home()
    course = CoursePageFactory(title="Kurssi ennakoinnista")
    module = ModulePageFactory(parent=course)
    lessons = [LessonPageFactory(parent=module) for _ in range(2)]
    quiz = QuizPageFactory(parent=module)
    for language, _name in settings.LANGUAGES:
        locale, _created = Locale.objects.get_or_create(language_code=language)
        GlossaryTerm.objects.create(
            locale=locale,
            term=f"Heikko signaali {language}",
            anchor=f"heikko-signaali-{language}",
            definition="<p>Varhainen merkki muutoksesta, Paragraph.</p>",
        )
    return {"home": home, "course": course, "lessons": lessons, "quiz": quiz}


PROFILE_KEYS = ["maker", "day-dreamer", "present_tense"]


@pytest.fixture
def self_test(site):
    return QuizPageFactory(
        parent=site["course"],
        mode=QuizPage.Mode.PROFILE,
        required=False,
        questions=[
            profile_question(
                "horizon",
                [
                    ("Viikon", {"present_tense": 2}),
                    ("Vuosi", {"maker": 2}),
                    ("Ikä", {"day-dreamer": 2}),
                ],
            ),
            profile_question("style", [("Heti", {"maker": 1, "present_tense": 1}), ("Uni", {})]),
        ],
        profiles=[{"key": key, "name": key.title()} for key in PROFILE_KEYS],
    )


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Liisa Oppija")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Site search ---------------------------------------------------------------------------

QUERIES = st.one_of(
    text_or_bytes(),
    long_text(MAX_QUERY_LENGTH),
    st.sampled_from(SEARCH_SYNTAX),
)
OTHER_PARAMS = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(["q", "page", "Q", "q[]", "", "lang"]), text_or_bytes(8)),
        st.one_of(QUERIES, PAGES),
    ),
    max_size=3,
)


@fuzz(150)
@given(
    language=st.sampled_from([code for code, _name in settings.LANGUAGES]),
    q=QUERIES,
    page=st.one_of(st.none(), PAGES),
    others=OTHER_PARAMS,
)
def test_search_answers_any_query(site, client, language, q, page, others):
    """/fi/haku/, /sv/sok/, /en/search/ with any q and page: a results page, and a query
    over the length limit is answered with the form's message."""
    with translation.override(language):
        path = reverse("search")
    params = [("q", q)] + ([("page", page)] if page is not None else []) + others
    with rolled_back():
        response = client.get(f"{path}?{encoded(params)}")
    assert response.status_code < 500
    event(f"status {response.status_code}")
    last_q = [value for name, value in params if received(name) == "q"][-1]
    if len(received(last_q).strip()) > MAX_QUERY_LENGTH:
        assert response.status_code == 200
        assert response.context["form"].errors["q"]


# Certificate verification --------------------------------------------------------------

CODE = "7KQ2-M0XD-4HRT-V13P"
LOOK_ALIKES = {"0": "0Oo", "1": "1IiLl"}
PDF = b"%PDF-1.7\n% the certificate as issued\n%%EOF\n"


def typed(parts: list[tuple[int, str]]) -> str:
    """The code as a person types it: any case, look-alikes, separators anywhere."""
    raw = CODE.replace("-", "")
    out = []
    for (variant, separator), char in zip(parts, raw, strict=True):
        choices = LOOK_ALIKES.get(char, char.upper() + char.lower())
        out.append(choices[variant % len(choices)] + separator)
    return "".join(out)


TYPED_CODES = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.sampled_from(["", "", "", "-", " ", "\t", "\u00a0", "\u3000"]),
    ),
    min_size=16,
    max_size=16,
).map(typed)
CODES = mostly(
    st.one_of(TYPED_CODES, st.just(CODE)),
    st.one_of(
        TYPED_CODES.map(lambda code: code.replace(" ", ".", 1)),
        TYPED_CODES.map(lambda code: code.replace("-", "\u2010", 1)),
        text_or_bytes(45),
        long_text(40),
        st.sampled_from([".", "..", ".json", "%", "%2F", "?", "#", " ", "-" * 19, CODE + ".json"]),
    ),
)


@pytest.fixture
def certificate(site, learner):
    return CertificateFactory(
        code=CODE,
        user=learner,
        course=site["course"],
        status=Certificate.Status.READY,
        pdf_sha256=hashlib.sha256(PDF).hexdigest(),
    )


def predictable(code: str | bytes) -> bool:
    """Whether the code reaches the view as sent: not empty, no path separator, UTF-8."""
    return isinstance(code, str) and bool(code) and "/" not in code and received(code) == code


@fuzz(150)
@given(code=CODES, as_json=st.booleans())
def test_verification_answers_any_code(certificate, client, code, as_json):
    """/verify/<code>/ and /verify/<code>.json: found for every typing of the real code,
    404 for anything else."""
    path = f"/verify/{pct(code)}.json" if as_json else f"/verify/{pct(code)}/"
    with rolled_back():
        response = client.get(path)
    assert response.status_code < 500
    event(f"status {response.status_code}")
    if predictable(code):
        found = normalize(code) == CODE
        if not found:
            assert response.status_code == 404
        elif as_json:
            assert response.status_code == 200 and response.json()["code"] == CODE
        elif code == CODE:
            assert response.status_code == 200
        else:
            assert response.status_code == 302
            assert response["Location"] == reverse("verify", args=[CODE])


FILE_NAMES = mostly(st.just("certificate.pdf"), text_or_bytes(30))
UPLOADS = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=3000).map(lambda data: b"%PDF-" + data),
    st.just(PDF),
    st.just(PDF + b"\n"),
    st.just(b""),
    st.just(b"%PDF"),
)
BOUNDARY = "fuzz-boundary-7d1f"


def multipart(field: str, file_name: str | bytes, content: bytes) -> bytes:
    """One file field as a browser sends it, with the file name's bytes as given."""
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="'.encode()
        + wire(file_name)
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + content
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


@fuzz(100)
@given(content=UPLOADS, name=FILE_NAMES, field=mostly(st.just("pdf"), st.sampled_from(["", "PDF"])))
def test_verification_upload_of_any_file(certificate, client, content, name, field):
    """Comparing an uploaded file: a match only for the issued PDF, a message for anything
    that is not a PDF, never a 500."""
    with rolled_back():
        response = client.generic(
            "POST",
            reverse("verify", args=[CODE]),
            multipart(field, name, content),
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
        )
    assert response.status_code < 500
    event(f"status {response.status_code}")
    if name == "certificate.pdf" and field == "pdf":
        if content.startswith(b"%PDF-"):
            assert response.status_code == 200
            assert response.context["upload_matches"] is (content == PDF)
        else:
            assert response.status_code == 400
            assert response.context["upload_error"]


CONTENT_TYPES = st.one_of(
    st.sampled_from(
        [
            "multipart/form-data; boundary=BoUnDaRy",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            'multipart/form-data; boundary="',
            "multipart/form-data; boundary=" + "b" * 300,
            "application/x-www-form-urlencoded",
            "application/pdf",
            "text/plain; charset=utf-16",
            "application/x-www-form-urlencoded; charset=nonexistent",
            "",
        ]
    ),
    st.text(st.characters(codec="ascii", exclude_characters="\r\n"), max_size=40),
)
BODIES = st.one_of(
    st.binary(max_size=2000),
    st.builds(
        lambda head, data, tail: (
            b'--BoUnDaRy\r\nContent-Disposition: form-data; name="pdf"; filename="'
            + head
            + b'"\r\nContent-Type: application/pdf\r\n\r\n%PDF-'
            + data
            + tail
        ),
        st.binary(max_size=40),
        st.binary(max_size=500),
        st.sampled_from([b"\r\n--BoUnDaRy--\r\n", b"", b"\r\n--BoUnDaRy", b"--"]),
    ),
)


@fuzz(100)
@given(content_type=CONTENT_TYPES, body=BODIES)
def test_verification_upload_of_any_body(certificate, client, content_type, body):
    """A POST to the verification page whose body is not what a browser sends."""
    with rolled_back():
        # generic(): post() would re-encode the bytes for the charset named.
        response = client.generic(
            "POST", reverse("verify", args=[CODE]), body, content_type=content_type
        )
    assert response.status_code < 500
    event(f"status {response.status_code}")


@fuzz(80)
@given(
    code=CODES,
    name=st.sampled_from(["certificate_detail", "certificate_pdf", "certificate_confirm_name"]),
    language=st.sampled_from([code for code, _name in settings.LANGUAGES]),
)
def test_learner_certificate_pages_answer_any_code(certificate, learner, code, name, language):
    """The learner's own certificate pages with any code: 404 unless it is theirs."""
    client = logged_in(learner)
    with translation.override(language):
        path = reverse(name, args=["CODE"]).replace("CODE", pct(code))
    with rolled_back():
        response = client.get(path)
    assert response.status_code < 500
    event(f"status {response.status_code}")
    if predictable(code) and normalize(code) != CODE:
        assert response.status_code == 404


# Certificate name confirmation ---------------------------------------------------------

NAMES = st.one_of(
    nasty_text(),
    long_text(200),
    st.text(st.sampled_from([" ", "\t", "\n", "\u00a0", "\u2028", "\u3000"]), max_size=10),
    st.sampled_from(["Liisa Oppija", "  Liisa   Oppija  ", "O'Connor", "Åsa Öberg-Ääli"]),
)


def confirm_url(certificate) -> str:
    with translation.override("fi"):  # the profile view activates the learner's language
        return reverse("certificate_confirm_name", args=[certificate.code])


@pytest.fixture
def awaiting(site, learner):
    return CertificateFactory(
        user=learner, course=site["course"], status=Certificate.Status.AWAITING_NAME, name=""
    )


@fuzz(120)
@given(
    name=st.one_of(NAMES, st.binary(max_size=40)),
    others=st.lists(st.tuples(text_or_bytes(10), text_or_bytes(20)), max_size=2),
    repeat=st.booleans(),
)
def test_name_confirmation_answers_any_name(awaiting, learner, name, others, repeat):
    """Any name: confirmed as collapsed when acceptable, otherwise refused with nothing
    changed."""
    client = logged_in(learner)
    url = confirm_url(awaiting)
    fields = [("name", name)] * (1 + repeat) + others
    with rolled_back():
        response = post_form(client, url, fields)
        assert response.status_code < 500
        event(f"status {response.status_code}")
        certificate = Certificate.objects.get(pk=awaiting.pk)
        user = User.objects.get(pk=learner.pk)
        sent = [value for key, value in fields if received(key) == "name"][-1]
        if response.status_code == 302:
            assert certificate.status == Certificate.Status.PENDING
            assert certificate.name == collapsed(sent) == user.full_name
            assert 0 < len(certificate.name) <= 200 and "\x00" not in certificate.name
        else:
            assert response.status_code == 400
            assert response.context["form"].errors
            assert (certificate.status, certificate.name) == (Certificate.Status.AWAITING_NAME, "")
            assert user.full_name == "Liisa Oppija"
        if has_nul(sent) or not has_a_letter(collapsed(sent)) or len(collapsed(sent)) > 200:
            assert response.status_code == 400


# Format characters (zero-width, direction marks, soft hyphen) and spaces: nothing printed.
INVISIBLE_CHARS = [
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069",
    "\u180e", "\u034f", " ", "\u00a0", "\u3000", "\t",
]  # fmt: skip
INVISIBLE = (
    st.lists(st.sampled_from(INVISIBLE_CHARS), min_size=1, max_size=8)
    .map("".join)
    .filter(lambda name: name.strip())
)


def nothing_visible(name: str) -> bool:
    return all(char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Zs") for char in name)


@pytest.mark.parametrize("where", ["certificate", "profile"])
@fuzz(30)
@given(name=INVISIBLE)
def test_a_name_with_nothing_visible_is_refused(awaiting, learner, where, name):
    """A name of zero-width and direction marks only would print a blank certificate (the
    profile's name becomes the next certificate's): refused like an empty name."""
    assert nothing_visible(name)
    client = logged_in(learner)
    with rolled_back():
        if where == "certificate":
            url = confirm_url(awaiting)
            response = post_form(client, url, [("name", name)])
        else:
            fields = [("full_name", name), ("preferred_language", "fi")]
            response = post_form(client, reverse("profile"), fields)
        assert response.status_code in (200, 400)
        assert response.context["form"].errors
        assert Certificate.objects.get(pk=awaiting.pk).name == ""
        assert User.objects.get(pk=learner.pk).full_name == "Liisa Oppija"


# The profile ---------------------------------------------------------------------------

LANGUAGES = st.one_of(
    st.sampled_from([code for code, _name in settings.LANGUAGES]),
    st.sampled_from(["", "FI", "fi-FI", "de", "en-us", "zh-hans", "x" * 100]),
    text_or_bytes(10),
)


@fuzz(120)
@given(
    full_name=mostly(st.sampled_from(["Liisa Oppija", " Åsa  Öberg "]), NAMES),
    language=mostly(st.sampled_from(["fi", "sv", "en"]), LANGUAGES),
    others=mostly(
        st.just([]),
        st.lists(
            st.tuples(
                st.one_of(
                    st.sampled_from(["email", "is_staff", "is_superuser", "password", "id"]),
                    text_or_bytes(10),
                ),
                st.one_of(st.sampled_from(["1", "on", "x@example.com"]), text_or_bytes(20)),
            ),
            min_size=1,
            max_size=3,
        ),
    ),
)
def test_profile_form_answers_any_input(learner, full_name, language, others):
    """/accounts/profile/: saved as collapsed when acceptable, otherwise the form again with
    nothing changed; other fields never change the account."""
    client = logged_in(learner)
    before = (learner.email, learner.is_staff, learner.is_superuser, learner.password)
    fields = [("full_name", full_name), ("preferred_language", language), *others]
    with rolled_back():
        response = post_form(client, reverse("profile"), fields)
        assert response.status_code < 500
        event(f"status {response.status_code}")
        user = User.objects.get(pk=learner.pk)
        assert (user.email, user.is_staff, user.is_superuser, user.password) == before
        sent_name = [v for k, v in fields if received(k) == "full_name"][-1]
        sent_language = [v for k, v in fields if received(k) == "preferred_language"][-1]
        if response.status_code == 302:
            assert user.full_name == collapsed(sent_name)
            assert 0 < len(user.full_name) <= 200 and "\x00" not in user.full_name
            assert user.preferred_language == received(sent_language)
            assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == received(sent_language)
        else:
            assert response.status_code in (200, 400)
            assert response.context["form"].errors
            assert (user.full_name, user.preferred_language) == ("Liisa Oppija", "fi")


# Lesson progress and reflections -------------------------------------------------------

REFLECTIONS = st.one_of(
    nasty_text(200),
    long_text(settings.REFLECTION_MAX_LENGTH),
    st.binary(max_size=100),
    st.just("<HUGE>"),
)
HUGE = "x" * 2_700_000  # over DATA_UPLOAD_MAX_MEMORY_SIZE; "<HUGE>" in a falsifying example
ACTIONS = st.one_of(
    st.sampled_from(["save", "complete", "", "COMPLETE", "complete ", "complete\x00", "delete"]),
    text_or_bytes(10),
)


@fuzz(100)
@given(
    text=REFLECTIONS,
    action=st.one_of(st.none(), ACTIONS),
    signed_in=st.booleans(),
    others=st.lists(
        st.tuples(
            st.one_of(
                st.builds(lambda t: f"reflection-{t}", text_or_bytes(40).map(received)),
                text_or_bytes(10),
            ),
            text_or_bytes(30),
        ),
        max_size=3,
    ),
)
def test_lesson_progress_answers_any_reflection(site, learner, text, action, signed_in, others):
    """Saving a reflection of any length and characters with any action: saved as stripped,
    or refused with nothing recorded (no Reflection row, no completion, nothing in the
    visitor's session)."""
    text = HUGE if text == "<HUGE>" else text
    lesson = site["lessons"][0]
    client = logged_in(learner) if signed_in else Client()
    field = f"reflection-{lesson.reflection_prompts[0].id}"
    fields = [(field, text)] + ([("action", action)] if action is not None else []) + others
    with rolled_back():
        response = post_form(client, progress_url(lesson), fields)
        assert response.status_code < 500
        event(f"status {response.status_code}")
        session = client.session.get(SESSION_KEY) or {}
        saved = {
            r.prompt_id: r.text for r in Reflection.objects.filter(user=learner, lesson=lesson)
        }
        completed = LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()
        cleaned = received(text).strip()
        if has_nul(text) or len(cleaned) > settings.REFLECTION_MAX_LENGTH:
            assert response.status_code in (400, 413)  # 413: over DATA_UPLOAD_MAX_MEMORY_SIZE
        if response.status_code != 302:
            assert response.status_code in (400, 413)
            assert not saved and not completed
            assert not session.get("reflections") and not session.get("done")
        elif signed_in and [received(k) for k, _v in fields].count(field) == 1:
            prompt = lesson.reflection_prompts[0].id
            assert saved.get(prompt, "") == cleaned
            actions = [received(v) for k, v in fields if received(k) == "action"]
            assert completed is (actions[-1:] == ["complete"])


@fuzz(60)
@given(
    name=st.sampled_from(
        ["lesson_progress", "quiz_start", "quiz_submit", "profile_submit", "quiz_attempt"]
    ),
    object_id=PATH_IDS,
    method=st.sampled_from(["get", "post"]),
)
def test_ids_in_paths(site, learner, name, object_id, method):
    """The numeric ids in the learner's POST addresses: huge, zero-padded, past any column's
    range; 404 or 405, never a 500."""
    kwarg = {"lesson_progress": "lesson_id", "quiz_attempt": "attempt_id"}.get(name, "quiz_id")
    with translation.override("fi"):
        path = reverse(name, kwargs={kwarg: 1}).replace("/1/", f"/{object_id}/")
    with rolled_back():
        response = getattr(logged_in(learner), method)(path)
    assert response.status_code < 500
    event(f"status {response.status_code}")


# Quizzes -------------------------------------------------------------------------------

GRADED_KEYS = ["single", "multiple", "truefalse", "ordering", "matching"]
KNOWN_FIELDS = [engine.field_name(quiz_uuid(key)) for key in GRADED_KEYS] + [
    engine.field_name(quiz_uuid(key), quiz_uuid(key, n))
    for key in ("ordering", "matching")
    for n in range(4)
]
KNOWN_VALUES = ["true", "false", "1", "2", "3", "4", "0", "-1", "99", ""] + [
    quiz_uuid(key, n) for key in GRADED_KEYS for n in range(4)
]
FIELD_NAMES = st.one_of(
    st.sampled_from(KNOWN_FIELDS),
    st.builds(lambda t: f"q-{t}", nasty_text(20)),
    text_or_bytes(10),
)
FIELD_VALUES = st.one_of(st.sampled_from(KNOWN_VALUES), NUMBERS, text_or_bytes(40))
ATTEMPT_FIELDS = st.one_of(
    st.sampled_from(["own", "other", "missing", "twice"]),
    NUMBERS,
    st.sampled_from(["", " 1", "1 ", "+1", "٣", "１", "1" * 30, "0x1"]),
    text_or_bytes(12),
)


@pytest.fixture
def other_attempt(site):
    """Somebody else's open attempt at the quiz."""
    return start_attempt(site["quiz"], {"user": UserFactory()})


@fuzz(100)
@given(
    signed_in=st.booleans(),
    drop=mostly(st.just(set()), st.sets(st.sampled_from(KNOWN_FIELDS), min_size=1, max_size=4)),
    extra=mostly(st.just([]), st.lists(st.tuples(FIELD_NAMES, FIELD_VALUES), max_size=6)),
    attempt_field=mostly(st.just("own"), ATTEMPT_FIELDS),
)
def test_quiz_submission_answers_any_payload(
    site, learner, other_attempt, signed_in, drop, extra, attempt_field
):
    """quiz_start then quiz_submit with answers dropped, replaced and added, and the attempt
    field anything: graded once, or refused with the attempt left open; another learner's
    attempt is never touched."""
    quiz = site["quiz"]
    client = logged_in(learner) if signed_in else Client()
    with rolled_back():
        started = client.post(quiz_url("quiz_start", quiz))
        assert started.status_code == 302
        attempt = QuizAttempt.objects.exclude(pk=other_attempt.pk).get(submitted_at=None)
        right = quiz_answers(attempt)
        del right["attempt"]
        fields = [
            (name, value)
            for name, values in right.items()
            if name not in drop
            for value in (values if isinstance(values, list) else [values])
        ] + extra
        attempt_values = {
            "own": [str(attempt.pk)],
            "other": [str(other_attempt.pk)],
            "missing": [],
            "twice": [str(attempt.pk), str(other_attempt.pk)],
        }.get(attempt_field, [attempt_field])
        fields += [("attempt", value) for value in attempt_values]

        response = post_form(client, quiz_url("quiz_submit", quiz), fields)

        assert response.status_code < 500

        event(f"status {response.status_code}")
        attempt.refresh_from_db()
        other_attempt.refresh_from_db()
        assert not other_attempt.is_submitted
        if response.status_code == 302:
            assert attempt.is_submitted
            assert response["Location"] == attempt_url(attempt)
            assert client.get(response["Location"]).status_code == 200
        else:
            assert response.status_code == 400
            assert not attempt.is_submitted


PROFILE_FIELDS = [engine.field_name(quiz_uuid(key)) for key in ("horizon", "style")]


@fuzz(100)
@given(
    picks=st.lists(mostly(st.integers(0, 3), FIELD_VALUES), min_size=2, max_size=2),
    drop=mostly(st.just(set()), st.sets(st.sampled_from(PROFILE_FIELDS), max_size=2)),
    extra=mostly(st.just([]), st.lists(st.tuples(FIELD_NAMES, FIELD_VALUES), max_size=4)),
)
def test_self_test_submission_answers_any_payload(self_test, client, picks, drop, extra):
    """profile_submit with any answers: a result page, or refused with nothing counted."""
    keys = ("horizon", "style")
    fields = [
        (name, quiz_uuid(key, pick) if isinstance(pick, int) else pick)
        for name, key, pick in zip(PROFILE_FIELDS, keys, picks, strict=True)
        if name not in drop
    ] + extra
    with rolled_back():
        response = post_form(client, quiz_url("profile_submit", self_test), fields)
        assert response.status_code < 500
        event(f"status {response.status_code}")
        if response.status_code == 302:
            assert response["Location"].startswith(f"{self_test.url}result/")
            assert client.get(response["Location"]).status_code == 200
            assert ProfileResultCount.objects.filter(quiz=self_test).count() == 1
        else:
            assert response.status_code == 400
            assert not ProfileResultCount.objects.exists()


RESULTS = {"/".join(keys) for n in (1, 2, 3) for keys in permutations(PROFILE_KEYS, n)}
RESULT_KEYS = st.one_of(
    st.sampled_from(sorted(RESULTS)),
    st.lists(
        st.one_of(st.sampled_from(PROFILE_KEYS + ["", "MAKER", "maker ", ".."]), nasty_text(8)),
        min_size=1,
        max_size=4,
    ).map("/".join),
    st.binary(max_size=20),
)


@fuzz(100)
@given(keys=RESULT_KEYS)
def test_self_test_result_answers_any_keys(self_test, client, keys):
    """<self-test>/result/<keys>/: the page for a combination of distinct profiles, 404
    for anything else."""
    with rolled_back():
        response = client.get(f"{self_test.url}result/{pct(keys, safe='/')}/")
    assert response.status_code < 500
    event(f"status {response.status_code}")
    if isinstance(keys, str) and received(keys) == keys:
        assert (response.status_code == 200) is (keys in RESULTS)


# Accounts (allauth) --------------------------------------------------------------------

UNICODE_EMAILS = st.builds(
    lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=20),
    st.lists(
        st.text(st.characters(categories=["L", "N", "Mn", "Cf"]), min_size=1, max_size=70),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["fi", "com", "рф", "ελ", "xn--p1ai", "xn--", "a" * 64, "1", ""]),
)
EMAILS = mostly(
    st.emails(),
    st.one_of(
        UNICODE_EMAILS,
        st.sampled_from(
            [
                "",
                "@",
                "a@",
                "@b.fi",
                "a@b",
                "a@@b.fi",
                "a b@c.fi",
                '"a b"@c.fi',
                "a@b.fi\n",
                "a@[127.0.0.1]",
                "a@[IPv6:::1]",
                "a@-b.fi",
                "a@b..fi",
                "x" * 300 + "@b.fi",
                "a@" + "b" * 300 + ".fi",
                "A@B.FI",
                "learner@example.com\x00",
            ]
        ),
        nasty_text(40),
    ),
)
PASSWORDS = st.one_of(
    st.just(PASSWORD), st.just(""), st.just("1234"), nasty_text(40), long_text(4096)
)


@fuzz(100)
@given(
    email=mostly(EMAILS, st.sampled_from(["taken", "TAKEN"])),
    password=mostly(st.just(PASSWORD), PASSWORDS),
    confirm=mostly(st.just("same"), PASSWORDS),
    full_name=st.one_of(NAMES, st.binary(max_size=20)),
    language=LANGUAGES,
)
def test_sign_up_answers_any_input(learner, client, email, password, confirm, full_name, language):
    """/accounts/signup/: an account (or allauth's pretended success for a taken address),
    or the form again with no account made."""
    email = {"taken": learner.email, "TAKEN": learner.email.upper()}.get(email, email)
    fields = [
        ("email", email),
        ("password1", password),
        ("password2", password if confirm == "same" else confirm),
        ("full_name", full_name),
        ("preferred_language", language),
    ]
    with rolled_back():
        users = User.objects.count()
        response = post_form(client, reverse("account_signup"), fields)
        assert response.status_code < 500
        event(f"status {response.status_code}")
        if response.status_code == 302:
            assert is_local(response["Location"])
            assert User.objects.count() <= users + 1
            new = User.objects.exclude(pk=learner.pk).first()
            if new is not None:
                assert new.email.lower() == received(email).strip().lower()
                assert new.full_name == collapsed(full_name)
        else:
            assert response.status_code in (200, 400, 429)
            assert User.objects.count() == users
            assert not EmailAddress.objects.exclude(user=learner).exists()


NEXTS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "/fi/my/",
            "//evil.example/",
            "/\\evil.example/",
            "https://evil.example/",
            "http://testserver/fi/",
            "javascript:alert(1)",
            "\x00",
            "/%0a/evil",
            " //evil.example",
            "https:evil.example",
            "///evil.example",
        ]
    ),
    text_or_bytes(30),
)


@fuzz(100)
@given(
    login=mostly(st.sampled_from(["learner", "LEARNER"]), EMAILS),
    password=mostly(st.just(PASSWORD), PASSWORDS),
    remember=st.one_of(st.none(), st.sampled_from(["on", "true", "", "0"]), text_or_bytes(5)),
    next_url=NEXTS,
    method=st.sampled_from(["get", "post"]),
)
def test_login_answers_any_input(learner, client, login, password, remember, next_url, method):
    """/accounts/login/ with any login, password and next: never a 500, and a redirect only
    to this site."""
    login = {"learner": learner.email, "LEARNER": learner.email.upper()}.get(login, login)
    query = f"?next={pct(next_url)}" if next_url is not None else ""
    fields = [("login", login), ("password", password)]
    if remember is not None:
        fields.append(("remember", remember))
    with rolled_back():
        users = User.objects.count()
        if method == "get":
            response = client.get(reverse("account_login") + query)
        else:
            response = client.post(
                reverse("account_login") + query,
                encoded(fields),
                content_type="application/x-www-form-urlencoded",
            )
        assert response.status_code < 500
        event(f"status {response.status_code}")
        assert User.objects.count() == users
        if response.status_code in (301, 302, 303):
            assert is_local(response["Location"]), response["Location"]


@fuzz(80)
@given(email=mostly(st.just("learner"), EMAILS))
def test_password_reset_answers_any_email(learner, client, email):
    """/accounts/password/reset/: the same answer for any address, at most one email."""
    email = learner.email if email == "learner" else email
    with rolled_back():
        response = post_form(client, reverse("account_reset_password"), [("email", email)])
        assert response.status_code < 500
        event(f"status {response.status_code}")
        assert len(mail.outbox) <= 1


@fuzz(80)
@given(
    which=st.sampled_from(["reset", "confirm"]),
    uid=st.one_of(
        st.from_regex(r"[0-9A-Za-z]{1,30}", fullmatch=True),
        st.just("z" * 14),
        st.just("0"),
        text_or_bytes(10),
    ),
    key=st.one_of(st.from_regex(r"[-:\w]{1,80}", fullmatch=True), text_or_bytes(40)),
    method=st.sampled_from(["get", "post"]),
    password=PASSWORDS,
)
def test_account_key_links_answer_any_key(learner, client, which, uid, key, method, password):
    """The links in allauth's emails (password reset, email confirmation) with any key."""
    if which == "reset":
        path = f"/accounts/password/reset/key/{pct(uid)}-{pct(key)}/"
    else:
        path = f"/accounts/confirm-email/{pct(key)}/"
    fields = [("password1", password), ("password2", password)]
    with rolled_back():
        before = learner.password
        if method == "get":
            response = client.get(path)
        else:
            response = post_form(client, path, fields)
        assert response.status_code < 500
        event(f"status {response.status_code}")
        learner.refresh_from_db()
        assert learner.password == before
        assert not EmailAddress.objects.filter(verified=False).exists()


@fuzz(60)
@given(
    language=LANGUAGES,
    next_url=NEXTS,
    method=st.sampled_from(["get", "post"]),
)
def test_language_switch_answers_any_input(client, db, language, next_url, method):
    """/i18n/setlang/ with any language and next: never a 500, never off-site."""
    fields = [("language", language)] + ([("next", next_url)] if next_url is not None else [])
    with rolled_back():
        if method == "get":
            response = client.get(f"/i18n/setlang/?{encoded(fields)}")
        else:
            response = post_form(client, "/i18n/setlang/", fields)
    assert response.status_code < 500
    event(f"status {response.status_code}")
    if response.status_code in (301, 302, 303):
        assert is_local(response["Location"]), response["Location"]
