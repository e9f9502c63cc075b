from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links each language to the translated page where one exists, else that language's home."""
    request = context["request"]
    current = translation.get_language()
    page = context.get("page")
    targets = {}
    if isinstance(page, Page) and page.id:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            targets[translated.locale.language_code] = translated.get_url(request)
    site = Site.find_for_request(request)
    homes = {}
    if site is not None:
        for home in site.root_page.get_translations(inclusive=True).live().select_related("locale"):
            homes[home.locale.language_code] = home.get_url(request)
    languages = []
    for code, name in settings.LANGUAGES:
        url = targets.get(code)
        if url is None and not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url or homes.get(code) or f"/{code}/",
                "current": code == current,
            }
        )
    return {"languages": languages, "next": request.get_full_path()}


@register.simple_tag(takes_context=True)
def localized_home_url(context) -> str:
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return "/"
    return site.root_page.localized.get_url(request) or "/"
