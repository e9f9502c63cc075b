"""What courses listen to: a visitor's learning joins their account when they sign up or
log in, and a change in a course's structure re-evaluates its learners' completion."""

import logging
from functools import partial

from allauth.account.signals import user_signed_up
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.completion import course_key_of
from courses.learners.merge import merge_session_into_account
from courses.models import CoursePage, LessonPage, ModulePage, QuizPage
from courses.tasks import reevaluate_completion_task

logger = logging.getLogger(__name__)
COURSE_PAGE_TYPES = (CoursePage, ModulePage, LessonPage, QuizPage)


def _merge(request, user) -> None:
    if request is None or not hasattr(request, "session"):
        return
    for title in merge_session_into_account(request.session, user):
        messages.warning(
            request,
            _(
                "Together with your earlier attempts you had taken “%(quiz)s” more times "
                "than it allows: your best attempts within the limit were kept."
            )
            % {"quiz": title},
            fail_silently=True,
        )


@receiver(user_logged_in, dispatch_uid="courses_merge_on_login")
def merge_on_login(sender, request, user, **kwargs):
    _merge(request, user)


@receiver(user_signed_up, dispatch_uid="courses_merge_on_signup")
def merge_on_signup(sender, request, user, **kwargs):
    _merge(request, user)


def _enqueue(course_key) -> None:
    try:
        reevaluate_completion_task.delay(str(course_key))
    except Exception:
        # The next structure change, or a learner's next step, completes them instead.
        logger.exception("Could not queue re-evaluating course %s", course_key)


def _reevaluate_after_commit(course_key) -> None:
    """Queues a re-evaluation of the course once the change commits (a rolled back change
    queues nothing; running it twice is harmless)."""
    if course_key is not None:
        transaction.on_commit(partial(_enqueue, course_key))


def _structure_changed(sender, instance, **kwargs):
    if isinstance(instance, COURSE_PAGE_TYPES):
        _reevaluate_after_commit(course_key_of(instance))


for _signal in (page_published, page_unpublished):
    _signal.connect(_structure_changed, dispatch_uid=f"courses_reevaluate_{id(_signal)}")


@receiver(post_page_move, dispatch_uid="courses_reevaluate_on_move")
def reevaluate_on_move(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if isinstance(instance.specific_deferred, COURSE_PAGE_TYPES):
        _reevaluate_after_commit(course_key_of(parent_page_before))
        _reevaluate_after_commit(course_key_of(instance))


@receiver(pre_delete, dispatch_uid="courses_reevaluate_on_delete")
def reevaluate_on_delete(sender, instance, **kwargs):
    if isinstance(instance, COURSE_PAGE_TYPES):
        _reevaluate_after_commit(course_key_of(instance))
    elif type(instance) is Page and issubclass(instance.specific_class or Page, COURSE_PAGE_TYPES):
        _reevaluate_after_commit(course_key_of(instance))
