"""The learners of `make bench-load`: Locust users that do what the course's visitors do.

bench/loadtest.py prepares the site and runs this file with Locust; it is not meant to be
run alone. It reads the run's plan (the course's paths, the quizzes' answer keys, the mail
folder) from the JSON file BENCH_LOAD_PLAN names, and writes what happened (every request
type's response times, the failures, and every write the server confirmed) to the file
the plan names when Locust quits.

- A **reader** stays anonymous: the home page, the course, a module, a few lessons.
- A **learner** starts anonymous (lessons marked complete stay in the session, a quiz
  attempt is kept under the session's token), signs up with allauth's form at some point
  in the first module, confirms the address from the email the site sent (read from the
  file email backend's folder), and goes on signed in: every lesson marked complete, every
  quiz started and submitted (with the answers a learner who studied would mostly give,
  again when failed while attempts are left), the dashboard after each module. Then the
  next learner, a new person with a new address, starts in the same Locust user.

Every request must answer its status (200 for a page, 302 for a form sent) and be in the
state it claims (signed in or not); anything else, or a timeout, is a failure. Between
two requests a user pauses BENCH_LOAD_PAUSE seconds (0.3-1.2), as a reader does.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import secrets
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, events, task

PLAN = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text())
PAUSE = tuple(PLAN["pause"])
WRITES: list[dict] = []
_people = itertools.count(1)
RUN = f"{PLAN['run']}{secrets.token_hex(2)}"  # addresses unique however often this runs
_started = {"at": 0.0}
UUID_LENGTH = 36  # a question's field names start with q-<its block id>


# Reading pages -------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    id: str = ""
    inputs: list[dict] = field(default_factory=list)  # name, type, value
    selects: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (value, label)

    def hidden(self) -> list[tuple[str, str]]:
        return [(i["name"], i["value"]) for i in self.inputs if i["type"] == "hidden"]


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = Form(action=attrs.get("action", ""), id=attrs.get("id", ""))
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in ("input", "textarea") and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else "textarea"
            self._form.inputs.append(
                {"name": attrs["name"], "type": kind, "value": attrs.get("value", "")}
            )
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self._form.selects[self._select] = []
        elif tag == "option" and self._select:
            self._option = [attrs.get("value", ""), ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select and self._form:
            self._form.selects[self._select].append((self._option[0], self._option[1].strip()))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_with(html: str, *, id: str = "", action: str = "") -> Form | None:
    for form in forms_in(html):
        if (id and form.id == id) or (action and action in form.action):
            return form
    return None


def quiz_answers(form: Form, key: dict[str, dict], knows: float) -> list[tuple[str, str]]:
    """Every question of the form answered: as the quiz's answer key says for a question the
    learner knows (chance `knows`), otherwise a guess. Orderings and matchings get every
    position or match once, as a learner would fill them."""
    data = form.hidden()
    choices: dict[str, list[tuple[str, str]]] = {}
    for entry in form.inputs:
        if entry["type"] in ("radio", "checkbox"):
            choices.setdefault(entry["name"], []).append((entry["type"], entry["value"]))
    known = {qid for qid in key if random.random() < knows}
    right: dict[str, list[str] | str] = {}
    for qid in known:
        right.update(key[qid])
    for name, options in choices.items():
        if name in right:
            answer = right[name]
            data += [(name, value) for value in answer] if isinstance(answer, list) else []
        elif options[0][0] == "radio":
            data.append((name, random.choice(options)[1]))
        else:
            picked = random.sample(options, random.randint(1, len(options)))
            data += [(name, value) for _kind, value in picked]
    groups: dict[str, list[str]] = {}
    for name in form.selects:
        groups.setdefault(name[: len("q-") + UUID_LENGTH], []).append(name)
    for names in groups.values():
        values = [(value, label) for value, label in form.selects[names[0]] if value]
        guesses = random.sample(values, len(values)) if len(values) == len(names) else values
        for n, name in enumerate(names):
            answer = right.get(name)
            if isinstance(answer, dict):  # matching: the right side's text
                answer = next((v for v, label in values if label == answer["label"]), None)
            data.append((name, answer or guesses[n % len(guesses)][0]))
    return data


class Mailbox:
    """The file email backend's folder: the confirmation link sent to each address."""

    LINK = re.compile(r"/accounts/confirm-email/[^\s/]+/")

    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.sizes: dict[str, int] = {}
        self.links: dict[str, str] = {}

    def _scan(self) -> None:
        if not self.folder.exists():
            return
        for path in self.folder.iterdir():
            size = path.stat().st_size
            if self.sizes.get(path.name) == size:
                continue
            self.sizes[path.name] = size
            text = path.read_text(errors="replace").replace("=\n", "")
            for message in text.split("-" * 79):
                to = re.search(r"^To: (\S+)", message, re.MULTILINE)
                link = self.LINK.search(message.replace("=3D", "="))
                if to and link:
                    self.links[to.group(1).lower()] = link.group(0)

    def link_for(self, email: str, wait: float) -> str | None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            self._scan()
            if email in self.links:
                return self.links.pop(email)
            gevent.sleep(0.25)
        return None


