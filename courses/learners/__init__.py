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
    if request.user.is_authenticated:
        return AccountLearner(request.user)
    return SessionLearner(request.session)
