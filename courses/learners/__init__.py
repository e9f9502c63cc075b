"""Who is learning: an account (rows in the database) or an anonymous visitor (the session).

Both offer the same operations (`base.Learner`), so views and pages never branch on which
one they have. `merge` moves a visitor's work into their account when they sign in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from courses.learners.account import AccountLearner
from courses.learners.base import Learner
from courses.learners.session import SessionLearner

if TYPE_CHECKING:
    from django.http import HttpRequest

__all__ = ["AccountLearner", "Learner", "SessionLearner", "learner_for"]


def learner_for(request: HttpRequest) -> Learner:
    """The request's learner: one per request, so what it read once (an enrolment) it
    does not read again."""
    learner = getattr(request, "_learner", None)
    if learner is None or learner.user_id != getattr(request.user, "pk", None):
        if request.user.is_authenticated:
            learner = AccountLearner(request.user)
        else:
            learner = SessionLearner(request.session)
        request._learner = learner
    return learner
