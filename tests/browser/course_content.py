"""Answers the course's quizzes in a browser from the reviewable content in content/, the
way a learner who knows (or guesses wrong) would."""

from cms.demo import source
from cms.demo.source import CONTENT_DIR


def quiz_questions(language: str, module_key: str | None) -> list[dict]:
    """The questions of a module's quiz, or of the final quiz when module_key is None."""
    if module_key is None:
        return source.read_yaml(CONTENT_DIR / "course" / f"final-quiz.{language}.yaml")["questions"]
    module = next(m for m in source.course_modules() if m.key == module_key)
    return module.quiz[language]["questions"]


def answer_quiz(page, questions: list[dict], *, right: bool) -> None:
    """Fills in the quiz form: every answer right, or every answer wrong."""
    fieldsets = page.locator("fieldset.question")
    assert fieldsets.count() == len(questions)
    for index, question in enumerate(questions):
        fieldset = fieldsets.nth(index)
        kind = question["type"]
        if kind in ("single_choice", "multiple_choice"):
            choices = [c for c in question["choices"] if bool(c.get("correct")) == right]
            if kind == "single_choice" or not right:
                choices = choices[:1]
            for choice in choices:
                fieldset.get_by_label(choice["text"], exact=True).check()
        elif kind == "true_false":
            answer = question["answer"] if right else not question["answer"]
            fieldset.locator(f"input[value={'true' if answer else 'false'}]").check()
        elif kind == "ordering":
            items = question["items"] if right else list(reversed(question["items"]))
            for position, item in enumerate(items, start=1):
                fieldset.get_by_label(item, exact=True).select_option(str(position))
        elif kind == "matching":
            rights = [pair["right"] for pair in question["pairs"]]
            if not right:
                rights = rights[1:] + rights[:1]
            for pair, answer in zip(question["pairs"], rights, strict=True):
                fieldset.get_by_label(pair["left"], exact=True).select_option(label=answer)
    page.locator("#quiz-form button[type=submit]").click()
