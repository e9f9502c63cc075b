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


def planned_answer(question: dict, *, right: bool) -> dict:
    """What a learner picks for one question, every answer right or every answer wrong:
    "choices" (labels to tick), "value" (true/false), "positions" (item -> position) or
    "matches" (left -> right label)."""
    kind = question["type"]
    if kind in ("single_choice", "multiple_choice"):
        choices = [c["text"] for c in question["choices"] if bool(c.get("correct")) == right]
        if kind == "single_choice" or not right:
            choices = choices[:1]
        return {"choices": choices}
    if kind == "true_false":
        answer = question["answer"] if right else not question["answer"]
        return {"value": "true" if answer else "false"}
    if kind == "ordering":
        items = question["items"] if right else list(reversed(question["items"]))
        return {"positions": {item: position for position, item in enumerate(items, start=1)}}
    rights = [pair["right"] for pair in question["pairs"]]
    if not right:
        rights = rights[1:] + rights[:1]
    return {
        "matches": {
            pair["left"]: label for pair, label in zip(question["pairs"], rights, strict=True)
        }
    }


def answer_quiz(page, questions: list[dict], *, right: bool) -> None:
    """Fills in the quiz form with the mouse: every answer right, or every answer wrong."""
    fieldsets = page.locator("fieldset.question")
    assert fieldsets.count() == len(questions)
    for index, question in enumerate(questions):
        fieldset = fieldsets.nth(index)
        plan = planned_answer(question, right=right)
        for label in plan.get("choices", []):
            fieldset.get_by_label(label, exact=True).check()
        if "value" in plan:
            fieldset.locator(f"input[value={plan['value']}]").check()
        for item, position in plan.get("positions", {}).items():
            fieldset.get_by_label(item, exact=True).select_option(str(position))
        for left, label in plan.get("matches", {}).items():
            fieldset.get_by_label(left, exact=True).select_option(label=label)
    page.locator("#quiz-form button[type=submit]").click()
