from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.permissions import NoAddingByHandPolicy, chooser_requiring
from events.models import EventPage, Organisation, Registration

# Sign-ups come from the sign-up form only, which keeps the seats: none added by hand.
register_permission_policy(Registration, NoAddingByHandPolicy(Registration))


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]


class RegistrationViewSet(SnippetViewSet):
    """Who signed up for which event: filter by event, export the list (CSV or XLSX),
    mark attendance in the edit form."""

    model = Registration
    chooser_viewset_class = chooser_requiring("events.view_registration")
    icon = "list-ul"
    menu_label = _("Sign-ups")
    list_display = [
        "name",
        "email",
        Column("event", label=_("Event")),
        "status",
        "seat",
        "created_at",
        "attended",
    ]
    list_filter = ["event", "status", "attended"]
    list_export = [
        "event",
        "name",
        "email",
        "language",
        "status",
        "seat",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "attended",
    ]
    export_filename = "sign-ups"
    search_fields = ["name", "email"]
    ordering = ["event", "status", "seat", "confirmed_at"]
    add_to_admin_menu = False
    copy_view_enabled = False
    panels = [
        FieldPanel("event", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("attended"),
    ]


class EventsViewSetGroup(SnippetViewSetGroup):
    items = (RegistrationViewSet, OrganisationViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "events"


register_snippet(EventsViewSetGroup)


@hooks.register("register_page_listing_buttons")
def attendee_list_button(page, user, next_url=None, **kwargs):
    if isinstance(page.specific_deferred, EventPage) and user.has_perm("events.view_registration"):
        url = reverse("wagtailsnippets_events_registration:list")
        yield ListingButton(_("Sign-ups"), f"{url}?{urlencode({'event': page.pk})}", priority=30)
