from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site-wide building blocks")

    def ready(self) -> None:
        from core.converters import IdConverter
        from core.exports import protect_every_csv_export

        register_converter(IdConverter, "id")
        protect_every_csv_export()
