from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from accounts import admin_views


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path(
            "users/<int:user_id>/data-export/",
            admin_views.data_export,
            name="accounts_data_export",
        ),
    ]


@hooks.register("register_user_listing_buttons")
def data_export_button(user, request_user):
    if request_user.has_perm("accounts.change_user"):
        yield Button(
            _("Export data"),
            reverse("accounts_data_export", args=[user.pk]),
            icon_name="download",
            priority=60,
        )


# After Wagtail's own (order 0), so that it replaces Wagtail's user deletion in bulk.
hooks.register("register_bulk_action", admin_views.UserBulkDeleteAction, order=1)
