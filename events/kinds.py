"""The kinds and languages of events (below the models, so that the listing can use them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FUTURE_WORKSHOP = "future-workshop", _("Future workshop")
    SECTOR_WORKSHOP = "sector-workshop", _("Sector workshop")
    GUEST_LECTURE = "guest-lecture", _("Guest lecture")
    WEBINAR = "webinar", _("Webinar")
    NETWORK_MEETING = "network-meeting", _("Network meeting")
    LIVE_SESSION = "live-session", _("Course live session")


class EventLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    MULTI = "multi", _("Several languages")
