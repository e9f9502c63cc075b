from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import backends, privacy

        backends.connect()
        privacy.register_platform()


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with forms for our email-and-full-name user model."""

    user_viewset = "accounts.viewsets.UserViewSet"
