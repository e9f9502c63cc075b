from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Foresight plans")

    def ready(self) -> None:
        from plans import privacy, receivers  # noqa: F401
