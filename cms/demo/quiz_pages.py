"""Quiz pages, and the futurist test, from their YAML in `content/course/`.

Every question, choice, ordering item and matching pair gets an id made from its key in the
content, because learners' answers are stored against these ids.
"""

from __future__ import annotations

from typing import Any

from cms.demo.base import stable_id
from cms.demo.source import ContentError, rich_text
from courses.models import QuizPage, QuizProfile


def _item(name: str, value: Any) -> dict:
    return {"type": "item", "value": value, "id": stable_id(name)}


def quiz_page(key: str, text: dict, language: str) -> QuizPage:
    return QuizPage(
        title=text["title"],
        slug=text["slug"],
        intro=rich_text(text.get("intro", "")),
        questions=[_question(f"{key}/{language}", q) for q in text["questions"]],
        pass_mark=text.get("pass_mark", 75),
        max_attempts=text.get("max_attempts", 3),
        shuffle_choices=True,
        reveal_answers=QuizPage.Reveal.AFTER_LAST_ATTEMPT
        if text.get("max_attempts", 3)
        else QuizPage.Reveal.AFTER_PASS,
    )


def _question(quiz_key: str, question: dict) -> dict:
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
            _item(
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
        value["items"] = [_item(f"{key}/{n}", text) for n, text in enumerate(question["items"])]
    elif kind == "matching":
        value["pairs"] = [
            _item(f"{key}/{n}", {"left": pair["left"], "right": pair["right"]})
            for n, pair in enumerate(question["pairs"])
        ]
    else:
        raise ContentError(f"{key}: unknown question type ‘{kind}’")
    return {"type": kind, "value": value, "id": stable_id(key)}


def futurist_test_page(key: str, text: dict, language: str) -> QuizPage:
    """The profile quiz; its profiles are linked to modules later, once the modules exist."""
    key = f"{key}/{language}"
    questions = [
        {
            "type": "profile",
            "id": stable_id(f"{key}/{question['key']}"),
            "value": {
                "prompt": rich_text(question["prompt"]),
                "choices": [
                    _item(
                        f"{key}/{question['key']}/{n}",
                        {
                            "text": choice["text"],
                            "points": [
                                _item(
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
