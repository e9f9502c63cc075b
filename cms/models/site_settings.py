from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="link")
class SiteLinks(BaseSiteSetting):
    """Pages every page links to from its footer. Each link goes to the page's translation
    in the visitor's language."""

    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every page's footer and from the sign-up form."),
    )
    feedback_email = models.EmailField(
        _("accessibility feedback email"),
        blank=True,
        help_text=_("Where visitors report accessibility problems; answered within 14 days."),
    )

    panels = [
        FieldPanel("about_page"),
        FieldPanel("accessibility_statement"),
        FieldPanel("privacy_notice"),
        FieldPanel("feedback_email"),
    ]

    class Meta:
        verbose_name = _("site links")
