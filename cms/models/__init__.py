from cms.models.glossary import GlossaryPage, GlossaryTerm
from cms.models.lectures import (
    GuestLectureIndexPage,
    GuestLecturePage,
    LectureModuleLink,
    LectureSpeaker,
    LectureTag,
    Speaker,
)
from cms.models.pages import HomePage, StandardPage
from cms.models.site_settings import SiteLinks

__all__ = [
    "GlossaryPage",
    "GlossaryTerm",
    "GuestLectureIndexPage",
    "GuestLecturePage",
    "HomePage",
    "LectureModuleLink",
    "LectureSpeaker",
    "LectureTag",
    "SiteLinks",
    "Speaker",
    "StandardPage",
]
