"""The question types, one module each. A type is a block class that knows how to draw,
show, read, grade, review and count itself; the engine, the views and item analysis call
these methods and never ask which type a question is. Adding a type is one module here
(its class) and its template under templates/courses/questions/: every module of this
package is imported below, and defining the class registers it in the quiz's StreamField.

Block ids are the stable question ids and list-item ids the stable choice ids, so a stored
answer always points at what the learner saw. `kind` is stored in every attempt's drawn
questions: never rename one.
"""

import importlib
import pkgutil

from wagtail import blocks

from courses.quizzes.questions.base import (
    AnswerError,
    GradedQuestionBlock,
    QuestionTypeBlock,
    field_name,
    posted,
    question_type,
    question_types,
)

__all__ = [
    "AnswerError",
    "GradedQuestionBlock",
    "QuestionTypeBlock",
    "QuizQuestionsBlock",
    "field_name",
    "posted",
    "question_type",
    "question_types",
]

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")


class QuizQuestionsBlock(blocks.StreamBlock):
    """Every registered question type: graded ones for module and final quizzes, self-test
    ones for profile quizzes such as the futurist test; the page checks the mix fits its
    mode."""

    def __init__(self, local_blocks=None, **kwargs):
        types = [(name, cls()) for name, cls in question_types().items()]
        super().__init__([*types, *(local_blocks or [])], **kwargs)
