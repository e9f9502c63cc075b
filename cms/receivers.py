"""What starts a new content generation (core/content_cache.py): every change to what a
public page shows. Learners' own records (enrolments, completions, attempts, certificates)
are not content and never do: a learner's progress is read per request, never cached."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import content_cache

# Content that is not a page, by label: the glossary, lectures' speakers, tags and links
# to modules, quiz profiles, and what certificates print.
CONTENT_LABELS = (
    "cms.GlossaryTerm",
    "cms.Speaker",
    "cms.LectureTag",
    "cms.LectureSpeaker",
    "cms.LectureModuleLink",
    "courses.QuizProfile",
    "certificates.CertificateTemplate",
    "certificates.CourseCertificate",
)


def content_models() -> tuple[type, ...]:
    return (
        Site,
        Locale,
        Collection,
        PageViewRestriction,
        CollectionViewRestriction,
        get_image_model(),
        get_document_model(),
        *settings_registry,
        *(apps.get_model(label) for label in CONTENT_LABELS),
    )


def _changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page) or sender in CONTENT_MODELS:
        content_cache.bump()


def connect() -> None:
    global CONTENT_MODELS
    CONTENT_MODELS = frozenset(content_models())
    for signal in (post_save, post_delete, page_published, page_unpublished, post_page_move):
        signal.connect(_changed, dispatch_uid=f"content-generation-{id(signal)}")
    m2m_changed.connect(_m2m_changed, dispatch_uid="content-generation-m2m")


def _m2m_changed(sender, instance=None, action="", **kwargs) -> None:
    if action.startswith("post_") and (
        isinstance(instance, Page) or type(instance) in CONTENT_MODELS
    ):
        content_cache.bump()


CONTENT_MODELS: frozenset[type] = frozenset()