MAILBOX = Mailbox(PLAN["mail"])


# The visitors --------------------------------------------------------------------------


class BehindTheProxy(DefaultCookiePolicy):
    """The site sets its cookies `Secure` (production runs behind a TLS proxy, which the
    X-Forwarded-Proto header stands for here): send them back over the plain loopback."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


class Failed(Exception):
    """A request failed (already counted by Locust): this visit ends here."""


def fail(name: str, problem: str, waited: float = 0.0) -> Failed:
    """A failure that is no request's answer (a form missing from a page that answered
    200, an email that never came): counted by Locust all the same."""
    events.request.fire(
        request_type="CHECK",
        name=name,
        response_time=waited * 1000,
        response_length=0,
        exception=Failed(problem),
        context={},
    )
    return Failed(problem)


class Visitor(FastHttpUser):
    abstract = True
    wait_time = between(*PAUSE)
    network_timeout = connection_timeout = PLAN["timeout"]

    def begin(self) -> None:
        """A new person: no cookies, an address of their own behind the site's proxy."""
        self.client.cookiejar.clear()
        self.client.cookiejar.set_policy(BehindTheProxy())
        self.address = (
            f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        )
        self.signed_in = False
        self.email = ""
        # The pause comes before each request but a visit's first (Locust's wait_time
        # separates visits), so a write is recorded the moment its answer arrives, before
        # the run can end in a pause.
        self.pause_first = False

    def pause(self) -> None:
        gevent.sleep(random.uniform(*PAUSE))

    def session_key(self) -> str:
        return next(
            (c.value for c in self.client.cookiejar if c.name == PLAN["session_cookie"]), ""
        )

    def _wrong_state(self, response) -> str:
        signed_in = PLAN["logout_marker"] in response.text
        if signed_in != self.signed_in:
            return "the page is signed in" if signed_in else "the page is not signed in"
        return ""

    def call(self, method, path, name, *, expect, data=None, referer=None, check=None):
        """One request after a pause; the response when it answered `expect` and passed
        `check`, else the failure is counted and the visit ends (Failed)."""
        headers = {
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Accept-Language": "fi",
        }
        body = None
        if method == "POST":
            origin = "https://" + PLAN["host"]
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + (referer or path),
                }
            )
            body = urlencode(data or [], doseq=True)
        if self.pause_first:
            self.pause()
        self.pause_first = True
        problem = ""
        with self.client.request(
            method,
            path,
            name=name,
            data=body,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if getattr(response, "error", None) is not None and not response.status_code:
                problem = f"{type(response.error).__name__}: {response.error}"
            elif response.status_code != expect:
                problem = f"answered {response.status_code}, not {expect}"
            elif check is not None:
                problem = check(response)
            if problem:
                response.failure(problem)
            else:
                response.success()
        if problem:
            raise Failed(problem)
        return response

    def page(self, path: str, name: str):
        return self.call("GET", path, name, expect=200, check=self._wrong_state)

    def post(self, path: str, name: str, data, referer: str):
        return self.call("POST", path, name, expect=302, data=data, referer=referer)

    def record(self, kind: str, **values) -> None:
        WRITES.append({"kind": kind, "email": self.email, "signed_in": self.signed_in, **values})


class Reader(Visitor):
    """Reads without signing up or marking anything: a visitor from a newsletter link."""

    weight = PLAN["weights"]["reader"]

    @task
    def read(self) -> None:
        self.begin()
        lessons = [item for item in PLAN["items"] if item["kind"] == "lesson"]
        try:
            self.page(PLAN["home"], "home")
            self.page(PLAN["course"], "course page")
            start = random.randrange(len(lessons))
            module = PLAN["modules"][lessons[start]["module"]]
            self.page(module, "module page")
            for lesson in lessons[start : start + random.randint(3, 8)]:
                self.page(lesson["path"], "lesson, anonymous")
        except Failed:
            return


class Learner(Visitor):
    """Takes the course: anonymous at first, then signed up, to the end."""

    weight = PLAN["weights"]["learner"]

    @task
    def learn(self) -> None:
        self.begin()
        self.email = f"learner-{RUN}-{next(_people)}@bench.example"
        items = PLAN["items"]
        first_module = sum(1 for item in items if item["module"] == 0)
        sign_up_at = random.randint(0, first_module)
        try:
            self.page(PLAN["home"], "home")
            self.page(PLAN["course"], "course page")
            module = None
            for index, item in enumerate(items):
                if index == sign_up_at:
                    self.sign_up()
                if item["module"] != module:
                    module = item["module"]
                    if self.signed_in and module:
                        self.page(PLAN["dashboard"], "dashboard")
                    self.page(PLAN["modules"][module], "module page")
                if item["kind"] == "lesson":
                    self.lesson(item)
                else:
                    self.quiz(item)
            self.page(PLAN["dashboard"], "dashboard")
        except Failed:
            return

    def who(self) -> str:
        return "signed in" if self.signed_in else "anonymous"

    def lesson(self, item: dict) -> None:
        response = self.page(item["path"], f"lesson, {self.who()}")
        form = form_with(response.text, id="lesson-form")
        if form is None:
            return
        data = [*form.hidden(), ("action", "complete")]
        self.post(form.action, "lesson completion (POST)", data, item["path"])
        self.record("completion", lesson=item["id"], session=self.session_key())

    def quiz(self, item: dict) -> None:
        name = f"quiz page, {self.who()}"
        for _attempt in range(PLAN["max_attempts"]):
            response = self.page(item["path"], name)
            html = response.text
            form = form_with(html, id="quiz-form")
            if form is None:
                start = form_with(html, action="/start/")
                if start is None:
                    return  # every attempt used
                self.post(start.action, "quiz start (POST)", start.hidden(), item["path"])
                response = self.page(item["path"], name)
                form = form_with(response.text, id="quiz-form")
                if form is None:
                    raise fail("quiz page, open attempt", "no open attempt after starting the quiz")
            answers = quiz_answers(form, PLAN["answers"][str(item["id"])], PLAN["knows"])
            sent = self.post(form.action, "quiz submission (POST)", answers, item["path"])
            result = sent.headers.get("Location", "")
            attempt = re.search(r"/quiz-attempts/(\d+)/", result)
            if attempt is None:
                raise fail("quiz submission (POST)", f"the submission led to {result!r}")
            self.record("attempt", attempt=int(attempt.group(1)), session=self.session_key())
            if PLAN["passed_marker"] in self.page(result, "quiz result").text:
                return

    def sign_up(self) -> None:
        response = self.page(PLAN["signup"], "sign-up form")
        form = form_with(response.text, action=PLAN["signup"])
        if form is None:
            raise fail("sign-up form", "no sign-up form on the page")
        password = secrets.token_urlsafe(12)
        filled = {
            "email": self.email,
            "full_name": f"Oppija {self.email.split('@')[0]}",
            "password1": password,
            "password2": password,
            "preferred_language": "fi",
        }
        data = form.hidden() + [
            (i["name"], filled[i["name"]]) for i in form.inputs if i["name"] in filled
        ]
        data += [(name, filled[name]) for name in form.selects if name in filled]
        session = self.session_key()
        self.call("POST", PLAN["signup"], "sign-up (POST)", expect=302, data=data)
        self.record("signup", session=session)

        link = MAILBOX.link_for(self.email, wait=PLAN["timeout"])
        if link is None:
            wait = PLAN["timeout"]
            raise fail("confirmation email", f"no email in {wait:g} s", wait)
        response = self.page(link, "email confirmation page")
        form = form_with(response.text, action="/accounts/confirm-email/")
        if form is None:
            raise fail("email confirmation page", "no confirmation form on the page")
        self.post(form.action, "email confirmation (POST)", form.hidden(), link)
        self.signed_in = True
        self.record("confirmation")
        self.page(PLAN["dashboard"], "dashboard")


# The results ---------------------------------------------------------------------------


def where(traceback: str) -> str:
    return " ".join(line.strip() for line in traceback.strip().splitlines()[-3:-1])


@events.test_start.add_listener
def _start(environment, **kwargs) -> None:
    _started["at"] = time.time()


@events.quitting.add_listener
def _write_results(environment, **kwargs) -> None:
    stats = environment.stats
    entries = [
        {
            "method": entry.method,
            "name": entry.name,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "times": {str(ms): count for ms, count in entry.response_times.items()},
        }
        for entry in stats.entries.values()
    ]
    errors = [
        {"method": e.method, "name": e.name, "error": str(e.error), "count": e.occurrences}
        for e in stats.errors.values()
    ]
    # An exception inside a task is a bug of this file or an answer it did not expect:
    # counted as a failure too.
    runner = environment.runner
    for exception in runner.exceptions.values() if runner else []:
        errors.append(
            {
                "method": "TASK",
                "name": "exception in a simulated person",
                "error": f"{exception['msg']} at {where(exception['traceback'])}",
                "count": exception["count"],
            }
        )
    Path(PLAN["results"]).write_text(
        json.dumps(
            {
                "started": _started["at"],
                "stopped": time.time(),
                "entries": entries,
                "errors": errors,
                "writes": WRITES,
            }
        )
    )
